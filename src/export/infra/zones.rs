//! Trust zones as networks: which networks a component joins.

use std::collections::BTreeSet;

use super::super::index::Index;
use super::super::wiring::peers;
use crate::model::{Architecture, GroupKind, Id};

/// The network of components in no trust zone.
pub const DEFAULT_NETWORK: &str = "default";

/// The trust zones `component` is in (nested groups count), as network names.
fn own_zones(arch: &Architecture, component: &Id) -> BTreeSet<String> {
    let zones: BTreeSet<String> = arch
        .groups
        .iter()
        .filter(|g| matches!(g.kind, GroupKind::TrustZone(_)))
        .filter(|g| arch.group_contains(&g.id, component))
        .map(|g| g.id.to_string())
        .collect();
    if zones.is_empty() {
        BTreeSet::from([DEFAULT_NETWORK.to_owned()])
    } else {
        zones
    }
}

/// The networks `component` joins: one per trust zone it is in (or the default network), plus
/// the networks of every `deployed` component it talks to, so each connection can be made.
pub fn networks_of(
    index: &Index<'_>,
    component: &Id,
    deployed: impl Fn(&Id) -> bool,
) -> BTreeSet<String> {
    let arch = index.arch;
    let mut out = own_zones(arch, component);
    // A port-less API runs in its implementer: join that one's zones.
    for peer in peers(index, component)
        .into_iter()
        .filter(|p| deployed(&p.host))
    {
        out.extend(own_zones(arch, &peer.host));
    }
    out
}
