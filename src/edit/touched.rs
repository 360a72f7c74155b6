//! What an edit touched, for caches that would rather update than rebuild.
//!
//! The canvas resolves the whole model into a scene after every change, which takes tens of
//! milliseconds on thousands of components. The common edits (a moved box, a renamed
//! component, a group's members, a note) change a few known items and leave the set of
//! components and connections as it was; [`Touched`] says which, so the scene can update
//! those items in place. Anything it cannot describe that way is [`Touched::structure`]:
//! rebuild.

use std::collections::BTreeSet;

use crate::model::Id;

use super::Edit;

/// The parts of a model one or more edits changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    /// Components whose value or placement was set (they existed before or not: the reader
    /// checks).
    pub components: BTreeSet<Id>,
    /// Some group was set or removed.
    pub groups: bool,
    /// Something else that may change which components or connections exist, or how they
    /// connect: components or connections added or removed, a connection changed, an id
    /// changed, a placement removed, the whole model replaced.
    pub structure: bool,
}

impl Touched {
    /// What `edit` touches when applied.
    pub fn of(edit: &Edit) -> Touched {
        let mut t = Touched::default();
        t.add_edit(edit);
        t
    }

    /// Adds what `edit` touches.
    pub fn add_edit(&mut self, edit: &Edit) {
        match edit {
            Edit::Batch(edits) => {
                for e in edits {
                    self.add_edit(e);
                }
            }
            Edit::PutComponent { id, value: Some(_) } | Edit::Place { id, value: Some(_) } => {
                self.components.insert(id.clone());
            }
            Edit::PutGroup { .. } => self.groups = true,
            // Neither is drawn on the canvas.
            Edit::PutNote { .. }
            | Edit::SetInfo { .. }
            | Edit::PutView { .. }
            | Edit::PutFlow { .. } => {}
            Edit::PutComponent { value: None, .. }
            | Edit::Place { value: None, .. }
            | Edit::PutConnection { .. }
            | Edit::RekeyComponent { .. }
            | Edit::Replace(_) => self.structure = true,
        }
    }

    /// Adds what `other` touched.
    pub fn merge(&mut self, other: &Touched) {
        self.components.extend(other.components.iter().cloned());
        self.groups |= other.groups;
        self.structure |= other.structure;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Connection, ConnectionKind, Kind, Placement};

    #[test]
    fn moves_and_renames_name_their_components_and_the_rest_is_structure() {
        let place = |s: &str| Edit::Place {
            id: Id::new(s).unwrap(),
            value: Some(Placement::at(1.0, 2.0)),
        };
        let t = Touched::of(&Edit::Batch(vec![place("a"), place("b")]));
        assert_eq!(
            t.components,
            BTreeSet::from([id!("a"), id!("b")]),
            "both moved"
        );
        assert!(!t.structure && !t.groups);

        let rename = Edit::PutComponent {
            id: id!("a"),
            value: Some(Box::new(Component::new(id!("a"), "A", Kind::Service))),
        };
        assert!(!Touched::of(&rename).structure);

        let delete = Edit::PutComponent {
            id: id!("a"),
            value: None,
        };
        assert!(Touched::of(&delete).structure);
        let unplace = Edit::Place {
            id: id!("a"),
            value: None,
        };
        assert!(Touched::of(&unplace).structure);
        let connect = Edit::PutConnection {
            id: id!("c"),
            value: Some(Box::new(Connection::new(
                id!("c"),
                id!("a"),
                id!("b"),
                ConnectionKind::DependsOn,
            ))),
        };
        let mut both = Touched::of(&Edit::Batch(vec![place("a")]));
        both.merge(&Touched::of(&connect));
        assert!(
            both.structure,
            "one structural part makes the whole structural"
        );
        assert_eq!(both.components.len(), 1);
    }
}
