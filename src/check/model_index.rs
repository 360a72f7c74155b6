//! Components and connections numbered once per run, so graphs and rules use small integer
//! indices instead of looking ids up again and again.

use rustc_hash::FxHashMap;

use crate::model::{Architecture, Component, Connection, ConnectionType};

/// The two ends of a connection as component indices; `None` where the id names no
/// component (the `dangling-reference` rule reports those).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ends {
    /// Index of the component that acts.
    pub from: Option<u32>,
    /// Index of the component acted upon.
    pub to: Option<u32>,
}

impl Ends {
    /// Both ends when both exist and differ (a connection to itself is never an edge in the
    /// graphs; `invalid-connection` reports it).
    pub fn edge(self) -> Option<(u32, u32)> {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a != b => Some((a, b)),
            _ => None,
        }
    }
}

/// Components and connections in id order, with a lookup from id to index.
///
/// Component `i` is node `i` in every graph built from this index.
pub(crate) struct ModelIndex<'a> {
    /// Components in id order.
    pub components: Vec<&'a Component>,
    /// Connections in id order.
    pub connections: Vec<&'a Connection>,
    /// The ends of each connection, parallel to `connections`.
    pub ends: Vec<Ends>,
    /// How many connections name each component (as either end), parallel to `components`.
    pub degree: Vec<u32>,
    node_of: FxHashMap<&'a str, u32>,
}

impl<'a> ModelIndex<'a> {
    /// Indexes `arch`.
    pub fn new(arch: &'a Architecture) -> Self {
        let components: Vec<&Component> = arch.components.iter().collect();
        let mut node_of = FxHashMap::with_capacity_and_hasher(components.len(), Default::default());
        for (i, c) in components.iter().enumerate() {
            // More than u32::MAX components cannot be loaded (the file size limit is far
            // below); stop indexing rather than wrap around.
            let Ok(i) = u32::try_from(i) else { break };
            node_of.insert(c.id.as_str(), i);
        }
        let connections: Vec<&Connection> = arch.connections.iter().collect();
        let mut degree = vec![0u32; components.len()];
        let ends: Vec<Ends> = connections
            .iter()
            .map(|c| {
                let from = node_of.get(c.from.as_str()).copied();
                let to = node_of.get(c.to.as_str()).copied();
                for end in [from, to].into_iter().flatten() {
                    if let Some(d) = degree.get_mut(end as usize) {
                        *d = d.saturating_add(1);
                    }
                }
                Ends { from, to }
            })
            .collect();
        Self {
            components,
            connections,
            ends,
            degree,
            node_of,
        }
    }

    /// The index of the component with this id.
    pub fn node(&self, id: &str) -> Option<u32> {
        self.node_of.get(id).copied()
    }

    /// The component at `node`.
    pub fn component(&self, node: u32) -> Option<&'a Component> {
        self.components.get(node as usize).copied()
    }

    /// Number of components.
    pub fn len(&self) -> usize {
        self.components.len()
    }

    /// Connections whose two ends exist and differ: (connection, from, to).
    pub fn edges(&self) -> impl Iterator<Item = (&'a Connection, u32, u32)> + '_ {
        self.connections
            .iter()
            .zip(&self.ends)
            .filter_map(|(c, ends)| ends.edge().map(|(a, b)| (*c, a, b)))
    }

    /// Like [`ModelIndex::edges`], only connections of type `ty`, with the connection's
    /// index.
    pub fn edges_of(
        &self,
        ty: ConnectionType,
    ) -> impl Iterator<Item = (u32, &'a Connection, u32, u32)> + '_ {
        self.connections
            .iter()
            .zip(&self.ends)
            .enumerate()
            .filter(move |(_, (c, _))| c.ty() == ty)
            .filter_map(|(i, (c, ends))| {
                let (a, b) = ends.edge()?;
                Some((u32::try_from(i).ok()?, *c, a, b))
            })
    }
}
