//! Short messages over the canvas (refusals, saves, errors), gone after a few seconds.

use egui::{Align2, Area, Frame, Id, Order, Ui};

use super::actions::Level;

/// How long a message stays.
const SECONDS: f64 = 6.0;

/// The messages on screen.
#[derive(Debug, Default)]
pub struct Toasts {
    items: Vec<(Level, String, f64)>,
    /// The last message, kept for the status bar.
    pub last: Option<(Level, String)>,
}

impl Toasts {
    /// Shows a message.
    pub fn push(&mut self, ctx: &egui::Context, level: Level, text: String) {
        let now = ctx.input(|i| i.time);
        self.items.push((level, text.clone(), now + SECONDS));
        if self.items.len() > 4 {
            self.items.remove(0);
        }
        self.last = Some((level, text));
        ctx.request_repaint_after_secs(SECONDS as f32 + 0.1);
    }

    /// Draws the messages at the top of `rect` and drops expired ones.
    pub fn ui(&mut self, ui: &Ui, rect: egui::Rect) {
        let now = ui.input(|i| i.time);
        self.items.retain(|(_, _, until)| *until > now);
        if self.items.is_empty() {
            return;
        }
        Area::new(Id::unique("archcanvas-toasts"))
            .order(Order::Tooltip)
            .pivot(Align2::CENTER_TOP)
            .fixed_pos(egui::pos2(rect.center().x, rect.top() + 10.0))
            .interactable(false)
            .show(ui.ctx(), |ui| {
                for (level, text, _) in &self.items {
                    let fill = match level {
                        Level::Error => ui.visuals().error_fg_color,
                        Level::Info => ui.visuals().selection.bg_fill,
                    };
                    Frame::popup(ui.style()).stroke((1.5, fill)).show(ui, |ui| {
                        ui.set_max_width(560.0);
                        let color = match level {
                            Level::Error => ui.visuals().error_fg_color,
                            Level::Info => ui.visuals().text_color(),
                        };
                        ui.colored_label(color, text);
                    });
                }
            });
    }
}
