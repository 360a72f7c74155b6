//! The open document: the model, where it lives on disk, and its history.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::edit::{Edit, EditError, History, Touched};
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
    /// Unique to this document: a cache keyed by generation alone would
    /// take another document at the same generation for the one it holds.
    lineage: u64,
    /// What the latest changes touched, oldest first: the generation each one made, and what
    /// it touched. Lets caches update in place.
    changes: VecDeque<(u64, Touched)>,
}

/// Changes remembered: a cache further behind rebuilds.
const CHANGES_KEPT: usize = 32;

/// The next document's lineage.
static NEXT_LINEAGE: AtomicU64 = AtomicU64::new(1);

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
            lineage: NEXT_LINEAGE.fetch_add(1, Ordering::Relaxed),
            changes: VecDeque::new(),
        }
    }

    /// Which document this is and which version of it: what caches of the model key on.
    pub fn version(&self) -> (u64, u64) {
        (self.lineage, self.generation)
    }

    /// What changed between `version` (from [`Document::version`]) and now, or `None` when
    /// that is not known: another document, a version too old, or a generation set from
    /// outside (a preview).
    pub fn changes_since(&self, version: (u64, u64)) -> Option<Touched> {
        let (lineage, generation) = version;
        if lineage != self.lineage || generation > self.generation {
            return None;
        }
        let mut touched = Touched::default();
        let mut expected = generation + 1;
        for (g, t) in self.changes.iter().filter(|(g, _)| *g > generation) {
            if *g != expected {
                return None;
            }
            touched.merge(t);
            expected += 1;
        }
        (expected == self.generation + 1).then_some(touched)
    }

    /// Counts a change that touched `touched`.
    fn changed(&mut self, touched: Touched) {
        self.generation += 1;
        if self.changes.len() >= CHANGES_KEPT {
            self.changes.pop_front();
        }
        self.changes.push_back((self.generation, touched));
    }

    /// Applies `edit` as one undo step (or as part of the last one with the same key).
    pub fn apply(
        &mut self,
        label: &str,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        let touched = Touched::of(&edit);
        self.history
            .apply_merging(&mut self.arch, label, edit, merge_key)?;
        self.changed(touched);
        Ok(())
    }

    /// Undoes one step; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        let touched = self
            .history
            .undo_edit()
            .map(Touched::of)
            .unwrap_or_default();
        let r = self.history.undo(&mut self.arch)?;
        self.changed(touched);
        Ok(r)
    }

    /// Redoes one step; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let touched = self
            .history
            .redo_edit()
            .map(Touched::of)
            .unwrap_or_default();
        let r = self.history.redo(&mut self.arch)?;
        self.changed(touched);
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
