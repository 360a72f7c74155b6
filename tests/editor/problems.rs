//! The Problems panel, the badges and the status bar count (issue 4, in the editor).

use archcanvas::model::{Architecture, Connection, ConnectionType, Id, Severity};
use archcanvas::ui::AppConfig;
use egui::Key;
use egui_kittest::kittest::Queryable;

use crate::support::*;

/// `two()` plus a third service, with `api` and `svc` calling each other: a sync cycle.
fn cycle() -> Architecture {
    let mut a = two();
    let svc = Id::new("svc").unwrap();
    a.components.insert(archcanvas::model::Component::new(
        svc.clone(),
        "Svc",
        archcanvas::model::Kind::Service,
    ));
    a.layout
        .insert(svc, archcanvas::model::Placement::at(250.0, 300.0));
    for (id, from, to) in [("api-svc", "api", "svc"), ("svc-api", "svc", "api")] {
        a.connections.insert(Connection::new(
            Id::new(id).unwrap(),
            Id::new(from).unwrap(),
            Id::new(to).unwrap(),
            ConnectionType::Calls.default_kind(),
        ));
    }
    a
}

#[test]
fn lists_findings_and_clicking_one_selects_its_subjects() {
    let mut h = harness(app_on(cycle(), AppConfig::headless()));
    h.get_by_label("Problems").click();
    h.run();
    let row = h.get_by_label_contains("call each other synchronously in a cycle");
    assert!(
        h.query_by_label("sync-cycle").is_some(),
        "the rule id is shown"
    );
    row.click();
    h.run();
    let sel = &h.state().selection;
    for id in ["api", "svc"] {
        assert!(sel.components.contains(id), "{id} selected: {sel:?}");
    }
    for id in ["api-svc", "svc-api"] {
        assert!(sel.connections.contains(id), "{id} selected: {sel:?}");
    }
    assert!(!sel.components.contains("db"), "only the subjects");
}

#[test]
fn badges_and_the_status_count_follow_every_edit() {
    let mut h = harness(app_on(cycle(), AppConfig::headless()));
    assert!(
        h.query_by_label("1 error").is_some(),
        "the status bar counts the cycle"
    );
    let error = h.ctx.global_style().visuals.error_fg_color;
    let badge = |h: &egui_kittest::Harness<'_, archcanvas::ui::App>, id: &str| {
        h.state()
            .canvas
            .marks
            .get("problems")
            .and_then(|l| l.badges.get(id).cloned())
    };
    assert_eq!(badge(&h, "api").map(|b| b.color), Some(error));
    // `db` has no connection: a warning, not an error.
    let db = badge(&h, "db").expect("the orphan has a badge");
    assert_ne!(db.color, error);

    // Break the cycle: select the connection back and delete it.
    h.get_by_label("svc-api").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(!h.state().doc.arch.connections.contains("svc-api"));
    assert!(h.query_by_label("0 errors").is_some());
    assert!(h.query_by_label_contains("in a cycle").is_none());
    assert_ne!(badge(&h, "api").map(|b| b.color), Some(error));
    // Undo brings it back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.query_by_label("1 error").is_some());
    assert_eq!(badge(&h, "api").map(|b| b.color), Some(error));
}

#[test]
fn f8_walks_through_the_findings() {
    let mut h = harness(app_on(cycle(), AppConfig::headless()));
    h.key_press(Key::F8);
    h.run();
    let first = h.state().selection.clone();
    // Findings are sorted most severe first: the cycle comes first.
    assert!(first.components.contains("api") && first.components.contains("svc"));
    h.key_press(Key::F8);
    h.run();
    let second = h.state().selection.clone();
    assert!(!second.is_empty());
    assert_ne!(first, second, "F8 moves on");
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::F8);
    h.run();
    assert_eq!(h.state().selection, first, "Shift+F8 goes back");
    let _ = Severity::Error;
}
