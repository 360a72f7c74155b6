//! Drawing and editing on the canvas.

use archcanvas::model::{ConnectionType, Kind};
use archcanvas::ui::AppConfig;
use archcanvas::ui::commands::Command;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::kittest::Queryable;

use crate::support::*;

#[test]
fn adds_from_the_palette_and_undo_removes_it() {
    let mut h = harness(app_on(
        archcanvas::model::Architecture::new("x"),
        AppConfig::headless(),
    ));
    h.get_by_label("add database").click();
    h.run();
    let app = h.state();
    assert_eq!(app.doc.arch.components.len(), 1);
    let c = app.doc.arch.components.iter().next().unwrap();
    assert_eq!(c.kind(), Kind::Database);
    assert!(
        app.selection.components.contains(&c.id),
        "the new component is selected"
    );
    assert!(app.doc.arch.layout.contains_key(&c.id), "and placed");
    // It is on the canvas, findable by its id.
    let id = c.id.to_string();
    assert!(h.query_by_label(&id).is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc.arch.components.is_empty());
}

#[test]
fn drops_a_kind_dragged_from_the_palette() {
    let mut h = harness(app_on(
        archcanvas::model::Architecture::new("x"),
        AppConfig::headless(),
    ));
    let from = h.get_by_label("add queue").rect().center();
    let to = Pos2::new(700.0, 400.0);
    drag(&mut h, from, to);
    let app = h.state();
    assert_eq!(app.doc.arch.components.len(), 1);
    assert_eq!(
        app.doc.arch.components.iter().next().unwrap().kind(),
        Kind::Queue
    );
}

#[test]
fn quick_add_by_double_clicking_empty_canvas() {
    let mut h = harness(app_on(two(), AppConfig::headless()));
    let api = rect_of(&h, "api");
    double_click(&mut h, api.center() + Vec2::new(0.0, 160.0));
    h.get_by_label("quick add").type_text("db");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let dbs = h
        .state()
        .doc
        .arch
        .components
        .iter()
        .filter(|c| c.kind() == Kind::Database)
        .count();
    assert_eq!(dbs, 2);
}

#[test]
fn connects_by_dragging_from_a_border_handle() {
    let mut h = harness(app_on(two(), AppConfig::headless()));
    let api = rect_of(&h, "api");
    let db = rect_of(&h, "db");
    // Hovering shows the handles; the right one sits on the right border.
    h.hover_at(api.center());
    h.step();
    drag(&mut h, api.right_center(), db.center());
    let app = h.state();
    assert_eq!(app.doc.arch.connections.len(), 1);
    let c = app.doc.arch.connections.iter().next().unwrap();
    assert_eq!((c.from.as_str(), c.to.as_str()), ("api", "db"));
    assert_eq!(
        c.ty(),
        ConnectionType::Writes,
        "the matrix's default for service → database"
    );
    // The type popup offers the other allowed types; pick one.
    h.get_by_label("reads").click();
    h.run();
    let c = h
        .state()
        .doc
        .arch
        .connections
        .iter()
        .next()
        .unwrap()
        .clone();
    assert_eq!(c.ty(), ConnectionType::Reads);
    // The connection is on the canvas under its id.
    assert!(h.query_by_label(c.id.as_str()).is_some());
}

#[test]
fn refuses_an_illegal_connection_with_a_message() {
    let mut app = app_on(two(), AppConfig::headless());
    app.canvas.connect_as = Some(ConnectionType::Calls);
    let mut h = harness(app);
    let api = rect_of(&h, "api");
    let db = rect_of(&h, "db");
    h.hover_at(api.center());
    h.step();
    drag(&mut h, api.right_center(), db.center());
    assert!(h.state().doc.arch.connections.is_empty());
    let msg = h.state().last_message().unwrap().1.clone();
    assert!(msg.contains("cannot be connected"), "{msg}");
    assert!(msg.contains("allowed: writes"), "{msg}");
    assert!(
        h.query_all_by_label_contains("cannot be connected")
            .next()
            .is_some(),
        "shown on screen"
    );
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn moves_a_component_by_dragging_as_one_undo_step() {
    let mut h = harness(app_on(two(), AppConfig::headless()));
    let before = *h.state().doc.arch.layout.get("api").unwrap();
    let api = rect_of(&h, "api");
    drag(&mut h, api.center(), api.center() + Vec2::new(150.0, 120.0));
    let after = *h.state().doc.arch.layout.get("api").unwrap();
    assert!(
        after.x > before.x + 50.0 && after.y > before.y + 50.0,
        "{before:?} → {after:?}"
    );
    assert_eq!(after.x % 20.0, 0.0, "snapped to the grid");
    assert_eq!(h.state().doc.history.undo_label(), Some("move api"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        *h.state().doc.arch.layout.get("api").unwrap(),
        before,
        "one undo, whole drag"
    );
}

#[test]
fn rubber_band_selects_and_moves_several() {
    let mut h = harness(app_on(two(), AppConfig::headless()));
    let api = rect_of(&h, "api");
    let db = rect_of(&h, "db");
    drag(
        &mut h,
        api.min - Vec2::splat(30.0),
        db.max + Vec2::splat(30.0),
    );
    assert_eq!(h.state().selection.components.len(), 2);
    let before = h.state().doc.arch.layout.clone();
    drag(&mut h, db.center(), db.center() + Vec2::new(0.0, 100.0));
    let after = &h.state().doc.arch.layout;
    for id in ["api", "db"] {
        assert!(after[id].y > before[id].y, "{id} moved too");
    }
}

#[test]
fn renames_in_place_with_f2() {
    let mut h = harness(app_on(two(), AppConfig::headless()));
    h.get_by_label("api").click();
    h.run();
    h.key_press(Key::F2);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("rename").type_text("Checkout");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let c = h.state().doc.arch.components.get("api").unwrap();
    assert_eq!(c.name, "Checkout");
    assert_eq!(c.id.as_str(), "api", "renaming never changes the id");
}

#[test]
fn renames_by_double_click() {
    let mut h = harness(app_on(two(), AppConfig::headless()));
    let db = rect_of(&h, "db");
    double_click(&mut h, db.center());
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("rename").type_text("Orders DB");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().doc.arch.components.get("db").unwrap().name,
        "Orders DB"
    );
}

#[test]
fn delete_then_undo_restores_exactly() {
    let original = shop();
    let mut h = harness(app_on(original.clone(), AppConfig::headless()));
    h.get_by_label("orders").click();
    h.run();
    assert!(h.state().selection.components.contains("orders"));
    h.key_press(Key::Delete);
    h.run();
    let arch = &h.state().doc.arch;
    assert!(!arch.components.contains("orders"));
    assert!(arch.connections_of("orders").next().is_none());
    assert!(h.query_by_label("orders").is_none(), "gone from the canvas");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.arch, original);
    // Redo with both shortcuts.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(!h.state().doc.arch.components.contains("orders"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(!h.state().doc.arch.components.contains("orders"));
}

#[test]
fn copy_and_paste_as_model_text() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.get_by_label("orders").click();
    h.run();
    h.event(egui::Event::Copy);
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .expect("copied text");
    let fragment = archcanvas::file::parse(&copied).expect("the clipboard holds a model");
    assert!(fragment.components.contains("orders"));
    let before = h.state().doc.arch.components.len();
    h.event(egui::Event::Paste(copied));
    h.run();
    let app = h.state();
    assert_eq!(app.doc.arch.components.len(), before + 1);
    assert!(app.doc.arch.components.contains("orders-2"));
    assert!(
        app.selection.components.contains("orders-2"),
        "the paste is selected"
    );
    // Text that is not a model is refused with a reason.
    h.event(egui::Event::Paste("hello".into()));
    h.run();
    assert!(h.state().last_message().unwrap().1.contains("clipboard"));
}

#[test]
fn cut_removes_and_duplicate_copies() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.get_by_label("cache").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert!(h.state().doc.arch.components.contains("cache-2"));
    h.event(egui::Event::Cut);
    h.run();
    assert!(!h.state().doc.arch.components.contains("cache-2"));
}

#[test]
fn align_from_the_arrange_menu() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.state_mut().queue(Command::SelectAll);
    h.run();
    h.get_by_label("Arrange").click();
    h.run();
    h.get_by_label("Align left edges").click();
    h.run();
    let xs: std::collections::BTreeSet<i64> = h
        .state()
        .doc
        .arch
        .layout
        .values()
        .map(|p| p.x as i64)
        .collect();
    assert!(
        xs.len() <= 4, // centres differ by half the widths (150 to 180 units)
        "boxes of different widths, one left edge: {xs:?}"
    );
}

#[test]
fn moves_into_a_group_from_the_context_menu() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.get_by_label("stripe").click_secondary();
    h.run();
    h.get_by_label("Move to group").hover();
    h.run();
    h.get_by_label_contains("Payments (").click();
    h.run();
    let g = h.state().doc.arch.groups.get("payments-context").unwrap();
    assert!(g.members.contains("stripe"));
}

#[test]
fn inspector_refuses_a_duplicate_id_and_a_bad_port() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.get_by_label("orders").click();
    h.run();
    let port = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Port");
    port.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Port")
        .type_text("99999");
    h.run();
    assert!(h.query_by_label_contains("is not a port").is_some());
    assert!(
        !h.state().doc.is_dirty(),
        "the bad value never reached the model"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Port")
        .type_text("9090");
    h.run();
    let spec = &h.state().doc.arch.components.get("orders").unwrap().spec;
    assert_eq!(spec.explicit_port(), Some(9090));

    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Id")
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Id")
        .type_text("payments");
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label_contains("already the id").is_some());
    assert!(h.state().doc.arch.components.contains("orders"));
}

#[test]
fn find_centres_on_a_match_and_selects_it() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("find").type_text("stripe");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().selection.components.contains("stripe"));
}

#[test]
fn command_palette_runs_a_command_by_name() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    let grid = h.state().canvas.grid;
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("command").type_text("show grid");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().canvas.grid, !grid);
}

#[test]
fn zoom_keys_and_fit() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    // Fit once the panels have settled, so the canvas keeps its size.
    h.key_press(Key::F);
    h.run();
    let fit = h.state().canvas.camera.zoom;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert!((h.state().canvas.camera.zoom - 1.0).abs() < 0.01);
    h.key_press(Key::F);
    h.run();
    assert!((h.state().canvas.camera.zoom - fit).abs() < 0.01);
}

/// The minimap shows where the view is only while part of the model is out of view; with
/// everything in view it would only cover components.
#[test]
fn minimap_only_while_part_of_the_model_is_out_of_view() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.key_press(Key::F);
    h.run();
    assert!(
        h.query_by_label("minimap").is_none(),
        "everything is in view"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert!(
        h.query_by_label("minimap").is_some(),
        "at 100 % the shop is larger than the view"
    );
}
