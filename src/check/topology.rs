//! The whole topology as an undirected graph, for questions about how the system holds
//! together (`single-point-of-failure`).
//!
//! The articulation points are found here rather than with petgraph's
//! `articulation_points`: that one keeps its bookkeeping in hash maps and pushes every edge
//! onto its stack up front, which on a model of 100 000 components costs more than all the
//! other rules together. This is the same depth-first search (Hopcroft and Tarjan) over
//! plain vectors and the flat graph ([`Adjacency`]), iterative so a long chain cannot
//! overflow the checking thread's stack. The tests compare it with petgraph's.

use super::ModelIndex;
use super::adjacency::Adjacency;

/// Every connection whose ends exist, as an undirected edge (an arc each way); node `i` is
/// component `i`.
pub(crate) struct Topology {
    /// The graph.
    pub graph: Adjacency,
}

impl Topology {
    /// Builds the graph.
    pub fn new(index: &ModelIndex<'_>) -> Self {
        let edges = index.ends.iter().filter_map(|ends| ends.edge());
        let arcs = edges.flat_map(|(a, b)| [(a, b), (b, a)]);
        Self {
            graph: Adjacency::unlabelled(index.len(), arcs),
        }
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
        // The path of the search: each node with how many of its neighbours it has looked at.
        let mut stack: Vec<(u32, usize)> = Vec::new();
        for root in 0..n {
            let Ok(root) = u32::try_from(root) else { break };
            if disc.get(root as usize).is_none_or(|d| *d != UNSEEN) {
                continue;
            }
            visit(&mut disc, &mut low, root, &mut time);
            stack.push((root, 0));
            let mut root_children = 0usize;
            while let Some((u, looked)) = stack.last_mut() {
                let u = *u;
                if let Some(&v) = g.targets(u).get(*looked) {
                    *looked += 1;
                    let seen = disc.get(v as usize).copied().unwrap_or(0);
                    if seen == UNSEEN {
                        visit(&mut disc, &mut low, v, &mut time);
                        stack.push((v, 0));
                    } else if let Some(l) = low.get_mut(u as usize) {
                        // Counting the edge back to the parent too is harmless: it can only
                        // make `low` equal the parent's time, which still marks the parent.
                        *l = (*l).min(seen);
                    }
                    continue;
                }
                stack.pop();
                let Some(&(parent, _)) = stack.last() else {
                    continue;
                };
                let (p, low_u) = (parent as usize, low.get(u as usize).copied().unwrap_or(0));
                if let Some(l) = low.get_mut(p) {
                    *l = (*l).min(low_u);
                }
                if parent == root {
                    root_children += 1;
                } else if disc.get(p).is_some_and(|d| low_u >= *d)
                    && let Some(c) = cut.get_mut(p)
                {
                    *c = true;
                }
            }
            if root_children > 1
                && let Some(c) = cut.get_mut(root as usize)
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
fn visit(disc: &mut [u32], low: &mut [u32], node: u32, time: &mut u32) {
    if let (Some(d), Some(l)) = (disc.get_mut(node as usize), low.get_mut(node as usize)) {
        *d = *time;
        *l = *time;
    }
    *time = time.saturating_add(1);
}

#[cfg(test)]
mod tests {
    use petgraph::algo::articulation_points::articulation_points;
    use petgraph::graph::{NodeIndex, UnGraph};
    use proptest::prelude::*;

    use super::*;
    use crate::model::generate::generate;

    /// petgraph's articulation points of the same edges.
    fn petgraph_points(n: usize, edges: &[(u32, u32)]) -> Vec<usize> {
        let mut graph = UnGraph::<(), ()>::with_capacity(n, edges.len());
        for _ in 0..n {
            graph.add_node(());
        }
        for &(a, b) in edges {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
        }
        let mut points: Vec<usize> = articulation_points(&graph)
            .into_iter()
            .map(|n| n.index())
            .collect();
        points.sort_unstable();
        points
    }

    fn our_points(n: usize, edges: &[(u32, u32)]) -> Vec<usize> {
        let arcs = edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]);
        Topology {
            graph: Adjacency::unlabelled(n, arcs),
        }
        .articulation_points()
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
            let index = ModelIndex::new(&arch);
            let t = Topology::new(&index);
            let points = t.articulation_points();
            found += points.len();
            let edges: Vec<(u32, u32)> = index.ends.iter().filter_map(|e| e.edge()).collect();
            assert_eq!(
                points,
                petgraph_points(index.len(), &edges),
                "{n} {m} {seed}"
            );
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
            edges in proptest::collection::vec((0u32..12, 0u32..12), 0..24),
        ) {
            let edges: Vec<(u32, u32)> = edges
                .into_iter()
                .map(|(a, b)| (a % n as u32, b % n as u32))
                .filter(|(a, b)| a != b)
                .collect();
            prop_assert_eq!(our_points(n, &edges), petgraph_points(n, &edges));
        }
    }
}
