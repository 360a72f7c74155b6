//! `sync-cycle` (error): synchronous calls that form a cycle.
//!
//! Why it matters: when `a` calls `b` and waits, and `b` (directly or through others) calls
//! `a` and waits, every request around the loop holds a thread, a connection and a timeout
//! budget on each side. Under load the loop exhausts its pools and deadlocks; a slow member
//! slows all of them; retries multiply around the ring; and none of the members can be
//! deployed, scaled or reasoned about on its own — the cycle is one distributed monolith.
//!
//! How to fix: break the loop. Make one call asynchronous (publish an event the other side
//! consumes), move the logic both sides need into one of them (or a new service both call),
//! or invert a dependency so data is pushed rather than fetched back.
//!
//! What is reported: each strongly connected component of the synchronous-call graph with
//! more than one member, once, naming all its members and the calls inside it; the message
//! shows one concrete loop through the alphabetically first member. A component that calls
//! itself is reported by `invalid-connection` instead.

use std::fmt::Write as _;

use fixedbitset::FixedBitSet;
use rustc_hash::FxHashMap;

use crate::check::sync_graph::SyncGraph;
use crate::check::warm::warm;
use crate::check::{Context, Rule, Sink};
use crate::model::{Id, Severity};

use super::list;

pub(crate) const RULE: Rule = Rule {
    id: "sync-cycle",
    default_severity: Severity::Error,
    summary: "synchronous calls that form a cycle",
    help: "break the cycle: make one of the calls asynchronous (publish an event), or move \
           the logic both sides need into one service",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let sync = cx.sync();
    for s in 0..sync.scc_count() {
        let members = sync.members(s);
        if members.len() < 2 {
            continue;
        }
        // Components and connections are indexed in id order, so ordering indices orders by
        // id without comparing strings (a cycle in a large model has thousands of members).
        let nodes = sorted_unique(members.to_vec(), sync.calls.node_count());
        let ids: Vec<&Id> = nodes
            .iter()
            .filter_map(|&n| cx.index().component(n).map(|c| &c.id))
            .collect();
        let (Some(&first), Some(&start)) = (ids.first(), nodes.first()) else {
            continue;
        };
        if sink.silenced(first) {
            continue;
        }
        let scc = sync.scc(start);
        let edges: Vec<u32> = members
            .iter()
            .flat_map(|&n| sync.calls.arcs(n))
            .filter(|&(target, _)| sync.scc(target) == scc)
            .map(|(_, edge)| edge)
            .collect();
        let edges = sorted_unique(edges, cx.index().connections.len());
        let calls: Vec<&Id> = edges
            .iter()
            .filter_map(|&i| cx.index().connection(i).map(|c| &c.id))
            .collect();
        // A cycle in a large model has thousands of members and calls to clone.
        warm(ids.iter().chain(&calls).copied());
        let example: Vec<&str> = one_cycle(sync, start, members.len())
            .into_iter()
            .filter_map(|n| cx.index().component(n).map(|c| c.id.as_str()))
            .collect();
        let message = format!(
            "{} components call each other synchronously in a cycle: {}; for example {}",
            ids.len(),
            list(ids.iter().map(|i| i.as_str())),
            arrow_path(&example),
        );
        let subjects = ids.into_iter().chain(calls).cloned().collect();
        sink.report(subjects, message);
    }
}

/// `items` (numbers below `universe`) sorted, without repeats.
///
/// A cycle on a large model holds a good part of the model: its members and calls are then
/// put in order by marking them in a set the size of the model and reading it back, which is
/// cheaper than sorting thousands of numbers. Small cycles are sorted.
fn sorted_unique(mut items: Vec<u32>, universe: usize) -> Vec<u32> {
    if items.len() < universe / 16 {
        items.sort_unstable();
        items.dedup();
        return items;
    }
    let mut marked = FixedBitSet::with_capacity(universe);
    for &i in &items {
        marked.grow(i as usize + 1);
        marked.insert(i as usize);
    }
    marked
        .ones()
        .filter_map(|i| u32::try_from(i).ok())
        .collect()
}

/// A shortest loop from `start` back to itself inside its component (of `size` members),
/// `start` at both ends.
fn one_cycle(sync: &SyncGraph, start: u32, size: usize) -> Vec<u32> {
    let scc = sync.scc(start);
    let mut parent = Parents::new(size, sync.calls.node_count());
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(u) = queue.pop_front() {
        for &v in sync.calls.targets(u) {
            if sync.scc(v) != scc {
                continue;
            }
            if v == start {
                let mut path = vec![start, u];
                let mut at = u;
                while at != start {
                    let Some(p) = parent.get(at) else { break };
                    path.push(p);
                    at = p;
                }
                path.reverse();
                if path.first() != Some(&start) {
                    path.insert(0, start);
                }
                return path;
            }
            if v != start && parent.get(v).is_none() {
                parent.set(v, u);
                queue.push_back(v);
            }
        }
    }
    vec![start]
}

/// Each node's parent in [`one_cycle`]'s search. A cycle on a large model can hold a good
/// part of it: its parents then go in an array by node number, cheaper to fill than a hash
/// map; a small cycle's in a hash map, so that many small cycles do not each pay for an
/// array the size of the model.
enum Parents {
    Flat(Vec<u32>),
    Sparse(FxHashMap<u32, u32>),
}

impl Parents {
    /// No parent yet, in the array.
    const NONE: u32 = u32::MAX;

    fn new(size: usize, nodes: usize) -> Self {
        if size < nodes / 16 {
            Self::Sparse(FxHashMap::default())
        } else {
            Self::Flat(vec![Self::NONE; nodes])
        }
    }

    fn get(&self, node: u32) -> Option<u32> {
        match self {
            Self::Flat(v) => v.get(node as usize).copied().filter(|&p| p != Self::NONE),
            Self::Sparse(m) => m.get(&node).copied(),
        }
    }

    fn set(&mut self, node: u32, parent: u32) {
        match self {
            Self::Flat(v) => {
                if let Some(slot) = v.get_mut(node as usize) {
                    *slot = parent;
                }
            }
            Self::Sparse(m) => {
                m.insert(node, parent);
            }
        }
    }
}

/// "`a` → `b` → `a`", shortened in the middle when long.
pub(crate) fn arrow_path(ids: &[&str]) -> String {
    const HEAD: usize = 5;
    const TAIL: usize = 2;
    let mut out =
        String::with_capacity(ids.iter().take(HEAD + TAIL + 1).map(|s| s.len() + 6).sum());
    let push = |out: &mut String, i: usize, id: &str| {
        if i > 0 {
            out.push_str(" → ");
        }
        out.push('`');
        out.push_str(id);
        out.push('`');
    };
    if ids.len() <= HEAD + TAIL + 1 {
        for (i, id) in ids.iter().enumerate() {
            push(&mut out, i, id);
        }
        return out;
    }
    for (i, id) in ids.iter().take(HEAD).enumerate() {
        push(&mut out, i, id);
    }
    let _ = write!(out, " → … ({} more) …", ids.len() - HEAD - TAIL);
    for id in ids.iter().skip(ids.len() - TAIL) {
        push(&mut out, 1, id);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};

    /// The same loop is found whether the search keeps its parents in an array (a loop that
    /// is a good part of the model) or in a hash map (a small loop in a large model).
    #[test]
    fn a_small_loop_in_a_large_model_is_found_the_same_way() {
        let others: Vec<String> = (0..70).map(|i| format!("other{i}")).collect();
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        for bystanders in [&others[..0], &others[..]] {
            let arch = model()
                .services(&["a", "b", "c"])
                .services(bystanders)
                .calls("a", "b")
                .calls("b", "c")
                .calls("c", "a")
                .calls("b", "a")
                .build();
            let found = findings(&arch, "sync-cycle");
            assert_eq!(found.len(), 1, "{found:#?}");
            assert!(
                found[0].message.ends_with("for example `a` → `b` → `a`"),
                "{}",
                found[0].message
            );
        }
    }

    #[test]
    fn a_loop_of_calls_is_one_finding_with_its_members_and_calls() {
        let arch = model()
            .services(&["orders", "payments", "ledger", "solo"])
            .calls("orders", "payments")
            .calls("payments", "ledger")
            .calls("ledger", "orders")
            .calls("solo", "orders")
            .build();
        let found = findings(&arch, "sync-cycle");
        assert_eq!(found.len(), 1, "{found:#?}");
        let subjects: Vec<&str> = found[0].subjects.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            subjects,
            [
                "ledger",
                "orders",
                "payments",
                "ledger-to-orders",
                "orders-to-payments",
                "payments-to-ledger"
            ]
        );
        assert!(
            found[0]
                .message
                .contains("`ledger` → `orders` → `payments` → `ledger`"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_chain_and_async_loops_are_not_cycles() {
        let arch = model()
            .services(&["a", "b", "c"])
            .add("events", crate::model::Kind::Queue)
            .calls("a", "b")
            .calls("b", "c")
            .connect(
                "c",
                "events",
                crate::model::ConnectionKind::Publishes {
                    topic: String::new(),
                },
            )
            .connect(
                "a",
                "events",
                crate::model::ConnectionKind::Consumes {
                    topic: String::new(),
                },
            )
            .connect("c", "a", crate::model::ConnectionKind::DependsOn)
            .build();
        assert!(findings(&arch, "sync-cycle").is_empty());
    }

    #[test]
    fn long_paths_are_shortened_in_messages() {
        let ids: Vec<String> = (0..12).map(|i| format!("s{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(
            super::arrow_path(&refs),
            "`s0` → `s1` → `s2` → `s3` → `s4` → … (5 more) … → `s10` → `s11`"
        );
    }

    proptest::proptest! {
        #[test]
        fn sorted_unique_sorts_and_drops_repeats(
            items in proptest::collection::vec(0u32..64, 0..200),
            universe in 0usize..80,
        ) {
            let mut expected = items.clone();
            expected.sort_unstable();
            expected.dedup();
            proptest::prop_assert_eq!(super::sorted_unique(items, universe), expected);
        }
    }
}
