//! Live topology checks: the rules a backend architect would apply, run over the model.
//!
//! Shaped for two callers with different needs. The editor re-checks after every edit, so a
//! run must be cheap: [`run`] indexes the model once ([`ModelIndex`]: components and
//! connections numbered, what rules test most in flat arrays), builds each graph at most once
//! and only when an enabled rule asks for it (the synchronous-call graph with its strongly
//! connected components, the undirected topology, the reachability graph), and every rule
//! reads those shared structures. The graphs are flat arrays indexed by component number
//! (`adjacency.rs`) that implement petgraph's visit traits, so petgraph's algorithms
//! (`kosaraju_scc`, `Dfs`) walk them; only the articulation points are a pass written out
//! here, which the tests hold to petgraph's. The CLI checks files in CI, so the output must be
//! stable: findings come back sorted, and [`output`] renders them as compiler-style text,
//! JSON or SARIF.
//!
//! Each rule lives in a file of its own under `rules/`, with a doc comment that says why it
//! matters and how to fix what it finds. A rule only describes problems; the [`Sink`] it
//! reports into applies the model's settings (a level override or `Off`, suppressions with a
//! reason), so no rule has to know about them.
//!
//! Large models are checked off the UI thread with [`Background`]: the editor submits the
//! latest model after an edit and polls for the report; a newer submission replaces an older
//! one that has not started yet, so fast edits never queue up work.

mod adjacency;
mod background;
mod context;
mod finding;
mod groups;
mod model_index;
pub mod output;
mod parallel;
mod reach_graph;
mod report;
mod rule;
mod rules;
mod sink;
mod sync_graph;
mod text;
mod topology;
mod warm;

#[cfg(test)]
mod testing;

pub use background::Background;
pub use finding::Finding;
pub use report::Report;
pub use rule::Rule;
pub use rules::{RULES, rule};

pub(crate) use context::Context;
pub(crate) use model_index::ModelIndex;
pub(crate) use sink::Sink;

use crate::model::{Architecture, Severity};

/// Runs every rule the model enables and returns the findings, sorted.
///
/// Cheap enough to call after every edit on models of a few thousand components (see
/// `benches/check.rs`); for larger ones, run it on another thread ([`Background`] does).
/// Never panics, whatever the model holds: dangling references, cycles in group parents and
/// odd budgets are reported or tolerated, not trusted.
pub fn run(arch: &Architecture) -> Report {
    run_rules(arch, RULES.iter())
}

/// Runs only `rules` (the model's levels and suppressions still apply).
///
/// For tools that want one rule's answer, and for the rules' own tests.
pub fn run_rules<'r>(arch: &Architecture, rules: impl IntoIterator<Item = &'r Rule>) -> Report {
    let cx = Context::new(arch);
    let suppressions = sink::Suppressions::new(&arch.rules);
    let enabled: Vec<(&'r Rule, Severity)> = rules
        .into_iter()
        .filter_map(|rule| Some((rule, rule.severity_in(&arch.rules)?)))
        .collect();
    // Each rule's findings are sorted where they are made (on the rule's thread), and the
    // rules are put in report order: together they are in report order.
    let one = |(rule, severity): (&'r Rule, Severity)| {
        let mut sink = Sink::new(rule, severity, &suppressions);
        (rule.run)(&cx, &mut sink);
        let (mut found, silenced) = sink.finish();
        found.sort_by(|a, b| {
            a.subjects
                .cmp(&b.subjects)
                .then_with(|| a.message.cmp(&b.message))
        });
        (rule, severity, found, silenced)
    };
    let mut results: Vec<_> = if arch.components.len() < PARALLEL_FROM {
        enabled.into_iter().map(one).collect()
    } else {
        parallel::map(first_things_first(enabled), one)
    };
    results.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.id.cmp(b.0.id)));
    // A rule asked for twice gives two sorted lists with the same rule id: those need the
    // full sort.
    let one_list_per_rule = results.windows(2).all(|w| match w {
        [a, b] => a.0.id != b.0.id,
        _ => true,
    });
    let mut findings = Vec::with_capacity(results.iter().map(|r| r.2.len()).sum());
    let mut suppressed = 0;
    for (_, _, mut found, silenced) in results {
        findings.append(&mut found);
        suppressed += silenced;
    }
    if one_list_per_rule {
        Report::from_sorted(findings, suppressed)
    } else {
        Report::new(findings, suppressed)
    }
}

/// `enabled` in the order threads should take the rules when they run side by side: the
/// rules in [`TAKEN_FIRST`] first, in that order, then the others as given.
fn first_things_first(mut enabled: Vec<(&Rule, Severity)>) -> Vec<(&Rule, Severity)> {
    let rank = |rule: &Rule| {
        TAKEN_FIRST
            .iter()
            .position(|id| *id == rule.id)
            .unwrap_or(TAKEN_FIRST.len())
    };
    enabled.sort_by_key(|(rule, _)| rank(rule));
    enabled
}

/// The rules threads take first: a rule taken last should be a short one, or one thread
/// finishes long before the other. The secret sieve leads because it reads only the model:
/// one thread works through it while another builds the index and the synchronous-call graph
/// that most other rules wait for. The other rules that read only the model come next, so
/// that a thread done with the sieve before the index is built has work rather than waiting
/// for it; then the heavy graph rules, heaviest first (as measured on generated models).
const TAKEN_FIRST: [&str; 8] = [
    "secret-in-model",
    "sync-cycle",
    "duplicate-name",
    "missing-description",
    "endpoint-conflict",
    "deep-sync-chain",
    "single-point-of-failure",
    "unreachable",
];

/// From this many components on, rules run on every core: below it, starting threads costs
/// more than it saves (a model of a few hundred components checks in well under a
/// millisecond on one).
const PARALLEL_FROM: usize = 2_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_taken_first_exist_and_lead_the_queue() {
        for id in TAKEN_FIRST {
            assert!(rule(id).is_some(), "{id} is not a rule");
        }
        let all: Vec<(&Rule, Severity)> = RULES.iter().map(|r| (r, r.default_severity)).collect();
        let order: Vec<&str> = first_things_first(all).iter().map(|(r, _)| r.id).collect();
        assert_eq!(order[..TAKEN_FIRST.len()], TAKEN_FIRST);
        assert_eq!(order.len(), RULES.len());
        // The others keep their order.
        let rest: Vec<&str> = RULES
            .iter()
            .map(|r| r.id)
            .filter(|id| !TAKEN_FIRST.contains(id))
            .collect();
        assert_eq!(order[TAKEN_FIRST.len()..], rest);
    }

    #[test]
    fn a_rule_asked_for_twice_still_gives_a_sorted_report() {
        let arch = testing::model().services(&["b", "a", "c"]).build();
        let orphan = rule("orphan").unwrap();
        let twice = run_rules(&arch, [orphan, orphan]);
        let subjects: Vec<&str> = twice
            .findings()
            .iter()
            .map(|f| f.subjects[0].as_str())
            .collect();
        assert_eq!(subjects, ["a", "a", "b", "b", "c", "c"]);
        let resorted = Report::new(twice.findings().to_vec(), twice.suppressed());
        assert_eq!(twice, resorted);
    }
}
