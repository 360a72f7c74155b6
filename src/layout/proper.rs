//! The layered graph the ordering and positioning phases work on: every node on its layer,
//! every edge that spans several layers replaced by a chain of dummy items (one per layer
//! crossed), and filler items that hold a group's place in the layers it spans but has no
//! member in.
//!
//! Fillers are what keep group boxes clear: a group's box spans all layers from its first
//! member to its last, so a layer in between must know the group is there, or a stranger
//! could be placed inside the box. A dummy belongs to the innermost group holding both ends
//! of its edge, so a long edge inside a group stays inside it.
//!
//! Items are dense indices built here: nodes first (item `i` is node `i`), then dummies, then
//! fillers; every index used below is in range by construction.

use std::collections::BTreeMap;

use super::graph::Graph;

/// What an item stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    /// A component (node index).
    Node(usize),
    /// A point of a long edge.
    Dummy,
    /// A group's place in a layer without members of it.
    Filler,
}

/// Items on layers, their group, their neighbours one layer up and down, and the order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layered {
    /// What each item is.
    pub item: Vec<Item>,
    /// Innermost group of each item.
    pub group: Vec<Option<usize>>,
    /// Layer of each item.
    pub layer: Vec<usize>,
    /// Neighbours in the layer above, with edge weights.
    pub up: Vec<Vec<(usize, u32)>>,
    /// Neighbours in the layer below, with edge weights.
    pub down: Vec<Vec<(usize, u32)>>,
    /// Items of each layer, in order.
    pub layers: Vec<Vec<usize>>,
    /// Index of each item within its layer.
    pub pos: Vec<usize>,
    /// First and last layer of each group, for groups with items.
    pub span: Vec<Option<(usize, usize)>>,
}

impl Layered {
    /// Builds the layered graph of `graph` with node `ranks` (edges point from the lower rank
    /// to the higher), in an initial order found by depth-first search.
    pub fn new(graph: &Graph, ranks: &[i32]) -> Self {
        let n = graph.len();
        let tree = &graph.groups;
        let layer_of = |v: usize| usize::try_from(ranks.get(v).copied().unwrap_or(0)).unwrap_or(0);
        let mut lg = Layered::default();
        for v in 0..n {
            lg.push(
                Item::Node(v),
                tree.of_node.get(v).copied().flatten(),
                layer_of(v),
            );
        }
        // Edges pointing down, parallel ones merged.
        let mut down_edges: BTreeMap<(usize, usize), u32> = BTreeMap::new();
        for &(a, b, w) in &graph.edges {
            let (mut u, mut v) = (a, b);
            if layer_of(u) > layer_of(v) {
                std::mem::swap(&mut u, &mut v);
            }
            if layer_of(u) == layer_of(v) || u == v {
                continue; // cannot happen after ranking; skip rather than draw nonsense
            }
            *down_edges.entry((u, v)).or_insert(0) += w;
        }
        for (&(u, v), &w) in &down_edges {
            let group = tree.common(lg.group[u], lg.group[v]);
            let mut prev = u;
            for l in layer_of(u) + 1..layer_of(v) {
                let d = lg.push(Item::Dummy, group, l);
                lg.link(prev, d, w);
                prev = d;
            }
            lg.link(prev, v, w);
        }
        lg.add_fillers(tree);
        lg.initial_order();
        lg
    }

    fn push(&mut self, item: Item, group: Option<usize>, layer: usize) -> usize {
        let i = self.item.len();
        self.item.push(item);
        self.group.push(group);
        self.layer.push(layer);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.pos.push(0);
        i
    }

    fn link(&mut self, upper: usize, lower: usize, w: u32) {
        self.down[upper].push((lower, w));
        self.up[lower].push((upper, w));
    }

    /// Group spans, and a filler wherever a group spans a layer it has no item in.
    fn add_fillers(&mut self, tree: &super::hierarchy::GroupTree) {
        let groups = tree.len();
        self.span = vec![None; groups];
        for i in 0..self.item.len() {
            let l = self.layer[i];
            for &g in tree.path_of(self.group[i]) {
                let s = &mut self.span[g];
                *s = Some(s.map_or((l, l), |(a, b)| (a.min(l), b.max(l))));
            }
        }
        let mut present: Vec<Vec<bool>> = self
            .span
            .iter()
            .map(|s| s.map_or(Vec::new(), |(a, b)| vec![false; b - a + 1]))
            .collect();
        let mark = |present: &mut Vec<Vec<bool>>,
                    span: &[Option<(usize, usize)>],
                    path: &[usize],
                    l: usize| {
            for &g in path {
                if let (Some((a, _)), Some(row)) = (span[g], present.get_mut(g))
                    && let Some(cell) = row.get_mut(l.wrapping_sub(a))
                {
                    *cell = true;
                }
            }
        };
        for i in 0..self.item.len() {
            mark(
                &mut present,
                &self.span,
                tree.path_of(self.group[i]),
                self.layer[i],
            );
        }
        // Deepest groups first: their fillers also hold their ancestors' places.
        let mut order: Vec<usize> = (0..groups).collect();
        order.sort_by_key(|&g| (std::cmp::Reverse(tree.path_of(Some(g)).len()), g));
        for g in order {
            let Some((a, b)) = self.span[g] else {
                continue;
            };
            for l in a..=b {
                if !present[g][l - a] {
                    self.push(Item::Filler, Some(g), l);
                    mark(&mut present, &self.span, tree.path_of(Some(g)), l);
                }
            }
        }
    }

    /// Depth-first search from the top layer's items (then any unvisited item), appending each
    /// item to its layer when first reached: connected items start out near each other.
    fn initial_order(&mut self) {
        let layers = self.layer.iter().copied().max().map_or(0, |m| m + 1);
        self.layers = vec![Vec::new(); layers];
        let mut seen = vec![false; self.item.len()];
        let mut starts: Vec<usize> = (0..self.item.len()).collect();
        starts.sort_by_key(|&i| (self.layer[i], i));
        let mut stack = Vec::new();
        for s in starts {
            if seen[s] {
                continue;
            }
            stack.push(s);
            while let Some(v) = stack.pop() {
                if seen[v] {
                    continue;
                }
                seen[v] = true;
                self.pos[v] = self.layers[self.layer[v]].len();
                self.layers[self.layer[v]].push(v);
                // Push in reverse so the first neighbour is visited first.
                for &(w, _) in self.down[v].iter().rev() {
                    if !seen[w] {
                        stack.push(w);
                    }
                }
                for &(w, _) in self.up[v].iter().rev() {
                    if !seen[w] {
                        stack.push(w);
                    }
                }
            }
        }
    }

    /// Renumbers `pos` from the current layer orders.
    pub fn refresh_positions(&mut self) {
        for layer in &self.layers {
            for (p, &v) in layer.iter().enumerate() {
                self.pos[v] = p;
            }
        }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.item.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{
        Architecture, Component, Connection, ConnectionKind, Group, GroupKind, Id, Kind,
    };

    fn graph(edges: &[(&str, &str)], groups: &[(&str, &[&str])]) -> Graph {
        let mut arch = Architecture::new("t");
        for (i, (a, b)) in edges.iter().enumerate() {
            for n in [a, b] {
                arch.components
                    .insert(Component::new(id!(*n), *n, Kind::Service));
            }
            arch.connections.insert(Connection::new(
                id!(format!("c{i}")),
                id!(*a),
                id!(*b),
                ConnectionKind::DependsOn,
            ));
        }
        for (g, members) in groups {
            let mut group = Group::new(id!(*g), *g, GroupKind::BoundedContext);
            group.members = members.iter().map(|m| id!(*m)).collect();
            arch.groups.insert(group);
        }
        let nodes: Vec<Id> = arch.components.ids().cloned().collect();
        Graph::new(&arch, nodes)
    }

    #[test]
    fn long_edges_become_dummy_chains() {
        // a -> b -> c, a -> c: a=0 b=1 c=2
        let g = graph(&[("a", "b"), ("b", "c"), ("a", "c")], &[]);
        let lg = Layered::new(&g, &[0, 1, 2]);
        assert_eq!(lg.len(), 4);
        assert_eq!(lg.item[3], Item::Dummy);
        assert_eq!(lg.layer[3], 1);
        assert_eq!(
            lg.layers.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![1, 2, 1]
        );
        assert_eq!(lg.down[0].len(), 2);
        assert_eq!(lg.up[2].len(), 2);
        for layer in &lg.layers {
            for (p, &v) in layer.iter().enumerate() {
                assert_eq!(lg.pos[v], p);
            }
        }
    }

    #[test]
    fn groups_get_fillers_in_layers_without_members() {
        // a -> b -> c with a and c grouped: the group spans layer 1 too.
        let g = graph(&[("a", "b"), ("b", "c")], &[("g", &["a", "c"])]);
        let lg = Layered::new(&g, &[0, 1, 2]);
        assert_eq!(lg.span[0], Some((0, 2)));
        let fillers: Vec<usize> = (0..lg.len())
            .filter(|&i| lg.item[i] == Item::Filler)
            .collect();
        assert_eq!(fillers.len(), 1);
        assert_eq!(lg.layer[fillers[0]], 1);
        assert_eq!(lg.group[fillers[0]], Some(0));
    }

    #[test]
    fn edges_point_down() {
        let g = graph(&[("a", "b"), ("b", "a")], &[]);
        let lg = Layered::new(&g, &[0, 1]);
        assert_eq!(lg.down[0], vec![(1, 2)]);
    }
}
