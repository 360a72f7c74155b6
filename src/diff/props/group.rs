//! Groups: name, kind, nesting and members.

use super::super::recorder::At;
use crate::model::Group;

/// Records what differs between two versions of a group (same id); members come and go one
/// by one.
pub(crate) fn group(at: &mut At<'_>, a: &Group, b: &Group) {
    let Group {
        id: _,
        name,
        kind,
        description,
        parent,
        members,
    } = a;
    at.prop("name", name, &b.name);
    at.prop("kind", kind, &b.kind);
    at.prop("description", description, &b.description);
    at.prop("parent", parent, &b.parent);
    at.set("members", members, &b.members);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;
    use crate::model::{GroupKind, Zone};

    #[test]
    fn kind_parent_and_members() {
        let mut a = Group::new(id!("edge"), "Edge", GroupKind::BoundedContext);
        a.members = [id!("gateway"), id!("images")].into();
        let mut b = a.clone();
        b.kind = GroupKind::TrustZone(Zone::Public);
        b.parent = Some(id!("internal"));
        b.members = [id!("gateway"), id!("web")].into();
        let mut out = Vec::new();
        group(&mut At::root(&mut out), &a, &b);
        let lines: Vec<_> = out
            .iter()
            .map(|c| {
                (
                    c.op,
                    c.path.as_str(),
                    c.before.as_deref(),
                    c.after.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                (
                    Op::Changed,
                    "kind",
                    Some("BoundedContext"),
                    Some("TrustZone(Public)")
                ),
                (Op::Changed, "parent", Some("None"), Some(r#""internal""#)),
                (Op::Removed, "members", Some(r#""images""#), None),
                (Op::Added, "members", None, Some(r#""web""#)),
            ]
        );
    }
}
