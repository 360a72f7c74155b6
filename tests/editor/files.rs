//! Files: save and reopen through the menu's code, the unsaved marker, history across a
//! save, reload on external change, autosave and recovery, idle repaint.

use std::sync::Arc;

use archcanvas::model::Placement;
use archcanvas::ui::dialogs::FixedDialogs;
use archcanvas::ui::prompts::Prompt;
use archcanvas::ui::watcher::FileStamp;
use archcanvas::ui::{App, AppConfig};
use egui::{Key, Modifiers, Vec2};
use egui_kittest::kittest::Queryable;

use crate::support::*;

fn config_with(dialogs: FixedDialogs, recovery: Option<std::path::PathBuf>) -> AppConfig {
    AppConfig {
        dialogs: Arc::new(dialogs),
        recovery_dir: recovery,
        watch_every: None,
    }
}

#[test]
fn save_as_and_reopen_through_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.ron");
    let dialogs = FixedDialogs {
        open: Some(path.clone()),
        save: Some(path.clone()),
        ..FixedDialogs::default()
    };
    let mut h = harness(app_on(shop(), config_with(dialogs, None)));
    let api = rect_of(&h, "orders");
    drag(&mut h, api.center(), api.center() + Vec2::new(80.0, 80.0));
    assert!(h.state().doc.is_dirty());
    assert!(
        h.state().doc.title().starts_with('●'),
        "unsaved marker in the title"
    );
    assert!(h.query_by_label_contains("(unsaved changes)").is_some());
    let edited = h.state().doc.arch.clone();

    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Save As").click();
    h.run();
    wait_for(&mut h, |app| !app.doc.is_dirty());
    assert!(path.exists());
    assert!(!h.state().doc.title().starts_with('●'), "marker cleared");
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(archcanvas::file::load(&path).unwrap(), edited);

    // New, then open the saved file with Ctrl+O.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.state().doc.arch.components.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    wait_for(&mut h, |app| app.doc.path.is_some());
    assert_eq!(h.state().doc.arch, edited);
    assert!(!h.state().recent.is_empty());
}

#[test]
fn history_survives_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut app = app_on(shop(), AppConfig::headless());
    app.doc.path = Some(path.clone());
    let mut h = harness(app);
    h.get_by_label("cache").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().doc.arch.components.contains("cache"),
        "undo after save"
    );
    assert!(h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(
        !h.state().doc.is_dirty(),
        "redo back to the saved state clears the marker"
    );
}

#[test]
fn new_asks_before_losing_unsaved_changes() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.get_by_label("cache").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(matches!(h.state().prompt(), Some(Prompt::Unsaved(_))));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().prompt().is_none());
    assert!(
        !h.state().doc.arch.components.is_empty(),
        "cancel keeps the model"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().doc.arch.components.is_empty());
}

#[test]
fn reloads_on_external_change_or_asks_when_edited() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    archcanvas::file::save(&path, &shop(), Default::default()).unwrap();
    let mut app = App::new(AppConfig::headless());
    app.open_path(path.clone());
    let mut h = harness(app);

    let mut changed = shop();
    changed.name = "Changed elsewhere".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    archcanvas::file::save(&path, &changed, Default::default()).unwrap();
    h.state_mut().on_disk_change(FileStamp::of(&path));
    h.run();
    assert_eq!(
        h.state().doc.arch.name,
        "Changed elsewhere",
        "no local edits: reloaded"
    );
    assert!(!h.state().doc.is_dirty());

    // With local edits, it asks.
    h.get_by_label("cache").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    changed.name = "Again".into();
    archcanvas::file::save(&path, &changed, Default::default()).unwrap();
    h.state_mut().on_disk_change(FileStamp::of(&path));
    h.run();
    assert_eq!(h.state().prompt(), Some(&Prompt::ChangedOnDisk));
    h.get_by_label("Keep my version").click();
    h.run();
    assert!(
        !h.state().doc.arch.components.contains("cache"),
        "local edits kept"
    );
    assert!(h.state().doc.is_dirty());
}

#[test]
fn autosaves_and_offers_recovery_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let config = config_with(FixedDialogs::default(), Some(recovery.clone()));
    let mut h = egui_kittest::Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .with_step_dt(0.5)
        .build_ui_state(
            |ui, app: &mut App| app.show(ui),
            app_on(shop(), config.clone()),
        );
    h.run();
    h.get_by_label("cache").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    for _ in 0..10 {
        h.step();
    }
    let files = archcanvas::ui::recovery::find(&recovery);
    assert_eq!(files.len(), 1, "autosaved after a few idle seconds");
    let edited = h.state().doc.arch.clone();
    drop(h); // a crash: nothing cleaned up

    let mut h = harness(App::new(config));
    assert!(matches!(h.state().prompt(), Some(Prompt::Recover(_))));
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().doc.arch, edited);
    assert!(
        h.state().doc.is_dirty(),
        "restored work is unsaved until saved"
    );
    assert!(archcanvas::ui::recovery::find(&recovery).is_empty());
}

#[test]
fn a_bad_file_is_refused_with_a_message_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(
        &path,
        "(format: 2, name: \"x\", components: [ (id: \"Bad Id\"",
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut app = App::new(AppConfig::headless());
    app.open_path(path.clone());
    let msg = app.last_message().unwrap().1.clone();
    assert!(
        msg.contains("bad.ron:"),
        "names the file and position: {msg}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(app.doc.path.is_none());
}

#[test]
fn idle_frames_request_no_repaint() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.run();
    h.step();
    let out = h.output();
    let vp = out.viewport_output.get(&egui::ViewportId::ROOT).unwrap();
    assert_eq!(
        vp.repaint_delay,
        std::time::Duration::MAX,
        "idle: no repaint scheduled"
    );
    let _ = Placement::default();
}
