//! File → Export code… (issue 5, in the editor).

use std::sync::Arc;

use archcanvas::model::{Connection, ConnectionType, Id};
use archcanvas::ui::dialogs::FixedDialogs;
use archcanvas::ui::{App, AppConfig};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::*;

fn config(folder: &std::path::Path) -> AppConfig {
    AppConfig {
        dialogs: Arc::new(FixedDialogs {
            folder: Some(folder.to_owned()),
            ..FixedDialogs::default()
        }),
        ..AppConfig::headless()
    }
}

/// Steps until a label containing `text` appears (the export runs on a thread).
fn wait_for(h: &mut Harness<'_, App>, text: &str) {
    for _ in 0..600 {
        h.step();
        if h.query_all_by_label_contains(text).next().is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("`{text}` never appeared");
}

fn open_and_choose(h: &mut Harness<'_, App>, folder: &std::path::Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export code").click();
    h.run();
    h.get_by_label("Choose…").click();
    let shown = folder.display().to_string();
    for _ in 0..200 {
        h.step();
        if h.query_all_by_value(&shown).next().is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the chosen folder never reached the form");
}

#[test]
fn exports_into_the_chosen_folder_and_summarises() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(shop(), config(dir.path())));
    open_and_choose(&mut h, dir.path());
    assert!(h.query_by_label("Export anyway").is_none(), "shop is clean");
    h.get_by_label("Export").click();
    wait_for(&mut h, "files written");
    let expected = archcanvas::export::plan(
        &h.state().doc.arch,
        &archcanvas::export::ExportOptions::default(),
    )
    .unwrap();
    let summary = format!("{} files written, 0 unchanged, 0 skipped", expected.len());
    assert!(
        h.query_by_label(&summary).is_some(),
        "summary `{summary}` shown"
    );
    for f in expected.files() {
        let on_disk = std::fs::read_to_string(f.path.under(dir.path())).unwrap();
        assert_eq!(on_disk, f.contents, "{}", f.path.as_str());
    }
    // Again: nothing changes.
    h.get_by_label("Export").click();
    wait_for(&mut h, "0 files written");
    let again = format!("0 files written, {} unchanged, 0 skipped", expected.len());
    assert!(h.query_by_label(&again).is_some(), "`{again}` shown");
}

#[test]
fn a_model_with_errors_is_exported_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut arch = shop();
    arch.connections.insert(Connection::new(
        Id::new("dangling").unwrap(),
        Id::new("orders").unwrap(),
        Id::new("nowhere").unwrap(),
        ConnectionType::Calls.default_kind(),
    ));
    let mut h = harness(app_on(arch, config(dir.path())));
    open_and_choose(&mut h, dir.path());
    assert!(h.query_by_label_contains("error-level finding").is_some());
    assert!(h.query_by_label_contains("[dangling-reference]").is_some());
    assert!(h.query_by_label("Export").is_none(), "only Export anyway");
    h.get_by_label("Export anyway").click();
    wait_for(&mut h, "files written");
    assert!(dir.path().join("docker-compose.yml").is_file());
}

#[test]
fn an_unusable_folder_gives_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "mine").unwrap();
    let mut h = harness(app_on(shop(), config(&file)));
    open_and_choose(&mut h, &file);
    h.get_by_label("Export").click();
    wait_for(&mut h, "the export stopped");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}
