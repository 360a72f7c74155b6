//! Groups numbered once per run: parents, children, trust zones and deployment units.
//!
//! Hand-edited files may give groups parents that do not exist or that form a cycle; every
//! walk here is bounded and remembers where it has been, so such files are checked (and the
//! cycle reported by `dangling-reference`) rather than looping.

use rustc_hash::FxHashMap;

use crate::model::{Architecture, Group, GroupKind, Zone};

use super::ModelIndex;

/// Groups in id order with their parent and children as indices.
pub(crate) struct GroupIndex<'a> {
    /// Groups in id order.
    pub groups: Vec<&'a Group>,
    /// Each group's parent, when it names an existing group.
    pub parent: Vec<Option<u32>>,
    /// Each group's children.
    pub children: Vec<Vec<u32>>,
}

/// The nearest trust zone of a group: not yet computed, none, or the zone group and its zone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ZoneMemo {
    Unknown,
    Visiting,
    None,
    Zone(u32, Zone),
}

impl<'a> GroupIndex<'a> {
    /// Indexes the groups of `arch`.
    pub fn new(arch: &'a Architecture) -> Self {
        let groups: Vec<&Group> = arch.groups.iter().collect();
        let of: FxHashMap<&str, u32> = groups
            .iter()
            .enumerate()
            .filter_map(|(i, g)| Some((g.id.as_str(), u32::try_from(i).ok()?)))
            .collect();
        let parent: Vec<Option<u32>> = groups
            .iter()
            .map(|g| g.parent.as_ref().and_then(|p| of.get(p.as_str()).copied()))
            .collect();
        let mut children = vec![Vec::new(); groups.len()];
        for (i, p) in parent.iter().enumerate() {
            if let (Some(p), Ok(i)) = (p, u32::try_from(i))
                && let Some(list) = children.get_mut(*p as usize)
            {
                list.push(i);
            }
        }
        Self {
            groups,
            parent,
            children,
        }
    }

    /// The group at `g`.
    pub fn group(&self, g: u32) -> Option<&'a Group> {
        self.groups.get(g as usize).copied()
    }

    /// For each component, the public trust zone it sits in, if any.
    ///
    /// A component is in the zone of the nearest trust zone above each group that lists it
    /// (a private zone nested in a public one shields its members); it is public if any of its
    /// groups leads to a public zone first.
    pub fn public_zones(&self, index: &ModelIndex<'_>) -> Vec<Option<u32>> {
        let zones = self.zones();
        let mut public = vec![None; index.len()];
        for (g, group) in self.groups.iter().enumerate() {
            let Some(ZoneMemo::Zone(zone, Zone::Public)) = zones.get(g).copied() else {
                continue;
            };
            for member in &group.members {
                if let Some(node) = index.node(member)
                    && let Some(slot) = public.get_mut(node as usize)
                {
                    slot.get_or_insert(zone);
                }
            }
        }
        public
    }

    /// The nearest trust zone of every group, memoised; a parent cycle counts as no zone.
    fn zones(&self) -> Vec<ZoneMemo> {
        let mut memo = vec![ZoneMemo::Unknown; self.groups.len()];
        let mut path = Vec::new();
        for start in 0..self.groups.len() {
            let mut at = Some(start);
            let answer = loop {
                let Some(g) = at else { break ZoneMemo::None };
                match memo.get(g).copied() {
                    Some(ZoneMemo::Unknown) => {}
                    Some(ZoneMemo::Visiting) | None => break ZoneMemo::None,
                    Some(known) => break known,
                }
                if let Some(GroupKind::TrustZone(zone)) = self.groups.get(g).map(|x| x.kind) {
                    break ZoneMemo::Zone(u32::try_from(g).unwrap_or(u32::MAX), zone);
                }
                if let Some(slot) = memo.get_mut(g) {
                    *slot = ZoneMemo::Visiting;
                }
                path.push(g);
                at = self.parent.get(g).copied().flatten().map(|p| p as usize);
            };
            if let Some(slot) = memo.get_mut(start)
                && *slot == ZoneMemo::Unknown
            {
                *slot = answer;
            }
            for g in path.drain(..) {
                if let Some(slot) = memo.get_mut(g) {
                    *slot = answer;
                }
            }
        }
        memo
    }

    /// How many ancestors group `g` has (a parent cycle stops the count).
    pub fn depth(&self, g: u32) -> usize {
        let mut depth = 0;
        let mut at = self.parent.get(g as usize).copied().flatten();
        while let Some(p) = at {
            depth += 1;
            if depth > self.groups.len() {
                break;
            }
            at = self.parent.get(p as usize).copied().flatten();
        }
        depth
    }

    /// The components in group `g` or any group nested in it, sorted, without repeats.
    pub fn members(&self, g: u32, index: &ModelIndex<'_>) -> Vec<u32> {
        let mut seen = vec![false; self.groups.len()];
        let mut stack = vec![g];
        let mut members = Vec::new();
        while let Some(g) = stack.pop() {
            match seen.get_mut(g as usize) {
                Some(s) if !*s => *s = true,
                _ => continue,
            }
            if let Some(group) = self.group(g) {
                members.extend(group.members.iter().filter_map(|m| index.node(m)));
            }
            if let Some(children) = self.children.get(g as usize) {
                stack.extend(children);
            }
        }
        members.sort_unstable();
        members.dedup();
        members
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::model;
    use crate::model::GroupKind;

    #[test]
    fn nearest_trust_zone_wins_and_cycles_are_harmless() {
        let arch = model()
            .services(&["a", "b", "c", "d"])
            .group("edge", GroupKind::TrustZone(Zone::Public), &["a"])
            .group("inner", GroupKind::TrustZone(Zone::Private), &["b"])
            .group("ctx", GroupKind::BoundedContext, &["c"])
            .parent("inner", "edge")
            .parent("ctx", "edge")
            .group("loop-a", GroupKind::BoundedContext, &["d"])
            .group("loop-b", GroupKind::BoundedContext, &[])
            .parent("loop-a", "loop-b")
            .parent("loop-b", "loop-a")
            .build();
        let index = ModelIndex::new(&arch);
        let groups = GroupIndex::new(&arch);
        let public = groups.public_zones(&index);
        let is_public = |id: &str| {
            public[index.node(&crate::model::Id::new(id).unwrap()).unwrap() as usize].is_some()
        };
        assert!(is_public("a"));
        assert!(
            !is_public("b"),
            "a private zone inside a public one shields b"
        );
        assert!(is_public("c"), "a context inside the public zone is public");
        assert!(!is_public("d"));
        let edge = groups
            .groups
            .iter()
            .position(|g| g.id.as_str() == "edge")
            .unwrap();
        let members: Vec<&str> = groups
            .members(edge as u32, &index)
            .into_iter()
            .map(|n| index.components[n as usize].id.as_str())
            .collect();
        assert_eq!(members, ["a", "b", "c"]);
    }
}
