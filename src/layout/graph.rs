//! The graph the layered layout works on: components as dense node indices, connections as
//! weighted edges in the direction things flow, and the group tree.
//!
//! Edges follow the connection's `from` → `to` except for `Consumes`, whose arrow points from
//! the consumer back at the queue: drawn the same way, every worker would sit before the queue
//! it reads. Reversing it puts the queue between its publishers and its consumers, the way
//! people draw it. `Reads` keeps its arrow: a service stays before the database it reads.

use std::collections::BTreeMap;

use super::geometry::box_size;
use super::hierarchy::GroupTree;
use crate::model::{Architecture, Connection, ConnectionType, Id};

/// Nodes, sizes, flow edges and groups.
#[derive(Clone, Debug, Default)]
pub(crate) struct Graph {
    /// Component id of each node, sorted.
    pub ids: Vec<Id>,
    /// Box width and height of each node.
    pub size: Vec<(f32, f32)>,
    /// Edges (from, to, weight) in flow direction; parallel connections merged into one
    /// heavier edge, no self loops, sorted.
    pub edges: Vec<(usize, usize, u32)>,
    /// The groups.
    pub groups: GroupTree,
}

/// The (source, target) of `connection` in flow direction.
pub fn flow_ends(connection: &Connection) -> (&Id, &Id) {
    match connection.ty() {
        ConnectionType::Consumes => (&connection.to, &connection.from),
        _ => (&connection.from, &connection.to),
    }
}

impl Graph {
    /// The graph over `nodes` (existing component ids, sorted and unique).
    pub fn new(arch: &Architecture, nodes: Vec<Id>) -> Self {
        let index: BTreeMap<&Id, usize> = nodes.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let size = nodes
            .iter()
            .map(|id| {
                arch.components
                    .get(id.as_str())
                    .map_or((160.0, 72.0), |c| box_size(c, arch.layout.get(id)))
            })
            .collect();
        let mut merged: BTreeMap<(usize, usize), u32> = BTreeMap::new();
        for c in arch.connections.iter() {
            let (from, to) = flow_ends(c);
            let (Some(&a), Some(&b)) = (index.get(from), index.get(to)) else {
                continue;
            };
            if a != b {
                *merged.entry((a, b)).or_insert(0) += 1;
            }
        }
        let edges = merged.into_iter().map(|((a, b), w)| (a, b, w)).collect();
        let groups = GroupTree::new(arch, &nodes);
        Self {
            ids: nodes,
            size,
            edges,
            groups,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, ConnectionKind, Kind};

    #[test]
    fn consumes_is_reversed_and_parallel_edges_merge() {
        let mut arch = Architecture::new("t");
        for (n, k) in [
            ("api", Kind::Service),
            ("q", Kind::Queue),
            ("w", Kind::Worker),
        ] {
            arch.components.insert(Component::new(id!(n), n, k));
        }
        let topic = || String::new();
        for (i, (f, t, k)) in [
            ("api", "q", ConnectionKind::Publishes { topic: topic() }),
            ("w", "q", ConnectionKind::Consumes { topic: topic() }),
            ("w", "api", ConnectionKind::DependsOn),
            ("w", "api", ConnectionKind::Reads),
            ("w", "w", ConnectionKind::DependsOn),
            ("w", "ghost", ConnectionKind::DependsOn),
        ]
        .into_iter()
        .enumerate()
        {
            arch.connections
                .insert(Connection::new(id!(format!("c{i}")), id!(f), id!(t), k));
        }
        let nodes: Vec<Id> = arch.components.ids().cloned().collect();
        let g = Graph::new(&arch, nodes);
        // api=0, q=1, w=2
        assert_eq!(g.edges, vec![(0, 1, 1), (1, 2, 1), (2, 0, 2)]);
        assert_eq!(g.size[1], crate::theme::kind_style(Kind::Queue).size);
    }
}
