//! The whole topology as an undirected graph, for questions about how the system holds
//! together (`single-point-of-failure`).

use petgraph::graph::{NodeIndex, UnGraph};

use super::ModelIndex;

/// Every connection whose ends exist, as an undirected edge; node `i` is component `i`.
pub(crate) struct Topology {
    /// The graph.
    pub graph: UnGraph<(), ()>,
}

impl Topology {
    /// Builds the graph.
    pub fn new(index: &ModelIndex<'_>) -> Self {
        let n = index.len();
        let mut graph = UnGraph::with_capacity(n, index.connections.len());
        for _ in 0..n {
            graph.add_node(());
        }
        for (_, a, b) in index.edges() {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
        }
        Self { graph }
    }
}
