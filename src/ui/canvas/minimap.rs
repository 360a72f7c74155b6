//! The minimap: where the view is in the whole model. Drawn from the scene's density grid
//! (a fixed number of cells, whatever the model's size) as one small texture, made again only
//! when the grid changes, so a frame costs the same at 10 or 10 000 components. It shows
//! only while part of the model is out of view.

use egui::{
    Color32, ColorImage, Context, CornerRadius, Pos2, Rect, Sense, Shape, Stroke, StrokeKind,
    TextureHandle, TextureId, TextureOptions, Ui, Vec2,
};

use crate::theme::Mode;
use crate::ui::style::color;

use super::Canvas;
use super::scene::MINIMAP_CELLS;

/// The density grid as a texture: one texel a cell, in the theme's muted text colour, more
/// opaque where more components are.
#[derive(Default)]
pub(super) struct DensityTexture {
    /// The grid and theme the texture shows.
    shows: Option<(Vec<u16>, Mode)>,
    handle: Option<TextureHandle>,
}

impl std::fmt::Debug for DensityTexture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DensityTexture")
            .field("loaded", &self.handle.is_some())
            .finish()
    }
}

impl DensityTexture {
    /// The texture of `density` in `mode`, made or updated if it shows something else.
    fn get(&mut self, ctx: &Context, density: &[u16], mode: Mode) -> TextureId {
        let current = self
            .shows
            .as_ref()
            .is_some_and(|(d, m)| d.as_slice() == density && *m == mode);
        if !current || self.handle.is_none() {
            let image = image(density, mode);
            match &mut self.handle {
                Some(handle) => handle.set(image, TextureOptions::NEAREST),
                None => {
                    self.handle =
                        Some(ctx.load_texture("minimap-density", image, TextureOptions::NEAREST));
                }
            }
            self.shows = Some((density.to_vec(), mode));
        }
        self.handle
            .as_ref()
            .map_or(TextureId::default(), TextureHandle::id)
    }
}

/// One texel per cell: empty cells transparent, the others from 35 % to full strength.
fn image(density: &[u16], mode: Mode) -> ColorImage {
    let base = color(mode.palette().text_muted);
    let max = density.iter().copied().max().unwrap_or(1).max(1);
    let mut pixels: Vec<Color32> = density
        .iter()
        .map(|&count| {
            if count == 0 {
                Color32::TRANSPARENT
            } else {
                base.gamma_multiply(0.35 + 0.65 * f32::from(count) / f32::from(max))
            }
        })
        .collect();
    pixels.resize(MINIMAP_CELLS * MINIMAP_CELLS, Color32::TRANSPARENT);
    ColorImage::new([MINIMAP_CELLS, MINIMAP_CELLS], pixels)
}

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
        Shape::rect_filled(mini.expand(4.0), CornerRadius::same(4), color(p.box_fill)),
        Shape::rect_stroke(
            mini.expand(4.0),
            CornerRadius::same(4),
            Stroke::new(1.0, color(p.grid)),
            StrokeKind::Inside,
        ),
    ];
    let texture = canvas
        .density_texture
        .get(ui.ctx(), &canvas.scene.density, mode);
    shapes.push(Shape::image(
        texture,
        mini,
        Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
        Color32::WHITE,
    ));
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
