//! The synchronous-call graph and its strongly connected components, shared by
//! `sync-cycle`, `deep-sync-chain` and `fan-out`.
//!
//! The components are found with Kosaraju's algorithm, written out here over the flat
//! graphs rather than taken from petgraph: petgraph's `kosaraju_scc` returns one vector per
//! component — a hundred thousand small allocations on a large model, where nearly every
//! component is a single node — and walks linked edge lists. This is the same algorithm,
//! step for step (the same depth-first passes, neighbours in the same order), so it finds the
//! same components with their members in the same order; the tests compare the two.
//! Kosaraju rather than Tarjan because both passes are plain iterative depth-first searches:
//! a long chain of calls cannot overflow the checking thread's stack.

use crate::model::ConnectionType;

use super::ModelIndex;
use super::adjacency::Adjacency;

/// Who calls whom and waits: one node per component, one arc per `Calls` connection between
/// two different existing components (labelled with the connection's index).
pub(crate) struct SyncGraph {
    /// The calls; node `i` is component `i` of the index.
    pub calls: Adjacency,
    /// The members of every strongly connected component, one component after another.
    members: Vec<u32>,
    /// Where each strongly connected component starts in `members`, and one more entry for
    /// the end.
    starts: Vec<u32>,
    /// The position of each node's strongly connected component.
    scc_of: Vec<u32>,
}

impl SyncGraph {
    /// Builds the graph and its strongly connected components.
    pub fn new(index: &ModelIndex<'_>) -> Self {
        let n = index.len();
        let arcs = index
            .ends
            .iter()
            .zip(&index.types)
            .enumerate()
            .filter(|(_, (_, ty))| **ty == ConnectionType::Calls)
            .filter_map(|(i, (ends, _))| {
                let (a, b) = ends.edge()?;
                Some((a, b, u32::try_from(i).ok()?))
            });
        let calls = Adjacency::new(n, arcs.clone());
        let callers = Adjacency::unlabelled(n, arcs.map(|(a, b, _)| (b, a)));
        let (members, starts) = kosaraju(&calls, &callers);
        let mut scc_of = vec![u32::MAX; n];
        for (s, pair) in starts.windows(2).enumerate() {
            let (Some(&from), Some(&to)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let s = u32::try_from(s).unwrap_or(u32::MAX);
            for &node in members.get(from as usize..to as usize).unwrap_or(&[]) {
                if let Some(slot) = scc_of.get_mut(node as usize) {
                    *slot = s;
                }
            }
        }
        Self {
            calls,
            members,
            starts,
            scc_of,
        }
    }

    /// How many strongly connected components there are.
    pub fn scc_count(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The members of strongly connected component `s`. Components come in reverse
    /// topological order: a component comes before every component that calls into it.
    pub fn members(&self, s: usize) -> &[u32] {
        match (self.starts.get(s), self.starts.get(s + 1)) {
            (Some(&from), Some(&to)) => self.members.get(from as usize..to as usize),
            _ => None,
        }
        .unwrap_or(&[])
    }

    /// The position of `node`'s strongly connected component.
    pub fn scc(&self, node: u32) -> u32 {
        self.scc_of.get(node as usize).copied().unwrap_or(u32::MAX)
    }
}

/// The strongly connected components of `calls` (`callers` is the same graph with every arc
/// reversed): their members one component after another, and where each component starts
/// (with one more entry for the end). The same passes as petgraph's `kosaraju_scc`.
fn kosaraju(calls: &Adjacency, callers: &Adjacency) -> (Vec<u32>, Vec<u32>) {
    let n = calls.node_count();
    let mut discovered = vec![false; n];
    let mut finished = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    // First pass: depth first along the reversed arcs, nodes in the order they finish.
    let mut finish_order: Vec<u32> = Vec::with_capacity(n);
    for root in 0..n {
        if discovered.get(root).copied().unwrap_or(true) {
            continue;
        }
        stack.clear();
        stack.extend(u32::try_from(root).ok());
        while let Some(&node) = stack.last() {
            match discovered.get_mut(node as usize) {
                Some(seen) if !*seen => {
                    *seen = true;
                    for &next in callers.targets(node) {
                        if !discovered.get(next as usize).copied().unwrap_or(true) {
                            stack.push(next);
                        }
                    }
                }
                _ => {
                    stack.pop();
                    if let Some(done) = finished.get_mut(node as usize)
                        && !*done
                    {
                        *done = true;
                        finish_order.push(node);
                    }
                }
            }
        }
    }
    // Second pass: depth first along the arcs from each node in reverse finishing order;
    // everything a pass reaches that no earlier pass did is one component.
    discovered.fill(false);
    let mut members = Vec::with_capacity(n);
    let mut starts = Vec::new();
    for &root in finish_order.iter().rev() {
        if discovered.get(root as usize).copied().unwrap_or(true) {
            continue;
        }
        starts.push(u32::try_from(members.len()).unwrap_or(u32::MAX));
        stack.clear();
        stack.push(root);
        while let Some(node) = stack.pop() {
            let Some(seen) = discovered.get_mut(node as usize) else {
                continue;
            };
            if *seen {
                continue;
            }
            *seen = true;
            for &next in calls.targets(node) {
                if !discovered.get(next as usize).copied().unwrap_or(true) {
                    stack.push(next);
                }
            }
            members.push(node);
        }
    }
    starts.push(u32::try_from(members.len()).unwrap_or(u32::MAX));
    (members, starts)
}

#[cfg(test)]
mod tests {
    use petgraph::algo::kosaraju_scc;
    use petgraph::graph::{DiGraph, NodeIndex};
    use proptest::prelude::*;

    use super::*;
    use crate::check::testing::model;
    use crate::model::generate::generate;

    #[test]
    fn sccs_come_callees_first() {
        // a → b → c → b, c → d: {b, c} is a cycle; d must come before {b, c}, which comes
        // before a.
        let arch = model()
            .services(&["a", "b", "c", "d"])
            .calls("a", "b")
            .calls("b", "c")
            .calls("c", "b")
            .calls("c", "d")
            .build();
        let index = ModelIndex::new(&arch);
        let g = SyncGraph::new(&index);
        let pos = |id: &str| g.scc(index.node(&crate::model::Id::new(id).unwrap()).unwrap());
        assert_eq!(pos("b"), pos("c"));
        assert!(pos("d") < pos("b"));
        assert!(pos("b") < pos("a"));
        assert_eq!(g.scc_count(), 3);
    }

    /// petgraph's components of the same arcs, added in the same order.
    fn petgraph_sccs(n: usize, arcs: &[(u32, u32)]) -> Vec<Vec<u32>> {
        let mut graph = DiGraph::<(), ()>::with_capacity(n, arcs.len());
        for _ in 0..n {
            graph.add_node(());
        }
        for &(a, b) in arcs {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
        }
        kosaraju_scc(&graph)
            .into_iter()
            .map(|scc| scc.into_iter().map(|n| n.index() as u32).collect())
            .collect()
    }

    fn our_sccs(n: usize, arcs: &[(u32, u32)]) -> Vec<Vec<u32>> {
        let with_ids = || arcs.iter().enumerate().map(|(i, &(a, b))| (a, b, i as u32));
        let calls = Adjacency::new(n, with_ids());
        let callers = Adjacency::unlabelled(n, with_ids().map(|(a, b, _)| (b, a)));
        let (members, starts) = kosaraju(&calls, &callers);
        starts
            .windows(2)
            .map(|w| members[w[0] as usize..w[1] as usize].to_vec())
            .collect()
    }

    #[test]
    fn same_components_in_the_same_order_as_petgraph_on_generated_models() {
        let mut cycles = 0;
        for (n, m, seed) in [(200, 600, 1), (2_000, 6_000, 2), (3_000, 12_000, 3)] {
            let arch = generate(n, m, seed);
            let index = ModelIndex::new(&arch);
            let arcs: Vec<(u32, u32)> = index
                .edges_of(ConnectionType::Calls)
                .map(|(_, _, a, b)| (a, b))
                .collect();
            let ours = our_sccs(index.len(), &arcs);
            cycles += ours.iter().filter(|s| s.len() > 1).count();
            assert_eq!(ours, petgraph_sccs(index.len(), &arcs), "{n} {m} {seed}");
        }
        assert!(cycles > 0, "the models should have cycles to compare");
    }

    proptest! {
        #[test]
        fn same_components_in_the_same_order_as_petgraph_on_small_graphs(
            n in 1usize..12,
            arcs in proptest::collection::vec((0u32..12, 0u32..12), 0..30),
        ) {
            let arcs: Vec<(u32, u32)> = arcs
                .into_iter()
                .map(|(a, b)| (a % n as u32, b % n as u32))
                .collect();
            prop_assert_eq!(our_sccs(n, &arcs), petgraph_sccs(n, &arcs));
        }
    }
}
