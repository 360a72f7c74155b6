//! The model's own properties: name, description, rule settings, and the order of its views
//! and flows (the order the Views panel and presentation mode walk them in).

use std::collections::BTreeSet;

use super::super::recorder::At;
use crate::model::{Architecture, Id, RuleSettings, Suppression};

/// Records what differs in the model's own properties. Views and flows themselves are
/// compared as items of their own; here only their order counts, and only among those in
/// both models (an added or removed view is not a reordering).
pub(crate) fn settings(at: &mut At<'_>, a: &Architecture, b: &Architecture) {
    at.prop("name", &a.name, &b.name);
    at.prop("description", &a.description, &b.description);
    rules(&mut at.field("rules"), &a.rules, &b.rules);
    order(
        at,
        "views",
        a.views.iter().map(|v| &v.id),
        b.views.iter().map(|v| &v.id),
    );
    order(
        at,
        "flows",
        a.flows.iter().map(|f| &f.id),
        b.flows.iter().map(|f| &f.id),
    );
}

fn rules(at: &mut At<'_>, a: &RuleSettings, b: &RuleSettings) {
    let RuleSettings {
        levels,
        suppress,
        max_sync_depth,
        max_fan_out,
    } = a;
    at.map("levels", levels, &b.levels);
    at.keyed(
        "suppress",
        suppress,
        &b.suppress,
        |s| format!("{} on {}", s.rule, s.subject),
        |at, x: &Suppression, y: &Suppression| at.prop("reason", &x.reason, &y.reason),
    );
    at.prop("max_sync_depth", max_sync_depth, &b.max_sync_depth);
    at.prop("max_fan_out", max_fan_out, &b.max_fan_out);
}

fn order<'a>(
    at: &mut At<'_>,
    name: &str,
    a: impl Iterator<Item = &'a Id> + Clone,
    b: impl Iterator<Item = &'a Id> + Clone,
) {
    let in_a: BTreeSet<&Id> = a.clone().collect();
    let in_b: BTreeSet<&Id> = b.clone().collect();
    let old: Vec<&Id> = a.filter(|id| in_b.contains(id)).collect();
    let new: Vec<&Id> = b.filter(|id| in_a.contains(id)).collect();
    if old != new {
        at.prop(name, &old, &new);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;
    use crate::model::{Level, View};

    fn view(id: &str) -> View {
        View {
            id: id!(id),
            name: id.into(),
            description: String::new(),
            filter: Default::default(),
            viewport: None,
        }
    }

    fn lines(
        a: &Architecture,
        b: &Architecture,
    ) -> Vec<(Op, String, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        settings(&mut At::root(&mut out), a, b);
        out.into_iter()
            .map(|c| (c.op, c.path, c.before, c.after))
            .collect()
    }

    #[test]
    fn view_order_counts_only_among_views_in_both() {
        let mut a = Architecture::new("Shop");
        a.views = vec![view("overview"), view("data"), view("gone")];
        let mut b = a.clone();
        b.views = vec![view("new"), view("overview"), view("data")];
        assert!(
            lines(&a, &b).is_empty(),
            "an addition and a removal are no reordering"
        );
        b.views = vec![view("data"), view("overview")];
        assert_eq!(
            lines(&a, &b),
            [(
                Op::Changed,
                "views".into(),
                Some(r#"["overview", "data"]"#.into()),
                Some(r#"["data", "overview"]"#.into())
            )]
        );
    }

    #[test]
    fn name_and_rule_settings() {
        let a = Architecture::new("Shop");
        let mut b = Architecture::new("Shop 2");
        b.rules.levels.insert("orphan".into(), Level::Off);
        b.rules.max_fan_out = 9;
        b.rules.suppress.push(Suppression {
            rule: "spof".into(),
            subject: id!("events"),
            reason: "managed".into(),
        });
        let paths: Vec<_> = lines(&a, &b).into_iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(
            paths,
            [
                (Op::Changed, "name".into()),
                (Op::Added, "rules.levels[orphan]".into()),
                (Op::Added, "rules.suppress[spof on events]".into()),
                (Op::Changed, "rules.max_fan_out".into()),
            ]
        );
    }
}
