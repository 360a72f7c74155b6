//! Coordinate assignment across the layers: where each item sits along its layer.
//!
//! Brandes and Köpf's method ("Fast and simple horizontal coordinate assignment", 2001):
//! four times — aligning each item with the median of its neighbours above or below,
//! scanning left to right or right to left — items are grouped into vertical blocks that
//! share one coordinate, and the blocks are packed as far to one side as the separation
//! constraints allow; the result is the average of the two middle candidates of the four.
//! Long edges come out straight (their dummies are aligned first) and it runs in linear time.
//!
//! Groups add constraints: each group spanning a layer has a left and a right boundary, its
//! members lie between them with padding, and an item or group next to it lies outside. The
//! packing is a longest path over those difference constraints, and because each of the four
//! candidates satisfies every constraint, so does their median (order statistics keep
//! differences). An alignment that would pull an item across a group boundary is refused;
//! should the constraints still loop, the blocks are dropped and, at worst, groups ignored.
//!
//! Indices are dense and built by the earlier phases; every index used is in range by
//! construction.

use std::collections::HashSet;

use super::hierarchy::GroupTree;
use super::proper::{Item, Layered};

/// Spacing along the layers, in canvas units.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spacing {
    /// Between neighbouring boxes.
    pub gap: f32,
    /// Between a group's boundary and its contents on the low side (left, or top for
    /// left-to-right layouts where the title sits there).
    pub pad_low: f32,
    /// The same on the high side.
    pub pad_high: f32,
}

/// The coordinate along its layer of each item's centre; `half[i]` is half the item's
/// extent along the layer.
pub(crate) fn assign(lg: &Layered, tree: &GroupTree, half: &[f32], spacing: Spacing) -> Vec<f32> {
    let n = lg.len();
    let mut candidates: Vec<(bool, Vec<f64>)> = Vec::with_capacity(4);
    for (mirrored, flipped) in [(false, false), (true, false), (false, true), (true, true)] {
        let view = View::new(lg, mirrored, flipped);
        let x = view
            .place(lg, tree, half, spacing, true)
            .or_else(|| view.place(lg, tree, half, spacing, false));
        if let Some(mut x) = x {
            if mirrored {
                for v in &mut x {
                    *v = -*v;
                }
            }
            candidates.push((mirrored, x));
        }
    }
    if candidates.is_empty() {
        return packed(lg, half, spacing.gap);
    }
    let extent = |x: &[f64]| -> (f64, f64) {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for v in 0..n {
            lo = lo.min(x[v] - f64::from(half[v]));
            hi = hi.max(x[v] + f64::from(half[v]));
        }
        (lo, hi)
    };
    let Some((lo, hi)) = candidates
        .iter()
        .map(|(_, x)| extent(x))
        .min_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
    else {
        return packed(lg, half, spacing.gap);
    };
    for (mirrored, x) in &mut candidates {
        let (l, h) = extent(x);
        let shift = if *mirrored { hi - h } else { lo - l };
        for v in x.iter_mut() {
            *v += shift;
        }
    }
    (0..n)
        .map(|v| {
            let mut xs: Vec<f64> = candidates.iter().map(|(_, x)| x[v]).collect();
            xs.sort_by(f64::total_cmp);
            let m = xs.len();
            let value = if m % 2 == 1 {
                xs[m / 2]
            } else {
                (xs[m / 2 - 1] + xs[m / 2]) / 2.0
            };
            value as f32
        })
        .collect()
}

/// Every layer packed from 0 with gaps, ignoring groups: the last resort.
fn packed(lg: &Layered, half: &[f32], gap: f32) -> Vec<f32> {
    let mut x = vec![0.0; lg.len()];
    for layer in &lg.layers {
        let mut at = 0.0;
        for &v in layer {
            x[v] = at + half[v];
            at += 2.0 * half[v] + gap;
        }
    }
    x
}

/// The layered graph seen mirrored (right to left) and/or flipped (bottom to top), so one
/// left-to-right, top-down procedure serves all four passes.
struct View<'a> {
    mirrored: bool,
    /// Layers in the order the pass visits them.
    layers: Vec<Vec<usize>>,
    pos: Vec<usize>,
    /// Neighbours in the layer visited before.
    upper: &'a [Vec<(usize, u32)>],
}

impl<'a> View<'a> {
    fn new(lg: &'a Layered, mirrored: bool, flipped: bool) -> Self {
        let mut layers: Vec<Vec<usize>> = lg.layers.clone();
        if mirrored {
            for layer in &mut layers {
                layer.reverse();
            }
        }
        if flipped {
            layers.reverse();
        }
        let mut pos = vec![0; lg.len()];
        for layer in &layers {
            for (p, &v) in layer.iter().enumerate() {
                pos[v] = p;
            }
        }
        let upper = if flipped { &lg.down } else { &lg.up };
        Self {
            mirrored,
            layers,
            pos,
            upper,
        }
    }

    fn upper_sorted(&self, v: usize) -> Vec<usize> {
        let mut ups: Vec<usize> = self.upper[v].iter().map(|&(u, _)| u).collect();
        ups.sort_by_key(|&u| self.pos[u]);
        ups.dedup();
        ups
    }

    /// Segments (upper, lower) that cross an inner segment (dummy to dummy): they yield to
    /// it when blocks are formed.
    fn conflicts(&self, lg: &Layered) -> HashSet<(usize, usize)> {
        let mut marked = HashSet::new();
        let is_dummy = |v: usize| lg.item[v] == Item::Dummy;
        for l in 1..self.layers.len() {
            let upper_len = self.layers[l - 1].len();
            let lower = &self.layers[l];
            let mut k0 = 0usize;
            let mut scan = 0usize;
            for (l1, &v) in lower.iter().enumerate() {
                let inner = if is_dummy(v) {
                    self.upper[v].iter().map(|&(u, _)| u).find(|&u| is_dummy(u))
                } else {
                    None
                };
                if l1 + 1 == lower.len() || inner.is_some() {
                    let k1 = inner.map_or(upper_len.saturating_sub(1), |u| self.pos[u]);
                    while scan <= l1 {
                        let w = lower[scan];
                        for &(u, _) in &self.upper[w] {
                            if self.pos[u] < k0 || self.pos[u] > k1 {
                                marked.insert((u, w));
                            }
                        }
                        scan += 1;
                    }
                    k0 = k1;
                }
            }
        }
        marked
    }

    /// Whether aligning `u` and `v` keeps every group spanning both layers on one side.
    fn may_align(lg: &Layered, tree: &GroupTree, u: usize, v: usize) -> bool {
        let (pu, pv) = (tree.path_of(lg.group[u]), tree.path_of(lg.group[v]));
        let (lu, lv) = (lg.layer[u], lg.layer[v]);
        let (top, bottom) = (lu.min(lv), lu.max(lv));
        let spans_both = |g: usize| {
            lg.span
                .get(g)
                .copied()
                .flatten()
                .is_some_and(|(a, b)| a <= top && bottom <= b)
        };
        pu.iter()
            .filter(|g| !pv.contains(g))
            .chain(pv.iter().filter(|g| !pu.contains(g)))
            .all(|&g| !spans_both(g))
    }

    /// Block roots: each item aligned with a median upper neighbour where allowed.
    fn align(&self, lg: &Layered, tree: &GroupTree) -> Vec<usize> {
        let n = lg.len();
        let marked = self.conflicts(lg);
        let mut root: Vec<usize> = (0..n).collect();
        let mut align: Vec<usize> = (0..n).collect();
        for layer in self.layers.iter().skip(1) {
            let mut r: isize = -1;
            for &v in layer {
                let ups = self.upper_sorted(v);
                if ups.is_empty() {
                    continue;
                }
                let d = ups.len();
                let mut medians = vec![(d - 1) / 2];
                if d.is_multiple_of(2) {
                    medians.push(d / 2);
                }
                for m in medians {
                    if align[v] != v {
                        break;
                    }
                    let u = ups[m];
                    let pu = self.pos[u] as isize;
                    if !marked.contains(&(u, v)) && r < pu && Self::may_align(lg, tree, u, v) {
                        align[u] = v;
                        root[v] = root[u];
                        align[v] = root[v];
                        r = pu;
                    }
                }
            }
        }
        root
    }

    /// Packs blocks (or single items) to the left of the view; `None` if the constraints
    /// loop.
    fn place(
        &self,
        lg: &Layered,
        tree: &GroupTree,
        half: &[f32],
        spacing: Spacing,
        blocks: bool,
    ) -> Option<Vec<f64>> {
        let n = lg.len();
        let root = if blocks {
            self.align(lg, tree)
        } else {
            (0..n).collect()
        };
        let (pad_lo, pad_hi) = if self.mirrored {
            (spacing.pad_high, spacing.pad_low)
        } else {
            (spacing.pad_low, spacing.pad_high)
        };
        let groups = tree.len();
        let lo = |g: usize| n + 2 * g;
        let hi = |g: usize| n + 2 * g + 1;
        let vars = n + 2 * groups;
        let mut edges: Vec<Vec<(usize, f64)>> = vec![Vec::new(); vars];
        let var = |v: usize| if v < n { root[v] } else { v };
        let mut push = |a: usize, b: usize, d: f32| -> bool {
            let (a, b) = (var(a), var(b));
            if a == b {
                return d <= 0.0;
            }
            edges[a].push((b, f64::from(d)));
            true
        };
        let has_span = |g: usize| lg.span.get(g).copied().flatten().is_some();
        for g in (0..groups).filter(|&g| has_span(g)) {
            if let Some(p) = tree.parent.get(g).copied().flatten()
                && has_span(p)
                && (!push(lo(p), lo(g), pad_lo) || !push(hi(g), hi(p), pad_hi))
            {
                return None;
            }
        }
        let solid = |v: usize| lg.item[v] != Item::Dummy && lg.item[v] != Item::Filler;
        for layer in &self.layers {
            for &v in layer {
                if let Some(g) = lg.group[v]
                    && (!push(lo(g), v, half[v] + pad_lo) || !push(v, hi(g), half[v] + pad_hi))
                {
                    return None;
                }
            }
            for pair in layer.windows(2) {
                let (u, v) = (pair[0], pair[1]);
                let (pu, pv) = (tree.path_of(lg.group[u]), tree.path_of(lg.group[v]));
                let k = pu.iter().zip(pv).take_while(|(a, b)| a == b).count();
                let gap = if solid(u) && solid(v) {
                    spacing.gap
                } else {
                    spacing.gap / 2.0
                };
                let (a, da) = match pu.get(k) {
                    Some(&g) => (hi(g), 0.0),
                    None => (u, half[u]),
                };
                let (b, db) = match pv.get(k) {
                    Some(&g) => (lo(g), 0.0),
                    None => (v, half[v]),
                };
                if !push(a, b, da + gap + db) {
                    return None;
                }
            }
        }
        // Longest path over the constraint graph (Kahn's order).
        let mut indeg = vec![0usize; vars];
        for list in &edges {
            for &(b, _) in list {
                indeg[b] += 1;
            }
        }
        let mut x = vec![0.0f64; vars];
        let mut stack: Vec<usize> = (0..vars).rev().filter(|&v| indeg[v] == 0).collect();
        let mut seen = 0;
        while let Some(a) = stack.pop() {
            seen += 1;
            for &(b, d) in &edges[a] {
                x[b] = x[b].max(x[a] + d);
                indeg[b] -= 1;
                if indeg[b] == 0 {
                    stack.push(b);
                }
            }
        }
        if seen < vars {
            return None;
        }
        Some((0..n).map(|v| x[root[v]]).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::graph::Graph;
    use crate::model::{Architecture, Id};

    fn layered(layers: &[usize], edges: &[(usize, usize)]) -> Layered {
        let arch = Architecture::new("t");
        let ids: Vec<Id> = (0..layers.len())
            .map(|i| Id::new(format!("n{i:03}")).unwrap())
            .collect();
        let g = Graph {
            size: vec![(10.0, 10.0); ids.len()],
            edges: edges.iter().map(|&(a, b)| (a, b, 1)).collect(),
            groups: GroupTree::new(&arch, &ids),
            ids,
        };
        let ranks: Vec<i32> = layers.iter().map(|&l| l as i32).collect();
        Layered::new(&g, &ranks)
    }

    const SPACING: Spacing = Spacing {
        gap: 10.0,
        pad_low: 5.0,
        pad_high: 5.0,
    };

    #[test]
    fn a_chain_is_straight() {
        let lg = layered(&[0, 1, 2], &[(0, 1), (1, 2)]);
        let half = vec![20.0; lg.len()];
        let x = assign(&lg, &GroupTree::default(), &half, SPACING);
        assert_eq!(x[0], x[1]);
        assert_eq!(x[1], x[2]);
    }

    #[test]
    fn neighbours_keep_their_order_and_distance() {
        let lg = layered(
            &[0, 0, 0, 1, 1, 2],
            &[(0, 3), (1, 3), (2, 4), (3, 5), (4, 5)],
        );
        let half: Vec<f32> = (0..lg.len()).map(|i| 10.0 + i as f32).collect();
        let x = assign(&lg, &GroupTree::default(), &half, SPACING);
        for layer in &lg.layers {
            for pair in layer.windows(2) {
                let (u, v) = (pair[0], pair[1]);
                assert!(x[v] - half[v] - (x[u] + half[u]) >= 4.999, "{x:?}");
            }
        }
        // The parent of two children sits between them.
        assert!(
            x[3] > x[0] && x[3] < x[1] || (x[3] - x[0]).abs() < 1e-3 || (x[3] - x[1]).abs() < 1e-3
        );
    }
}
