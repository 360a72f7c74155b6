//! New, open, save, save as, recent files, dropped files, autosave, recovery and reload:
//! the same functions behind the menu, the shortcuts and the tests.

use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;

use egui::Context;

use crate::edit::Edit;
use crate::file::SaveOptions;

use super::actions::Level;
use super::app::{App, DialogAnswer, MAX_RECENT};
use super::document::Document;
use super::prompts::{Prompt, Then};
use super::recovery;
use super::selection::Selection;
use super::watcher::{FileStamp, Watcher};

impl App {
    fn message(&mut self, level: Level, text: String) {
        if let Some(ctx) = self.ctx.clone() {
            self.toasts.push(&ctx, level, text);
        } else {
            self.toasts.last = Some((level, text));
        }
    }

    /// Replaces the document (tests and embedders; callers ask about unsaved changes).
    pub fn load_document(&mut self, doc: Document) {
        self.doc = doc;
        self.after_document_change();
    }

    pub(super) fn new_document(&mut self) {
        self.doc = Document::untitled();
        self.after_document_change();
    }

    fn after_document_change(&mut self) {
        self.selection = Selection::default();
        self.canvas.fit_next_frame();
        self.autosaved_generation = self.doc.generation;
        self.start_watching();
    }

    /// Opens `path`, replacing the document (callers ask about unsaved changes first). A
    /// file that does not load leaves everything as it was and says why.
    /// Components without positions are laid out first (see `auto_layout`).
    pub fn open_path(&mut self, path: PathBuf) {
        match crate::file::load(&path) {
            Ok(arch) => {
                if let Some(arch) = self.layout_on_open(arch, &path) {
                    self.show_opened(arch, path);
                }
            }
            Err(e) => self.message(Level::Error, format!("could not open: {e}")),
        }
    }

    /// Makes the loaded `arch` the document of `path`.
    pub(super) fn show_opened(&mut self, arch: crate::model::Architecture, path: PathBuf) {
        self.doc = Document::with(arch, Some(path.clone()));
        self.add_recent(&path);
        self.after_document_change();
        self.message(Level::Info, format!("Opened {}", path.display()));
    }

    /// Saves to the current file, or asks where (then continues with `then`).
    pub fn save(&mut self, then: Option<Then>) {
        match self.doc.path.clone() {
            Some(path) => {
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.proceed(then);
                }
            }
            None => self.save_as(then),
        }
    }

    /// Asks where to save (on a background thread), then saves and continues with `then`.
    pub fn save_as(&mut self, then: Option<Then>) {
        let dialogs = self.config.dialogs.clone();
        let dir = self.start_dir();
        let name = format!(
            "{}.{}",
            crate::model::Id::slugify(&self.doc.arch.name, "model"),
            crate::file::EXTENSION
        );
        self.start_dialog(move || {
            DialogAnswer::Save(dialogs.pick_save(dir.as_deref(), &name), then)
        });
    }

    pub(super) fn start_open_dialog(&mut self) {
        let dialogs = self.config.dialogs.clone();
        let dir = self.start_dir();
        self.start_dialog(move || DialogAnswer::Open(dialogs.pick_open(dir.as_deref())));
    }

    fn start_dir(&self) -> Option<PathBuf> {
        self.doc
            .path
            .as_deref()
            .or(self.recent.first().map(PathBuf::as_path))
            .and_then(Path::parent)
            .map(Path::to_owned)
    }

    fn start_dialog(&mut self, ask: impl FnOnce() -> DialogAnswer + Send + 'static) {
        if self.dialog.is_some() {
            return; // one dialog at a time
        }
        let (tx, rx) = channel();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("archcanvas-dialog".into())
            .spawn(move || {
                let _ = tx.send(ask());
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.dialog = Some(rx),
            Err(e) => self.message(Level::Error, format!("could not open a file dialog: {e}")),
        }
    }

    /// Writes the model to `path`. Returns whether it worked.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match crate::file::save(path, &self.doc.arch, SaveOptions::default()) {
            Ok(()) => {
                let old = self.doc.path.replace(path.to_owned());
                if let Some(dir) = &self.config.recovery_dir {
                    recovery::remove(dir, old.as_deref());
                    recovery::remove(dir, Some(path));
                }
                self.doc.history.mark_saved();
                self.doc.disk = FileStamp::of(path);
                self.add_recent(path);
                if old.as_deref() != Some(path) {
                    self.start_watching();
                }
                self.message(Level::Info, format!("Saved {}", path.display()));
                true
            }
            Err(e) => {
                self.message(Level::Error, format!("could not save: {e}"));
                false
            }
        }
    }

    fn add_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    pub(super) fn start_watching(&mut self) {
        self.watcher = None;
        let (Some(every), Some(path), Some(ctx)) = (
            self.config.watch_every,
            self.doc.path.clone(),
            self.ctx.clone(),
        ) else {
            return;
        };
        self.watcher = Some(Watcher::start(path, ctx, every));
    }

    /// Dialog answers and file changes that arrived since the last frame.
    pub(super) fn poll_background(&mut self, _ctx: &Context) {
        if let Some(rx) = &self.dialog {
            match rx.try_recv() {
                Ok(answer) => {
                    self.dialog = None;
                    match answer {
                        DialogAnswer::Open(Some(path)) => self.open_path(path),
                        DialogAnswer::Save(Some(path), then) => {
                            if self.save_to(&path)
                                && let Some(then) = then
                            {
                                self.proceed(then);
                            }
                        }
                        DialogAnswer::Open(None) | DialogAnswer::Save(None, _) => {}
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.dialog = None,
            }
        }
        let mut changed = None;
        if let Some(w) = &self.watcher {
            while let Ok(stamp) = w.changes.try_recv() {
                changed = Some(stamp);
            }
        }
        if let Some(stamp) = changed {
            self.on_disk_change(stamp);
        }
    }

    /// Reacts to a new stamp of the open file.
    pub fn on_disk_change(&mut self, stamp: Option<FileStamp>) {
        if stamp.is_none() || stamp == self.doc.disk {
            return; // deleted (keep our copy), or our own save
        }
        if self.doc.is_dirty() {
            self.prompt = Some(Prompt::ChangedOnDisk);
        } else {
            self.reload_from_disk();
        }
    }

    /// Replaces the model with the file's current content, as one undoable step.
    pub fn reload_from_disk(&mut self) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        match crate::file::load(&path) {
            Ok(arch) => {
                if let Err(e) =
                    self.doc
                        .apply("reload from disk", Edit::Replace(Box::new(arch)), None)
                {
                    self.message(Level::Error, e.to_string());
                    return;
                }
                self.doc.history.mark_saved();
                self.doc.disk = FileStamp::of(&path);
                self.selection.retain_existing(&self.doc.arch);
                self.message(
                    Level::Info,
                    format!("Reloaded {} (changed on disk)", path.display()),
                );
            }
            Err(e) => self.message(
                Level::Error,
                format!("the file changed on disk but does not load: {e}"),
            ),
        }
    }

    /// Opens the files dropped on the window (the first model file).
    pub(super) fn handle_window_events(&mut self, ctx: &Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            if path
                .extension()
                .is_some_and(|e| e == crate::file::EXTENSION)
            {
                self.confirm_then(Then::OpenPath(path));
            } else {
                self.message(
                    Level::Error,
                    format!(
                        "{} is not an ArchCanvas model (a .ron file)",
                        path.display()
                    ),
                );
            }
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.prompt = Some(Prompt::Unsaved(Then::Close));
            } else {
                self.discard_recovery();
            }
        }
    }

    pub(super) fn discard_recovery(&mut self) {
        if let Some(dir) = &self.config.recovery_dir {
            recovery::remove(dir, self.doc.path.as_deref());
        }
    }

    /// Writes the recovery file a few idle seconds after the last edit.
    pub(super) fn autosave(&mut self, ctx: &Context) {
        let Some(dir) = self.config.recovery_dir.clone() else {
            return;
        };
        if !self.doc.is_dirty() || self.autosaved_generation == self.doc.generation {
            return;
        }
        let now = ctx.input(|i| i.time);
        let idle = now - self.last_edit_time;
        if idle < f64::from(recovery::AUTOSAVE_DELAY_SECS) || self.canvas.is_busy() {
            return;
        }
        match recovery::write(&dir, self.doc.path.as_deref(), &self.doc.arch) {
            Ok(()) => self.autosaved_generation = self.doc.generation,
            Err(e) => {
                self.autosaved_generation = self.doc.generation;
                self.message(Level::Error, format!("autosave failed: {e}"));
            }
        }
    }

    /// Offers to restore a recovery file left by a session that did not end cleanly.
    pub(super) fn check_recovery(&mut self) {
        let Some(dir) = &self.config.recovery_dir else {
            return;
        };
        if let Some(found) = recovery::find(dir).into_iter().next() {
            self.prompt = Some(Prompt::Recover(found));
        }
    }

    /// Restores a recovery file: opens its original (if it still loads) and puts the
    /// recovered model on top as one undoable, unsaved step.
    pub fn restore(&mut self, found: &recovery::Found) {
        let recovered = match crate::file::load(&found.file) {
            Ok(a) => a,
            Err(e) => {
                self.message(
                    Level::Error,
                    format!("the recovery file does not load: {e}"),
                );
                return;
            }
        };
        match found.original.clone().filter(|p| p.exists()) {
            Some(original) => self.open_path(original),
            None => self.new_document(),
        }
        if let Err(e) = self.doc.apply(
            "restore unsaved work",
            Edit::Replace(Box::new(recovered)),
            None,
        ) {
            self.message(Level::Error, e.to_string());
            return;
        }
        if found.original.is_some() && self.doc.path.is_none() {
            self.doc.path = found.original.clone();
        }
        self.doc.history.mark_unsaved();
        recovery::discard(found);
        self.canvas.fit_next_frame();
        self.message(
            Level::Info,
            "Restored unsaved work; save it to keep it".into(),
        );
    }
}
