//! Intents turned into edits: add, delete, duplicate, move, connect, group, rename.
//!
//! Each function reads the model and returns the [`Edit`] that does the job (usually a
//! batch, so the gesture is one undo step); none changes the model itself.

use std::collections::BTreeSet;

use crate::model::{
    Architecture, Component, Connection, ConnectionType, Group, GroupKind, Id, Kind, Placement,
    matrix,
};

use super::geometry::{BoxGeom, box_of};
use super::{Edit, EditError};

/// The placement of `id`: the layout's, or the fallback grid's for an unplaced component.
pub fn placement_of(arch: &Architecture, id: &Id) -> Placement {
    match arch.layout.get(id) {
        Some(p) => *p,
        None => super::place::place_missing(arch)
            .get(id)
            .copied()
            .unwrap_or_default(),
    }
}

/// The box of `id` wherever it is drawn (see [`placement_of`]).
pub fn box_for(arch: &Architecture, id: &Id) -> Option<BoxGeom> {
    let c = arch.components.get(id.as_str())?;
    Some(box_of(c, &placement_of(arch, id)))
}

/// The edit that sets `component` (adding or replacing it).
pub fn put_component(component: Component) -> Edit {
    Edit::PutComponent {
        id: component.id.clone(),
        value: Some(Box::new(component)),
    }
}

/// The edit that sets `connection`.
pub fn put_connection(connection: Connection) -> Edit {
    Edit::PutConnection {
        id: connection.id.clone(),
        value: Some(Box::new(connection)),
    }
}

/// The edit that sets `group`.
pub fn put_group(group: Group) -> Edit {
    Edit::PutGroup {
        id: group.id.clone(),
        value: Some(Box::new(group)),
    }
}

/// A name for a new component of `kind` that no component has yet ("Service", "Service 2").
pub fn fresh_name(arch: &Architecture, base: &str) -> String {
    let taken: BTreeSet<&str> = arch.components.iter().map(|c| c.name.as_str()).collect();
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|n| !taken.contains(n.as_str()))
        .unwrap_or_else(|| base.to_owned())
}

/// Adds a component of `kind` centred at (`x`, `y`). Returns the edit and the new id.
pub fn add_component(arch: &Architecture, kind: Kind, x: f32, y: f32) -> (Edit, Id) {
    let name = fresh_name(arch, kind.label());
    let id = arch.fresh_component_id(&name);
    let component = Component::new(id.clone(), name, kind);
    let edit = Edit::Batch(vec![
        put_component(component),
        Edit::Place {
            id: id.clone(),
            value: Some(Placement::at(x, y)),
        },
    ]);
    (edit, id)
}

/// Deletes components, connections and groups. Connections touching a deleted component go
/// too; deleted components leave their groups; a deleted group's members stay and its child
/// groups move up to its parent.
pub fn delete(
    arch: &Architecture,
    components: &BTreeSet<Id>,
    connections: &BTreeSet<Id>,
    groups: &BTreeSet<Id>,
) -> Edit {
    let mut edits = Vec::new();
    for c in arch.connections.iter() {
        if connections.contains(&c.id) || components.contains(&c.from) || components.contains(&c.to)
        {
            edits.push(Edit::PutConnection {
                id: c.id.clone(),
                value: None,
            });
        }
    }
    for g in arch.groups.iter() {
        if groups.contains(&g.id) {
            edits.push(Edit::PutGroup {
                id: g.id.clone(),
                value: None,
            });
            continue;
        }
        let mut changed = g.clone();
        changed.members.retain(|m| !components.contains(m));
        // Walk up past deleted parents.
        let mut seen = BTreeSet::new();
        while let Some(p) = changed.parent.clone() {
            if !groups.contains(&p) || !seen.insert(p.clone()) {
                break;
            }
            changed.parent = arch.groups.get(p.as_str()).and_then(|pg| pg.parent.clone());
        }
        if &changed != g {
            edits.push(put_group(changed));
        }
    }
    for id in components {
        if arch.components.contains(id.as_str()) {
            edits.push(Edit::PutComponent {
                id: id.clone(),
                value: None,
            });
        }
        if arch.layout.contains_key(id) {
            edits.push(Edit::Place {
                id: id.clone(),
                value: None,
            });
        }
    }
    Edit::Batch(edits)
}

/// Moves components to new centres, keeping their sizes and pins.
pub fn move_to(arch: &Architecture, targets: &[(Id, f32, f32)]) -> Edit {
    Edit::Batch(
        targets
            .iter()
            .filter(|(id, _, _)| arch.components.contains(id.as_str()))
            .map(|(id, x, y)| {
                let mut p = placement_of(arch, id);
                p.x = *x;
                p.y = *y;
                Edit::Place {
                    id: id.clone(),
                    value: Some(p),
                }
            })
            .collect(),
    )
}

/// Moves components by (`dx`, `dy`).
pub fn move_by(arch: &Architecture, ids: &BTreeSet<Id>, dx: f32, dy: f32) -> Edit {
    let targets: Vec<(Id, f32, f32)> = ids
        .iter()
        .map(|id| {
            let p = placement_of(arch, id);
            (id.clone(), p.x + dx, p.y + dy)
        })
        .collect();
    move_to(arch, &targets)
}

/// Copies components (with fresh ids and names, offset by (`dx`, `dy`)), the connections
/// between them, and their group memberships. Returns the edit and the new ids.
pub fn duplicate(arch: &Architecture, ids: &BTreeSet<Id>, dx: f32, dy: f32) -> (Edit, Vec<Id>) {
    let mut work = arch.clone();
    let mut edits = Vec::new();
    let mut mapping = std::collections::BTreeMap::new();
    for id in ids {
        let Some(c) = arch.components.get(id.as_str()) else {
            continue;
        };
        let new_id = Id::unique(id, |i| {
            work.components.contains(i.as_str()) || work.layout.contains_key(i)
        });
        let mut copy = c.clone();
        copy.id = new_id.clone();
        work.components.insert(copy.clone());
        edits.push(put_component(copy));
        let mut p = placement_of(arch, id);
        p.x += dx;
        p.y += dy;
        p.pinned = false;
        edits.push(Edit::Place {
            id: new_id.clone(),
            value: Some(p),
        });
        mapping.insert(id.clone(), new_id);
    }
    for conn in arch.connections.iter() {
        if let (Some(f), Some(t)) = (mapping.get(&conn.from), mapping.get(&conn.to)) {
            let cid = work.fresh_connection_id(f, t);
            let mut copy = conn.clone();
            copy.id = cid;
            copy.from = f.clone();
            copy.to = t.clone();
            work.connections.insert(copy.clone());
            edits.push(put_connection(copy));
        }
    }
    for g in arch.groups.iter() {
        let added: Vec<Id> = g
            .members
            .iter()
            .filter_map(|m| mapping.get(m).cloned())
            .collect();
        if !added.is_empty() {
            let mut changed = g.clone();
            changed.members.extend(added);
            edits.push(put_group(changed));
        }
    }
    (Edit::Batch(edits), mapping.into_values().collect())
}

/// Connects `from` to `to`. With `ty` `None` the type is the matrix's default for the two
/// kinds; a given type must be allowed by the matrix. A component never connects to itself.
pub fn connect(
    arch: &Architecture,
    from: &Id,
    to: &Id,
    ty: Option<ConnectionType>,
) -> Result<(Edit, Id), EditError> {
    let missing = |id: &Id| EditError::Missing {
        what: "component",
        id: id.to_string(),
    };
    let a = arch
        .components
        .get(from.as_str())
        .ok_or_else(|| missing(from))?;
    let b = arch
        .components
        .get(to.as_str())
        .ok_or_else(|| missing(to))?;
    if from == to {
        return Err(EditError::Refused(format!(
            "`{}` cannot be connected to itself; drag to another component",
            a.name
        )));
    }
    let ty = ty.unwrap_or_else(|| matrix::default_type(a.kind(), b.kind()));
    if let Some(why) = matrix::refusal(a.kind(), b.kind(), ty) {
        return Err(EditError::Refused(why));
    }
    if arch
        .connections
        .iter()
        .any(|c| &c.from == from && &c.to == to && c.ty() == ty)
    {
        return Err(EditError::Refused(format!(
            "`{}` already {} `{}`",
            a.name,
            ty.label(),
            b.name
        )));
    }
    let id = arch.fresh_connection_id(from, to);
    let conn = Connection::new(id.clone(), from.clone(), to.clone(), ty.default_kind());
    Ok((put_connection(conn), id))
}

/// Changes a connection's type (keeping label and description), if the matrix allows it.
pub fn set_connection_type(
    arch: &Architecture,
    id: &Id,
    ty: ConnectionType,
) -> Result<Edit, EditError> {
    let conn = arch
        .connections
        .get(id.as_str())
        .ok_or_else(|| EditError::Missing {
            what: "connection",
            id: id.to_string(),
        })?;
    if conn.ty() == ty {
        return Ok(Edit::Batch(Vec::new()));
    }
    if let (Some(a), Some(b)) = (
        arch.components.get(conn.from.as_str()),
        arch.components.get(conn.to.as_str()),
    ) && let Some(why) = matrix::refusal(a.kind(), b.kind(), ty)
    {
        return Err(EditError::Refused(why));
    }
    let mut changed = conn.clone();
    changed.kind = ty.default_kind();
    Ok(put_connection(changed))
}

/// Makes `ids` direct members of `group` (or of no group, with `None`), leaving the groups
/// that list them now.
pub fn set_group(arch: &Architecture, ids: &BTreeSet<Id>, group: Option<&Id>) -> Edit {
    let mut edits = Vec::new();
    for g in arch.groups.iter() {
        let mut changed = g.clone();
        changed.members.retain(|m| !ids.contains(m));
        if Some(&g.id) == group {
            changed.members.extend(
                ids.iter()
                    .filter(|i| arch.components.contains(i.as_str()))
                    .cloned(),
            );
        }
        if &changed != g {
            edits.push(put_group(changed));
        }
    }
    Edit::Batch(edits)
}

/// A new bounded context around `ids` (inside the innermost group they all share, if any).
/// Returns the edit and the group's id.
pub fn new_group(arch: &Architecture, ids: &BTreeSet<Id>, name: &str) -> (Edit, Id) {
    let base = Id::slugify(name, "group");
    let gid = Id::unique(&base, |i| arch.groups.contains(i.as_str()));
    let mut group = Group::new(gid.clone(), name, GroupKind::BoundedContext);
    // Nest in the group that held the first member, so the new one stays inside it.
    group.parent = ids
        .iter()
        .next()
        .and_then(|first| arch.groups_of(first).next().map(|g| g.id.clone()));
    let mut edits = vec![set_group(arch, ids, None)];
    group.members = ids
        .iter()
        .filter(|i| arch.components.contains(i.as_str()))
        .cloned()
        .collect();
    edits.push(put_group(group));
    (Edit::Batch(edits), gid)
}

/// Changes a component's display name.
pub fn rename(arch: &Architecture, id: &Id, name: &str) -> Option<Edit> {
    let c = arch.components.get(id.as_str())?;
    if c.name == name {
        return None;
    }
    let mut changed = c.clone();
    changed.name = name.to_owned();
    Some(put_component(changed))
}

/// Checks a proposed new id for a component: well-formed and not used by another one.
pub fn check_new_component_id(arch: &Architecture, current: &Id, text: &str) -> Result<Id, String> {
    let id = Id::new(text.trim()).map_err(|e| e.to_string())?;
    if &id != current && arch.components.contains(id.as_str()) {
        return Err(format!("`{id}` is already the id of another component"));
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::ConnectionKind;

    fn shop() -> Architecture {
        crate::file::parse(include_str!("../../examples/shop.ron")).unwrap()
    }

    fn set(ids: &[&str]) -> BTreeSet<Id> {
        ids.iter().map(|i| Id::new(*i).unwrap()).collect()
    }

    #[test]
    fn delete_takes_connections_and_memberships_and_undo_restores_exactly() {
        let original = shop();
        let mut arch = original.clone();
        let edit = delete(&arch, &set(&["orders"]), &BTreeSet::new(), &BTreeSet::new());
        let inverse = edit.apply(&mut arch).unwrap();
        assert!(!arch.components.contains("orders"));
        assert!(arch.connections_of("orders").next().is_none());
        assert!(arch.groups.iter().all(|g| !g.members.contains("orders")));
        inverse.apply(&mut arch).unwrap();
        assert_eq!(arch, original);
    }

    #[test]
    fn deleting_a_group_keeps_members_and_lifts_children() {
        let mut arch = shop();
        let edit = delete(
            &arch,
            &BTreeSet::new(),
            &BTreeSet::new(),
            &set(&["internal"]),
        );
        edit.apply(&mut arch).unwrap();
        assert!(!arch.groups.contains("internal"));
        assert_eq!(arch.groups.get("ordering").unwrap().parent, None);
        assert!(arch.components.contains("orders"));
    }

    #[test]
    fn connect_uses_the_matrix() {
        let arch = shop();
        let (edit, id) = connect(&arch, &id!("orders"), &id!("cache"), None).unwrap();
        let mut a = arch.clone();
        edit.apply(&mut a).unwrap();
        assert_eq!(
            a.connections.get(id.as_str()).unwrap().kind,
            ConnectionKind::Writes
        );
        let err = connect(
            &arch,
            &id!("orders"),
            &id!("orders-db"),
            Some(ConnectionType::Calls),
        )
        .unwrap_err();
        assert!(err.to_string().contains("cannot be connected"), "{err}");
        let err = connect(&arch, &id!("orders"), &id!("orders"), None).unwrap_err();
        assert!(err.to_string().contains("itself"), "{err}");
    }

    #[test]
    fn duplicate_copies_inner_connections_and_groups() {
        let mut arch = shop();
        let (edit, ids) = duplicate(&arch, &set(&["orders", "orders-db"]), 40.0, 40.0);
        edit.apply(&mut arch).unwrap();
        assert_eq!(ids.len(), 2);
        let new_orders = &ids[0];
        assert!(
            arch.connections_of(new_orders.as_str())
                .any(|c| c.to == ids[1] || c.from == ids[1])
        );
        assert!(
            arch.groups
                .get("ordering")
                .unwrap()
                .members
                .contains(new_orders)
        );
    }

    #[test]
    fn set_group_moves_membership() {
        let mut arch = shop();
        set_group(&arch, &set(&["orders"]), Some(&id!("payments-context")))
            .apply(&mut arch)
            .unwrap();
        assert!(
            !arch
                .groups
                .get("ordering")
                .unwrap()
                .members
                .contains("orders")
        );
        assert!(
            arch.groups
                .get("payments-context")
                .unwrap()
                .members
                .contains("orders")
        );
        set_group(&arch, &set(&["orders"]), None)
            .apply(&mut arch)
            .unwrap();
        assert!(arch.groups_of(&id!("orders")).next().is_none());
    }

    #[test]
    fn new_ids_are_checked() {
        let arch = shop();
        assert!(check_new_component_id(&arch, &id!("orders"), "payments").is_err());
        assert!(check_new_component_id(&arch, &id!("orders"), "Bad Id").is_err());
        assert!(check_new_component_id(&arch, &id!("orders"), "orders-svc").is_ok());
    }
}
