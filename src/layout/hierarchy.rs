//! The group tree as the layout sees it: dense indices, one innermost group per node, and
//! no cycles.
//!
//! The model allows what a layout cannot draw — a component listed by two unrelated groups,
//! a `parent` that does not exist or that loops back — because the loader accepts any file a
//! person can mend. Here each such case gets one deterministic answer: a component belongs to
//! the deepest group that lists it (the first by id among equals), a dangling parent makes a
//! top-level group, and the parent link that closes a cycle is dropped.

use std::collections::BTreeMap;

use crate::model::{Architecture, Id};

/// Groups by dense index, with each node's innermost group.
#[derive(Clone, Debug, Default)]
pub(crate) struct GroupTree {
    /// Group ids, sorted.
    pub ids: Vec<Id>,
    /// Parent group of each group.
    pub parent: Vec<Option<usize>>,
    /// Path from the outermost group down to each group, itself included.
    pub path: Vec<Vec<usize>>,
    /// Innermost group of each node.
    pub of_node: Vec<Option<usize>>,
}

impl GroupTree {
    /// The tree of `arch`'s groups over `nodes` (component ids by node index).
    pub fn new(arch: &Architecture, nodes: &[Id]) -> Self {
        let ids: Vec<Id> = arch.groups.ids().cloned().collect();
        let index: BTreeMap<&Id, usize> = ids.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let mut parent: Vec<Option<usize>> = vec![None; ids.len()];
        for (g, group) in arch.groups.iter().enumerate() {
            let Some(&p) = group.parent.as_ref().and_then(|p| index.get(p)) else {
                continue;
            };
            // Accept the link only if `p` does not already lead back to `g`.
            let mut at = Some(p);
            let mut steps = 0;
            let mut loops = false;
            while let Some(a) = at {
                if a == g {
                    loops = true;
                    break;
                }
                steps += 1;
                if steps > ids.len() {
                    loops = true;
                    break;
                }
                at = parent.get(a).copied().flatten();
            }
            if !loops && let Some(slot) = parent.get_mut(g) {
                *slot = Some(p);
            }
        }
        let path: Vec<Vec<usize>> = (0..ids.len())
            .map(|g| {
                let mut path = vec![g];
                let mut at = parent.get(g).copied().flatten();
                while let Some(a) = at {
                    if path.len() > ids.len() {
                        break;
                    }
                    path.push(a);
                    at = parent.get(a).copied().flatten();
                }
                path.reverse();
                path
            })
            .collect();
        let node_index: BTreeMap<&Id, usize> =
            nodes.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let mut of_node: Vec<Option<usize>> = vec![None; nodes.len()];
        for (g, group) in arch.groups.iter().enumerate() {
            let depth = path.get(g).map_or(0, Vec::len);
            for member in &group.members {
                let Some(&n) = node_index.get(member) else {
                    continue;
                };
                let Some(slot) = of_node.get_mut(n) else {
                    continue;
                };
                let deeper = match *slot {
                    None => true,
                    Some(old) => depth > path.get(old).map_or(0, Vec::len),
                };
                if deeper {
                    *slot = Some(g);
                }
            }
        }
        Self {
            ids,
            parent,
            path,
            of_node,
        }
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The path from the outermost group to `group` (empty for none).
    pub fn path_of(&self, group: Option<usize>) -> &[usize] {
        group
            .and_then(|g| self.path.get(g))
            .map_or(&[], Vec::as_slice)
    }

    /// The innermost group holding both (`None` is the whole drawing).
    pub fn common(&self, a: Option<usize>, b: Option<usize>) -> Option<usize> {
        let (pa, pb) = (self.path_of(a), self.path_of(b));
        pa.iter()
            .zip(pb)
            .take_while(|(x, y)| x == y)
            .last()
            .map(|(x, _)| *x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Group, GroupKind, Kind};

    fn arch() -> Architecture {
        let mut arch = Architecture::new("t");
        for n in ["a", "b", "c"] {
            arch.components
                .insert(Component::new(id!(n), n, Kind::Service));
        }
        for (g, parent, members) in [
            ("outer", None, vec!["a"]),
            ("inner", Some("outer"), vec!["b", "a"]),
            ("other", None, vec!["c", "ghost"]),
        ] {
            let mut group = Group::new(id!(g), g, GroupKind::BoundedContext);
            group.parent = parent.map(|p| id!(p));
            group.members = members.into_iter().map(|m| id!(m)).collect();
            arch.groups.insert(group);
        }
        arch
    }

    #[test]
    fn nodes_get_their_deepest_group() {
        let a = arch();
        let nodes: Vec<Id> = a.components.ids().cloned().collect();
        let tree = GroupTree::new(&a, &nodes);
        // ids sorted: inner, other, outer
        assert_eq!(tree.ids, vec![id!("inner"), id!("other"), id!("outer")]);
        assert_eq!(tree.of_node, vec![Some(0), Some(0), Some(1)]);
        assert_eq!(tree.path_of(Some(0)), &[2, 0]);
        assert_eq!(tree.common(Some(0), Some(2)), Some(2));
        assert_eq!(tree.common(Some(0), Some(1)), None);
    }

    #[test]
    fn parent_cycles_are_cut() {
        let mut a = arch();
        let mut outer = a.groups.get("outer").unwrap().clone();
        outer.parent = Some(id!("inner"));
        a.groups.insert(outer);
        let nodes: Vec<Id> = a.components.ids().cloned().collect();
        let tree = GroupTree::new(&a, &nodes);
        // inner -> outer accepted first (ids in order), outer -> inner would close the loop.
        assert_eq!(tree.parent[0], Some(2));
        assert_eq!(tree.parent[2], None);
        for p in &tree.path {
            assert!(p.len() <= 2);
        }
    }
}
