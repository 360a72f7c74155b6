//! Which component can reach which, following the direction work travels in.
//!
//! The graph is flat ([`Adjacency`]); the search over it is petgraph's `Dfs`, through the
//! visit traits the flat graph implements.

use fixedbitset::FixedBitSet;
use petgraph::visit::Dfs;

use crate::model::ConnectionType;

use super::ModelIndex;
use super::adjacency::Adjacency;

/// One node per component; an arc from `a` to `b` when work that reaches `a` goes on to
/// `b`. For every connection type that is the direction of the arrow (the caller reaches the
/// callee, the publisher its queue, the reader or writer its store, the dependent what it
/// needs), except `Consumes`: there the consumer acts, but the messages flow from the queue
/// to the consumer, so the arc goes queue → consumer.
pub(crate) struct ReachGraph {
    /// The graph.
    pub graph: Adjacency,
}

impl ReachGraph {
    /// Builds the graph.
    pub fn new(index: &ModelIndex<'_>) -> Self {
        let arcs = index
            .ends
            .iter()
            .zip(&index.types)
            .filter_map(|(ends, ty)| {
                let (a, b) = ends.edge()?;
                Some(match ty {
                    ConnectionType::Consumes => (b, a),
                    _ => (a, b),
                })
            });
        Self {
            graph: Adjacency::unlabelled(index.len(), arcs),
        }
    }

    /// The nodes any of `starts` reaches (a start reaches itself), found by petgraph's
    /// depth-first search with all the starts on its stack at once; numbers out of range
    /// are left out.
    pub fn reached_from(&self, starts: impl IntoIterator<Item = u32>) -> FixedBitSet {
        let n = self.graph.node_count();
        let mut dfs = Dfs::empty(&self.graph);
        dfs.stack
            .extend(starts.into_iter().filter(|&s| (s as usize) < n));
        while dfs.next(&self.graph).is_some() {}
        dfs.discovered
    }
}
