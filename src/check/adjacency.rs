//! A graph as three flat arrays (compressed sparse rows), the shape every graph of a run
//! takes.
//!
//! A run builds its graphs from scratch and walks each of them a few times, so what counts is
//! how fast they are built and how few cache lines a walk touches. petgraph's `Graph` keeps
//! each node's edges as a linked list through one array of edges: building it is cheap, but a
//! walk jumps through memory at every step, and on a model of 100 000 components the walks
//! cost more than the rules' own work. Here a node's arcs sit next to each other, found by
//! one offset; building takes two passes over the arcs (count, then place).
//!
//! Each node's arcs are listed newest first, the reverse of the order they were given in,
//! because that is how petgraph's `Graph` lists them: walks here visit nodes in the order
//! petgraph's did, so what depends on that order (the loop `sync-cycle` shows, the chain
//! `deep-sync-chain` follows when two are equally long) did not change when the graphs
//! became flat. The tests compare the passes built on this with petgraph's.

/// A directed graph over nodes `0..n`: node `u`'s arcs are the entries
/// `starts[u]..starts[u + 1]` of `targets` (where they lead) and `edges` (which connection
/// each comes from).
pub(crate) struct Adjacency {
    /// Where each node's arcs start; one more entry than there are nodes.
    starts: Vec<u32>,
    /// The node each arc leads to, grouped by the node it leaves.
    targets: Vec<u32>,
    /// The connection each arc comes from, parallel to `targets`.
    edges: Vec<u32>,
}

impl Adjacency {
    /// The graph of `arcs` — (from, to, connection index) — over nodes `0..n`, each node's
    /// arcs newest first. Arcs with an end out of range are left out (the index never makes
    /// one).
    pub fn new(n: usize, arcs: impl Iterator<Item = (u32, u32, u32)> + Clone) -> Self {
        Self::build(n, arcs, true)
    }

    /// Like [`Adjacency::new`] for a graph whose walks never ask which connection an arc
    /// comes from: no labels are kept (on a large model they would be megabytes written for
    /// nothing), and [`Adjacency::arcs`] is empty; walk it with [`Adjacency::targets`].
    pub fn unlabelled(n: usize, arcs: impl Iterator<Item = (u32, u32)> + Clone) -> Self {
        Self::build(n, arcs.map(|(a, b)| (a, b, 0)), false)
    }

    fn build(n: usize, arcs: impl Iterator<Item = (u32, u32, u32)> + Clone, labels: bool) -> Self {
        let in_range = move |&(a, b, _): &(u32, u32, u32)| (a as usize) < n && (b as usize) < n;
        let mut starts = vec![0u32; n + 1];
        for (a, _, _) in arcs.clone().filter(in_range) {
            if let Some(count) = starts.get_mut(a as usize + 1) {
                *count += 1;
            }
        }
        let mut total = 0u32;
        for s in starts.iter_mut() {
            total = total.saturating_add(*s);
            *s = total;
        }
        // Each node's next free slot, counting down from the end of its range, so the last
        // arc given lands first.
        let mut free: Vec<u32> = starts.get(1..).unwrap_or(&[]).to_vec();
        let mut targets = vec![0u32; total as usize];
        let mut edges = if labels {
            vec![0u32; total as usize]
        } else {
            Vec::new()
        };
        for (a, b, e) in arcs.filter(in_range) {
            let Some(slot) = free.get_mut(a as usize) else {
                continue;
            };
            let Some(at) = slot.checked_sub(1) else {
                continue;
            };
            *slot = at;
            let at = at as usize;
            if let Some(t) = targets.get_mut(at) {
                *t = b;
            }
            if let Some(x) = edges.get_mut(at) {
                *x = e;
            }
        }
        Self {
            starts,
            targets,
            edges,
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Where node `u`'s arcs sit in `targets` and `edges`.
    fn range(&self, u: u32) -> std::ops::Range<usize> {
        let u = u as usize;
        match (self.starts.get(u), self.starts.get(u + 1)) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        }
    }

    /// The nodes `u`'s arcs lead to, newest arc first.
    pub fn targets(&self, u: u32) -> &[u32] {
        self.targets.get(self.range(u)).unwrap_or(&[])
    }

    /// `u`'s arcs as (target, connection index), newest first; none in an
    /// [`Adjacency::unlabelled`] graph.
    pub fn arcs(&self, u: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let range = self.range(u);
        let targets = self.targets.get(range.clone()).unwrap_or(&[]);
        let edges = self.edges.get(range).unwrap_or(&[]);
        targets.iter().copied().zip(edges.iter().copied())
    }

    /// How many arcs leave `u`.
    pub fn degree(&self, u: u32) -> usize {
        self.range(u).len()
    }
}

#[cfg(test)]
mod tests {
    use petgraph::graph::{DiGraph, NodeIndex};

    use super::*;

    #[test]
    fn arcs_come_newest_first_like_petgraph() {
        let arcs = [
            (0, 1, 10),
            (0, 2, 11),
            (2, 0, 12),
            (0, 1, 13),
            (1, 2, 14),
            (3, 9, 15),
        ];
        let adj = Adjacency::new(4, arcs.iter().copied());
        let mut graph = DiGraph::<(), u32>::new();
        for _ in 0..4 {
            graph.add_node(());
        }
        for (a, b, e) in arcs.iter().copied().filter(|a| a.1 < 4) {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), e);
        }
        for u in 0..4u32 {
            let theirs: Vec<u32> = graph
                .neighbors(NodeIndex::new(u as usize))
                .map(|n| n.index() as u32)
                .collect();
            assert_eq!(adj.targets(u), theirs.as_slice(), "node {u}");
        }
        assert_eq!(adj.arcs(0).collect::<Vec<_>>(), [(1, 13), (2, 11), (1, 10)]);
        assert_eq!(
            adj.degree(3),
            0,
            "an arc to a node out of range is left out"
        );
        assert_eq!(adj.node_count(), 4);
        assert!(adj.targets(7).is_empty());
        let bare = Adjacency::unlabelled(4, arcs.iter().map(|&(a, b, _)| (a, b)));
        for u in 0..4u32 {
            assert_eq!(bare.targets(u), adj.targets(u), "node {u}");
            assert_eq!(bare.arcs(u).count(), 0);
        }
    }
}
