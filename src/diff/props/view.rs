//! Views: name, filter criteria (each a set) and viewport.

use super::super::recorder::At;
use crate::model::{View, ViewFilter};

/// Records what differs between two versions of a view (same id).
pub(crate) fn view(at: &mut At<'_>, a: &View, b: &View) {
    let View {
        id: _,
        name,
        description,
        filter,
        viewport,
    } = a;
    at.prop("name", name, &b.name);
    at.prop("description", description, &b.description);
    if filter != &b.filter {
        let ViewFilter {
            groups,
            kinds,
            tags,
            include,
            exclude,
        } = filter;
        let mut at = at.field("filter");
        at.set("groups", groups, &b.filter.groups);
        at.set("kinds", kinds, &b.filter.kinds);
        at.set("tags", tags, &b.filter.tags);
        at.set("include", include, &b.filter.include);
        at.set("exclude", exclude, &b.filter.exclude);
    }
    at.prop("viewport", viewport, &b.viewport);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;
    use crate::model::{Kind, Viewport};

    #[test]
    fn filter_sets_and_viewport() {
        let a = View {
            id: id!("data"),
            name: "Data".into(),
            description: String::new(),
            filter: ViewFilter::default(),
            viewport: None,
        };
        let mut b = a.clone();
        b.name = "Data stores".into();
        b.filter.kinds.insert(Kind::Database);
        b.filter.exclude.insert(id!("cache"));
        b.viewport = Some(Viewport {
            x: 10.0,
            y: 20.0,
            zoom: 1.5,
        });
        let mut out = Vec::new();
        view(&mut At::root(&mut out), &a, &b);
        let lines: Vec<_> = out
            .iter()
            .map(|c| (c.op, c.path.as_str(), c.after.as_deref()))
            .collect();
        assert_eq!(
            lines,
            [
                (Op::Changed, "name", Some(r#""Data stores""#)),
                (Op::Added, "filter.kinds", Some("Database")),
                (Op::Added, "filter.exclude", Some(r#""cache""#)),
                (
                    Op::Changed,
                    "viewport",
                    Some("(x: 10.0, y: 20.0, zoom: 1.5)")
                ),
            ]
        );
    }
}
