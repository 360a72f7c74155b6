//! The changes of one item, with what the editor needs to show them on the canvas.

use serde::Serialize;

use super::{Anchor, Change, Subject};

/// What happened to an item as a whole; the colour the editor gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Only in the new model (green).
    Added,
    /// Only in the old model (a red ghost, drawn from the old model).
    Removed,
    /// In both, with some property changed (amber).
    Changed,
    /// In both, only its position on the canvas differs (listed only when layout is compared).
    Moved,
}

impl Status {
    /// The marker a review line starts with: `+`, `-` or `~`.
    pub fn marker(self) -> char {
        match self {
            Status::Added => '+',
            Status::Removed => '-',
            Status::Changed | Status::Moved => '~',
        }
    }

    /// The word for people (`added`).
    pub fn word(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Moved => "moved",
        }
    }
}

/// One item that differs, with its changes in the order of its properties.
///
/// An added or removed item has no changes of its own: the whole item is the change (its
/// endpoints, entities, fields… come and go with it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The item.
    #[serde(flatten)]
    pub subject: Subject,
    /// Added, removed, changed or moved.
    pub status: Status,
    /// Its display name (the new one if renamed); empty for items without one.
    pub name: String,
    /// A few words that place it: a component's kind (`service`), a connection's ends
    /// (`web calls gateway`), a group's kind, a note's target.
    pub detail: String,
    /// Where the editor shows it: the component, connection or group itself, or the item a
    /// note is pinned to; `None` for schemas, views, flows and the model.
    pub anchor: Option<Anchor>,
    /// What differs inside it; empty when the item was added or removed.
    pub changes: Vec<Change>,
}
