//! Undo and redo.
//!
//! The history stores, for each step, the edit that undoes it (what [`Edit::apply`] returned).
//! Undoing applies that edit and keeps *its* inverse for redo. Steps carry a serial number so
//! "unsaved changes" is a comparison with the serial that was on top when the file was saved:
//! saving does not touch the stacks, so the history survives a save, and undoing back to the
//! saved state clears the unsaved marker again.

use crate::model::Architecture;

use super::{Edit, EditError};

/// One undoable step.
#[derive(Clone, Debug)]
pub struct Step {
    /// What the step did, for menus ("Undo move 3 components").
    pub label: String,
    /// The edit that reverts the step (or re-does it, on the redo stack).
    pub edit: Edit,
    serial: u64,
    /// While set, edits pushed with the same key fold into this step (typing in one field).
    merge_key: Option<String>,
}

/// The undo and redo stacks of one document.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_serial: u64,
    saved: Option<u64>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        Self::new()
    }
}

/// Serial of the state before any step.
const ORIGIN: u64 = 0;

impl History {
    /// An empty history whose current state counts as saved.
    pub fn new() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            next_serial: ORIGIN + 1,
            saved: Some(ORIGIN),
            limit: 1000,
        }
    }

    fn current(&self) -> u64 {
        self.undo.last().map_or(ORIGIN, |s| s.serial)
    }

    /// Applies `edit` to `arch` as one new step labelled `label`. An empty edit is no step.
    pub fn apply(
        &mut self,
        arch: &mut Architecture,
        label: impl Into<String>,
        edit: Edit,
    ) -> Result<(), EditError> {
        self.apply_merging(arch, label, edit, None)
    }

    /// Like [`History::apply`], but when the newest step has the same `merge_key` (and was not
    /// sealed), the edit joins that step instead of making a new one: its original inverse
    /// still reverts everything. Used for typing in a field, which changes the model at each
    /// key but is one gesture.
    pub fn apply_merging(
        &mut self,
        arch: &mut Architecture,
        label: impl Into<String>,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        if edit.is_empty() {
            return Ok(());
        }
        let inverse = edit.apply(arch)?;
        self.redo.clear();
        if let (Some(key), Some(top)) = (&merge_key, self.undo.last_mut())
            && top.merge_key.as_ref() == Some(key)
            && self.saved != Some(top.serial)
        {
            // The older inverse restores the state before the first keystroke; the newer one
            // would only restore the state before this one.
            return Ok(());
        }
        let serial = self.next_serial;
        self.next_serial += 1;
        self.undo.push(Step {
            label: label.into(),
            edit: inverse,
            serial,
            merge_key,
        });
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
        Ok(())
    }

    /// Stops the newest step from absorbing further edits (a field lost focus).
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.merge_key = None;
        }
    }

    /// Undoes the newest step. Returns its label, or `None` if there is nothing to undo.
    pub fn undo(&mut self, arch: &mut Architecture) -> Result<Option<String>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        match step.edit.clone().apply(arch) {
            Ok(redo) => {
                let label = step.label.clone();
                self.redo.push(Step {
                    edit: redo,
                    merge_key: None,
                    ..step
                });
                Ok(Some(label))
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// Redoes the newest undone step. Returns its label, or `None` if there is nothing to redo.
    pub fn redo(&mut self, arch: &mut Architecture) -> Result<Option<String>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        match step.edit.clone().apply(arch) {
            Ok(undo) => {
                let label = step.label.clone();
                self.undo.push(Step {
                    edit: undo,
                    merge_key: None,
                    ..step
                });
                Ok(Some(label))
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    /// The edit [`History::undo`] would apply.
    pub fn undo_edit(&self) -> Option<&Edit> {
        self.undo.last().map(|s| &s.edit)
    }

    /// The edit [`History::redo`] would apply.
    pub fn redo_edit(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.edit)
    }

    /// Label of the step [`History::undo`] would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// Label of the step [`History::redo`] would re-apply.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records that the current state is what the file holds.
    pub fn mark_saved(&mut self) {
        self.seal();
        self.saved = Some(self.current());
    }

    /// Records that no state in the history is what the file holds (the file changed on disk,
    /// or the document was restored from a recovery file).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }

    /// Whether the current state differs from the saved one.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.current())
    }

    /// A number that changes whenever the current state changes (for caches).
    pub fn state_serial(&self) -> u64 {
        self.current()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Kind, Placement};

    fn add(name: &str) -> Edit {
        let id = crate::model::Id::new(name).unwrap();
        Edit::PutComponent {
            id: id.clone(),
            value: Some(Box::new(Component::new(id, name, Kind::Service))),
        }
    }

    #[test]
    fn undo_redo_and_the_saved_marker() {
        let mut arch = Architecture::new("t");
        let mut h = History::new();
        assert!(!h.is_dirty());
        h.apply(&mut arch, "add a", add("a")).unwrap();
        assert!(h.is_dirty());
        h.mark_saved();
        assert!(!h.is_dirty());
        h.apply(&mut arch, "add b", add("b")).unwrap();
        assert!(h.is_dirty());
        assert_eq!(h.undo(&mut arch).unwrap().as_deref(), Some("add b"));
        assert!(!h.is_dirty(), "back at the saved state");
        assert_eq!(arch.components.len(), 1);
        assert_eq!(h.undo(&mut arch).unwrap().as_deref(), Some("add a"));
        assert!(h.is_dirty());
        assert!(arch.components.is_empty());
        assert_eq!(h.undo(&mut arch).unwrap(), None);
        h.redo(&mut arch).unwrap();
        h.redo(&mut arch).unwrap();
        assert_eq!(arch.components.len(), 2);
        assert_eq!(h.redo(&mut arch).unwrap(), None);
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut arch = Architecture::new("t");
        let mut h = History::new();
        h.apply(&mut arch, "a", add("a")).unwrap();
        h.undo(&mut arch).unwrap();
        assert!(h.can_redo());
        h.apply(&mut arch, "b", add("b")).unwrap();
        assert!(!h.can_redo());
    }

    #[test]
    fn merged_edits_undo_as_one_step() {
        let mut arch = Architecture::new("t");
        let mut h = History::new();
        h.apply(&mut arch, "add", add("a")).unwrap();
        for x in 1..=5 {
            let edit = Edit::Place {
                id: id!("a"),
                value: Some(Placement::at(x as f32, 0.0)),
            };
            h.apply_merging(&mut arch, "move", edit, Some("drag".into()))
                .unwrap();
        }
        assert_eq!(arch.layout.get("a").unwrap().x, 5.0);
        h.undo(&mut arch).unwrap();
        assert!(!arch.layout.contains_key("a"), "one undo reverts all five");
        assert_eq!(h.undo_label(), Some("add"));
        // Sealing stops merging.
        h.redo(&mut arch).unwrap();
        h.seal();
        let edit = Edit::Place {
            id: id!("a"),
            value: Some(Placement::at(9.0, 0.0)),
        };
        h.apply_merging(&mut arch, "move", edit, Some("drag".into()))
            .unwrap();
        h.undo(&mut arch).unwrap();
        assert_eq!(arch.layout.get("a").unwrap().x, 5.0);
    }
}
