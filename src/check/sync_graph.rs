//! The synchronous-call graph and its strongly connected components, shared by
//! `sync-cycle`, `deep-sync-chain` and `fan-out`.
//!
//! The components are found by petgraph's `kosaraju_scc`, run over the flat graph
//! ([`Adjacency`] implements petgraph's visit traits), which is built with its incoming arcs
//! for Kosaraju's first pass. Kosaraju rather than Tarjan because petgraph writes both its
//! passes as iterative depth-first searches: a long chain of calls cannot overflow the
//! checking thread's stack. On the flat graph the neighbours come in the order they do on
//! petgraph's `Graph`, so the components and the order of their members are the ones
//! `kosaraju_scc` gives on a `Graph` of the same calls; the tests compare the two.
//!
//! What that costs: `kosaraju_scc` returns one vector per component, and on a large model
//! nearly every component is a single node. On 100 000 nodes and as many calls the pass
//! takes about 9 ms against 5 ms for the same walks writing the members into one flat array
//! (about 0.8 against 0.4 ms on 10 000) — a few per cent of a whole run, kept for the sake
//! of running petgraph's algorithm rather than a copy of it.

use petgraph::algo::kosaraju_scc;

use crate::model::ConnectionType;

use super::ModelIndex;
use super::adjacency::Adjacency;

/// Who calls whom and waits: one node per component, one arc per `Calls` connection between
/// two different existing components (labelled with the connection's index).
pub(crate) struct SyncGraph {
    /// The calls; node `i` is component `i` of the index.
    pub calls: Adjacency,
    /// The members of every strongly connected component, as `kosaraju_scc` gives them.
    sccs: Vec<Vec<u32>>,
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
        let calls = Adjacency::both_ways(n, arcs);
        let sccs = kosaraju_scc(&calls);
        let mut scc_of = vec![u32::MAX; n];
        for (s, members) in sccs.iter().enumerate() {
            let s = u32::try_from(s).unwrap_or(u32::MAX);
            for &node in members {
                if let Some(slot) = scc_of.get_mut(node as usize) {
                    *slot = s;
                }
            }
        }
        Self {
            calls,
            sccs,
            scc_of,
        }
    }

    /// How many strongly connected components there are.
    pub fn scc_count(&self) -> usize {
        self.sccs.len()
    }

    /// The members of strongly connected component `s`. Components come in reverse
    /// topological order: a component comes before every component that calls into it.
    pub fn members(&self, s: usize) -> &[u32] {
        self.sccs.get(s).map_or(&[], Vec::as_slice)
    }

    /// The position of `node`'s strongly connected component.
    pub fn scc(&self, node: u32) -> u32 {
        self.scc_of.get(node as usize).copied().unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
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

    /// The components of the same arcs on the flat graph, as `SyncGraph` finds them.
    fn our_sccs(n: usize, arcs: &[(u32, u32)]) -> Vec<Vec<u32>> {
        let with_ids = arcs.iter().enumerate().map(|(i, &(a, b))| (a, b, i as u32));
        kosaraju_scc(&Adjacency::both_ways(n, with_ids))
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
            let sync = SyncGraph::new(&index);
            let ours: Vec<Vec<u32>> = (0..sync.scc_count())
                .map(|s| sync.members(s).to_vec())
                .collect();
            assert_eq!(ours, our_sccs(index.len(), &arcs));
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
