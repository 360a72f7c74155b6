//! Automatic layout in the editor: Arrange → Auto layout (animated, one undo step, the
//! selection only, pinned boxes kept) and the layout of files opened without positions.

use std::collections::BTreeSet;

use archcanvas::layout::Direction;
use archcanvas::model::{Architecture, Id, Layout};
use archcanvas::ui::commands::Command;
use archcanvas::ui::selection::Selection;
use archcanvas::ui::{App, AppConfig};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

use crate::support::*;

/// The shop with every box on the same spot.
fn piled_up() -> Architecture {
    let mut arch = shop();
    for p in arch.layout.values_mut() {
        (p.x, p.y) = (0.0, 0.0);
        p.pinned = false;
    }
    assert!(!archcanvas::layout::overlaps(&arch, &arch.layout).is_empty());
    arch
}

fn without_positions(mut arch: Architecture) -> Architecture {
    arch.layout = Layout::new();
    arch
}

/// Steps until `done` holds, for work on a worker thread in a debug build (at most ~60 s).
fn wait_long(h: &mut Harness<'_, App>, mut done: impl FnMut(&App) -> bool) {
    for _ in 0..6000 {
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    panic!("timed out waiting");
}

#[test]
fn auto_layout_glides_boxes_apart_and_undo_puts_them_back() {
    let before = piled_up();
    let mut h = harness(app_on(before.clone(), AppConfig::headless()));
    let drawn = |h: &Harness<'_, App>| h.state().canvas.scene().node("orders").unwrap().rect;
    let start = drawn(&h);

    h.get_by_label("Arrange").click();
    h.run();
    // The menu item's label is its name and its shortcut; not the top-to-bottom one.
    h.get(By::new().predicate(|n| {
        n.label()
            .is_some_and(|l| l.starts_with("Auto layout") && !l.contains("top"))
    }))
    .click();
    // The command runs, then the boxes glide: the model does not change on the way.
    for _ in 0..6 {
        h.step();
        if drawn(&h) != start {
            break;
        }
    }
    assert_eq!(
        h.state().doc.arch.layout,
        before.layout,
        "positions change only when the boxes arrive"
    );
    let gliding = drawn(&h);
    assert_ne!(gliding, start, "the canvas draws the boxes on their way");

    h.run();
    let target = drawn(&h);
    assert_ne!(gliding, target, "… and then where they arrive");

    let app = h.state();
    let after = &app.doc.arch;
    assert_eq!(after.components, before.components);
    assert!(
        archcanvas::layout::overlaps(after, &after.layout).is_empty(),
        "no two boxes overlap"
    );
    assert_eq!(
        after.layout,
        archcanvas::layout::auto(&before, &Default::default()).unwrap(),
        "the editor shows what the layout engine computed"
    );
    assert!(app.doc.is_dirty());
    assert!(
        app.doc
            .history
            .undo_label()
            .is_some_and(|l| l.contains("auto layout")),
        "{:?}",
        app.doc.history.undo_label()
    );

    // One undo step restores every position.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.arch, before);
    assert!(!h.state().doc.history.can_undo());
}

#[test]
fn auto_layout_of_the_selection_moves_only_the_selection_and_keeps_pins() {
    let mut before = piled_up();
    let pinned = Id::new("cache").unwrap();
    if let Some(p) = before.layout.get_mut(&pinned) {
        (p.x, p.y, p.pinned) = (900.0, 900.0, true);
    }
    let chosen: Vec<Id> = before
        .components
        .ids()
        .filter(|id| **id != pinned)
        .take(4)
        .cloned()
        .collect();
    let mut app = app_on(before.clone(), AppConfig::headless());
    app.selection = Selection::components(chosen.iter().cloned().chain([pinned.clone()]));
    let mut h = harness(app);
    h.state_mut()
        .queue(Command::AutoLayout(Direction::TopToBottom));
    h.run();

    let after = &h.state().doc.arch;
    let chosen: BTreeSet<&Id> = chosen.iter().collect();
    for (id, p) in &after.layout {
        if chosen.contains(id) {
            continue;
        }
        assert_eq!(Some(p), before.layout.get(id), "{id} is not laid out");
    }
    assert_eq!(
        after.layout[&pinned], before.layout[&pinned],
        "pinned stays"
    );
    let moved: Layout = after
        .layout
        .iter()
        .filter(|(id, _)| chosen.contains(id) || **id == pinned)
        .map(|(id, p)| (id.clone(), *p))
        .collect();
    assert!(
        archcanvas::layout::overlaps(after, &moved).is_empty(),
        "the selection's boxes are apart"
    );
    assert!(
        chosen
            .iter()
            .any(|id| after.layout[*id] != before.layout[*id])
    );
}

#[test]
fn a_model_without_positions_opens_laid_out_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand-written.ron");
    let bare = without_positions(shop());
    archcanvas::file::save(&path, &bare, Default::default()).unwrap();
    let on_disk = std::fs::read(&path).unwrap();

    let mut app = App::new(AppConfig::headless());
    app.open_path(path.clone());
    let h = harness(app);
    let app = h.state();
    let arch = &app.doc.arch;
    assert_eq!(arch.components, bare.components);
    assert_eq!(
        arch.layout.len(),
        arch.components.len(),
        "everything placed"
    );
    assert_eq!(arch.layout, archcanvas::layout::complete(&bare));
    assert!(archcanvas::layout::overlaps(arch, &arch.layout).is_empty());
    assert!(!app.doc.is_dirty(), "opening is not an edit");
    assert!(!app.doc.history.can_undo());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        on_disk,
        "the file is untouched"
    );
    // Every component is on the canvas (names may be too small to show when everything fits).
    assert_eq!(
        app.canvas.last_visible.0,
        arch.components.len(),
        "{:?}",
        app.canvas.camera
    );
}

#[test]
fn a_large_model_without_positions_is_laid_out_on_a_worker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let bare = archcanvas::layout::generate::layered(400, 3);
    assert!(bare.layout.is_empty());
    archcanvas::file::save(&path, &bare, Default::default()).unwrap();

    let mut h = harness(App::new(AppConfig::headless()));
    h.state_mut().open_path(path.clone());
    h.step();
    h.step();
    // The progress window shows while the worker runs (unless it already finished).
    if h.state().doc.path.is_none() {
        assert!(
            h.query_by_label_contains("laying out 400 components")
                .is_some()
        );
        assert!(h.query_by_label("Cancel").is_some());
    }
    wait_long(&mut h, |app| app.doc.path.is_some());
    let app = h.state();
    assert_eq!(app.doc.arch.layout.len(), 400);
    assert!(!app.doc.is_dirty());
    assert_eq!(
        app.doc.arch.layout,
        archcanvas::layout::complete(&bare),
        "the same layout as on the UI thread"
    );
}

#[test]
fn cancelling_the_layout_of_a_large_file_still_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let bare = archcanvas::layout::generate::layered(3000, 5);
    archcanvas::file::save(&path, &bare, Default::default()).unwrap();

    let mut h = harness(App::new(AppConfig::headless()));
    h.state_mut().open_path(path.clone());
    h.step();
    h.step();
    h.get_by_label("Cancel").click();
    wait_long(&mut h, |app| app.doc.path.is_some());
    let app = h.state();
    assert_eq!(app.doc.arch.components.len(), 3000);
    assert!(app.doc.arch.layout.is_empty(), "cancelled: nothing placed");
    assert!(!app.doc.is_dirty());
    assert!(
        app.last_message()
            .is_some_and(|(_, m)| m.contains("Layout cancelled")),
        "{:?}",
        app.last_message()
    );
}
