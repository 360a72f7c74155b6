//! The synchronous-call graph and its strongly connected components, shared by
//! `sync-cycle`, `deep-sync-chain` and `fan-out`.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::ConnectionType;

use super::ModelIndex;

/// Who calls whom and waits: one node per component, one edge per `Calls` connection (edge
/// weight: the connection's index).
pub(crate) struct SyncGraph {
    /// The graph; node `i` is component `i` of the index.
    pub graph: DiGraph<(), u32>,
    /// Strongly connected components in reverse topological order: a component comes before
    /// every component that calls into it.
    pub sccs: Vec<Vec<NodeIndex>>,
    /// The position in `sccs` of each node's component.
    pub scc_of: Vec<u32>,
}

impl SyncGraph {
    /// Builds the graph and its components.
    ///
    /// Kosaraju's algorithm rather than Tarjan's: petgraph's Tarjan recurses once per node on
    /// a path, and a long chain of calls in a large model would overflow the stack of the
    /// editor's checking thread; Kosaraju runs on petgraph's iterative depth-first search.
    pub fn new(index: &ModelIndex<'_>) -> Self {
        let n = index.len();
        let mut graph = DiGraph::with_capacity(n, index.connections.len() / 2);
        for _ in 0..n {
            graph.add_node(());
        }
        for (i, _, a, b) in index.edges_of(ConnectionType::Calls) {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), i);
        }
        let sccs = kosaraju_scc(&graph);
        let mut scc_of = vec![0u32; n];
        for (s, members) in sccs.iter().enumerate() {
            let s = u32::try_from(s).unwrap_or(u32::MAX);
            for node in members {
                if let Some(slot) = scc_of.get_mut(node.index()) {
                    *slot = s;
                }
            }
        }
        Self {
            graph,
            sccs,
            scc_of,
        }
    }

    /// The SCC position of `node`.
    pub fn scc(&self, node: NodeIndex) -> u32 {
        self.scc_of.get(node.index()).copied().unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::model;

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
        let pos = |id: &str| g.scc(NodeIndex::new(index.node(id).unwrap() as usize));
        assert_eq!(pos("b"), pos("c"));
        assert!(pos("d") < pos("b"));
        assert!(pos("b") < pos("a"));
        assert_eq!(g.sccs.len(), 3);
    }
}
