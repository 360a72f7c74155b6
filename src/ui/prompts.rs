//! Questions that must be answered before going on: unsaved changes, a recovery file, a
//! file changed on disk.

use egui::{Context, Id, Modal};

use super::app::App;
use super::recovery::Found;

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    /// Start an empty model.
    New,
    /// Ask for a file and open it.
    PickOpen,
    /// Open this file.
    OpenPath(std::path::PathBuf),
    /// Close the window.
    Close,
}

/// A question on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// Save changes before `Then`?
    Unsaved(Then),
    /// Restore autosaved work?
    Recover(Found),
    /// The open file changed on disk while there are local edits.
    ChangedOnDisk,
}

impl App {
    /// Runs `then` now, or first asks what to do with unsaved changes.
    pub fn confirm_then(&mut self, then: Then) {
        if self.doc.is_dirty() {
            self.prompt = Some(Prompt::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }

    /// Does `then` without asking.
    pub(super) fn proceed(&mut self, then: Then) {
        match then {
            Then::New => self.new_document(),
            Then::PickOpen => self.start_open_dialog(),
            Then::OpenPath(p) => self.open_path(p),
            Then::Close => {
                self.discard_recovery();
                self.allow_close = true;
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// The question on screen, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    pub(super) fn prompts_ui(&mut self, ctx: &Context) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        let mut answer: Option<usize> = None;
        let (title, body, buttons): (&str, String, Vec<&str>) = match &prompt {
            Prompt::Unsaved(_) => (
                "Unsaved changes",
                format!("Save the changes to {} first?", self.doc.display_name()),
                vec!["Save", "Don't save", "Cancel"],
            ),
            Prompt::Recover(found) => (
                "Restore unsaved work?",
                format!(
                    "ArchCanvas did not close cleanly. Work on {} was saved automatically{}. \
                     Restore it?",
                    found.original.as_deref().map_or_else(
                        || "an untitled model".to_owned(),
                        |p| p.display().to_string()
                    ),
                    found
                        .written
                        .and_then(|t| t.elapsed().ok())
                        .map(|d| format!(" {} minutes ago", d.as_secs() / 60))
                        .unwrap_or_default()
                ),
                vec!["Restore", "Discard"],
            ),
            Prompt::ChangedOnDisk => (
                "File changed on disk",
                format!(
                    "{} was changed by another program, and you have unsaved edits here.",
                    self.doc.display_name()
                ),
                vec!["Reload (lose my edits)", "Keep my version"],
            ),
        };
        Modal::new(Id::unique("archcanvas-prompt")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading(title);
            ui.label(body);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                for (i, b) in buttons.iter().enumerate() {
                    if ui.button(*b).clicked() {
                        answer = Some(i);
                    }
                }
            });
        });
        let Some(answer) = answer else { return };
        self.prompt = None;
        match prompt {
            Prompt::Unsaved(then) => match answer {
                0 => self.save(Some(then)),
                1 => {
                    self.discard_recovery();
                    self.proceed(then);
                }
                _ => {}
            },
            Prompt::Recover(found) => {
                if answer == 0 {
                    self.restore(&found);
                } else {
                    super::recovery::discard(&found);
                }
            }
            Prompt::ChangedOnDisk => {
                if answer == 0 {
                    self.reload_from_disk();
                } else {
                    self.doc.disk = self
                        .doc
                        .path
                        .as_deref()
                        .and_then(super::watcher::FileStamp::of);
                    self.doc.history.mark_unsaved();
                }
            }
        }
    }
}
