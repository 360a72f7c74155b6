//! `deep-sync-chain` (warning): a synchronous call chain longer than the budget.
//!
//! Why it matters: a request that waits on a call that waits on a call… adds up every hop's
//! latency and multiplies every hop's failure rate; its timeouts must shrink at each level
//! (or the caller gives up while the callee still works), and a slow service deep in the chain
//! ties up threads in every service above it. Long chains are how one slow dependency takes a
//! whole system down.
//!
//! How to fix: shorten the chain — call the deep services asynchronously (publish an event
//! and let them catch up), cache their answers near the caller, or merge services that always
//! call each other in sequence. If the depth is acceptable for this system, raise
//! `max_sync_depth` in the model's `rules` section (default 4 hops).
//!
//! How depth is counted: in hops (calls) along the synchronous-call graph, with each cycle
//! (reported by `sync-cycle`) counted as one stop, so the longest chain is well defined. One
//! finding per chain start — a component nobody outside its cycle calls — whose longest chain
//! is over the budget. The subjects are the chain's start and the components and calls along it
//! up to the hop that goes over the budget (a chain of thousands of hops in a large model
//! would otherwise make every finding thousands of ids long); the message gives the full
//! length.

use crate::check::sync_graph::SyncGraph;
use crate::check::warm::warm;
use crate::check::{Context, ModelIndex, Rule, Sink};
use crate::model::{Id, Severity};

use super::sync_cycle::arrow_path;

pub(crate) const RULE: Rule = Rule {
    id: "deep-sync-chain",
    default_severity: Severity::Warning,
    summary: "a synchronous call chain longer than the budget (default 4 hops, `max_sync_depth`)",
    help: "make a deep call asynchronous, cache its answers near the caller, or merge services \
           that always call each other; or raise `max_sync_depth` in the model's rules",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let budget = cx.arch.rules.max_sync_depth;
    let sync = cx.sync();
    let k = sync.scc_count();
    // Longest chain (in hops) from each SCC, the first call of that chain, and whether any
    // other SCC calls into it. SCCs come callees first, so every callee is final when read.
    let mut depth = vec![0u32; k];
    let mut next: Vec<Option<Call>> = vec![None; k];
    let mut called = vec![false; k];
    for s in 0..k {
        for &from in sync.members(s) {
            for (to, connection) in sync.calls.arcs(from) {
                let t = sync.scc(to) as usize;
                if t == s {
                    continue;
                }
                if let Some(c) = called.get_mut(t) {
                    *c = true;
                }
                let d = depth.get(t).copied().unwrap_or(0).saturating_add(1);
                if let (Some(best), Some(step)) = (depth.get_mut(s), next.get_mut(s))
                    && d > *best
                {
                    *best = d;
                    *step = Some(Call {
                        from,
                        to,
                        connection,
                    });
                }
            }
        }
    }
    // The chains over the budget, as numbers first; their ids are then read a batch at a
    // time, with plain reads that overlap, before the findings clone them (see `warm`).
    let mut chains: Vec<Chain> = (0..k)
        .filter(|&s| {
            let over = depth.get(s).is_some_and(|d| *d > budget);
            over && !called.get(s).copied().unwrap_or(true)
        })
        .map(|s| {
            let total = depth.get(s).copied().unwrap_or(0);
            chain(sync, &next, s, budget.saturating_add(1), total)
        })
        .collect();
    // In the order of their first component, which is the order of its id: the findings
    // then come out in report order, and sorting them (by their ids) finds nothing to do.
    chains.sort_unstable_by_key(|c| c.nodes.first().copied());
    let index = cx.index();
    for batch in chains.chunks(BATCH) {
        warm(batch.iter().flat_map(|c| c.ids(index)));
        for c in batch {
            report(c, index, budget, sink);
        }
    }
}

/// How many findings' ids are read ahead at once: enough reads to keep memory busy, few
/// enough that they are still in the cache when the findings are written.
const BATCH: usize = 64;

/// One finding's worth: the chain's full length, and the components and calls along it up
/// to where it goes over the budget (component and connection indices).
struct Chain {
    total: u32,
    nodes: Vec<u32>,
    calls: Vec<u32>,
}

impl Chain {
    /// The ids of the chain's components.
    fn node_ids<'x, 'a>(&'x self, index: &'x ModelIndex<'a>) -> impl Iterator<Item = &'a Id> + 'x {
        let nodes = self.nodes.iter().filter_map(|&n| index.component(n));
        nodes.map(|c| &c.id)
    }

    /// The ids of the chain's calls.
    fn call_ids<'x, 'a>(&'x self, index: &'x ModelIndex<'a>) -> impl Iterator<Item = &'a Id> + 'x {
        let calls = self.calls.iter().filter_map(|&i| index.connection(i));
        calls.map(|c| &c.id)
    }

    /// The ids of the chain's components, then of its calls.
    fn ids<'x, 'a>(&'x self, index: &'x ModelIndex<'a>) -> impl Iterator<Item = &'a Id> + 'x {
        self.node_ids(index).chain(self.call_ids(index))
    }
}

/// Reports one chain over the budget.
fn report(chain: &Chain, index: &ModelIndex<'_>, budget: u32, sink: &mut Sink<'_>) {
    let nodes: Vec<&Id> = chain.node_ids(index).collect();
    let calls: Vec<&Id> = chain.call_ids(index).collect();
    let Some(start) = nodes.first().copied() else {
        return;
    };
    if sink.silenced(start) {
        return;
    }
    let path: Vec<&str> = nodes.iter().map(|i| i.as_str()).collect();
    let total = chain.total;
    let rest = total.saturating_sub(u32::try_from(calls.len()).unwrap_or(u32::MAX));
    let more = if rest > 0 {
        format!(" → … ({rest} more)")
    } else {
        String::new()
    };
    let message = format!(
        "a chain of {total} synchronous calls starts at `{start}`, over the budget of \
         {budget}: {}{more}",
        arrow_path(&path)
    );
    let subjects = nodes.into_iter().chain(calls).cloned().collect();
    sink.report(subjects, message);
}

/// One synchronous call: caller and callee (component indices) and the connection's index.
#[derive(Clone, Copy)]
struct Call {
    from: u32,
    to: u32,
    connection: u32,
}

/// The first `hops` hops of the longest chain from SCC `s`, `total` hops long in full.
fn chain(sync: &SyncGraph, next: &[Option<Call>], s: usize, hops: u32, total: u32) -> Chain {
    let mut nodes: Vec<u32> = Vec::new();
    let mut calls = Vec::new();
    let mut at = s;
    // The chain visits each SCC at most once, so `next.len()` bounds it too.
    let hops = usize::try_from(hops).unwrap_or(usize::MAX).min(next.len());
    for _ in 0..hops {
        let Some(Some(call)) = next.get(at).copied() else {
            break;
        };
        if nodes.last() != Some(&call.from) {
            nodes.push(call.from);
        }
        nodes.push(call.to);
        calls.push(call.connection);
        at = sync.scc(call.to) as usize;
    }
    Chain {
        total,
        nodes,
        calls,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};

    fn chain_of(n: usize) -> crate::check::testing::Builder {
        let ids: Vec<String> = (0..=n).map(|i| format!("s{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut b = model().services(&refs);
        for pair in refs.windows(2) {
            b = b.calls(pair[0], pair[1]);
        }
        b
    }

    #[test]
    fn five_hops_are_over_the_default_budget_of_four() {
        let arch = chain_of(5).services(&["side"]).calls("s1", "side").build();
        let found = findings(&arch, "deep-sync-chain");
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(
            f.message,
            "a chain of 5 synchronous calls starts at `s0`, over the budget of 4: \
             `s0` → `s1` → `s2` → `s3` → `s4` → `s5`"
        );
        assert_eq!(f.subjects.len(), 6 + 5);
        assert_eq!(f.subjects[0].as_str(), "s0");
        assert_eq!(f.subjects[6].as_str(), "s0-to-s1");
    }

    #[test]
    fn a_long_chain_lists_its_ids_up_to_where_it_goes_over() {
        let arch = chain_of(9).build();
        let found = findings(&arch, "deep-sync-chain");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "a chain of 9 synchronous calls starts at `s0`, over the budget of 4: \
             `s0` → `s1` → `s2` → `s3` → `s4` → `s5` → … (4 more)"
        );
        // The start, five hops' components and five calls.
        assert_eq!(found[0].subjects.len(), 6 + 5);
    }

    #[test]
    fn four_hops_pass_and_the_budget_is_the_models() {
        let arch = chain_of(4).build();
        assert!(findings(&arch, "deep-sync-chain").is_empty());
        let strict = chain_of(4).edit(|a| a.rules.max_sync_depth = 3).build();
        assert_eq!(findings(&strict, "deep-sync-chain").len(), 1);
        let lax = chain_of(5).edit(|a| a.rules.max_sync_depth = 9).build();
        assert!(findings(&lax, "deep-sync-chain").is_empty());
    }

    #[test]
    fn a_cycle_counts_as_one_stop() {
        // s0 → s1 ⇄ s2 → s3: two hops between three stops, the cycle being one of them.
        let arch = model()
            .services(&["s0", "s1", "s2", "s3"])
            .calls("s0", "s1")
            .calls("s1", "s2")
            .calls("s2", "s1")
            .calls("s2", "s3")
            .edit(|a| a.rules.max_sync_depth = 1)
            .build();
        let found = findings(&arch, "deep-sync-chain");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("`s0` → `s1` → `s2` → `s3`"),
            "{}",
            found[0].message
        );
    }
}
