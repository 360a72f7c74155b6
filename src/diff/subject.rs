//! What a difference is about, and where on the canvas it shows.
//!
//! Differences are grouped by the item they belong to ([`Subject`]): a component, a
//! connection, a group, a shared schema, a view, a flow, a note, or the model's own settings.
//! Endpoints, entities and topics belong to their component, fields to their entity or schema.
//! The canvas can only colour components, connections and groups, so each subject also names
//! the canvas item it is drawn on ([`Anchor`]): itself, or for a note the thing it is pinned to.

use serde::Serialize;

use crate::model::{Id, NoteTarget};

/// The item a group of changes belongs to, in the order a review lists them (model settings
/// first, then components, connections, groups, schemas, views, flows, notes; each by id).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The model's name, description, rule settings, and the order of its views and flows.
    Model,
    /// A component, with its endpoints, entities, topics and position.
    Component(Id),
    /// A connection.
    Connection(Id),
    /// A group.
    Group(Id),
    /// A shared schema, by name.
    Schema(Id),
    /// A view.
    View(Id),
    /// A flow.
    Flow(Id),
    /// A review note.
    Note(Id),
}

impl Subject {
    /// The subject's id; `None` for the model itself.
    pub fn id(&self) -> Option<&Id> {
        match self {
            Subject::Model => None,
            Subject::Component(id)
            | Subject::Connection(id)
            | Subject::Group(id)
            | Subject::Schema(id)
            | Subject::View(id)
            | Subject::Flow(id)
            | Subject::Note(id) => Some(id),
        }
    }

    /// What the subject is, in one lowercase word (`component`), as the outputs name it.
    pub fn noun(&self) -> &'static str {
        match self {
            Subject::Model => "model",
            Subject::Component(_) => "component",
            Subject::Connection(_) => "connection",
            Subject::Group(_) => "group",
            Subject::Schema(_) => "schema",
            Subject::View(_) => "view",
            Subject::Flow(_) => "flow",
            Subject::Note(_) => "note",
        }
    }

    /// The plural of [`Subject::noun`], for summaries.
    pub fn plural(&self) -> &'static str {
        match self {
            Subject::Model => "model",
            Subject::Component(_) => "components",
            Subject::Connection(_) => "connections",
            Subject::Group(_) => "groups",
            Subject::Schema(_) => "schemas",
            Subject::View(_) => "views",
            Subject::Flow(_) => "flows",
            Subject::Note(_) => "notes",
        }
    }

    /// Whether `other` is the same kind of subject (both components, …), whatever the ids.
    pub fn same_kind(&self, other: &Subject) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }

    /// The canvas item that is the subject itself, for components, connections and groups.
    pub fn own_anchor(&self) -> Option<Anchor> {
        match self {
            Subject::Component(id) => Some(Anchor::Component(id.clone())),
            Subject::Connection(id) => Some(Anchor::Connection(id.clone())),
            Subject::Group(id) => Some(Anchor::Group(id.clone())),
            _ => None,
        }
    }
}

/// Written as two fields, `subject` (the [`Subject::noun`]) and `id` (`null` for the model),
/// so that every JSON entry has the same shape.
impl Serialize for Subject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Subject", 2)?;
        s.serialize_field("subject", self.noun())?;
        s.serialize_field("id", &self.id())?;
        s.end()
    }
}

/// A thing drawn on the canvas, which the editor can colour, ghost or centre on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Anchor {
    /// A component's box.
    Component(Id),
    /// A connection's line.
    Connection(Id),
    /// A group's boundary.
    Group(Id),
}

impl Anchor {
    /// The id of the item.
    pub fn id(&self) -> &Id {
        match self {
            Anchor::Component(id) | Anchor::Connection(id) | Anchor::Group(id) => id,
        }
    }
}

impl From<&NoteTarget> for Anchor {
    fn from(target: &NoteTarget) -> Self {
        match target {
            NoteTarget::Component(id) => Anchor::Component(id.clone()),
            NoteTarget::Connection(id) => Anchor::Connection(id.clone()),
        }
    }
}
