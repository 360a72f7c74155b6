//! Components and connections numbered once per run, so graphs and rules use small integer
//! indices instead of looking ids up again and again.
//!
//! Everything a rule tests for most components or connections (kinds, connection types,
//! ends, degrees) sits in flat arrays indexed by number: on a large model, reading every
//! component again in every rule costs more in cache misses than the rules' own work.
//!
//! Ids are found by the address of their text first ([`Id::text_address`]): the loader and
//! the editor make connection ends share their text with the component they name, so
//! resolving them reads no text at all. Only an id that does not share its text is looked up
//! by its text, in a map built the first time one is asked for.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::model::{Architecture, Component, Connection, ConnectionType, Id, Kind};

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
    /// The kind of each component, parallel to `components`. Rules test kinds here before
    /// they read a component.
    pub kinds: Vec<Kind>,
    /// The type of each connection, parallel to `connections`, for the same reason.
    pub types: Vec<ConnectionType>,
    /// The address of each component's id text, parallel to `components`.
    addresses: Vec<usize>,
    /// Component index by the address of its id's text.
    by_address: FxHashMap<usize, u32>,
    /// Component index by id text, built on first need.
    by_text: OnceLock<FxHashMap<&'a str, u32>>,
}

impl<'a> ModelIndex<'a> {
    /// Indexes `arch`.
    ///
    /// The model is read in tight loops that only copy what the index keeps (the address of
    /// each id's text, kinds, types), and ids are resolved afterwards from those copies: a
    /// loop that also looks each end up in a hash map keeps few reads of the model in flight
    /// at once, and on a large model each read is a cache miss. Done this way, indexing
    /// 100 000 components takes half as long.
    pub fn new(arch: &'a Architecture) -> Self {
        let components: Vec<&Component> = arch.components.iter().collect();
        let mut kinds = Vec::with_capacity(components.len());
        let mut addresses = Vec::with_capacity(components.len());
        for c in &components {
            kinds.push(c.kind());
            addresses.push(c.id.text_address());
        }
        let mut by_address =
            FxHashMap::with_capacity_and_hasher(components.len(), Default::default());
        // More than u32::MAX components cannot be loaded (the file size limit is far below);
        // stop indexing rather than wrap around.
        for (i, &address) in (0..=u32::MAX).zip(&addresses) {
            by_address.insert(address, i);
        }
        let connections: Vec<&Connection> = arch.connections.iter().collect();
        let mut types = Vec::with_capacity(connections.len());
        let mut end_addresses = Vec::with_capacity(connections.len());
        for c in &connections {
            types.push(c.ty());
            end_addresses.push((c.from.text_address(), c.to.text_address()));
        }
        let mut ends: Vec<Ends> = end_addresses
            .iter()
            .map(|(from, to)| Ends {
                from: by_address.get(from).copied(),
                to: by_address.get(to).copied(),
            })
            .collect();
        // Ends that do not share their text with a component, or name none: by text.
        let by_text = OnceLock::new();
        for (ends, c) in ends.iter_mut().zip(&connections) {
            if ends.from.is_none() {
                ends.from = find_by_text(&by_text, &components, &c.from);
            }
            if ends.to.is_none() {
                ends.to = find_by_text(&by_text, &components, &c.to);
            }
        }
        let mut degree = vec![0u32; components.len()];
        for end in ends.iter().flat_map(|e| [e.from, e.to]).flatten() {
            if let Some(d) = degree.get_mut(end as usize) {
                *d = d.saturating_add(1);
            }
        }
        Self {
            components,
            connections,
            ends,
            degree,
            kinds,
            types,
            addresses,
            by_address,
            by_text,
        }
    }

    /// The index of the component with this id.
    pub fn node(&self, id: &Id) -> Option<u32> {
        find(&self.by_address, &self.by_text, &self.components, id)
    }

    /// The component at `node`.
    pub fn component(&self, node: u32) -> Option<&'a Component> {
        self.components.get(node as usize).copied()
    }

    /// The address of the text of the id of the component at `node` (see
    /// [`Id::text_address`]).
    pub fn text_address(&self, node: u32) -> Option<usize> {
        self.addresses.get(node as usize).copied()
    }

    /// The connection at `index`.
    pub fn connection(&self, index: u32) -> Option<&'a Connection> {
        self.connections.get(index as usize).copied()
    }

    /// The kind of the component at `node`.
    pub fn kind(&self, node: u32) -> Option<Kind> {
        self.kinds.get(node as usize).copied()
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
            .zip(&self.types)
            .enumerate()
            .filter(move |(_, (_, t))| **t == ty)
            .filter_map(|(i, ((c, ends), _))| {
                let (a, b) = ends.edge()?;
                Some((u32::try_from(i).ok()?, *c, a, b))
            })
    }
}

/// The index of the component `id` names: by the address of its text, else by the text.
fn find<'a>(
    by_address: &FxHashMap<usize, u32>,
    by_text: &OnceLock<FxHashMap<&'a str, u32>>,
    components: &[&'a Component],
    id: &Id,
) -> Option<u32> {
    match by_address.get(&id.text_address()) {
        Some(&node) => Some(node),
        None => find_by_text(by_text, components, id),
    }
}

/// The index of the component `id` names, by its text (building that map the first time).
fn find_by_text<'a>(
    by_text: &OnceLock<FxHashMap<&'a str, u32>>,
    components: &[&'a Component],
    id: &Id,
) -> Option<u32> {
    let by_text = by_text.get_or_init(|| {
        components
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((c.id.as_str(), u32::try_from(i).ok()?)))
            .collect()
    });
    by_text.get(id.as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::generate;

    #[test]
    fn ends_resolve_the_same_whether_or_not_they_share_their_text() {
        let shared = generate(60, 150, 7);
        let mut copied = shared.clone();
        for c in copied.connections.iter_mut() {
            c.from = Id::new(c.from.as_str()).unwrap();
            c.to = Id::new(c.to.as_str()).unwrap();
        }
        let first = copied.connections.iter().next().unwrap();
        let target = copied.components.get(first.from.as_str()).unwrap();
        assert_ne!(first.from.text_address(), target.id.text_address());
        let (a, b) = (ModelIndex::new(&shared), ModelIndex::new(&copied));
        assert_eq!(a.ends, b.ends);
        assert_eq!(a.degree, b.degree);
        assert!(a.ends.iter().all(|e| e.from.is_some() && e.to.is_some()));
    }

    #[test]
    fn a_loaded_model_shares_connection_ends_with_components() {
        let text = crate::file::to_canonical_string(&generate(30, 60, 2)).unwrap();
        let arch = crate::file::parse(&text).unwrap();
        for c in arch.connections.iter() {
            let from = arch.components.get(c.from.as_str()).unwrap();
            assert_eq!(c.from.text_address(), from.id.text_address(), "{}", c.id);
        }
    }
}
