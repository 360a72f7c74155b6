//! Generated layered models, for the layout benchmarks and the comparison with Graphviz.
//!
//! The shape follows the issue: `n` components on about √n layers, about 1.5 connections per
//! component — one "local" connection from each component to a component at nearly the same
//! place in the next layer, and half as many random ones from a layer to any component one to
//! three layers further. Clients sit on the first layer, databases on the last, services in
//! between, so connection types are plausible. Deterministic for a seed; no positions.

use crate::model::generate::Rng;
use crate::model::{Architecture, Component, Connection, ConnectionKind, Id, Kind};

/// A layered model with `components` components.
pub fn layered(components: usize, seed: u64) -> Architecture {
    let mut rng = Rng::new(seed);
    let mut arch = Architecture::new(format!("Layered {components}"));
    arch.description = "A generated layered model for layout benchmarks.".into();
    let layers = ((components as f64).sqrt().round() as usize).max(1);
    let width = components.div_ceil(layers).max(1);
    let layer_of = |i: usize| i / width;
    let last = layer_of(components.saturating_sub(1));
    let ids: Vec<Id> = (0..components)
        .map(|i| Id::new(format!("n{i:05}")).unwrap_or_else(|_| Id::slugify("n", "n")))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let kind = match layer_of(i) {
            0 => Kind::Client,
            l if l == last && last > 0 => Kind::Database,
            _ => Kind::Service,
        };
        arch.components.insert(Component::new(
            id.clone(),
            format!("{} {i}", kind.label()),
            kind,
        ));
    }
    let kind_of = |i: usize| {
        arch.components
            .get(ids.get(i).map_or("", Id::as_str))
            .map_or(Kind::Service, Component::kind)
    };
    let mut edges: Vec<(usize, usize)> = Vec::new();
    // Local connections: to about the same slot one layer down.
    for i in 0..components {
        let l = layer_of(i);
        if l >= last {
            continue;
        }
        let slot = (i % width) as isize + rng.below(5) as isize - 2;
        let next_start = (l + 1) * width;
        let next_len = width.min(components - next_start);
        let j = next_start + slot.clamp(0, next_len as isize - 1) as usize;
        edges.push((i, j));
    }
    // Random connections spanning one to three layers.
    let mut made = 0;
    let mut attempts = 0;
    while made < components / 2 && attempts < components * 20 && last > 0 {
        attempts += 1;
        let i = rng.below(components);
        let l = layer_of(i);
        let span = 1 + rng.below(3);
        if l + span > last {
            continue;
        }
        let start = (l + span) * width;
        let len = width.min(components - start);
        let j = start + rng.below(len);
        if edges.contains(&(i, j)) {
            continue;
        }
        edges.push((i, j));
        made += 1;
    }
    for (n, &(i, j)) in edges.iter().enumerate() {
        let (Some(from), Some(to)) = (ids.get(i), ids.get(j)) else {
            continue;
        };
        let kind = if kind_of(j) == Kind::Database {
            ConnectionKind::Writes
        } else {
            ConnectionKind::Calls(Default::default())
        };
        let Ok(id) = Id::new(format!("c{n:05}")) else {
            continue;
        };
        arch.connections
            .insert(Connection::new(id, from.clone(), to.clone(), kind));
    }
    arch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_determinism() {
        let a = layered(1000, 1);
        assert_eq!(a.components.len(), 1000);
        let per = a.connections.len() as f64 / 1000.0;
        assert!((1.4..=1.6).contains(&per), "{per}");
        assert_eq!(a, layered(1000, 1));
        assert_ne!(a, layered(1000, 2));
        assert!(a.layout.is_empty());
    }
}
