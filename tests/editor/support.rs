//! Shared set-up: an app on a model, in a harness the size of a laptop window.

use archcanvas::model::{Architecture, Component, Id, Kind, Placement};
use archcanvas::ui::{App, AppConfig, Document};
use egui::{Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

pub fn shop() -> Architecture {
    archcanvas::file::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/shop.ron"
    )))
    .expect("the example loads")
}

/// A service `api` on the left and a database `db` on the right.
pub fn two() -> Architecture {
    let mut a = Architecture::new("Two");
    for (id, kind, x) in [("api", Kind::Service, 0.0), ("db", Kind::Database, 500.0)] {
        let id = Id::new(id).unwrap();
        a.components
            .insert(Component::new(id.clone(), id.as_str(), kind));
        a.layout.insert(id, Placement::at(x, 0.0));
    }
    a
}

pub fn app_on(arch: Architecture, config: AppConfig) -> App {
    let mut app = App::new(config);
    app.load_document(Document::with(arch, None));
    app
}

pub fn harness(app: App) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .with_max_steps(200)
        // Short steps, so two clicks a few steps apart count as a double click (egui: 0.3 s).
        .with_step_dt(1.0 / 30.0)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

/// The screen rect of the canvas item named `id`.
pub fn rect_of(h: &Harness<'_, App>, id: &str) -> Rect {
    h.get_by_label(id).rect()
}

/// A primary-button drag from `from` to `to` in small steps.
pub fn drag(h: &mut Harness<'_, App>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=8 {
        let t = i as f32 / 8.0;
        h.hover_at(from + (to - from) * t);
        h.step();
    }
    h.drop_at(to);
    h.step();
    h.run();
}

/// A double click at `pos`.
pub fn double_click(h: &mut Harness<'_, App>, pos: Pos2) {
    for _ in 0..2 {
        h.hover_at(pos);
        h.step();
        h.drag_at(pos);
        h.step();
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

/// Steps until `done` holds (background threads answer), at most ~3 s.
pub fn wait_for(h: &mut Harness<'_, App>, mut done: impl FnMut(&App) -> bool) {
    for _ in 0..300 {
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    panic!("timed out waiting");
}
