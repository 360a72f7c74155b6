//! Review notes pinned to the drawing.

use serde::{Deserialize, Serialize};

use super::spec::is_false;
use super::{HasId, Id};

/// What a note is pinned to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NoteTarget {
    /// A component, by id.
    Component(Id),
    /// A connection, by id.
    Connection(Id),
}

impl NoteTarget {
    /// The id of the thing pinned to.
    pub fn id(&self) -> &Id {
        match self {
            NoteTarget::Component(id) | NoteTarget::Connection(id) => id,
        }
    }
}

/// A review comment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Stable id.
    pub id: Id,
    /// What it is about.
    pub target: NoteTarget,
    /// Who wrote it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// The comment.
    pub text: String,
    /// Settled.
    #[serde(default, skip_serializing_if = "is_false")]
    pub resolved: bool,
}

impl HasId for Note {
    const WHAT: &'static str = "note";
    fn id(&self) -> &Id {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}
