//! The edit type and how it is applied.

use crate::model::{Architecture, Component, Connection, Flow, Group, Id, Note, Placement, View};

use super::EditError;

/// One change to a model. Applying it returns its inverse (see the module docs on adding
/// variants).
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Several edits applied in order, as one step. If one fails, those before it are undone.
    Batch(Vec<Edit>),
    /// Sets (`Some`) or removes (`None`) the component with this id.
    PutComponent {
        /// The component's id.
        id: Id,
        /// The new value; its id must equal `id`.
        value: Option<Box<Component>>,
    },
    /// Sets or removes the connection with this id.
    PutConnection {
        /// The connection's id.
        id: Id,
        /// The new value; its id must equal `id`.
        value: Option<Box<Connection>>,
    },
    /// Sets or removes the group with this id.
    PutGroup {
        /// The group's id.
        id: Id,
        /// The new value; its id must equal `id`.
        value: Option<Box<Group>>,
    },
    /// Sets or removes the review note with this id.
    PutNote {
        /// The note's id.
        id: Id,
        /// The new value; its id must equal `id`.
        value: Option<Box<Note>>,
    },
    /// Sets or removes the placement of the component with this id.
    Place {
        /// The component's id.
        id: Id,
        /// The new placement.
        value: Option<Placement>,
    },
    /// Gives a component a new id, everywhere it is referenced (connections, groups, layout,
    /// notes, views, flows stay as they are: they name connections or use filters).
    RekeyComponent {
        /// The current id.
        from: Id,
        /// The new id; must not be used by any component or referenced anywhere.
        to: Id,
    },
    /// Sets the model's name and description.
    SetInfo {
        /// New name.
        name: String,
        /// New description.
        description: String,
    },
    /// Replaces the whole model (reload from disk, restore a recovery file).
    Replace(Box<Architecture>),
    /// Sets (`Some`) the view with this id at position `index` of the list (adding it, or
    /// replacing and moving it), or removes it (`None`; `index` is then ignored).
    PutView {
        /// The view's id.
        id: Id,
        /// Where it goes in the list (clamped to the list's length).
        index: usize,
        /// The new value; its id must equal `id`.
        value: Option<Box<View>>,
    },
    /// Sets the flow with this id at position `index`, or removes it (like [`Edit::PutView`]).
    PutFlow {
        /// The flow's id.
        id: Id,
        /// Where it goes in the list (clamped to the list's length).
        index: usize,
        /// The new value; its id must equal `id`.
        value: Option<Box<Flow>>,
    },
}

impl Edit {
    /// Applies the edit to `arch` and returns the edit that undoes it. On error, `arch` is
    /// unchanged.
    pub fn apply(self, arch: &mut Architecture) -> Result<Edit, EditError> {
        match self {
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(arch) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Roll back what was applied, newest first.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(arch);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
            other => other.apply_one(arch),
        }
    }

    fn apply_one(self, arch: &mut Architecture) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::Batch(_) => return self.apply(arch),
            Edit::PutComponent { id, value } => {
                let old = match value {
                    Some(mut c) => {
                        c.id = id.clone();
                        arch.components.insert(*c)
                    }
                    None => arch.components.remove(id.as_str()),
                };
                Edit::PutComponent {
                    id,
                    value: old.map(Box::new),
                }
            }
            Edit::PutConnection { id, value } => {
                let old = match value {
                    Some(mut c) => {
                        c.id = id.clone();
                        arch.connections.insert(*c)
                    }
                    None => arch.connections.remove(id.as_str()),
                };
                Edit::PutConnection {
                    id,
                    value: old.map(Box::new),
                }
            }
            Edit::PutGroup { id, value } => {
                let old = match value {
                    Some(mut g) => {
                        g.id = id.clone();
                        arch.groups.insert(*g)
                    }
                    None => arch.groups.remove(id.as_str()),
                };
                Edit::PutGroup {
                    id,
                    value: old.map(Box::new),
                }
            }
            Edit::PutNote { id, value } => {
                let old = match value {
                    Some(mut n) => {
                        n.id = id.clone();
                        arch.notes.insert(*n)
                    }
                    None => arch.notes.remove(id.as_str()),
                };
                Edit::PutNote {
                    id,
                    value: old.map(Box::new),
                }
            }
            Edit::Place { id, value } => {
                let old = match value {
                    Some(mut p) => {
                        p.sanitize();
                        arch.layout.insert(id.clone(), p)
                    }
                    None => arch.layout.remove(&id),
                };
                Edit::Place { id, value: old }
            }
            Edit::RekeyComponent { from, to } => {
                rekey(arch, &from, &to)?;
                Edit::RekeyComponent { from: to, to: from }
            }
            Edit::SetInfo { name, description } => {
                let old_name = std::mem::replace(&mut arch.name, name);
                let old_description = std::mem::replace(&mut arch.description, description);
                Edit::SetInfo {
                    name: old_name,
                    description: old_description,
                }
            }
            Edit::Replace(new) => Edit::Replace(Box::new(std::mem::replace(arch, *new))),
            Edit::PutView { id, index, value } => {
                let value = value.map(|mut v| {
                    v.id = id.clone();
                    *v
                });
                let (index, value) = put_ordered(&mut arch.views, &id, index, value, "view")?;
                Edit::PutView {
                    id,
                    index,
                    value: value.map(Box::new),
                }
            }
            Edit::PutFlow { id, index, value } => {
                let value = value.map(|mut f| {
                    f.id = id.clone();
                    *f
                });
                let (index, value) = put_ordered(&mut arch.flows, &id, index, value, "flow")?;
                Edit::PutFlow {
                    id,
                    index,
                    value: value.map(Box::new),
                }
            }
        })
    }

    /// Whether the edit changes nothing (an empty batch).
    pub fn is_empty(&self) -> bool {
        match self {
            Edit::Batch(edits) => edits.iter().all(Edit::is_empty),
            _ => false,
        }
    }

    /// Number of primitive edits inside.
    pub fn len(&self) -> usize {
        match self {
            Edit::Batch(edits) => edits.iter().map(Edit::len).sum(),
            _ => 1,
        }
    }

    /// A short description for people ("change component orders").
    pub fn describe(&self) -> String {
        match self {
            Edit::Batch(edits) => match edits.as_slice() {
                [one] => one.describe(),
                _ => format!("{} changes", self.len()),
            },
            Edit::PutComponent { id, value: Some(_) } => format!("change component {id}"),
            Edit::PutComponent { id, value: None } => format!("remove component {id}"),
            Edit::PutConnection { id, value: Some(_) } => format!("change connection {id}"),
            Edit::PutConnection { id, value: None } => format!("remove connection {id}"),
            Edit::PutGroup { id, value: Some(_) } => format!("change group {id}"),
            Edit::PutGroup { id, value: None } => format!("remove group {id}"),
            Edit::PutNote { id, value: Some(_) } => format!("change note {id}"),
            Edit::PutNote { id, value: None } => format!("remove note {id}"),
            Edit::Place { id, .. } => format!("move {id}"),
            Edit::RekeyComponent { from, to } => format!("rename id {from} to {to}"),
            Edit::SetInfo { .. } => "change model info".into(),
            Edit::Replace(_) => "replace the model".into(),
            Edit::PutView {
                id, value: Some(_), ..
            } => format!("change view {id}"),
            Edit::PutView {
                id, value: None, ..
            } => format!("remove view {id}"),
            Edit::PutFlow {
                id, value: Some(_), ..
            } => format!("change flow {id}"),
            Edit::PutFlow {
                id, value: None, ..
            } => format!("remove flow {id}"),
        }
    }
}

/// Puts `value` at `index` of an ordered list keyed by id (or removes the item `id`), and
/// returns where the old item was and the old item: together, the inverse put. An item that
/// did not exist is undone by a removal, so the inverse of an insertion is `(index, None)`.
fn put_ordered<T: crate::model::HasId>(
    list: &mut Vec<T>,
    id: &Id,
    index: usize,
    value: Option<T>,
    what: &'static str,
) -> Result<(usize, Option<T>), EditError> {
    let old_at = list.iter().position(|item| item.id() == id);
    let old = old_at.map(|i| list.remove(i));
    match value {
        Some(v) => {
            let at = index.min(list.len());
            list.insert(at, v);
            Ok((old_at.unwrap_or(at), old))
        }
        None => match (old_at, old) {
            (Some(i), Some(old)) => Ok((i, Some(old))),
            _ => Err(EditError::Missing {
                what,
                id: id.to_string(),
            }),
        },
    }
}

fn rekey(arch: &mut Architecture, from: &Id, to: &Id) -> Result<(), EditError> {
    if from == to {
        return Ok(());
    }
    if !arch.components.contains(from.as_str()) {
        return Err(EditError::Missing {
            what: "component",
            id: from.to_string(),
        });
    }
    if arch.components.contains(to.as_str()) || is_referenced(arch, to) {
        return Err(EditError::Taken {
            what: "component",
            id: to.to_string(),
        });
    }
    arch.components.rekey(from.as_str(), to.clone());
    for c in arch.connections.iter_mut() {
        if &c.from == from {
            c.from = to.clone();
        }
        if &c.to == from {
            c.to = to.clone();
        }
    }
    for g in arch.groups.iter_mut() {
        if g.members.remove(from) {
            g.members.insert(to.clone());
        }
    }
    if let Some(p) = arch.layout.remove(from) {
        arch.layout.insert(to.clone(), p);
    }
    for n in arch.notes.iter_mut() {
        if let crate::model::NoteTarget::Component(id) = &mut n.target
            && id == from
        {
            *id = to.clone();
        }
    }
    for v in &mut arch.views {
        for set in [&mut v.filter.include, &mut v.filter.exclude] {
            if set.remove(from) {
                set.insert(to.clone());
            }
        }
    }
    Ok(())
}

/// Whether any connection, group, layout entry, note or view names `id` as a component
/// (a dangling reference); a rekey to such an id would not be reversible.
fn is_referenced(arch: &Architecture, id: &Id) -> bool {
    arch.connections
        .iter()
        .any(|c| &c.from == id || &c.to == id)
        || arch.groups.iter().any(|g| g.members.contains(id))
        || arch.layout.contains_key(id)
        || arch
            .notes
            .iter()
            .any(|n| matches!(&n.target, crate::model::NoteTarget::Component(t) if t == id))
        || arch
            .views
            .iter()
            .any(|v| v.filter.include.contains(id) || v.filter.exclude.contains(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{ConnectionKind, Kind};

    fn sample() -> Architecture {
        let mut a = Architecture::new("t");
        a.components
            .insert(Component::new(id!("api"), "API", Kind::Service));
        a.components
            .insert(Component::new(id!("db"), "DB", Kind::Database));
        a.connections.insert(Connection::new(
            id!("c1"),
            id!("api"),
            id!("db"),
            ConnectionKind::Writes,
        ));
        a.layout.insert(id!("api"), Placement::at(0.0, 0.0));
        let mut g = Group::new(id!("g"), "G", Default::default());
        g.members.insert(id!("db"));
        a.groups.insert(g);
        a.views = vec![view("v1"), view("v2")];
        a.flows = vec![flow("f1")];
        a
    }

    fn view(id: &str) -> crate::model::View {
        crate::model::View {
            id: Id::new(id).unwrap(),
            name: id.to_uppercase(),
            description: String::new(),
            filter: Default::default(),
            viewport: None,
        }
    }

    fn flow(id: &str) -> crate::model::Flow {
        crate::model::Flow {
            id: Id::new(id).unwrap(),
            name: id.to_uppercase(),
            description: String::new(),
            steps: vec![crate::model::FlowStep::new(id!("c1"), "writes")],
        }
    }

    #[test]
    fn every_primitive_round_trips() {
        let edits = vec![
            Edit::PutComponent {
                id: id!("new"),
                value: Some(Box::new(Component::new(id!("new"), "N", Kind::Cache))),
            },
            Edit::PutComponent {
                id: id!("api"),
                value: None,
            },
            Edit::PutConnection {
                id: id!("c1"),
                value: None,
            },
            Edit::PutGroup {
                id: id!("g"),
                value: None,
            },
            Edit::PutNote {
                id: id!("n1"),
                value: Some(Box::new(crate::model::Note {
                    id: id!("n1"),
                    target: crate::model::NoteTarget::Component(id!("api")),
                    author: "Dana".into(),
                    text: "why?".into(),
                    resolved: false,
                })),
            },
            Edit::Place {
                id: id!("api"),
                value: Some(Placement::at(5.0, 7.0)),
            },
            Edit::Place {
                id: id!("db"),
                value: Some(Placement::at(1.0, 2.0)),
            },
            Edit::RekeyComponent {
                from: id!("db"),
                to: id!("store"),
            },
            Edit::SetInfo {
                name: "x".into(),
                description: "y".into(),
            },
            Edit::Replace(Box::new(Architecture::new("other"))),
            Edit::PutView {
                id: id!("v3"),
                index: 0,
                value: Some(Box::new(view("v3"))),
            },
            Edit::PutView {
                id: id!("v1"),
                index: 5,
                value: Some(Box::new(view("v1"))),
            },
            Edit::PutView {
                id: id!("v2"),
                index: 0,
                value: None,
            },
            Edit::PutFlow {
                id: id!("f2"),
                index: 9,
                value: Some(Box::new(flow("f2"))),
            },
            Edit::PutFlow {
                id: id!("f1"),
                index: 0,
                value: None,
            },
        ];
        for edit in edits {
            let original = sample();
            let mut arch = original.clone();
            let inverse = edit.clone().apply(&mut arch).unwrap();
            assert_ne!(arch, original, "{edit:?} changed nothing");
            let redo = inverse.apply(&mut arch).unwrap();
            assert_eq!(arch, original, "{edit:?} did not undo");
            redo.apply(&mut arch).unwrap();
            let mut again = original.clone();
            edit.apply(&mut again).unwrap();
            assert_eq!(arch, again, "redo differs");
        }
    }

    #[test]
    fn rekey_updates_references_and_refuses_taken_ids() {
        let mut arch = sample();
        Edit::RekeyComponent {
            from: id!("db"),
            to: id!("store"),
        }
        .apply(&mut arch)
        .unwrap();
        let c = arch.connections.get("c1").unwrap();
        assert_eq!(c.to.as_str(), "store");
        assert!(arch.groups.get("g").unwrap().members.contains("store"));
        let err = Edit::RekeyComponent {
            from: id!("store"),
            to: id!("api"),
        }
        .apply(&mut arch)
        .unwrap_err();
        assert!(matches!(err, EditError::Taken { .. }));
    }

    #[test]
    fn views_keep_their_order_and_moves_undo_exactly() {
        let mut arch = sample();
        let inverse = Edit::PutView {
            id: id!("v1"),
            index: 1,
            value: Some(Box::new(view("v1"))),
        }
        .apply(&mut arch)
        .unwrap();
        let order: Vec<&str> = arch.views.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(order, ["v2", "v1"]);
        inverse.apply(&mut arch).unwrap();
        let order: Vec<&str> = arch.views.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(order, ["v1", "v2"]);
        let err = Edit::PutFlow {
            id: id!("nope"),
            index: 0,
            value: None,
        }
        .apply(&mut arch)
        .unwrap_err();
        assert!(matches!(err, EditError::Missing { what: "flow", .. }));
    }

    #[test]
    fn a_failing_batch_leaves_the_model_unchanged() {
        let original = sample();
        let mut arch = original.clone();
        let err = Edit::Batch(vec![
            Edit::Place {
                id: id!("db"),
                value: Some(Placement::at(9.0, 9.0)),
            },
            Edit::RekeyComponent {
                from: id!("missing"),
                to: id!("x"),
            },
        ])
        .apply(&mut arch);
        assert!(err.is_err());
        assert_eq!(arch, original);
    }

    #[test]
    fn non_finite_placements_are_sanitized() {
        let mut arch = sample();
        Edit::Place {
            id: id!("api"),
            value: Some(Placement::at(f32::NAN, f32::INFINITY)),
        }
        .apply(&mut arch)
        .unwrap();
        let p = arch.layout.get("api").unwrap();
        assert!(p.x.is_finite() && p.y.is_finite());
    }
}
