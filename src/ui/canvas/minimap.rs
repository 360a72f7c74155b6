//! The minimap: where the view is in the whole model. Drawn from the scene's density grid
//! (a fixed number of cells, whatever the model's size), so it costs the same at 10 or
//! 10 000 components. It shows only while part of the model is out of view.

use egui::{CornerRadius, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Ui, Vec2};

use crate::theme::Mode;
use crate::ui::style::color;

use super::Canvas;
use super::batch::Batch;
use super::scene::MINIMAP_CELLS;

/// Size of the minimap's longer side.
const SIZE: f32 = 180.0;

pub(super) fn ui(canvas: &mut Canvas, ui: &mut Ui, rect: Rect, mode: Mode) {
    let bounds = canvas.scene.bounds;
    if !bounds.is_positive() || !bounds.is_finite() {
        return;
    }
    // While the whole model is in view the minimap tells nothing, and in its corner it
    // would cover components.
    if canvas.camera.visible(rect).contains_rect(bounds) {
        return;
    }
    let aspect = (bounds.height() / bounds.width()).clamp(0.25, 4.0);
    let size = if aspect <= 1.0 {
        Vec2::new(SIZE, SIZE * aspect)
    } else {
        Vec2::new(SIZE / aspect, SIZE)
    };
    let mini = Rect::from_min_size(rect.max - size - Vec2::splat(12.0), size);
    if !rect.contains_rect(mini) {
        return;
    }
    let p = mode.palette();
    let to_mini = |pos: Pos2| {
        Pos2::new(
            mini.min.x + (pos.x - bounds.min.x) / bounds.width() * mini.width(),
            mini.min.y + (pos.y - bounds.min.y) / bounds.height() * mini.height(),
        )
    };
    let mut shapes = vec![
        Shape::rect_filled(
            mini.expand(4.0),
            CornerRadius::same(4),
            color(p.box_fill).gamma_multiply(0.92),
        ),
        Shape::rect_stroke(
            mini.expand(4.0),
            CornerRadius::same(4),
            Stroke::new(1.0, color(p.grid)),
            StrokeKind::Inside,
        ),
    ];
    // Up to MINIMAP_CELLS² little squares: one mesh, not a shape each.
    let mut cells = Batch::new(&mut canvas.meshes, canvas.scene.density.len());
    let cell = Vec2::new(mini.width(), mini.height()) / MINIMAP_CELLS as f32;
    let max = canvas
        .scene
        .density
        .iter()
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    for (i, &count) in canvas.scene.density.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let (x, y) = ((i % MINIMAP_CELLS) as f32, (i / MINIMAP_CELLS) as f32);
        let r = Rect::from_min_size(
            mini.min + Vec2::new(x * cell.x, y * cell.y),
            cell.max(Vec2::splat(2.0)),
        );
        let strength = 0.35 + 0.65 * f32::from(count) / f32::from(max);
        cells.rect(r, color(p.text_muted).gamma_multiply(strength));
    }
    cells.finish(&mut shapes);
    let view = canvas.camera.visible(rect);
    let vr = Rect::from_min_max(to_mini(view.min), to_mini(view.max)).intersect(mini.expand(2.0));
    if vr.is_positive() {
        shapes.push(Shape::rect_stroke(
            vr,
            CornerRadius::ZERO,
            Stroke::new(1.5, color(p.selection)),
            StrokeKind::Inside,
        ));
    }
    ui.painter().extend(shapes);
    let resp = ui.interact(mini, ui.scope_id().with("minimap"), Sense::click_and_drag());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "minimap"));
    if (resp.clicked() || resp.dragged())
        && let Some(pos) = resp.interact_pointer_pos()
    {
        let canvas_pos = Pos2::new(
            bounds.min.x + (pos.x - mini.min.x) / mini.width() * bounds.width(),
            bounds.min.y + (pos.y - mini.min.y) / mini.height() * bounds.height(),
        );
        canvas.target = None;
        canvas.camera = super::camera::Camera::centred_on(rect, canvas_pos, canvas.camera.zoom);
    }
}
