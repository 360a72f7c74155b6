//! The model as the canvas draws it, rebuilt only when the document changes.
//!
//! Building resolves every id once: boxes (with the fallback grid for unplaced components),
//! connection endpoints as indices, lanes for parallel connections, group boundaries from
//! their members, the spatial indices and the minimap's density grid. Painting and
//! hit-testing then read plain vectors, never the model.

use std::collections::{BTreeMap, HashMap};

use egui::{Pos2, Rect, Vec2};

use crate::edit::geometry::box_of;
use crate::model::{Architecture, ConnectionType, GroupKind, Id, Kind};
use crate::theme::metrics;

use super::spatial::SpatialIndex;

/// A component as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Its id.
    pub id: Id,
    /// Its kind.
    pub kind: Kind,
    /// Display name.
    pub name: String,
    /// Technology line.
    pub tech: String,
    /// Box in canvas units.
    pub rect: Rect,
}

/// A connection as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Its id.
    pub id: Id,
    /// Index of the `from` node.
    pub from: u32,
    /// Index of the `to` node.
    pub to: u32,
    /// Its type.
    pub ty: ConnectionType,
    /// Label on the line (label, or topic).
    pub label: String,
    /// Sideways offset in canvas units, so parallel connections do not overlap.
    pub lane: f32,
}

/// A group boundary as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupBox {
    /// Its id.
    pub id: Id,
    /// Title.
    pub name: String,
    /// What it means.
    pub kind: GroupKind,
    /// Boundary in canvas units.
    pub rect: Rect,
    /// Nesting depth (0 outermost); painted outermost first.
    pub depth: usize,
}

/// Cells of the minimap's density grid per side.
pub const MINIMAP_CELLS: usize = 48;

/// Everything the canvas needs to paint and hit-test one version of the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Components.
    pub nodes: Vec<Node>,
    /// Connections between components that exist (dangling ones are not drawn).
    pub edges: Vec<Edge>,
    /// Groups with at least one member, outermost first.
    pub groups: Vec<GroupBox>,
    /// Node index by id.
    pub node_by_id: HashMap<Id, u32>,
    /// Edge index by id.
    pub edge_by_id: HashMap<Id, u32>,
    /// Edges touching each node.
    pub edges_of: Vec<Vec<u32>>,
    /// Nodes by area.
    pub node_index: SpatialIndex,
    /// Edges by the line between their ends.
    pub edge_index: SpatialIndex,
    /// Where each edge runs, from border to border (`None` when its ends share a centre):
    /// painting reads it here, in a small array, rather than working it out from the boxes.
    pub lines: Vec<Option<(Pos2, Pos2)>>,
    /// Each edge's type, beside `lines`: drawing a connection in view reads these two small
    /// arrays, and its [`Edge`] only for its label or when something is selected or marked,
    /// so a view crossed by hundreds of connections from all over the model touches little
    /// memory.
    pub types: Vec<ConnectionType>,
    /// Box around everything.
    pub bounds: Rect,
    /// How many nodes fall in each minimap cell (row-major, `MINIMAP_CELLS`²).
    pub density: Vec<u16>,
    /// Components drawn where [`place_missing`](crate::edit::place::place_missing) put them
    /// (they have no placement of their own).
    pub unplaced: usize,
}

impl Default for Scene {
    fn default() -> Self {
        Scene::build(&Architecture::default())
    }
}

impl Scene {
    /// Builds the scene of `arch`.
    pub fn build(arch: &Architecture) -> Scene {
        let fallback = crate::edit::place::place_missing(arch);
        let mut nodes = Vec::with_capacity(arch.components.len());
        let mut node_by_id = HashMap::with_capacity(arch.components.len());
        let mut unplaced = 0;
        for c in arch.components.iter() {
            let p = match arch.layout.get(&c.id) {
                Some(p) => p,
                None => {
                    let Some(p) = fallback.get(&c.id) else {
                        continue;
                    };
                    unplaced += 1;
                    p
                }
            };
            let rect = node_box(c, p);
            node_by_id.insert(c.id.clone(), nodes.len() as u32);
            nodes.push(Node {
                id: c.id.clone(),
                kind: c.kind(),
                name: c.name.clone(),
                tech: c.spec.technology_label(),
                rect,
            });
        }

        let mut edges = Vec::with_capacity(arch.connections.len());
        let mut edge_by_id = HashMap::with_capacity(arch.connections.len());
        let mut edges_of = vec![Vec::new(); nodes.len()];
        let mut pairs: BTreeMap<(u32, u32), Vec<u32>> = BTreeMap::new();
        for c in arch.connections.iter() {
            let (Some(&from), Some(&to)) = (node_by_id.get(&c.from), node_by_id.get(&c.to)) else {
                continue;
            };
            if from == to {
                continue;
            }
            let i = edges.len() as u32;
            let label = if c.label.is_empty() {
                c.kind.topic().unwrap_or("").to_owned()
            } else {
                c.label.clone()
            };
            edges.push(Edge {
                id: c.id.clone(),
                from,
                to,
                ty: c.ty(),
                label,
                lane: 0.0,
            });
            edge_by_id.insert(c.id.clone(), i);
            if let Some(v) = edges_of.get_mut(from as usize) {
                v.push(i);
            }
            if let Some(v) = edges_of.get_mut(to as usize) {
                v.push(i);
            }
            pairs
                .entry((from.min(to), from.max(to)))
                .or_default()
                .push(i);
        }
        for ((a, _), list) in &pairs {
            if list.len() < 2 {
                continue;
            }
            let n = list.len() as f32;
            // The fan never gets wider than 40 units, however many connections share the pair.
            let spacing = (40.0 / n).min(14.0);
            for (k, &e) in list.iter().enumerate() {
                if let Some(edge) = edges.get_mut(e as usize) {
                    // Lanes are measured from the lower index's side, so both directions
                    // of a pair share one fan.
                    let sign = if edge.from == *a { 1.0 } else { -1.0 };
                    edge.lane = sign * (k as f32 - (n - 1.0) / 2.0) * spacing;
                }
            }
        }

        let groups = group_boxes(arch, &nodes, &node_by_id);

        let node_rects: Vec<Rect> = nodes.iter().map(|n| n.rect).collect();
        let edge_segments: Vec<(Pos2, Pos2, f32)> =
            edges.iter().map(|e| edge_item(&nodes, e)).collect();
        let bounds = bounds(&nodes, &groups);
        let density = density(&nodes, bounds);
        let lines = edges.iter().map(|e| edge_line(&nodes, e)).collect();
        let types = edges.iter().map(|e| e.ty).collect();
        Scene {
            lines,
            types,
            node_index: SpatialIndex::build(node_rects),
            edge_index: SpatialIndex::build_segments(edge_segments),
            nodes,
            edges,
            groups,
            node_by_id,
            edge_by_id,
            edges_of,
            bounds,
            density,
            unplaced,
        }
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_by_id
            .get(id)
            .and_then(|i| self.nodes.get(*i as usize))
    }
}

/// The box of component `c` placed at `p`, in canvas units.
pub(super) fn node_box(c: &crate::model::Component, p: &crate::model::Placement) -> Rect {
    let b = box_of(c, p);
    Rect::from_center_size(Pos2::new(b.x, b.y), Vec2::new(b.w, b.h))
}

/// Where `edge` runs between its ends' borders.
pub(super) fn edge_line(nodes: &[Node], edge: &Edge) -> Option<(Pos2, Pos2)> {
    let a = nodes.get(edge.from as usize)?;
    let b = nodes.get(edge.to as usize)?;
    super::geometry::edge_segment(a.rect, b.rect, edge.lane)
}

/// What the edge index holds for `edge`: a connection runs between its ends' borders, shifted
/// sideways by its lane, so within `lane` (and a little for the arrow head) of the line
/// between their centres.
pub(super) fn edge_item(nodes: &[Node], edge: &Edge) -> (Pos2, Pos2, f32) {
    match (nodes.get(edge.from as usize), nodes.get(edge.to as usize)) {
        (Some(a), Some(b)) => (a.rect.center(), b.rect.center(), edge.lane.abs() + 16.0),
        _ => (
            Pos2::new(f32::NAN, f32::NAN),
            Pos2::new(f32::NAN, f32::NAN),
            0.0,
        ),
    }
}

/// The box around every node and group.
pub(super) fn bounds(nodes: &[Node], groups: &[GroupBox]) -> Rect {
    let mut bounds = nodes.iter().fold(Rect::NOTHING, |acc, n| acc.union(n.rect));
    for g in groups {
        bounds = bounds.union(g.rect);
    }
    bounds
}

pub(super) fn group_boxes(
    arch: &Architecture,
    nodes: &[Node],
    node_by_id: &HashMap<Id, u32>,
) -> Vec<GroupBox> {
    // Depth by walking parents (a cycle in a hand-edited file stops the walk).
    let depth_of = |g: &crate::model::Group| {
        let mut depth = 0;
        let mut seen = std::collections::BTreeSet::new();
        let mut cur = g.parent.clone();
        while let Some(p) = cur {
            if !seen.insert(p.clone()) || depth > 64 {
                break;
            }
            depth += 1;
            cur = arch.groups.get(p.as_str()).and_then(|pg| pg.parent.clone());
        }
        depth
    };
    let mut order: Vec<(usize, &crate::model::Group)> =
        arch.groups.iter().map(|g| (depth_of(g), g)).collect();
    // Innermost first, so parents can include their children's boxes.
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    let mut rects: HashMap<&Id, Rect> = HashMap::new();
    let pad = metrics::GROUP_PADDING;
    for (_, g) in &order {
        let mut r = Rect::NOTHING;
        for m in &g.members {
            if let Some(n) = node_by_id.get(m).and_then(|i| nodes.get(*i as usize)) {
                r = r.union(n.rect);
            }
        }
        for (_, child) in &order {
            if child.parent.as_ref() == Some(&g.id)
                && let Some(cr) = rects.get(&child.id)
            {
                r = r.union(*cr);
            }
        }
        if r.is_positive() {
            let grown = Rect::from_min_max(
                r.min - Vec2::new(pad, pad + metrics::GROUP_TITLE_HEIGHT),
                r.max + Vec2::splat(pad),
            );
            rects.insert(&g.id, grown);
        }
    }
    let mut out: Vec<GroupBox> = order
        .iter()
        .filter_map(|(depth, g)| {
            rects.get(&g.id).map(|rect| GroupBox {
                id: g.id.clone(),
                name: g.name.clone(),
                kind: g.kind,
                rect: *rect,
                depth: *depth,
            })
        })
        .collect();
    out.sort_by(|a, b| a.depth.cmp(&b.depth).then(a.id.cmp(&b.id)));
    out
}

pub(super) fn density(nodes: &[Node], bounds: Rect) -> Vec<u16> {
    let mut grid = vec![0u16; MINIMAP_CELLS * MINIMAP_CELLS];
    if !bounds.is_positive() {
        return grid;
    }
    let n = MINIMAP_CELLS as f32;
    for node in nodes {
        let c = node.rect.center();
        let fx = ((c.x - bounds.min.x) / bounds.width() * n).clamp(0.0, n - 1.0);
        let fy = ((c.y - bounds.min.y) / bounds.height() * n).clamp(0.0, n - 1.0);
        let i = fy as usize * MINIMAP_CELLS + fx as usize;
        if let Some(cell) = grid.get_mut(i) {
            *cell = cell.saturating_add(1);
        }
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shop_scene_resolves_everything() {
        let arch = crate::file::parse(include_str!("../../../examples/shop.ron")).unwrap();
        let s = Scene::build(&arch);
        assert_eq!(s.nodes.len(), arch.components.len());
        assert_eq!(s.edges.len(), arch.connections.len());
        // Nested groups: the private zone surrounds its contexts.
        let internal = s
            .groups
            .iter()
            .find(|g| g.id.as_str() == "internal")
            .unwrap();
        let ordering = s
            .groups
            .iter()
            .find(|g| g.id.as_str() == "ordering")
            .unwrap();
        assert!(internal.rect.contains_rect(ordering.rect));
        assert!(internal.depth < ordering.depth);
        assert!(s.bounds.contains_rect(internal.rect));
    }

    #[test]
    fn parallel_connections_get_distinct_lanes() {
        use crate::model::{Component, Connection, ConnectionKind};
        let mut a = Architecture::new("t");
        a.components
            .insert(Component::new(crate::id!("a"), "A", Kind::Service));
        a.components
            .insert(Component::new(crate::id!("b"), "B", Kind::Service));
        for i in 0..1000 {
            let id = Id::new(format!("c{i}")).unwrap();
            a.connections.insert(Connection::new(
                id,
                crate::id!("a"),
                crate::id!("b"),
                ConnectionKind::DependsOn,
            ));
        }
        let s = Scene::build(&a);
        assert_eq!(s.edges.len(), 1000);
        let lanes: std::collections::BTreeSet<i64> =
            s.edges.iter().map(|e| (e.lane * 100.0) as i64).collect();
        assert!(lanes.len() > 500);
        assert!(s.edges.iter().all(|e| e.lane.abs() <= 25.0));
    }
}
