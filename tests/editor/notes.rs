//! Review tools: notes added, resolved and undone through the editor; comparisons with a
//! modified copy (through the file dialog) and with a git revision, stepped through and
//! closed.

use std::path::Path;
use std::process::Command as Process;
use std::sync::Arc;

use archcanvas::model::{Architecture, Component, Id, Kind, NoteTarget, Placement};
use archcanvas::ui::commands::Command;
use archcanvas::ui::dialogs::FixedDialogs;
use archcanvas::ui::selection::Selection;
use archcanvas::ui::{App, AppConfig, Document};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::*;

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

fn note_badge(h: &Harness<'_, App>, target: &str) -> Option<String> {
    h.state()
        .canvas
        .marks
        .get("notes")
        .and_then(|l| l.badges.get(target))
        .map(|b| b.glyph.clone())
}

#[test]
fn add_a_note_resolve_it_and_undo() {
    let mut app = app_on(shop(), AppConfig::headless());
    app.notes_review.author = "Dana".into();
    let mut h = harness(app);
    let before = h.state().doc.arch.notes.len();
    // The example's open note on payments is marked, the resolved one on a connection not.
    assert_eq!(note_badge(&h, "payments").as_deref(), Some("1"));
    assert_eq!(note_badge(&h, "catalog-reads-cache"), None);

    h.get_by_label("catalog").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::M);
    h.run();
    h.get_by_label("note text").focus();
    h.run();
    h.get_by_label("note text")
        .type_text("Cache prices for a minute?");
    h.run();
    h.get_by_label("Add note").click();
    h.run();

    let arch = &h.state().doc.arch;
    assert_eq!(arch.notes.len(), before + 1);
    let note = arch.notes.get("note-catalog").expect("the new note");
    assert_eq!(note.target, NoteTarget::Component(id("catalog")));
    assert_eq!(note.author, "Dana");
    assert_eq!(note.text, "Cache prices for a minute?");
    assert!(!note.resolved);
    assert_eq!(note_badge(&h, "catalog").as_deref(), Some("1"));
    assert!(h.query_by_label("New note").is_none(), "the window closed");

    // The Notes panel lists it; tick it resolved.
    h.get_by_label("resolved note-catalog").click();
    h.run();
    assert!(
        h.state()
            .doc
            .arch
            .notes
            .get("note-catalog")
            .unwrap()
            .resolved
    );
    assert_eq!(
        note_badge(&h, "catalog"),
        None,
        "resolved notes leave no marker"
    );
    // "Open" hides it now; "All" shows it again.
    assert!(h.query_by_label("resolved note-catalog").is_none());
    h.get_by_label_contains("All (").click();
    h.run();
    assert!(h.query_by_label("resolved note-catalog").is_some());

    // Undo the resolve, then the add: each is one step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        !h.state()
            .doc
            .arch
            .notes
            .get("note-catalog")
            .unwrap()
            .resolved
    );
    assert_eq!(note_badge(&h, "catalog").as_deref(), Some("1"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc.arch.notes.get("note-catalog").is_none());
    assert_eq!(note_badge(&h, "catalog"), None);
    assert_eq!(h.state().doc.arch.notes.len(), before);
}

#[test]
fn notes_on_connections_are_edited_and_deleted_from_the_panel() {
    let mut app = app_on(shop(), AppConfig::headless());
    app.notes_review.author = "Sam".into();
    let mut h = harness(app);
    h.get_by_label("web-to-gateway").click();
    h.run();
    h.state_mut().queue(Command::AddNote);
    h.run();
    h.get_by_label("note text").focus();
    h.get_by_label("note text").type_text("TLS here?");
    h.run();
    h.get_by_label("Add note").click();
    h.run();
    let nid = "note-web-to-gateway";
    let note = h.state().doc.arch.notes.get(nid).expect("added").clone();
    assert_eq!(note.target, NoteTarget::Connection(id("web-to-gateway")));
    assert_eq!(note_badge(&h, "web-to-gateway").as_deref(), Some("1"));

    // Clicking the target selects it.
    h.state_mut().selection = Default::default();
    h.get_by_label("connection web-to-gateway").click();
    h.run();
    assert!(h.state().selection.connections.contains("web-to-gateway"));

    // Edit the text.
    h.get_by_label(&format!("Edit {nid}")).click();
    h.run();
    h.get_by_label("edit note text").focus();
    h.get_by_label("edit note text")
        .type_text(" And mTLS inside.");
    h.run();
    h.get_by_label("Save note").click();
    h.run();
    assert_eq!(
        h.state().doc.arch.notes.get(nid).unwrap().text,
        "TLS here? And mTLS inside."
    );

    h.get_by_label(&format!("Delete {nid}")).click();
    h.run();
    assert!(h.state().doc.arch.notes.get(nid).is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.arch.notes.get(nid).unwrap().text,
        "TLS here? And mTLS inside.",
        "delete undone"
    );
}

#[test]
fn an_empty_note_cannot_be_added_and_nothing_selected_says_why() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.state_mut().queue(Command::AddNote);
    h.run();
    assert!(h.query_by_label("New note").is_none());
    let (_, text) = h.state().last_message().expect("a message").clone();
    assert!(
        text.contains("select one component or connection"),
        "{text}"
    );
}

/// The shop as another version would have it: no cache (so the open model added it), an
/// extra ledger service (so the open model removed it), and the gateway named differently.
fn other_version() -> Architecture {
    let mut a = shop();
    a.components.remove("cache");
    a.connections
        .retain(|c| c.from.as_str() != "cache" && c.to.as_str() != "cache");
    a.layout.remove(&id("cache"));
    a.components
        .insert(Component::new(id("ledger"), "Ledger", Kind::Service));
    a.layout.insert(id("ledger"), Placement::at(-400.0, -300.0));
    if let Some(g) = a.components.get_mut("gateway") {
        g.name = "Edge gateway".into();
    }
    a
}

fn write(path: &Path, arch: &Architecture) {
    std::fs::write(path, archcanvas::file::to_canonical_string(arch).unwrap()).unwrap();
}

#[test]
fn compare_with_a_modified_copy_lists_and_steps_through_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.ron");
    write(&other, &other_version());
    let config = AppConfig {
        dialogs: Arc::new(FixedDialogs {
            open: Some(other.clone()),
            ..FixedDialogs::default()
        }),
        recovery_dir: None,
        watch_every: None,
    };
    let mut h = harness(app_on(shop(), config));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Compare with…").click();
    h.run();
    h.get_by_label("Another model file…").click();
    h.run();
    wait_for(&mut h, |app| app.comparing());
    h.run();

    // The Changes list.
    assert!(h.query_by_label_contains("+ component cache").is_some());
    assert!(h.query_by_label_contains("- component ledger").is_some());
    assert!(
        h.query_by_label_contains("~ component gateway · name")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Compared with other.ron")
            .is_some()
    );

    // The overlay: green, amber, a red ghost.
    let layer = h
        .state()
        .canvas
        .marks
        .get("diff")
        .expect("diff layer")
        .clone();
    assert_eq!(
        layer.tints.get("cache"),
        Some(&archcanvas::ui::compare::ADDED)
    );
    assert_eq!(
        layer.tints.get("gateway"),
        Some(&archcanvas::ui::compare::CHANGED)
    );
    assert!(layer.ghosts.iter().any(|(g, c)| matches!(
        g,
        archcanvas::ui::canvas::Ghost::Box { label, .. } if label == "Ledger"
    ) && *c == archcanvas::ui::compare::REMOVED));

    // Click a row: its item is selected.
    h.get_by_label_contains("+ component cache").click();
    h.run();
    assert!(h.state().selection.components.contains("cache"));
    // A removed item has nothing to select.
    h.get_by_label_contains("- component ledger").click();
    h.run();
    assert!(h.state().selection.is_empty());

    // F7 steps on from the current row; Shift+F7 back.
    h.state_mut().selection = Default::default();
    h.key_press(Key::F7);
    h.run();
    let after_ledger = h.state().selection.clone();
    h.key_press_modifiers(Modifiers::SHIFT, Key::F7);
    h.run();
    assert!(h.state().selection.is_empty(), "back on the removed ledger");
    assert_ne!(after_ledger, h.state().selection);

    // Editing follows: delete the cache and it is no longer "added".
    h.state_mut().selection = Selection::component(id("cache"));
    h.key_press(Key::Delete);
    h.run();
    assert!(h.query_by_label_contains("+ component cache").is_none());

    // Esc ends the comparison.
    h.state_mut().selection = Default::default();
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().comparing());
    assert!(h.state().canvas.marks.get("diff").is_none());
    assert!(h.query_by_label_contains("- component ledger").is_none());
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Process::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn compare_with_a_git_revision_and_clear_errors() {
    if Process::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed; the CI machine has it");
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let path = repo.path().join("shop.ron");
    assert!(git(repo.path(), &["init", "-q"]));
    write(&path, &other_version());
    assert!(git(repo.path(), &["add", "shop.ron"]));
    assert!(git(repo.path(), &["commit", "-q", "-m", "v1"]));
    write(&path, &shop());
    assert!(git(repo.path(), &["commit", "-q", "-am", "v2"]));

    let mut app = App::new(AppConfig::headless());
    app.open_path(path.clone());
    let mut h = harness(app);
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));

    // An unknown revision: a clear message, no comparison.
    h.state_mut().queue(Command::CompareWith);
    h.run();
    h.get_by_label("git revision").focus();
    h.get_by_label("git revision").type_text("no-such-branch");
    h.run();
    h.get_by_label("Compare with revision").click();
    h.run();
    assert!(!h.state().comparing());
    assert!(
        h.query_all_by_label_contains("git does not know the revision `no-such-branch`")
            .next()
            .is_some()
    );

    // HEAD~1 is the other version.
    h.get_by_label("git revision").focus();
    for _ in 0.."no-such-branch".len() {
        h.key_press(Key::Backspace);
    }
    h.get_by_label("git revision").type_text("HEAD~1");
    h.run();
    h.get_by_label("Compare with revision").click();
    h.run();
    assert!(h.state().comparing());
    assert!(h.query_by_label_contains("Compared with HEAD~1").is_some());
    assert!(h.query_by_label_contains("+ component cache").is_some());
    assert!(h.query_by_label_contains("- component ledger").is_some());

    // The same file outside any repository.
    let plain = tempfile::tempdir().unwrap();
    let lone = plain.path().join("lone.ron");
    write(&lone, &shop());
    let err = archcanvas::ui::git_revision::read(Some(&lone), "HEAD").unwrap_err();
    assert!(err.to_string().contains("not in a git repository"), "{err}");
    let err = archcanvas::ui::git_revision::read(None, "HEAD").unwrap_err();
    assert!(err.to_string().contains("not saved"), "{err}");
    let err = archcanvas::ui::git_revision::read(Some(&path), "--output=x").unwrap_err();
    assert!(err.to_string().contains("is not a revision"), "{err}");
}

#[test]
fn an_unsaved_model_cannot_be_compared_with_git() {
    let mut app = App::new(AppConfig::headless());
    app.load_document(Document::with(shop(), None));
    let mut h = harness(app);
    h.state_mut().queue(Command::CompareWith);
    h.run();
    assert!(
        h.query_by_label_contains("Save the model in a git repository")
            .is_some()
    );
}
