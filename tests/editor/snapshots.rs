//! Two key screens as images: the shop example in light and in dark.

use archcanvas::ui::AppConfig;
use egui::Vec2;

use crate::support::*;

fn shot(theme: egui::ThemePreference, name: &str) {
    let mut app = app_on(shop(), AppConfig::headless());
    app.set_theme(theme);
    let mut h = egui_kittest::Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut archcanvas::ui::App| app.show(ui), app);
    h.run();
    // Kept beside this crate's manifest, wherever the tests are run from.
    let options = egui_kittest::SnapshotOptions::new()
        .output_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    h.snapshot_options(name, &options);
}

#[test]
fn shop_light() {
    shot(egui::ThemePreference::Light, "shop_light");
}

#[test]
fn shop_dark() {
    shot(egui::ThemePreference::Dark, "shop_dark");
}
