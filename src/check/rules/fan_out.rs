//! `fan-out` (info): more synchronous dependencies than the budget.
//!
//! Why it matters: a component that calls many others and waits on them is only as available
//! as all of them together (ten dependencies at 99.9 % each leave 99 %), its latency is the
//! slowest of them, and it changes whenever any of them does. High fan-out is often an
//! orchestrator that knows too much or a service doing several jobs.
//!
//! How to fix: let some of the work happen asynchronously (publish an event others react
//! to), put an aggregating API in front of related services, or split the component by
//! responsibility. If the fan-out is fine for this system, raise `max_fan_out` in the model's
//! `rules` section (default 7).
//!
//! Counted: the distinct components this one calls (`Calls` connections); several calls to
//! the same component count once.

use crate::check::{Context, Rule, Sink};
use crate::model::Severity;

use super::{kind_word, list};

pub(crate) const RULE: Rule = Rule {
    id: "fan-out",
    default_severity: Severity::Info,
    summary: "more synchronous dependencies than the budget (default 7, `max_fan_out`)",
    help: "publish events for work that need not be synchronous, aggregate related services \
           behind one API, or split the component; or raise `max_fan_out` in the model's rules",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let budget = usize::try_from(cx.arch.rules.max_fan_out).unwrap_or(usize::MAX);
    let calls = &cx.sync().calls;
    let mut callees: Vec<u32> = Vec::new();
    for (i, c) in cx.index().components.iter().enumerate() {
        let Ok(node) = u32::try_from(i) else { break };
        // Cheap test first: most components have fewer calls than the budget.
        if calls.degree(node) <= budget {
            continue;
        }
        callees.clear();
        callees.extend_from_slice(calls.targets(node));
        callees.sort_unstable();
        callees.dedup();
        if callees.len() <= budget {
            continue;
        }
        let ids: Vec<_> = callees
            .iter()
            .filter_map(|n| cx.index().component(*n).map(|c| &c.id))
            .collect();
        let message = format!(
            "{} `{}` calls {} components synchronously, over the budget of {budget}: {}",
            kind_word(c),
            c.id,
            ids.len(),
            list(ids.iter().map(|i| i.as_str()))
        );
        let mut subjects = vec![c.id.clone()];
        subjects.extend(ids.into_iter().cloned());
        sink.report(subjects, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};

    fn hub_calling(n: usize) -> crate::check::testing::Builder {
        let ids: Vec<String> = (0..n).map(|i| format!("dep{i}")).collect();
        let mut b = model().services(&["hub"]);
        for id in &ids {
            b = b.services(&[id]).calls("hub", id);
        }
        b
    }

    #[test]
    fn eight_dependencies_are_over_the_default_budget() {
        let arch = hub_calling(8).build();
        let found = findings(&arch, "fan-out");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects.len(), 9);
        assert!(
            found[0].message.starts_with(
                "service `hub` calls 8 components synchronously, over the budget of 7"
            ),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn seven_or_repeated_calls_are_within_budget() {
        let arch = hub_calling(7)
            .calls("hub", "dep0")
            .calls("hub", "dep1")
            .build();
        assert!(findings(&arch, "fan-out").is_empty());
        let lax = hub_calling(8).edit(|a| a.rules.max_fan_out = 8).build();
        assert!(findings(&lax, "fan-out").is_empty());
    }
}
