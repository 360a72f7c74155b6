//! Components: their own properties, then their kind's (`kind.…`).

use super::super::recorder::At;
use super::spec::spec;
use crate::model::Component;

/// Records what differs between two versions of a component. The id is the same (that is how
/// they were paired), so a new display name is a change of `name`, not a new component.
pub(crate) fn component(at: &mut At<'_>, a: &Component, b: &Component) {
    let Component {
        id: _,
        name,
        description,
        owner,
        tags,
        spec: kind,
    } = a;
    at.prop("name", name, &b.name);
    at.prop("description", description, &b.description);
    at.prop("owner", owner, &b.owner);
    at.set("tags", tags, &b.tags);
    spec(&mut at.field("kind"), kind, &b.spec);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;
    use crate::model::Kind;

    fn changes(a: &Component, b: &Component) -> Vec<(Op, String, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        component(&mut At::root(&mut out), a, b);
        out.into_iter()
            .map(|c| (c.op, c.path, c.before, c.after))
            .collect()
    }

    #[test]
    fn a_rename_is_a_change_of_name() {
        let a = Component::new(id!("orders"), "Orders", Kind::Service);
        let mut b = a.clone();
        b.name = "Order service".into();
        assert_eq!(
            changes(&a, &b),
            [(
                Op::Changed,
                "name".into(),
                Some(r#""Orders""#.into()),
                Some(r#""Order service""#.into())
            )]
        );
    }

    #[test]
    fn description_owner_and_tags() {
        let a = Component::new(id!("orders"), "Orders", Kind::Service);
        let mut b = a.clone();
        b.description = "Takes orders.".into();
        b.owner = "team-orders".into();
        b.tags.insert("core".into());
        let paths: Vec<_> = changes(&a, &b).into_iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(
            paths,
            [
                (Op::Changed, "description".into()),
                (Op::Changed, "owner".into()),
                (Op::Added, "tags".into()),
            ]
        );
    }

    #[test]
    fn identical_components_have_no_changes() {
        let a = Component::new(id!("orders"), "Orders", Kind::Api);
        assert!(changes(&a, &a.clone()).is_empty());
    }
}
