//! The theme's plain colours as egui colours, and the canvas palette for the current mode.

use egui::Color32;

use crate::theme::{Mode, Palette, Rgba};

/// An egui colour from a theme colour.
pub fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// The theme mode matching egui's current light/dark setting.
pub fn mode_of(ctx: &egui::Context) -> Mode {
    match ctx.theme() {
        egui::Theme::Dark => Mode::Dark,
        egui::Theme::Light => Mode::Light,
    }
}

/// The palette for egui's current setting.
pub fn palette_of(ctx: &egui::Context) -> &'static Palette {
    mode_of(ctx).palette()
}
