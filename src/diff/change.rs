//! One property that differs.

use serde::Serialize;

/// Whether a property (or a keyed element such as an endpoint) was added, removed or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Only in the new model.
    Added,
    /// Only in the old model.
    Removed,
    /// In both, with different values.
    Changed,
}

impl Op {
    /// The marker a review line starts with: `+`, `-` or `~`.
    pub fn marker(self) -> char {
        match self {
            Op::Added => '+',
            Op::Removed => '-',
            Op::Changed => '~',
        }
    }
}

/// One difference inside an item: which property, from what, to what.
///
/// `path` names the property as the file nests it, with list elements by their key rather
/// than their position: `name`, `kind.port`, `kind.endpoints[POST /orders].auth`,
/// `kind.entities[order].fields[status].type`, `steps[3].narration` (flow steps, which have no
/// key, by their number counted from 1), `layout` (the position on the canvas). Values are
/// one line of RON, as the model file spells them; `before` is `None` for an addition and
/// `after` for a removal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub op: Op,
    /// The property, as a readable path.
    pub path: String,
    /// The old value.
    pub before: Option<String>,
    /// The new value.
    pub after: Option<String>,
}

impl Change {
    /// Whether this change is a position on the canvas rather than the design.
    pub fn is_layout(&self) -> bool {
        self.path == LAYOUT
    }
}

/// The path of a component's position (its entry in the file's `layout` section).
pub const LAYOUT: &str = "layout";
