//! The palette (left panel): one button per kind, clicked to add at the view's centre or
//! dragged onto the canvas; and the type new connections get.

use egui::{Sense, Ui, Vec2};

use crate::model::{ConnectionType, Kind};
use crate::theme::icon;

use super::actions::Actions;
use super::canvas::Canvas;
use super::canvas::paint::accent;
use super::canvas::shapes;
use super::document::Document;
use super::style::mode_of;

/// Draws the palette.
pub fn ui(ui: &mut Ui, canvas: &mut Canvas, doc: &Document, actions: &mut Actions) {
    ui.add_space(4.0);
    ui.strong("Add");
    ui.weak("click, or drag onto the canvas");
    ui.add_space(4.0);
    let mode = mode_of(ui.ctx());
    for kind in Kind::ALL {
        let id = egui::Id::unique(("palette", kind.keyword()));
        let (rect, resp) = ui.allocate_exact_size(
            Vec2::new(ui.available_width(), 26.0),
            Sense::click_and_drag(),
        );
        // Dragging carries the kind to the canvas, which adds it where it is dropped.
        resp.dnd_set_drag_payload(kind);
        let visuals = ui.style().interact(&resp);
        ui.painter().rect_filled(rect, 4.0, visuals.weak_bg_fill);
        let mut out = Vec::new();
        shapes::icon(
            &mut out,
            icon(kind),
            rect.left_center() + Vec2::new(6.0, -8.0),
            16.0,
            egui::Stroke::new(1.3, accent(kind, mode)),
        );
        ui.painter().extend(out);
        ui.painter().text(
            rect.left_center() + Vec2::new(30.0, 0.0),
            egui::Align2::LEFT_CENTER,
            kind.label(),
            egui::FontId::proportional(13.0),
            visuals.text_color(),
        );
        if resp.dragged()
            && let Some(p) = ui.ctx().pointer_interact_pos()
        {
            ui.painter()
                .clone()
                .with_layer_id(egui::LayerId::new(egui::Order::Tooltip, id))
                .text(
                    p + Vec2::new(12.0, 0.0),
                    egui::Align2::LEFT_CENTER,
                    format!("+ {}", kind.label()),
                    egui::FontId::proportional(13.0),
                    visuals.text_color(),
                );
        }
        let label = format!("add {}", kind.keyword());
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let resp = resp.on_hover_text(format!("Add a {}", kind.label().to_lowercase()));
        if resp.clicked() {
            let c = canvas.view_centre();
            // Offset repeated clicks so new boxes do not stack exactly.
            let n = doc.arch.components.len() % 5;
            let pos = c + Vec2::splat(n as f32 * 20.0);
            canvas.add_at(kind, pos, doc, actions);
        }
    }
    ui.add_space(12.0);
    ui.strong("Connect as");
    let current = canvas.connect_as.map_or("automatic", ConnectionType::label);
    egui::ComboBox::from_id_salt("connect-as")
        .selected_text(current)
        .width(ui.available_width() - 8.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut canvas.connect_as, None, "automatic");
            for ty in ConnectionType::ALL {
                ui.selectable_value(&mut canvas.connect_as, Some(ty), ty.label());
            }
        })
        .response
        .on_hover_text("type of new connections");
    ui.weak("Drag from a handle on a component's border to another component.");
}
