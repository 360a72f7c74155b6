//! Incremental placement: a spot for one new component near its neighbours, moving nothing
//! else.
//!
//! The wanted spot follows the drawing's direction (inferred from how the placed connections
//! run): one layer after the things that flow into the component, one layer before the things
//! it flows to, between them when it has both, level with their middle. Without placed
//! neighbours it goes next to its group's members, or else beside the drawing. From the wanted
//! spot, grid positions are tried ring by ring, nearest first, until one is clear: no other
//! box within the gap, not inside a group the component is not in, and — when the component
//! is in a group — without stretching that group's box over a stranger.

use super::geometry::{Rect, box_size, component_rect, group_bounds};
use super::graph::flow_ends;
use super::options::Direction;
use crate::model::{Architecture, Id, Layout, Placement};
use crate::theme::metrics::{GRID, GROUP_PADDING, GROUP_TITLE_HEIGHT};

/// Space kept around a new box.
const GAP: f32 = 40.0;
/// Space between layers when stepping from a neighbour.
const LAYER_GAP: f32 = 100.0;
/// Rings of grid positions tried around the wanted spot.
const RINGS: i32 = 60;

/// The direction a drawing's connections mostly run in (left to right when it cannot tell).
pub fn infer_direction(arch: &Architecture, layout: &Layout) -> Direction {
    let (mut along_x, mut along_y) = (0.0f32, 0.0f32);
    for c in arch.connections.iter() {
        let (from, to) = flow_ends(c);
        if let (Some(a), Some(b)) = (layout.get(from), layout.get(to)) {
            along_x += (b.x - a.x).abs();
            along_y += (b.y - a.y).abs();
        }
    }
    if along_y > along_x {
        Direction::TopToBottom
    } else {
        Direction::LeftToRight
    }
}

/// A placement for component `id` in `layout`, near its neighbours and clear of every other
/// box, moving nothing else. The component's own entry in `layout`, if any, is ignored except
/// for its size.
pub(crate) fn place_in(
    arch: &Architecture,
    layout: &Layout,
    id: &Id,
    direction: Direction,
) -> Placement {
    let own = layout.get(id);
    let (w, h) = arch
        .components
        .get(id.as_str())
        .map_or((160.0, 72.0), |c| box_size(c, own));
    let tb = direction == Direction::TopToBottom;
    // Work on a layout without the component itself.
    let mut others = layout.clone();
    others.remove(id);
    let rect_of = |other: &Id| component_rect(arch, &others, other.as_str());
    let mut before: Vec<Rect> = Vec::new();
    let mut after: Vec<Rect> = Vec::new();
    for c in arch.connections.iter() {
        let (from, to) = flow_ends(c);
        if from == id && to != id {
            after.extend(rect_of(to));
        } else if to == id && from != id {
            before.extend(rect_of(from));
        }
    }
    // Layer axis is x left to right, y top to bottom.
    let along = |r: &Rect| {
        if tb {
            (r.min_y, r.max_y)
        } else {
            (r.min_x, r.max_x)
        }
    };
    let across = |r: &Rect| {
        let (x, y) = r.centre();
        if tb { x } else { y }
    };
    let own_thick = if tb { h } else { w };
    let mean_across =
        |rs: &[&Rect]| rs.iter().map(|r| across(r)).sum::<f32>() / rs.len().max(1) as f32;
    let wanted_layer_and_cross = if !before.is_empty() || !after.is_empty() {
        let all: Vec<&Rect> = before.iter().chain(&after).collect();
        let cross = mean_across(&all);
        let from_before = before
            .iter()
            .map(|r| along(r).1)
            .fold(f32::NEG_INFINITY, f32::max)
            + LAYER_GAP
            + own_thick / 2.0;
        let from_after = after
            .iter()
            .map(|r| along(r).0)
            .fold(f32::INFINITY, f32::min)
            - LAYER_GAP
            - own_thick / 2.0;
        let layer = match (before.is_empty(), after.is_empty()) {
            (false, false) => (from_before + from_after) / 2.0,
            (false, true) => from_before,
            _ => from_after,
        };
        Some((layer, cross))
    } else {
        None
    };
    let groups = group_bounds(arch, &others);
    let own_groups: Vec<&Id> = arch
        .groups
        .ids()
        .filter(|g| arch.group_contains(g, id))
        .collect();
    let wanted = match wanted_layer_and_cross {
        Some((layer, cross)) => {
            if tb {
                (cross, layer)
            } else {
                (layer, cross)
            }
        }
        None => {
            let innermost = own_groups
                .iter()
                .filter_map(|g| groups.get(*g))
                .min_by(|a, b| {
                    ((a.max_x - a.min_x) * (a.max_y - a.min_y))
                        .total_cmp(&((b.max_x - b.min_x) * (b.max_y - b.min_y)))
                });
            match innermost {
                Some(r) => r.centre(),
                None => beside_drawing(arch, &others, (w, h), tb),
            }
        }
    };
    let boxes: Vec<(Id, Rect)> = others
        .keys()
        .filter_map(|o| Some((o.clone(), rect_of(o)?)))
        .collect();
    let foreign: Vec<Rect> = groups
        .iter()
        .filter(|(g, _)| !own_groups.contains(g))
        .map(|(_, r)| *r)
        .collect();
    let pad = GROUP_PADDING;
    let clear = |x: f32, y: f32, strict: bool| -> bool {
        let r = Rect::centred(x, y, w, h);
        let around = r.grow(GAP, GAP, GAP, GAP);
        if boxes.iter().any(|(_, b)| around.overlaps(b)) {
            return false;
        }
        if !strict {
            return true;
        }
        if foreign
            .iter()
            .any(|g| r.grow(pad, pad, pad, pad).overlaps(g))
        {
            return false;
        }
        own_groups.iter().all(|g| {
            let Some(old) = groups.get(*g) else {
                return true;
            };
            let grown = old.union(&r.grow(pad, pad + GROUP_TITLE_HEIGHT, pad, pad));
            boxes
                .iter()
                .filter(|(o, _)| !arch.group_contains(g, o))
                .all(|(_, b)| !grown.overlaps(b))
        })
    };
    let snap = |v: f32| (v / GRID).round() * GRID;
    let (wx, wy) = (snap(wanted.0), snap(wanted.1));
    for strict in [true, false] {
        for ring in 0..=RINGS {
            let mut spots = ring_spots(ring);
            spots.sort_by_key(|&(dx, dy)| (dx * dx + dy * dy, dy, dx));
            for (dx, dy) in spots {
                let (x, y) = (wx + dx as f32 * GRID, wy + dy as f32 * GRID);
                if clear(x, y, strict) {
                    return placement(own, x, y);
                }
            }
        }
    }
    let (x, y) = beside_drawing(arch, &others, (w, h), tb);
    placement(own, x, y)
}

fn placement(own: Option<&Placement>, x: f32, y: f32) -> Placement {
    Placement {
        x,
        y,
        width: own.and_then(|p| p.width),
        height: own.and_then(|p| p.height),
        pinned: false,
    }
}

/// Grid offsets on the square ring at distance `ring`.
fn ring_spots(ring: i32) -> Vec<(i32, i32)> {
    if ring == 0 {
        return vec![(0, 0)];
    }
    let mut out = Vec::with_capacity(8 * ring as usize);
    for k in -ring..=ring {
        out.push((k, -ring));
        out.push((k, ring));
    }
    for k in -ring + 1..ring {
        out.push((-ring, k));
        out.push((ring, k));
    }
    out
}

/// A spot after the whole drawing along the layer axis, or the origin on an empty canvas.
fn beside_drawing(
    arch: &Architecture,
    layout: &Layout,
    (w, h): (f32, f32),
    tb: bool,
) -> (f32, f32) {
    let all = layout
        .keys()
        .filter_map(|o| component_rect(arch, layout, o.as_str()))
        .chain(group_bounds(arch, layout).into_values())
        .reduce(|a, b| a.union(&b));
    let Some(r) = all else {
        return (0.0, 0.0);
    };
    if tb {
        (r.min_x + w / 2.0, r.max_y + LAYER_GAP + h / 2.0)
    } else {
        (r.max_x + LAYER_GAP + w / 2.0, r.min_y + h / 2.0)
    }
}
