//! What is under the pointer, found through the spatial indices.

use std::collections::HashSet;

use egui::{Pos2, Rect, Vec2};

use super::geometry::distance_to_segment;
use super::scene::Scene;

/// Something on the canvas the pointer can be over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A connection handle on a component's border.
    Handle(u32),
    /// A component.
    Node(u32),
    /// A connection.
    Edge(u32),
    /// A group's title bar.
    Group(u32),
}

/// Screen radius of a connection handle.
pub const HANDLE_RADIUS: f32 = 5.0;

/// Where the four handles of a box are (mid-points of its sides, canvas units).
pub fn handles(r: Rect) -> [Pos2; 4] {
    [
        Pos2::new(r.center().x, r.top()),
        Pos2::new(r.right(), r.center().y),
        Pos2::new(r.center().x, r.bottom()),
        Pos2::new(r.left(), r.center().y),
    ]
}

/// A node's box with the drag offset applied if it is moving.
pub fn node_rect(scene: &Scene, i: u32, moving: &HashSet<u32>, offset: Vec2) -> Option<Rect> {
    let r = scene.nodes.get(i as usize)?.rect;
    Some(if moving.contains(&i) {
        r.translate(offset)
    } else {
        r
    })
}

/// The topmost thing at `pos` (canvas units) at `zoom`. `handles_of` is the node whose
/// handles are shown.
pub fn hit_test(scene: &Scene, pos: Pos2, zoom: f32, handles_of: Option<u32>) -> Option<Hit> {
    let slack = 7.0 / zoom.max(1e-6);
    if let Some(n) = handles_of
        && let Some(node) = scene.nodes.get(n as usize)
        && handles(node.rect)
            .iter()
            .any(|h| (*h - pos).length() <= (HANDLE_RADIUS + 3.0) / zoom.max(1e-6))
    {
        return Some(Hit::Handle(n));
    }
    // Nodes painted later are on top: take the highest index.
    if let Some(n) = scene
        .node_index
        .at(pos, 0.5)
        .into_iter()
        .filter(|i| {
            scene
                .nodes
                .get(*i as usize)
                .is_some_and(|n| n.rect.contains(pos))
        })
        .max()
    {
        return Some(Hit::Node(n));
    }
    let mut best: Option<(f32, u32)> = None;
    for e in scene.edge_index.at(pos, slack) {
        let Some(&Some((s, t))) = scene.lines.get(e as usize) else {
            continue;
        };
        let d = distance_to_segment(pos, s, t);
        if d <= slack && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, e));
        }
    }
    if let Some((_, e)) = best {
        return Some(Hit::Edge(e));
    }
    let title =
        crate::theme::metrics::GROUP_TITLE_HEIGHT + crate::theme::metrics::GROUP_PADDING / 2.0;
    scene
        .groups
        .iter()
        .enumerate()
        .rev()
        .find(|(_, g)| {
            let bar = Rect::from_min_max(g.rect.min, Pos2::new(g.rect.max.x, g.rect.min.y + title));
            bar.contains(pos)
        })
        .map(|(i, _)| Hit::Group(i as u32))
}

/// The innermost group whose boundary contains `pos`.
pub fn group_at(scene: &Scene, pos: Pos2) -> Option<u32> {
    scene
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.rect.contains(pos))
        .max_by_key(|(_, g)| g.depth)
        .map(|(i, _)| i as u32)
}

#[cfg(test)]
mod tests {
    use super::super::geometry::edge_segment;
    use super::*;

    #[test]
    fn hits_nodes_edges_and_nothing() {
        let arch = crate::file::parse(include_str!("../../../examples/shop.ron")).unwrap();
        let scene = Scene::build(&arch);
        let orders = *scene.node_by_id.get("orders").unwrap();
        let c = scene.nodes[orders as usize].rect.center();
        assert_eq!(hit_test(&scene, c, 1.0, None), Some(Hit::Node(orders)));
        let e = *scene.edge_by_id.get("orders-writes-db").unwrap();
        let edge = &scene.edges[e as usize];
        let (s, t) = edge_segment(
            scene.nodes[edge.from as usize].rect,
            scene.nodes[edge.to as usize].rect,
            edge.lane,
        )
        .unwrap();
        let mid = s + (t - s) / 2.0;
        assert_eq!(hit_test(&scene, mid, 1.0, None), Some(Hit::Edge(e)));
        assert_eq!(
            hit_test(&scene, Pos2::new(-5000.0, -5000.0), 1.0, None),
            None
        );
        let top = handles(scene.nodes[orders as usize].rect)[0];
        assert_eq!(
            hit_test(&scene, top, 1.0, Some(orders)),
            Some(Hit::Handle(orders))
        );
    }
}
