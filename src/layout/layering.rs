//! Layering with groups: every group is ranked on its own and then moves as one piece.
//!
//! Like `dot` with clusters, a group's members are first ranked among themselves (their
//! nested groups already collapsed the same way), then the group is one node for its parent
//! level, and each connection that enters or leaves it keeps its real length through the
//! member's offset inside the group. So a group is only as many layers deep as its own
//! connections need, instead of stretching across the drawing whenever one member is called
//! early and another late — which would make its box swallow most of the picture. Each level
//! breaks its own cycles ([`super::acyclic`]) and is ranked by network simplex
//! ([`super::rank`]) with minimum lengths that carry the members' offsets.

use super::acyclic::reversed_edges_with;
use super::graph::Graph;
use super::options::{Cancelled, Control};
use super::rank::rank;

/// The layer of every node of `graph`; every edge joins two different layers. `seed` breaks
/// ties in cycle breaking (0: by index; see `acyclic::reversed_edges_with`).
pub(crate) fn layers(
    graph: &Graph,
    control: &Control<'_>,
    seed: u64,
) -> Result<Vec<i32>, Cancelled> {
    let n = graph.len();
    let tree = &graph.groups;
    let groups = tree.len();
    // Edges by the level that ranks them: the innermost group holding both ends.
    let mut level_edges: Vec<Vec<(usize, usize, u32)>> = vec![Vec::new(); groups + 1];
    let slot = |g: Option<usize>| g.map_or(groups, |g| g);
    for &(a, b, w) in &graph.edges {
        let (ga, gb) = (
            tree.of_node.get(a).copied().flatten(),
            tree.of_node.get(b).copied().flatten(),
        );
        if let Some(list) = level_edges.get_mut(slot(tree.common(ga, gb))) {
            list.push((a, b, w));
        }
    }
    // Nodes inside each group (at any depth), and the groups that hold any.
    let mut inside: Vec<Vec<usize>> = vec![Vec::new(); groups + 1];
    for v in 0..n {
        for &g in tree.path_of(tree.of_node.get(v).copied().flatten()) {
            inside[g].push(v);
        }
        inside[groups].push(v);
    }
    // Deepest groups first, the whole drawing last.
    let mut order: Vec<usize> = (0..groups).filter(|&g| !inside[g].is_empty()).collect();
    order.sort_by_key(|&g| (std::cmp::Reverse(tree.path_of(Some(g)).len()), g));
    order.push(groups);
    // Offset of each node within the group ranked last that holds it.
    let mut offset = vec![0i32; n];
    for level in order {
        control.check()?;
        let group = (level < groups).then_some(level);
        let depth = tree.path_of(group).len();
        // The item each node is at this level: itself, or the child group holding it.
        let item_key = |v: usize| -> Option<usize> {
            tree.path_of(tree.of_node.get(v).copied().flatten())
                .get(depth)
                .copied()
        };
        let mut items: Vec<Option<usize>> = Vec::new(); // None = a node itself
        let mut item_of = vec![usize::MAX; n];
        let mut child_item: Vec<usize> = vec![usize::MAX; groups];
        for &v in &inside[level] {
            let i = match item_key(v) {
                None => {
                    items.push(None);
                    items.len() - 1
                }
                Some(c) => {
                    if child_item[c] == usize::MAX {
                        child_item[c] = items.len();
                        items.push(Some(c));
                    }
                    child_item[c]
                }
            };
            item_of[v] = i;
        }
        let edges: Vec<(usize, usize, u32)> = level_edges[level]
            .iter()
            .filter(|&&(a, b, _)| item_of[a] != usize::MAX && item_of[b] != usize::MAX)
            .filter(|&&(a, b, _)| item_of[a] != item_of[b])
            .copied()
            .collect();
        let item_edges: Vec<(usize, usize, u32)> = edges
            .iter()
            .map(|&(a, b, w)| (item_of[a], item_of[b], w))
            .collect();
        let reversed = reversed_edges_with(items.len(), &item_edges, seed);
        let constraints: Vec<(usize, usize, u32, i32)> = edges
            .iter()
            .zip(&reversed)
            .map(|(&(a, b, w), &rev)| {
                let (a, b) = if rev { (b, a) } else { (a, b) };
                (item_of[a], item_of[b], w, 1 + offset[a] - offset[b])
            })
            .collect();
        let ranks = rank(items.len(), &constraints, control)?;
        for &v in &inside[level] {
            let r = ranks[item_of[v]];
            offset[v] = if item_key(v).is_some() {
                r + offset[v]
            } else {
                r
            };
        }
    }
    let min = offset.iter().copied().min().unwrap_or(0);
    for o in &mut offset {
        *o -= min;
    }
    Ok(offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{
        Architecture, Component, Connection, ConnectionKind, Group, GroupKind, Id, Kind,
    };

    fn graph(edges: &[(&str, &str)], groups: &[(&str, Option<&str>, &[&str])]) -> Graph {
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
        for (g, parent, members) in groups {
            let mut group = Group::new(id!(*g), *g, GroupKind::BoundedContext);
            group.parent = parent.map(|p| id!(p));
            group.members = members.iter().map(|m| id!(*m)).collect();
            arch.groups.insert(group);
        }
        let nodes: Vec<Id> = arch.components.ids().cloned().collect();
        Graph::new(&arch, nodes)
    }

    fn check(g: &Graph, r: &[i32]) {
        for &(a, b, _) in &g.edges {
            assert_ne!(r[a], r[b], "edge {a}->{b} is flat: {r:?}");
        }
    }

    #[test]
    fn without_groups_it_is_plain_ranking() {
        let g = graph(&[("a", "b"), ("b", "c"), ("a", "c")], &[]);
        let r = layers(&g, &Control::none(), 0).unwrap();
        assert_eq!(r, vec![0, 1, 2]);
    }

    #[test]
    fn a_group_without_inner_edges_is_one_layer_deep() {
        // a -> b -> c -> d, group {b, d}: b and d share a layer, c goes back.
        let g = graph(
            &[("a", "b"), ("b", "c"), ("c", "d")],
            &[("g", None, &["b", "d"])],
        );
        let r = layers(&g, &Control::none(), 0).unwrap();
        check(&g, &r);
        assert_eq!(r[1], r[3], "{r:?}");
    }

    #[test]
    fn nested_groups_keep_inner_edges_forward() {
        let g = graph(
            &[
                ("a", "b"),
                ("b", "c"),
                ("c", "d"),
                ("d", "a"),
                ("x", "a"),
                ("d", "y"),
            ],
            &[
                ("outer", None, &["a"]),
                ("inner", Some("outer"), &["b", "c"]),
            ],
        );
        let r = layers(&g, &Control::none(), 0).unwrap();
        check(&g, &r);
        // a=0 b=1 c=2 d=3 x=4 y=5
        assert_eq!(r[2] - r[1], 1);
        assert!(r[1] > r[0]);
        assert!(r[4] < r[0]);
    }

    #[test]
    fn random_grouped_graphs_have_no_flat_edges() {
        let mut rng = crate::model::generate::Rng::new(4);
        for _ in 0..30 {
            let names: Vec<String> = (0..12).map(|i| format!("n{i:02}")).collect();
            let edges: Vec<(&str, &str)> = (0..20)
                .map(|_| (names[rng.below(12)].as_str(), names[rng.below(12)].as_str()))
                .filter(|(a, b)| a != b)
                .collect();
            let m1: Vec<&str> = names
                .iter()
                .filter(|_| rng.below(3) == 0)
                .map(String::as_str)
                .collect();
            let m2: Vec<&str> = names
                .iter()
                .filter(|n| !m1.contains(&n.as_str()) && rng.below(2) == 0)
                .map(String::as_str)
                .collect();
            let g = graph(&edges, &[("g1", None, &m1), ("g2", Some("g1"), &m2)]);
            let r = layers(&g, &Control::none(), 0).unwrap();
            check(&g, &r);
            assert!(r.iter().all(|&x| x >= 0));
        }
    }
}
