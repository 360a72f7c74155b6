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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;

    fn entry(subject: Subject, status: Status, changes: usize) -> Entry {
        Entry {
            anchor: subject.own_anchor(),
            subject,
            status,
            name: String::new(),
            detail: String::new(),
            changes: (0..changes)
                .map(|n| Change {
                    op: Op::Changed,
                    path: format!("p{n}"),
                    before: Some("1".into()),
                    after: Some("2".into()),
                })
                .collect(),
        }
    }

    fn sample() -> Diff {
        Diff {
            entries: vec![
                entry(Subject::Component(id!("a")), Status::Added, 0),
                entry(Subject::Component(id!("b")), Status::Changed, 2),
                entry(Subject::Connection(id!("c")), Status::Removed, 0),
                entry(Subject::Note(id!("n")), Status::Changed, 1),
            ],
            layout: false,
            hidden_moves: 0,
        }
    }

    #[test]
    fn counts_in_total_and_by_kind() {
        let diff = sample();
        let counts = diff.counts();
        assert_eq!((counts.added, counts.removed, counts.changed), (1, 1, 2));
        assert_eq!(counts.total(), 4);
        let by_kind: Vec<_> = diff
            .counts_by_kind()
            .into_iter()
            .map(|(s, c)| (s.plural(), c.total()))
            .collect();
        assert_eq!(
            by_kind,
            [("components", 2), ("connections", 1), ("notes", 1)]
        );
    }

    #[test]
    fn steps_visit_whole_items_once_and_every_change() {
        let diff = sample();
        let steps: Vec<_> = diff
            .steps()
            .map(|(e, c)| (e.subject.clone(), c.map(|c| c.path.clone())))
            .collect();
        assert_eq!(
            steps,
            [
                (Subject::Component(id!("a")), None),
                (Subject::Component(id!("b")), Some("p0".into())),
                (Subject::Component(id!("b")), Some("p1".into())),
                (Subject::Connection(id!("c")), None),
                (Subject::Note(id!("n")), Some("p0".into())),
            ]
        );
    }

    #[test]
    fn canvas_marks_cover_canvas_items_only() {
        let marks = sample().canvas_marks();
        assert_eq!(
            marks.into_iter().collect::<Vec<_>>(),
            [
                (Anchor::Component(id!("a")), Status::Added),
                (Anchor::Component(id!("b")), Status::Changed),
                (Anchor::Connection(id!("c")), Status::Removed),
            ]
        );
    }

    #[test]
    fn entries_are_found_by_subject() {
        let diff = sample();
        assert_eq!(
            diff.entry(&Subject::Connection(id!("c"))).map(|e| e.status),
            Some(Status::Removed)
        );
        assert!(diff.entry(&Subject::Connection(id!("zz"))).is_none());
    }
}
