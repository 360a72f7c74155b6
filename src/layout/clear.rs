//! Moving freshly laid-out boxes clear of boxes that must not move (pinned components, and
//! everything outside the selection when only the selection is laid out).
//!
//! Each layer is a band across the layer axis; boxes of different layers never meet, so each
//! layer is fixed on its own: its boxes keep their order along the layer and are pushed,
//! either all towards increasing or all towards decreasing coordinates, past any obstacle
//! that reaches into the band. Of the two, the one that moves the boxes less is kept. The
//! result never overlaps: boxes are laid one after the other with the gap between them, and
//! each skips over every obstacle interval.

use super::geometry::Rect;
use super::options::Direction;

/// A box to place: node, layer, current rectangle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Movable {
    pub node: usize,
    pub layer: usize,
    pub rect: Rect,
}

/// Shifts the `boxes` along their layers so that none overlaps another or an `obstacle`,
/// keeping `gap` between them. Returns the new centres by node.
pub(crate) fn clear_of(
    boxes: &[Movable],
    obstacles: &[Rect],
    direction: Direction,
    gap: f32,
) -> Vec<(usize, f32, f32)> {
    let tb = direction == Direction::TopToBottom;
    // (cross_lo, cross_hi, layer_lo, layer_hi)
    let axes = |r: &Rect| {
        if tb {
            (r.min_x, r.max_x, r.min_y, r.max_y)
        } else {
            (r.min_y, r.max_y, r.min_x, r.max_x)
        }
    };
    let mut layers: Vec<usize> = boxes.iter().map(|b| b.layer).collect();
    layers.sort_unstable();
    layers.dedup();
    let mut out = Vec::with_capacity(boxes.len());
    for layer in layers {
        let mut members: Vec<&Movable> = boxes.iter().filter(|b| b.layer == layer).collect();
        members.sort_by(|a, b| {
            axes(&a.rect)
                .0
                .total_cmp(&axes(&b.rect).0)
                .then(a.node.cmp(&b.node))
        });
        let band_lo = members
            .iter()
            .map(|m| axes(&m.rect).2)
            .fold(f32::INFINITY, f32::min);
        let band_hi = members
            .iter()
            .map(|m| axes(&m.rect).3)
            .fold(f32::NEG_INFINITY, f32::max);
        let mut blocked: Vec<(f32, f32)> = obstacles
            .iter()
            .map(axes)
            .filter(|&(_, _, lo, hi)| lo < band_hi + gap && band_lo - gap < hi)
            .map(|(lo, hi, _, _)| (lo - gap, hi + gap))
            .collect();
        blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
        let wanted: Vec<(f32, f32)> = members
            .iter()
            .map(|m| {
                let (lo, hi, _, _) = axes(&m.rect);
                (lo, hi - lo)
            })
            .collect();
        let forward = pack(&wanted, &blocked, gap);
        let mirrored_wanted: Vec<(f32, f32)> = wanted
            .iter()
            .rev()
            .map(|&(lo, size)| (-(lo + size), size))
            .collect();
        let mirrored_blocked: Vec<(f32, f32)> =
            blocked.iter().rev().map(|&(lo, hi)| (-hi, -lo)).collect();
        let backward: Vec<f32> = pack(&mirrored_wanted, &mirrored_blocked, gap)
            .iter()
            .rev()
            .zip(wanted.iter())
            .map(|(&lo, &(_, size))| -(lo + size))
            .collect();
        let cost = |placed: &[f32]| -> f32 {
            placed
                .iter()
                .zip(&wanted)
                .map(|(p, (w, _))| (p - w).abs())
                .sum()
        };
        let chosen = if cost(&backward) < cost(&forward) {
            backward
        } else {
            forward
        };
        for ((m, lo), (_, size)) in members.iter().zip(chosen).zip(&wanted) {
            let cross = lo + size / 2.0;
            let (x, y) = if tb {
                (cross, m.rect.centre().1)
            } else {
                (m.rect.centre().0, cross)
            };
            out.push((m.node, x, y));
        }
    }
    out
}

/// Low ends for intervals (wanted low end, size), in order, each at least `gap` after the
/// previous one and clear of the sorted `blocked` intervals.
fn pack(wanted: &[(f32, f32)], blocked: &[(f32, f32)], gap: f32) -> Vec<f32> {
    let mut out = Vec::with_capacity(wanted.len());
    let mut cursor = f32::NEG_INFINITY;
    let mut next_block = 0;
    for &(lo, size) in wanted {
        let mut at = lo.max(cursor);
        // Skip blocked intervals that end before `at`; then jump over any that overlaps.
        while let Some(&(b_lo, b_hi)) = blocked.get(next_block) {
            if b_hi <= at {
                next_block += 1;
            } else if b_lo < at + size {
                at = b_hi;
                next_block += 1;
            } else {
                break;
            }
        }
        out.push(at);
        cursor = at + size + gap;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_skip_obstacles_and_keep_their_order() {
        let boxes: Vec<Movable> = (0..4)
            .map(|i| Movable {
                node: i,
                layer: 0,
                rect: Rect::centred(0.0, i as f32 * 100.0, 150.0, 60.0),
            })
            .collect();
        let obstacles = [Rect::centred(10.0, 110.0, 100.0, 100.0)];
        let out = clear_of(&boxes, &obstacles, Direction::LeftToRight, 20.0);
        let rects: Vec<Rect> = out
            .iter()
            .map(|&(_, x, y)| Rect::centred(x, y, 150.0, 60.0))
            .collect();
        for (i, a) in rects.iter().enumerate() {
            assert!(!a.overlaps(&obstacles[0]), "{a:?}");
            for b in &rects[i + 1..] {
                assert!(!a.overlaps(b));
            }
        }
        let ys: Vec<f32> = out.iter().map(|o| o.2).collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
        // Layer coordinate untouched.
        assert!(out.iter().all(|o| o.1 == 0.0));
    }

    #[test]
    fn obstacles_outside_the_band_are_ignored() {
        let boxes = [Movable {
            node: 0,
            layer: 0,
            rect: Rect::centred(0.0, 0.0, 100.0, 50.0),
        }];
        let obstacles = [Rect::centred(500.0, 0.0, 100.0, 100.0)];
        let out = clear_of(&boxes, &obstacles, Direction::LeftToRight, 20.0);
        assert_eq!(out, vec![(0, 0.0, 0.0)]);
    }
}
