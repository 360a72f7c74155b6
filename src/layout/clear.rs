//! Moving freshly laid-out boxes clear of boxes that must not move (pinned components, and
//! everything outside the selection when only the selection is laid out).
//!
//! Boxes move along the layer (the cross axis) in rigid *units*: a top-level group's frame
//! with everything inside it, or a component outside every group. A unit never changes
//! inside, so what the engine guaranteed still holds — a nested frame inside its parent,
//! frames apart, strangers outside — and the units themselves are kept apart: two units that
//! share part of the layer axis keep their order and at least the gap between them, and a
//! unit that reaches into an obstacle jumps past it. Moving a group's members layer by layer
//! instead (as this did once) stretched its frame over its neighbours and over the pins.
//!
//! Everything is pushed either towards increasing or towards decreasing coordinates; for
//! each cluster of units that share the layer axis with one another, the direction that moves
//! it less is kept (clusters do not constrain each other). Without groups a unit is one box,
//! boxes of different layers never share the layer axis, so each layer is fixed on its own.

use std::collections::BTreeMap;

use super::geometry::{Rect, component_rect, group_bounds};
use super::graph::Graph;
use super::options::Direction;
use crate::model::{Architecture, Layout};

/// Boxes that move together: the nodes of one top-level group, or one node.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Unit {
    /// The unit's nodes.
    pub nodes: Vec<usize>,
    /// The group frame (or box) holding them.
    pub rect: Rect,
}

/// The units of the `movable` nodes of `graph`, placed as in `layout` (which must hold only
/// movable components, so frames are those of the moving part). Units whose rectangles
/// overlap (a component listed by two unrelated groups) are merged, so units never overlap.
pub(crate) fn units_of(
    arch: &Architecture,
    graph: &Graph,
    movable: &[usize],
    layout: &Layout,
) -> Vec<Unit> {
    let frames = group_bounds(arch, layout);
    let mut by_group: BTreeMap<usize, Unit> = BTreeMap::new();
    let mut units: Vec<Unit> = Vec::new();
    for &v in movable {
        let Some(id) = graph.ids.get(v) else { continue };
        let Some(rect) = component_rect(arch, layout, id.as_str()) else {
            continue;
        };
        let top = graph
            .groups
            .path_of(graph.groups.of_node.get(v).copied().flatten())
            .first()
            .copied();
        let frame = top
            .and_then(|g| graph.groups.ids.get(g))
            .and_then(|g| frames.get(g));
        match (top, frame) {
            (Some(g), Some(frame)) => {
                let unit = by_group.entry(g).or_insert_with(|| Unit {
                    nodes: Vec::new(),
                    rect: *frame,
                });
                unit.nodes.push(v);
                unit.rect = unit.rect.union(&rect);
            }
            _ => units.push(Unit {
                nodes: vec![v],
                rect,
            }),
        }
    }
    units.extend(by_group.into_values());
    merge_overlapping(units)
}

/// Merges units whose rectangles overlap until none do (a sweep along x finds the pairs).
fn merge_overlapping(mut units: Vec<Unit>) -> Vec<Unit> {
    loop {
        units.sort_by(|a, b| a.rect.min_x.total_cmp(&b.rect.min_x));
        let mut into: Vec<usize> = (0..units.len()).collect();
        let mut merged = false;
        for i in 0..units.len() {
            for j in i + 1..units.len() {
                if units[j].rect.min_x >= units[i].rect.max_x {
                    break;
                }
                if units[i].rect.overlaps(&units[j].rect) && into[j] == j {
                    into[j] = into[i];
                    merged = true;
                }
            }
        }
        if !merged {
            for unit in &mut units {
                unit.nodes.sort_unstable();
            }
            units.sort_by_key(|u| u.nodes.first().copied());
            return units;
        }
        // Fold each unit into the one it overlaps first (chains end at a unit kept as is);
        // whatever still overlaps is merged in the next round.
        let mut kept: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
        for j in 0..kept.len() {
            let mut target = into[j];
            while into[target] != target {
                target = into[target];
            }
            if target != j
                && let Some(unit) = kept[j].take()
                && let Some(Some(t)) = kept.get_mut(target)
            {
                t.rect = t.rect.union(&unit.rect);
                t.nodes.extend(unit.nodes);
            }
        }
        units = kept.into_iter().flatten().collect();
    }
}

/// A rectangle seen along the layer (`lo`..`hi`, the axis boxes move on) and across it.
#[derive(Clone, Copy, Debug)]
struct Span {
    lo: f32,
    hi: f32,
    across_lo: f32,
    across_hi: f32,
}

impl Span {
    fn of(r: &Rect, direction: Direction) -> Self {
        match direction {
            Direction::TopToBottom => Self {
                lo: r.min_x,
                hi: r.max_x,
                across_lo: r.min_y,
                across_hi: r.max_y,
            },
            Direction::LeftToRight => Self {
                lo: r.min_y,
                hi: r.max_y,
                across_lo: r.min_x,
                across_hi: r.max_x,
            },
        }
    }

    fn mirrored(self) -> Self {
        Self {
            lo: -self.hi,
            hi: -self.lo,
            ..self
        }
    }

    /// Whether the two share part of the layer axis (then they must stay apart along it).
    fn shares_axis(&self, other: &Span, margin: f32) -> bool {
        self.across_lo < other.across_hi + margin && other.across_lo - margin < self.across_hi
    }
}

/// How far to move each unit along the layer (x top to bottom, y left to right) so that no
/// two units overlap and none overlaps an obstacle, keeping `gap` between them.
pub(crate) fn clear_of(
    units: &[Unit],
    obstacles: &[Rect],
    direction: Direction,
    gap: f32,
) -> Vec<f32> {
    let spans: Vec<Span> = units.iter().map(|u| Span::of(&u.rect, direction)).collect();
    let blocks: Vec<Span> = obstacles.iter().map(|r| Span::of(r, direction)).collect();
    let neighbours = sharing_axis(&spans);
    let forward = pack(&spans, &neighbours, &blocks, gap);
    let mirror = |s: &[Span]| s.iter().map(|s| s.mirrored()).collect::<Vec<_>>();
    let backward: Vec<f32> = pack(&mirror(&spans), &neighbours, &mirror(&blocks), gap)
        .into_iter()
        .zip(&spans)
        .map(|(lo, s)| -(lo + (s.hi - s.lo)))
        .collect();
    // Clusters of units linked by sharing the layer axis (union-find).
    let n = spans.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut a: usize) -> usize {
        while parent[a] != a {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        a
    }
    for (a, list) in neighbours.iter().enumerate() {
        for &b in list {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra] = rb;
        }
    }
    let mut cost: BTreeMap<usize, (f32, f32)> = BTreeMap::new();
    for u in 0..n {
        let weight = units[u].nodes.len() as f32;
        let c = cost.entry(find(&mut parent, u)).or_insert((0.0, 0.0));
        c.0 += weight * (forward[u] - spans[u].lo).abs();
        c.1 += weight * (backward[u] - spans[u].lo).abs();
    }
    (0..n)
        .map(|u| {
            let root = find(&mut parent, u);
            let (f, b) = cost.get(&root).copied().unwrap_or((0.0, 0.0));
            let lo = if b < f { backward[u] } else { forward[u] };
            lo - spans[u].lo
        })
        .collect()
}

/// For each span, the other spans that share part of the layer axis with it (a sweep over
/// the spans sorted along the layer axis: no more pairs are looked at than there are).
fn sharing_axis(spans: &[Span]) -> Vec<Vec<usize>> {
    let mut by_start: Vec<usize> = (0..spans.len()).collect();
    by_start.sort_by(|&a, &b| {
        spans[a]
            .across_lo
            .total_cmp(&spans[b].across_lo)
            .then(a.cmp(&b))
    });
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); spans.len()];
    for (k, &a) in by_start.iter().enumerate() {
        for &b in &by_start[k + 1..] {
            if spans[b].across_lo >= spans[a].across_hi {
                break;
            }
            if spans[a].shares_axis(&spans[b], 0.0) {
                out[a].push(b);
                out[b].push(a);
            }
        }
    }
    out
}

/// New low ends for the `units`, pushed towards increasing coordinates: each at least `gap`
/// after every unit before it that shares the layer axis with it (its `neighbours`), and
/// clear of the `obstacles` (with `gap` around them).
fn pack(units: &[Span], neighbours: &[Vec<usize>], obstacles: &[Span], gap: f32) -> Vec<f32> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by(|&a, &b| units[a].lo.total_cmp(&units[b].lo).then(a.cmp(&b)));
    let mut placed: Vec<f32> = units.iter().map(|s| s.lo).collect();
    let mut done = vec![false; units.len()];
    let mut blocked: Vec<(f32, f32)> = Vec::new();
    for u in order {
        let s = units[u];
        let size = s.hi - s.lo;
        let mut at = s.lo;
        for &p in &neighbours[u] {
            if done[p] {
                at = at.max(placed[p] + (units[p].hi - units[p].lo) + gap);
            }
        }
        blocked.clear();
        blocked.extend(
            obstacles
                .iter()
                .filter(|o| o.shares_axis(&s, gap))
                .map(|o| (o.lo - gap, o.hi + gap)),
        );
        blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Skip blocked intervals that end before `at`; jump over any that overlaps.
        for &(b_lo, b_hi) in &blocked {
            if b_hi <= at {
                continue;
            }
            if b_lo < at + size {
                at = b_hi;
            } else {
                break;
            }
        }
        placed[u] = at;
        done[u] = true;
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(node: usize, rect: Rect) -> Unit {
        Unit {
            nodes: vec![node],
            rect,
        }
    }

    fn moved(units: &[Unit], shifts: &[f32]) -> Vec<Rect> {
        units
            .iter()
            .zip(shifts)
            .map(|(u, s)| Rect {
                min_y: u.rect.min_y + s,
                max_y: u.rect.max_y + s,
                ..u.rect
            })
            .collect()
    }

    #[test]
    fn boxes_skip_obstacles_and_keep_their_order() {
        let units: Vec<Unit> = (0..4)
            .map(|i| single(i, Rect::centred(0.0, i as f32 * 100.0, 150.0, 60.0)))
            .collect();
        let obstacles = [Rect::centred(10.0, 110.0, 100.0, 100.0)];
        let shifts = clear_of(&units, &obstacles, Direction::LeftToRight, 20.0);
        let rects = moved(&units, &shifts);
        for (i, a) in rects.iter().enumerate() {
            assert!(!a.overlaps(&obstacles[0]), "{a:?}");
            for b in &rects[i + 1..] {
                assert!(!a.overlaps(b));
            }
        }
        let ys: Vec<f32> = rects.iter().map(|r| r.centre().1).collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
    }

    #[test]
    fn obstacles_outside_the_band_are_ignored() {
        let units = [single(0, Rect::centred(0.0, 0.0, 100.0, 50.0))];
        let obstacles = [Rect::centred(500.0, 0.0, 100.0, 100.0)];
        let shifts = clear_of(&units, &obstacles, Direction::LeftToRight, 20.0);
        assert_eq!(shifts, vec![0.0]);
    }

    #[test]
    fn a_frame_moves_as_one_past_a_pin_and_pushes_its_neighbour() {
        // A tall group frame spanning two layers (x 0..400), a box in the second layer below
        // it, and a pin reaching into the first layer only, inside the frame.
        let frame = Unit {
            nodes: vec![0, 1],
            rect: Rect {
                min_x: 0.0,
                min_y: 0.0,
                max_x: 400.0,
                max_y: 200.0,
            },
        };
        let below = single(2, Rect::centred(300.0, 260.0, 100.0, 40.0));
        let pin = Rect::centred(50.0, 150.0, 80.0, 40.0);
        let units = [frame, below];
        let shifts = clear_of(&units, &[pin], Direction::LeftToRight, 20.0);
        // The frame moved whole: both nodes get one shift; nothing overlaps.
        let rects = moved(&units, &shifts);
        assert!(
            !rects[0].overlaps(&pin) && !rects[1].overlaps(&pin),
            "{rects:?}"
        );
        assert!(!rects[0].overlaps(&rects[1]), "{rects:?}");
        assert!(shifts[0] != 0.0);
    }

    #[test]
    fn overlapping_units_are_merged() {
        let units = merge_overlapping(vec![
            single(3, Rect::centred(0.0, 0.0, 100.0, 100.0)),
            single(1, Rect::centred(500.0, 0.0, 100.0, 100.0)),
            single(2, Rect::centred(40.0, 40.0, 100.0, 100.0)),
        ]);
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].nodes, vec![1]);
        assert_eq!(units[1].nodes, vec![2, 3]);
        // A chain: 0 meets 1, 1 meets 2, 2 meets 3; the merged 0+1 then meets 2+3.
        let chain: Vec<Unit> = (0..4)
            .map(|i| {
                single(
                    i,
                    Rect::centred(i as f32 * 90.0, i as f32 * 30.0, 100.0, 40.0),
                )
            })
            .collect();
        let units = merge_overlapping(chain);
        assert_eq!(units.len(), 1, "{units:?}");
        assert_eq!(units[0].nodes, vec![0, 1, 2, 3]);
    }
}
