//! Which component can reach which, following the direction work travels in.

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

    /// For each node, whether any of `starts` reaches it (a start reaches itself).
    pub fn reached_from(&self, starts: impl IntoIterator<Item = u32>) -> Vec<bool> {
        let mut reached = vec![false; self.graph.node_count()];
        let mut queue: Vec<u32> = Vec::new();
        for s in starts {
            if let Some(r) = reached.get_mut(s as usize)
                && !*r
            {
                *r = true;
                queue.push(s);
            }
        }
        // The order nodes are visited in does not matter, only which are: a stack serves.
        while let Some(u) = queue.pop() {
            for &v in self.graph.targets(u) {
                if let Some(r) = reached.get_mut(v as usize)
                    && !*r
                {
                    *r = true;
                    queue.push(v);
                }
            }
        }
        reached
    }
}
