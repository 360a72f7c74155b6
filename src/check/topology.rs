//! The whole topology as an undirected graph, for questions about how the system holds
//! together (`single-point-of-failure`).
//!
//! The articulation points are found here rather than with petgraph's
//! `articulation_points`: that one keeps its bookkeeping in hash maps and pushes every edge
//! onto its stack up front, which on a model of 100 000 components costs more than all the
//! other rules together. This is the same depth-first search (Hopcroft and Tarjan) over
//! plain vectors, iterative so a long chain cannot overflow the checking thread's stack.

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

    /// The nodes whose removal splits the part of the graph they are in, in index order.
    pub fn articulation_points(&self) -> Vec<usize> {
        const UNSEEN: u32 = u32::MAX;
        let g = &self.graph;
        let n = g.node_count();
        // Discovery time of each node, and the earliest discovery time reachable from its
        // subtree by one edge that leaves the subtree.
        let mut disc = vec![UNSEEN; n];
        let mut low = vec![UNSEEN; n];
        let mut cut = vec![false; n];
        let mut time = 0u32;
        let mut stack = Vec::new();
        for root in g.node_indices() {
            if disc.get(root.index()).is_none_or(|d| *d != UNSEEN) {
                continue;
            }
            visit(&mut disc, &mut low, root, &mut time);
            stack.push((root, g.neighbors(root)));
            let mut root_children = 0usize;
            while let Some((u, neighbours)) = stack.last_mut() {
                let u = *u;
                if let Some(v) = neighbours.next() {
                    let seen = disc.get(v.index()).copied().unwrap_or(0);
                    if seen == UNSEEN {
                        visit(&mut disc, &mut low, v, &mut time);
                        stack.push((v, g.neighbors(v)));
                    } else if let Some(l) = low.get_mut(u.index()) {
                        // Counting the edge back to the parent too is harmless: it can only
                        // make `low` equal the parent's time, which still marks the parent.
                        *l = (*l).min(seen);
                    }
                    continue;
                }
                stack.pop();
                let Some((parent, _)) = stack.last() else {
                    continue;
                };
                let (p, low_u) = (parent.index(), low.get(u.index()).copied().unwrap_or(0));
                if let Some(l) = low.get_mut(p) {
                    *l = (*l).min(low_u);
                }
                if *parent == root {
                    root_children += 1;
                } else if disc.get(p).is_some_and(|d| low_u >= *d)
                    && let Some(c) = cut.get_mut(p)
                {
                    *c = true;
                }
            }
            if root_children > 1
                && let Some(c) = cut.get_mut(root.index())
            {
                *c = true;
            }
        }
        cut.iter()
            .enumerate()
            .filter_map(|(i, c)| c.then_some(i))
            .collect()
    }
}

/// Gives `node` the next discovery time.
fn visit(disc: &mut [u32], low: &mut [u32], node: NodeIndex, time: &mut u32) {
    if let (Some(d), Some(l)) = (disc.get_mut(node.index()), low.get_mut(node.index())) {
        *d = *time;
        *l = *time;
    }
    *time = time.saturating_add(1);
}

#[cfg(test)]
mod tests {
    use petgraph::algo::articulation_points::articulation_points;
    use proptest::prelude::*;

    use super::*;
    use crate::model::generate::generate;

    fn petgraph_points(t: &Topology) -> Vec<usize> {
        let mut points: Vec<usize> = articulation_points(&t.graph)
            .into_iter()
            .map(|n| n.index())
            .collect();
        points.sort_unstable();
        points
    }

    #[test]
    fn same_points_as_petgraph_on_generated_models() {
        let mut found = 0;
        for (n, m, seed) in [
            (200, 600, 1),
            (2_000, 2_500, 2),
            (3_000, 9_000, 3),
            (50, 40, 4),
        ] {
            let arch = generate(n, m, seed);
            let t = Topology::new(&ModelIndex::new(&arch));
            let points = t.articulation_points();
            found += points.len();
            assert_eq!(points, petgraph_points(&t), "{n} {m} {seed}");
        }
        assert!(
            found > 0,
            "the models should have articulation points to compare"
        );
    }

    proptest! {
        #[test]
        fn same_points_as_petgraph_on_small_graphs(
            n in 1usize..12,
            edges in proptest::collection::vec((0usize..12, 0usize..12), 0..24),
        ) {
            let mut graph = UnGraph::with_capacity(n, edges.len());
            for _ in 0..n {
                graph.add_node(());
            }
            for (a, b) in edges {
                let (a, b) = (a % n, b % n);
                if a != b {
                    graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
                }
            }
            let t = Topology { graph };
            prop_assert_eq!(t.articulation_points(), petgraph_points(&t));
        }
    }
}
