//! Which component can reach which, following the direction work travels in.

use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::ConnectionType;

use super::ModelIndex;

/// One node per component; an edge from `a` to `b` when work that reaches `a` goes on to
/// `b`. For every connection type that is the direction of the arrow (the caller reaches the
/// callee, the publisher its queue, the reader or writer its store, the dependent what it
/// needs), except `Consumes`: there the consumer acts, but the messages flow from the queue
/// to the consumer, so the edge goes queue → consumer.
pub(crate) struct ReachGraph {
    /// The graph.
    pub graph: DiGraph<(), ()>,
}

impl ReachGraph {
    /// Builds the graph.
    pub fn new(index: &ModelIndex<'_>) -> Self {
        let n = index.len();
        let mut graph = DiGraph::with_capacity(n, index.connections.len());
        for _ in 0..n {
            graph.add_node(());
        }
        for (ends, ty) in index.ends.iter().zip(&index.types) {
            let Some((a, b)) = ends.edge() else { continue };
            let (from, to) = match ty {
                ConnectionType::Consumes => (b, a),
                _ => (a, b),
            };
            graph.add_edge(
                NodeIndex::new(from as usize),
                NodeIndex::new(to as usize),
                (),
            );
        }
        Self { graph }
    }
}
