//! The review tools' state in the app and their once-a-frame work: review notes (the "New
//! note" window, note markers on the canvas, the Notes panel) and comparisons (the "Compare
//! with" window, the diff overlay, the Changes panel).
//!
//! The two docked panels only read and ask: they share one [`Shared`] with the app (the
//! comparison to list, and where to go next), because a panel sees only the model, the
//! selection and the action queue, while going to an item needs the canvas and a comparison
//! lives beside the document, not in it. Edits still go through the action queue.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{Color32, Context, Key, Modifiers};

use crate::diff::Anchor;
use crate::edit::notes;
use crate::model::{Architecture, NoteTarget};

use super::actions::Level;
use super::app::App;
use super::canvas::Badge;
use super::compare::Comparison;
use super::selection::Selection;

/// The colour of a note marker.
pub const NOTE_COLOR: Color32 = Color32::from_rgb(124, 92, 220);

/// What the docked review panels and the app share.
#[derive(Debug, Default)]
pub struct Shared {
    /// The comparison on screen, if any.
    pub comparison: Option<Comparison>,
    /// An item a panel asked to select and show.
    pub go_to: Option<Anchor>,
    /// A row of the Changes list a panel asked to step to.
    pub go_to_row: Option<usize>,
}

/// A note being written in the "New note" window.
#[derive(Clone, Debug)]
pub(super) struct NoteDraft {
    pub(super) target: NoteTarget,
    pub(super) text: String,
    pub(super) focus: bool,
}

/// The "Compare with" window's state.
#[derive(Clone, Debug, Default)]
pub(super) struct CompareForm {
    pub(super) revision: String,
    pub(super) error: Option<String>,
    pub(super) focus: bool,
}

/// Review state of the app (view state: never saved in the model).
#[derive(Debug)]
pub struct NotesReview {
    /// Who new notes are by (remembered between runs by the native app).
    pub author: String,
    pub(super) draft: Option<NoteDraft>,
    pub(super) form: Option<CompareForm>,
    pick: Option<Receiver<Option<PathBuf>>>,
    pub(super) shared: Rc<RefCell<Shared>>,
    notes_generation: u64,
}

impl Default for NotesReview {
    fn default() -> Self {
        Self {
            author: default_author(),
            draft: None,
            form: None,
            pick: None,
            shared: Rc::default(),
            notes_generation: 0,
        }
    }
}

/// The user's login name, as a default author of notes.
fn default_author() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

impl App {
    /// Adds the Notes and Changes panels to the dock.
    pub(super) fn install_review(&mut self) {
        let shared = self.notes_review.shared.clone();
        self.add_panel(Box::new(super::notes::NotesPanel::new(shared.clone())));
        self.add_panel(Box::new(super::changes::ChangesPanel::new(shared)));
    }

    /// Whether a comparison is on screen.
    pub fn comparing(&self) -> bool {
        self.notes_review
            .shared
            .try_borrow()
            .is_ok_and(|s| s.comparison.is_some())
    }

    /// The review tools' work for this frame: answers from the file dialog, keeping the diff
    /// and the note markers in step with the model, Esc, requests from the panels, windows.
    pub(super) fn review_frame(&mut self, ctx: &Context) {
        self.poll_compare_pick(ctx);
        self.sync_comparison();
        if self.comparing()
            && self.prompt.is_none()
            && !self.canvas.popup_open()
            && !ctx.egui_wants_keyboard_input()
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.close_comparison();
        }
        if self.notes_review.notes_generation != self.doc.generation {
            self.notes_review.notes_generation = self.doc.generation;
            self.fill_note_marks();
        }
        let (go_to, row) = match self.notes_review.shared.try_borrow_mut() {
            Ok(mut s) => (s.go_to.take(), s.go_to_row.take()),
            Err(_) => (None, None),
        };
        if let Some(anchor) = go_to {
            self.go_to(&anchor);
        }
        if let Some(row) = row {
            self.step_to(Some(row));
        }
        self.note_window(ctx);
        self.compare_window(ctx);
    }

    fn fill_note_marks(&mut self) {
        let counts = notes::open_counts(&self.doc.arch);
        let layer = self.canvas.marks.layer("notes");
        layer.badges.clear();
        for (id, n) in counts {
            let glyph = if n > 9 { "9+".into() } else { n.to_string() };
            layer.badges.insert(
                id.clone(),
                Badge {
                    color: NOTE_COLOR,
                    glyph,
                },
            );
        }
    }

    /// Selects the item and moves the view to it; a removed item (a ghost of the comparison)
    /// is shown without a selection.
    pub(super) fn go_to(&mut self, anchor: &Anchor) {
        let arch = &self.doc.arch;
        let id = anchor.id();
        let (selection, centre) = match anchor {
            Anchor::Component(_) if arch.components.contains(id.as_str()) => (
                Some(Selection::component(id.clone())),
                self.canvas.item_centre(id.as_str()),
            ),
            Anchor::Connection(_) if arch.connections.contains(id.as_str()) => (
                Some(Selection::connection(id.clone())),
                self.canvas.item_centre(id.as_str()),
            ),
            Anchor::Group(_) if arch.groups.contains(id.as_str()) => (
                Some(Selection::group(id.clone())),
                self.canvas.group_rect(id.as_str()).map(|r| r.center()),
            ),
            _ => (
                Some(Selection::default()),
                self.notes_review
                    .shared
                    .try_borrow()
                    .ok()
                    .and_then(|s| s.comparison.as_ref().and_then(|c| c.old_centre(anchor))),
            ),
        };
        if let Some(s) = selection {
            self.selection = s;
        }
        if let Some(p) = centre {
            self.canvas.centre_on_point(p);
        }
    }

    /// Opens the "New note" window for the one selected component or connection.
    pub(super) fn start_note(&mut self, ctx: &Context) {
        let s = &self.selection;
        let target = match (s.components.len(), s.connections.len(), s.groups.len()) {
            (1, 0, 0) => s
                .components
                .iter()
                .next()
                .cloned()
                .map(NoteTarget::Component),
            (0, 1, 0) => s
                .connections
                .iter()
                .next()
                .cloned()
                .map(NoteTarget::Connection),
            _ => None,
        };
        let Some(target) = target else {
            self.toasts.push(
                ctx,
                Level::Error,
                "select one component or connection to add a note to".into(),
            );
            return;
        };
        self.notes_review.draft = Some(NoteDraft {
            target,
            text: String::new(),
            focus: true,
        });
        ctx.request_repaint();
    }

    /// Opens the "Compare with" window.
    pub(super) fn open_compare_form(&mut self) {
        self.notes_review.form = Some(CompareForm {
            focus: true,
            ..CompareForm::default()
        });
        if let Some(ctx) = &self.ctx {
            ctx.request_repaint();
        }
    }

    /// Asks for a model file to compare with, on a background thread.
    pub(super) fn pick_compare_file(&mut self) {
        if self.notes_review.pick.is_some() {
            return;
        }
        let dialogs = self.config.dialogs.clone();
        let dir = self
            .doc
            .path
            .as_deref()
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_owned);
        let (tx, rx) = channel();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("archcanvas-compare-dialog".into())
            .spawn(move || {
                let _ = tx.send(dialogs.pick_compare(dir.as_deref()));
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.notes_review.pick = Some(rx),
            Err(e) => self.set_form_error(format!("could not open a file dialog: {e}")),
        }
    }

    fn poll_compare_pick(&mut self, ctx: &Context) {
        let Some(rx) = &self.notes_review.pick else {
            return;
        };
        let answer = match rx.try_recv() {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => None,
        };
        self.notes_review.pick = None;
        let Some(path) = answer else { return };
        match crate::file::load(&path) {
            Ok(old) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                self.start_comparison(ctx, name, old);
            }
            Err(e) => {
                self.set_form_error(format!("could not compare with {}: {e}", path.display()))
            }
        }
    }

    /// Compares the open file with its version in git revision `rev`.
    pub(super) fn compare_with_revision(&mut self, ctx: &Context, rev: &str) {
        match super::git_revision::read(self.doc.path.as_deref(), rev) {
            Ok(old) => self.start_comparison(ctx, rev.trim().to_owned(), old),
            Err(e) => self.set_form_error(e.to_string()),
        }
    }

    fn set_form_error(&mut self, text: String) {
        match &mut self.notes_review.form {
            Some(form) => form.error = Some(text.clone()),
            None => {
                self.notes_review.form = Some(CompareForm {
                    error: Some(text.clone()),
                    ..CompareForm::default()
                })
            }
        }
        self.toasts.last = Some((Level::Error, text));
    }

    /// Shows the difference between `old` and the open model.
    pub fn start_comparison(&mut self, ctx: &Context, against: String, old: Architecture) {
        let cmp = Comparison::new(
            against.clone(),
            old,
            &self.doc.arch,
            self.doc.generation,
            self.doc.path.clone(),
        );
        let n = cmp.rows.len();
        cmp.fill(self.canvas.marks.layer("diff"));
        if let Ok(mut s) = self.notes_review.shared.try_borrow_mut() {
            s.comparison = Some(cmp);
        }
        self.notes_review.form = None;
        self.show_panel("Changes");
        let text = if n == 0 {
            format!("No differences from {against}")
        } else if n == 1 {
            format!("Comparing with {against}: 1 change (F7 shows it, Esc ends)")
        } else {
            format!("Comparing with {against}: {n} changes (F7 steps through them, Esc ends)")
        };
        self.toasts.push(ctx, Level::Info, text);
    }

    /// Ends the comparison and removes its overlay.
    pub fn close_comparison(&mut self) {
        if let Some(ctx) = &self.ctx {
            ctx.request_repaint();
        }
        if let Ok(mut s) = self.notes_review.shared.try_borrow_mut() {
            s.comparison = None;
        }
        self.canvas.marks.clear("diff");
    }

    /// Recomputes the diff after an edit; a different file ends the comparison.
    fn sync_comparison(&mut self) {
        let Ok(mut s) = self.notes_review.shared.try_borrow_mut() else {
            return;
        };
        let Some(cmp) = &mut s.comparison else { return };
        if cmp.doc_path != self.doc.path {
            s.comparison = None;
            drop(s);
            self.canvas.marks.clear("diff");
            return;
        }
        if cmp.generation != self.doc.generation {
            cmp.refresh(&self.doc.arch, self.doc.generation);
            cmp.fill(self.canvas.marks.layer("diff"));
        }
    }

    /// Steps to the next (or previous) change of the comparison.
    pub(super) fn step_change(&mut self, forward: bool) {
        let row = match self.notes_review.shared.try_borrow_mut() {
            Ok(mut s) => s.comparison.as_mut().and_then(|c| {
                if forward {
                    c.next_row()
                } else {
                    c.previous_row()
                }
            }),
            Err(_) => None,
        };
        self.step_to(row);
    }

    /// Makes `row` the current change and shows its item.
    fn step_to(&mut self, row: Option<usize>) {
        let Some(row) = row else { return };
        let anchor = match self.notes_review.shared.try_borrow_mut() {
            Ok(mut s) => s.comparison.as_mut().and_then(|c| {
                let anchor = c.rows.get(row)?.anchor.clone();
                c.current = Some(row);
                anchor
            }),
            Err(_) => None,
        };
        if let Some(anchor) = anchor {
            self.go_to(&anchor);
        }
    }
}
