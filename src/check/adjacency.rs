//! A graph as three flat arrays (compressed sparse rows), the shape every graph of a run
//! takes, walked with petgraph's algorithms through its visit traits.
//!
//! A run builds its graphs from scratch and walks each of them a few times, so what counts is
//! how fast they are built and how few cache lines a walk touches. petgraph's `Graph` keeps
//! each node's edges as a linked list through one array of edges: building it is cheap, but a
//! walk jumps through memory at every step, and on a model of 100 000 components the walks
//! cost more than the rules' own work. Here a node's arcs sit next to each other, found by
//! one offset; building takes two passes over the arcs (count, then place). petgraph's
//! algorithms are written against its visit traits (`IntoNeighbors`, `Visitable`, …), not
//! against `Graph`, so this type implements them and the passes are petgraph's own: its
//! `kosaraju_scc` finds the strongly connected components, its `Dfs` the reachable nodes.
//! (petgraph's own `Csr` is not used: it lists each node's neighbours sorted by target and
//! has no incoming arcs, which Kosaraju's first pass walks.)
//!
//! Each node's arcs are listed newest first, the reverse of the order they were given in,
//! because that is how petgraph's `Graph` lists them (outgoing and incoming alike): walks
//! here visit nodes in the order they did on `Graph`, so what depends on that order (the
//! loop `sync-cycle` shows, the chain `deep-sync-chain` follows when two are equally long)
//! did not change when the graphs became flat. The tests compare the results with those of
//! the same algorithms on petgraph's `Graph`.

use fixedbitset::FixedBitSet;
use petgraph::Direction;
use petgraph::visit::{
    GraphBase, IntoNeighbors, IntoNeighborsDirected, IntoNodeIdentifiers, NodeCount, NodeIndexable,
    Visitable,
};

/// A directed graph over nodes `0..n`: node `u`'s arcs are the entries
/// `starts[u]..starts[u + 1]` of `targets` (where they lead) and `edges` (which connection
/// each comes from). Built with [`Adjacency::both_ways`], it also lists each node's incoming
/// arcs the same way (`in_starts`, `sources`).
pub(crate) struct Adjacency {
    /// Where each node's arcs start; one more entry than there are nodes.
    starts: Vec<u32>,
    /// The node each arc leads to, grouped by the node it leaves.
    targets: Vec<u32>,
    /// The connection each arc comes from, parallel to `targets`.
    edges: Vec<u32>,
    /// Where each node's incoming arcs start in `sources`; empty unless built both ways.
    in_starts: Vec<u32>,
    /// The node each incoming arc comes from, grouped by the node it enters.
    sources: Vec<u32>,
}

/// The three arrays of one direction: offsets, far ends, labels (empty when not asked for).
type Csr = (Vec<u32>, Vec<u32>, Vec<u32>);

impl Adjacency {
    /// The graph of `arcs` — (from, to, connection index) — over nodes `0..n`, each node's
    /// arcs newest first, and each node's incoming arcs listed too (newest first, as
    /// petgraph's `Graph` lists them), for the walks that follow arcs backwards — Kosaraju's
    /// first pass, through `neighbors_directed(_, Incoming)`. Arcs with an end out of range
    /// are left out (the index never makes one).
    pub fn both_ways(n: usize, arcs: impl Iterator<Item = (u32, u32, u32)> + Clone) -> Self {
        let (starts, targets, edges) = csr(n, arcs.clone(), true);
        let (in_starts, sources, _) = csr(n, arcs.map(|(a, b, e)| (b, a, e)), false);
        Self {
            starts,
            targets,
            edges,
            in_starts,
            sources,
        }
    }

    /// The graph of `arcs` — (from, to) — for walks that only go forwards and never ask
    /// which connection an arc comes from: no labels are kept (on a large model they would
    /// be megabytes written for nothing) and no incoming arcs, so [`Adjacency::arcs`] and
    /// [`Adjacency::sources`] are empty; walk it with [`Adjacency::targets`].
    pub fn unlabelled(n: usize, arcs: impl Iterator<Item = (u32, u32)> + Clone) -> Self {
        let (starts, targets, _) = csr(n, arcs.map(|(a, b)| (a, b, 0)), false);
        Self {
            starts,
            targets,
            edges: Vec::new(),
            in_starts: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The nodes `u`'s arcs lead to, newest arc first.
    pub fn targets(&self, u: u32) -> &[u32] {
        self.targets.get(range(&self.starts, u)).unwrap_or(&[])
    }

    /// The nodes whose arcs lead to `u`, newest arc first; none unless the graph was built
    /// with [`Adjacency::both_ways`].
    pub fn sources(&self, u: u32) -> &[u32] {
        self.sources.get(range(&self.in_starts, u)).unwrap_or(&[])
    }

    /// `u`'s arcs as (target, connection index), newest first; none in an
    /// [`Adjacency::unlabelled`] graph.
    pub fn arcs(&self, u: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let range = range(&self.starts, u);
        let targets = self.targets.get(range.clone()).unwrap_or(&[]);
        let edges = self.edges.get(range).unwrap_or(&[]);
        targets.iter().copied().zip(edges.iter().copied())
    }

    /// How many arcs leave `u`.
    pub fn degree(&self, u: u32) -> usize {
        range(&self.starts, u).len()
    }
}

/// Where node `u`'s entries sit, given the offsets of one direction.
fn range(starts: &[u32], u: u32) -> std::ops::Range<usize> {
    let u = u as usize;
    match (starts.get(u), starts.get(u + 1)) {
        (Some(&s), Some(&e)) => s as usize..e as usize,
        _ => 0..0,
    }
}

/// The compressed rows of `arcs` over nodes `0..n`, each node's arcs newest first; the labels
/// only when `labels` is set.
fn csr(n: usize, arcs: impl Iterator<Item = (u32, u32, u32)> + Clone, labels: bool) -> Csr {
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
    (starts, targets, edges)
}

// petgraph's view of the graph: nodes are their numbers, arcs their positions in `targets`.
// Every arc's ends are below `node_count` (the builder leaves the others out), which the
// visit maps rely on: a `FixedBitSet` of `node_count` bits holds every node a walk reaches.

impl GraphBase for Adjacency {
    type NodeId = u32;
    type EdgeId = u32;
}

impl Visitable for Adjacency {
    type Map = FixedBitSet;

    fn visit_map(&self) -> FixedBitSet {
        FixedBitSet::with_capacity(self.node_count())
    }

    fn reset_map(&self, map: &mut FixedBitSet) {
        map.clear();
        map.grow(self.node_count());
    }
}

impl NodeIndexable for Adjacency {
    fn node_bound(&self) -> usize {
        self.node_count()
    }

    fn to_index(&self, a: u32) -> usize {
        a as usize
    }

    fn from_index(&self, i: usize) -> u32 {
        u32::try_from(i).unwrap_or(u32::MAX)
    }
}

impl NodeCount for Adjacency {
    fn node_count(&self) -> usize {
        Adjacency::node_count(self)
    }
}

impl IntoNodeIdentifiers for &Adjacency {
    type NodeIdentifiers = std::ops::Range<u32>;

    fn node_identifiers(self) -> Self::NodeIdentifiers {
        0..u32::try_from(self.node_count()).unwrap_or(u32::MAX)
    }
}

impl<'a> IntoNeighbors for &'a Adjacency {
    type Neighbors = std::iter::Copied<std::slice::Iter<'a, u32>>;

    fn neighbors(self, a: u32) -> Self::Neighbors {
        self.targets(a).iter().copied()
    }
}

impl<'a> IntoNeighborsDirected for &'a Adjacency {
    type NeighborsDirected = std::iter::Copied<std::slice::Iter<'a, u32>>;

    /// Outgoing: where `a`'s arcs lead; incoming: where the arcs into `a` come from (none
    /// unless built with [`Adjacency::both_ways`]). Both newest first, as on `Graph`.
    fn neighbors_directed(self, a: u32, d: Direction) -> Self::NeighborsDirected {
        match d {
            Direction::Outgoing => self.targets(a).iter().copied(),
            Direction::Incoming => self.sources(a).iter().copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use petgraph::graph::{DiGraph, NodeIndex};
    use petgraph::visit::Dfs;

    use super::*;

    #[test]
    fn arcs_out_and_in_come_newest_first_like_petgraph() {
        let arcs = [
            (0, 1, 10),
            (0, 2, 11),
            (2, 0, 12),
            (0, 1, 13),
            (1, 2, 14),
            (3, 9, 15),
        ];
        let adj = Adjacency::both_ways(4, arcs.iter().copied());
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
        for u in 0..4u32 {
            let node = NodeIndex::new(u as usize);
            let theirs: Vec<u32> = graph
                .neighbors_directed(node, Direction::Incoming)
                .map(|n| n.index() as u32)
                .collect();
            assert_eq!(adj.sources(u), theirs.as_slice(), "node {u} incoming");
            for d in [Direction::Outgoing, Direction::Incoming] {
                let ours: Vec<u32> = (&adj).neighbors_directed(u, d).collect();
                let theirs: Vec<u32> = graph
                    .neighbors_directed(node, d)
                    .map(|n| n.index() as u32)
                    .collect();
                assert_eq!(ours, theirs, "node {u} {d:?}");
            }
        }
        assert_eq!(adj.sources(1), [0, 0], "two arcs 0 → 1, both listed");
        let bare = Adjacency::unlabelled(4, arcs.iter().map(|&(a, b, _)| (a, b)));
        for u in 0..4u32 {
            assert_eq!(bare.targets(u), adj.targets(u), "node {u}");
            assert_eq!(bare.arcs(u).count(), 0);
            assert!(bare.sources(u).is_empty(), "built one way only");
        }
    }

    #[test]
    fn petgraph_walks_see_the_same_graph() {
        let arcs = [(0, 1), (1, 2), (2, 0), (2, 3), (4, 3), (5, 5)];
        let adj = Adjacency::unlabelled(6, arcs.iter().copied());
        let graph = DiGraph::<(), ()>::from_edges(arcs.iter().copied());
        let mut theirs = Dfs::new(&graph, NodeIndex::new(0));
        let mut ours = Dfs::new(&adj, 0);
        let mut order = Vec::new();
        while let Some(n) = theirs.next(&graph) {
            assert_eq!(ours.next(&adj), Some(n.index() as u32));
            order.push(n.index());
        }
        assert_eq!(ours.next(&adj), None);
        assert_eq!(order.len(), 4, "0, 1, 2 and 3 are reached, 4 and 5 not");
        assert_eq!(
            (&adj).node_identifiers().collect::<Vec<_>>(),
            [0, 1, 2, 3, 4, 5]
        );
        assert_eq!(NodeCount::node_count(&adj), 6);
        assert_eq!(adj.node_bound(), 6);
        assert_eq!(adj.from_index(adj.to_index(5)), 5);
        let mut map = adj.visit_map();
        map.insert(5);
        adj.reset_map(&mut map);
        assert_eq!((map.len(), map.count_ones(..)), (6, 0));
    }
}
