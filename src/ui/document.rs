//! The open document: the model, where it lives on disk, and its history.

use std::path::{Path, PathBuf};

use crate::edit::{Edit, EditError, History};
use crate::model::Architecture;

use super::watcher::FileStamp;

/// A model being edited.
#[derive(Debug)]
pub struct Document {
    /// The model. Changed only through [`Document::apply`], undo and redo.
    pub arch: Architecture,
    /// The file it was loaded from or last saved to.
    pub path: Option<PathBuf>,
    /// Undo and redo.
    pub history: History,
    /// Bumped at every change of `arch`; caches (the canvas scene) compare it.
    pub generation: u64,
    /// The file's size and time when we last read or wrote it.
    pub disk: Option<FileStamp>,
}

impl Document {
    /// An empty, unsaved model.
    pub fn untitled() -> Self {
        Self::with(Architecture::new("Untitled"), None)
    }

    /// A model loaded from `path` (or made in memory).
    pub fn with(arch: Architecture, path: Option<PathBuf>) -> Self {
        let disk = path.as_deref().and_then(FileStamp::of);
        Self {
            arch,
            path,
            history: History::new(),
            generation: 1,
            disk,
        }
    }

    /// Applies `edit` as one undo step (or as part of the last one with the same key).
    pub fn apply(
        &mut self,
        label: &str,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        self.history
            .apply_merging(&mut self.arch, label, edit, merge_key)?;
        self.generation += 1;
        Ok(())
    }

    /// Undoes one step; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        let r = self.history.undo(&mut self.arch)?;
        self.generation += 1;
        Ok(r)
    }

    /// Redoes one step; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let r = self.history.redo(&mut self.arch)?;
        self.generation += 1;
        Ok(r)
    }

    /// Whether there are changes that the file does not have.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The file name, or "Untitled".
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The window title: file name, unsaved marker, app name.
    pub fn title(&self) -> String {
        let marker = if self.is_dirty() { "● " } else { "" };
        format!("{marker}{} — ArchCanvas", self.display_name())
    }
}
