//! The whole difference between two models, and the questions the outputs and the editor ask
//! of it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Anchor, Change, Entry, Status, Subject};

/// Every item that differs between two models, in review order (see [`Subject`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// The items that differ, sorted by subject.
    pub entries: Vec<Entry>,
    /// Whether positions were compared (see [`super::Options::layout`]).
    pub layout: bool,
    /// Components whose position differs but which were not listed because layout was not
    /// compared (see [`super::Options::layout`]); a hint for the reader, not a difference.
    pub hidden_moves: usize,
}

/// How many items were added, removed, changed and moved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Items only in the new model.
    pub added: usize,
    /// Items only in the old model.
    pub removed: usize,
    /// Items with changed properties.
    pub changed: usize,
    /// Items that only moved on the canvas.
    pub moved: usize,
}

impl Counts {
    fn add(&mut self, status: Status) {
        match status {
            Status::Added => self.added += 1,
            Status::Removed => self.removed += 1,
            Status::Changed => self.changed += 1,
            Status::Moved => self.moved += 1,
        }
    }

    /// The number of items counted.
    pub fn total(&self) -> usize {
        self.added + self.removed + self.changed + self.moved
    }
}

impl Diff {
    /// Whether the two models are the same (as far as the comparison looked).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry of `subject`, if it differs.
    pub fn entry(&self, subject: &Subject) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.subject.cmp(subject))
            .ok()
            .and_then(|i| self.entries.get(i))
    }

    /// Counts over all entries.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for entry in &self.entries {
            counts.add(entry.status);
        }
        counts
    }

    /// Counts per kind of subject, in review order: one element per kind that has entries,
    /// with a representative subject to name the kind (see [`Subject::plural`]).
    pub fn counts_by_kind(&self) -> Vec<(&Subject, Counts)> {
        let mut out: Vec<(&Subject, Counts)> = Vec::new();
        for entry in &self.entries {
            match out.last_mut() {
                Some((subject, counts)) if subject.same_kind(&entry.subject) => {
                    counts.add(entry.status)
                }
                _ => {
                    let mut counts = Counts::default();
                    counts.add(entry.status);
                    out.push((&entry.subject, counts));
                }
            }
        }
        out
    }

    /// Every change with the entry it belongs to, in review order: the list an editor steps
    /// through. Added and removed items, which have no changes of their own, appear once with
    /// `None`.
    pub fn steps(&self) -> impl Iterator<Item = (&Entry, Option<&Change>)> {
        self.entries.iter().flat_map(|entry| {
            let whole = entry.changes.is_empty().then_some((entry, None));
            whole
                .into_iter()
                .chain(entry.changes.iter().map(move |c| (entry, Some(c))))
        })
    }

    /// How to colour the canvas: the status of every component, connection and group that
    /// differs. Notes do not colour what they are pinned to; they are listed in
    /// [`Diff::entries`] with their anchor.
    pub fn canvas_marks(&self) -> BTreeMap<Anchor, Status> {
        self.entries
            .iter()
            .filter_map(|e| Some((e.subject.own_anchor()?, e.status)))
            .collect()
    }
}
