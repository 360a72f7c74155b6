//! Crossing minimisation: the order of the items within each layer.
//!
//! Layer-by-layer sweeps, alternately down and up, sort each layer by the median position of
//! its neighbours in the layer just fixed (Eades and Wormald's median heuristic, with the
//! weighted interpolation `dot` uses for even counts), then adjacent items are swapped while
//! that removes crossings ("transpose"). The best order seen is kept; sweeping stops after
//! several sweeps without real progress. Like `dot`, this runs from two starting orders
//! (breadth-first from the top and from the bottom) and refines the better one again. Last,
//! sifting moves each item to its best place in its layer against both neighbouring layers,
//! which finds what adjacent swaps cannot (it removes about a tenth of the remaining
//! crossings on the generated benchmarks, and is what brings us level with `dot`). Crossings between two layers are counted with a
//! Fenwick tree in O(E log V) (Barth, Jünger and Mutzel's method).
//!
//! [`polish`] makes the same kinds of moves against a cost the caller gives (the engine's:
//! the crossings of the finished drawing with straight connections), for small drawings.
//!
//! Groups are kept together by sorting hierarchically: inside a layer, the items and child
//! groups of a group are sorted on their own and each child group moves as one block. Sibling
//! groups keep one order across all layers (updated between sweeps from where their members
//! went), which is what lets the positioning phase draw each group as one rectangle. Swaps
//! only exchange neighbours of the same innermost group.

use std::cmp::Ordering;

use super::hierarchy::GroupTree;
use super::options::{Cancelled, Control, Phase};
use super::proper::{Item, Layered};
use crate::model::generate::Rng;

/// Sweeps at most.
const MAX_SWEEPS: usize = 24;
/// Sweeps without an improvement of at least [`CONVERGENCE`] before giving up.
const PATIENCE: usize = 8;
/// An improvement counts when the crossings drop below this share of the best so far.
const CONVERGENCE: f64 = 0.995;
/// Transpose passes at most per sweep.
const MAX_TRANSPOSE_PASSES: usize = 12;

/// A layered graph with more items than this, and over three times as many items as nodes,
/// is mostly long edges: there, fewer transpose passes per sweep keep the time in check (the
/// sifting at the end still runs in full).
const DUMMY_HEAVY_ITEMS: usize = 5000;
/// Transpose passes per sweep for such graphs.
const DUMMY_HEAVY_TRANSPOSE_PASSES: usize = 4;
/// Sibling groups up to this many are sifted (each tried at every place among the others);
/// more are only swapped with their neighbours.
const SIFT_GROUPS_UP_TO: usize = 12;
/// Sifting rounds at most after the sweeps.
const MAX_SIFT_ROUNDS: usize = 10;

/// Reorders the layers of `lg` to reduce crossings.
pub(crate) fn minimise(
    lg: &mut Layered,
    tree: &GroupTree,
    control: &Control<'_>,
) -> Result<(), Cancelled> {
    let mut o = Orderer::new(lg, tree);
    let starts = vec![o.breadth_first(true), o.breadth_first(false)];
    o.run(starts, control)
}

/// Like [`minimise`], but from one random order of every layer (drawn from `seed`): a restart
/// that may end in another local optimum, for callers that try several and keep the best.
pub(crate) fn minimise_from_random(
    lg: &mut Layered,
    tree: &GroupTree,
    control: &Control<'_>,
    seed: u64,
) -> Result<(), Cancelled> {
    let mut rng = Rng::new(seed);
    let mut layers = lg.layers.clone();
    for layer in &mut layers {
        // Fisher–Yates.
        for i in (1..layer.len()).rev() {
            layer.swap(i, rng.below(i + 1));
        }
    }
    let mut o = Orderer::new(lg, tree);
    o.run(vec![layers], control)
}

/// Improves the order of `lg` against `cost`, the caller's judge of a whole order (such as
/// the crossings of the finished drawing, with straight connections), by the moves the sweeps
/// make: sibling groups moved among one another, neighbours in one group swapped. A move is
/// kept only if it lowers the cost; `best` is the cost of the order given, and at most
/// `evaluations` orders are judged. Returns the cost of the order left in place.
pub(crate) fn polish(
    lg: &mut Layered,
    tree: &GroupTree,
    cost: &mut dyn FnMut(&Layered) -> u64,
    mut best: u64,
    evaluations: usize,
) -> u64 {
    const ROUNDS: usize = 4;
    let mut left = evaluations;
    // Out of budget, every order is judged worse than the current one: nothing moves.
    let mut judge = |lg: &Layered| {
        if left == 0 {
            return u64::MAX;
        }
        left -= 1;
        cost(lg)
    };
    let mut o = Orderer::new(lg, tree);
    o.update_group_keys();
    for _ in 0..ROUNDS {
        let mut moved = false;
        if o.has_groups {
            moved |= o.swap_sibling_groups(&mut judge, &mut best);
        }
        moved |= o.swap_neighbours(&mut judge, &mut best);
        if !moved || best == 0 {
            break;
        }
    }
    best
}

struct Orderer<'a> {
    lg: &'a mut Layered,
    tree: &'a GroupTree,
    has_groups: bool,
    /// Sibling order key of each group (smaller is further left).
    group_key: Vec<f64>,
    keys: Vec<f64>,
    /// Sum and count of each group's block keys during a sweep: where its neighbours pull it.
    block_sum: Vec<(f64, usize)>,
    /// Transpose passes per sweep.
    transpose_passes: usize,
}

impl<'a> Orderer<'a> {
    fn new(lg: &'a mut Layered, tree: &'a GroupTree) -> Self {
        let has_groups = lg.group.iter().any(Option::is_some);
        let n = lg.len();
        let nodes = lg
            .item
            .iter()
            .filter(|i| matches!(i, Item::Node(_)))
            .count();
        Self {
            lg,
            tree,
            has_groups,
            group_key: vec![0.0; tree.len()],
            keys: vec![0.0; n],
            block_sum: vec![(0.0, 0); tree.len()],
            transpose_passes: if n > DUMMY_HEAVY_ITEMS && n > 3 * nodes {
                DUMMY_HEAVY_TRANSPOSE_PASSES
            } else {
                MAX_TRANSPOSE_PASSES
            },
        }
    }

    /// Refines each of `starts` by sweeps, refines the best once more, then sifts it.
    fn run(
        &mut self,
        starts: Vec<Vec<Vec<usize>>>,
        control: &Control<'_>,
    ) -> Result<(), Cancelled> {
        let passes = starts.len() + 1;
        let mut best: Option<(u64, Vec<Vec<usize>>, Vec<f64>)> = None;
        for (pass, start) in starts.into_iter().enumerate() {
            self.set_order(start);
            if self.has_groups {
                self.make_groups_contiguous();
            }
            let crossings = self.refine(control, pass as f32, passes)?;
            if best.as_ref().is_none_or(|(c, _, _)| crossings < *c) {
                best = Some((crossings, self.lg.layers.clone(), self.group_key.clone()));
            }
            if crossings == 0 {
                break;
            }
        }
        if let Some((crossings, layers, keys)) = best {
            self.set_order(layers);
            self.group_key = keys;
            if crossings > 0 {
                // The last pass's second half is the sifting below.
                self.refine(control, (passes - 1) as f32, passes)?;
            }
        }
        if self.has_groups {
            let mut best = count_all(self.lg);
            self.swap_sibling_groups(&mut count_all, &mut best);
        }
        // Sifting, until a round gains less than a fraction of a percent.
        let mut crossings = count_all(self.lg);
        for round in 0..MAX_SIFT_ROUNDS {
            control.step(
                Phase::Ordering,
                (passes as f32 - 0.5 + round as f32 / MAX_SIFT_ROUNDS as f32 / 2.0) / passes as f32,
            )?;
            let gained = self.sift();
            if (gained as f64) < (1.0 - CONVERGENCE) * crossings as f64 || gained == 0 {
                break;
            }
            crossings -= gained.min(crossings);
        }
        Ok(())
    }

    fn set_order(&mut self, layers: Vec<Vec<usize>>) {
        self.lg.layers = layers;
        self.lg.refresh_positions();
    }

    /// Sorts every layer hierarchically by current position, so each group is one run.
    fn make_groups_contiguous(&mut self) {
        self.update_group_keys();
        for l in 0..self.lg.layers.len() {
            for &v in &self.lg.layers[l] {
                self.keys[v] = self.lg.pos[v] as f64;
            }
            self.arrange(l, false);
        }
        self.block_sum.iter_mut().for_each(|s| *s = (0.0, 0));
    }

    /// Items in the order a breadth-first search reaches them, from the sources (`down`) or
    /// from the sinks, as `dot` starts its passes.
    fn breadth_first(&self, down: bool) -> Vec<Vec<usize>> {
        let lg = &*self.lg;
        let n = lg.len();
        let mut layers: Vec<Vec<usize>> = vec![Vec::new(); lg.layers.len()];
        let mut seen = vec![false; n];
        let mut starts: Vec<usize> = (0..n)
            .filter(|&v| {
                if down {
                    lg.up[v].is_empty()
                } else {
                    lg.down[v].is_empty()
                }
            })
            .collect();
        starts.sort_by_key(|&v| {
            (
                if down {
                    lg.layer[v]
                } else {
                    usize::MAX - lg.layer[v]
                },
                v,
            )
        });
        starts.extend(0..n);
        let mut queue = std::collections::VecDeque::new();
        for s in starts {
            if seen[s] {
                continue;
            }
            seen[s] = true;
            queue.push_back(s);
            while let Some(v) = queue.pop_front() {
                layers[lg.layer[v]].push(v);
                let (first, second) = if down {
                    (&lg.down[v], &lg.up[v])
                } else {
                    (&lg.up[v], &lg.down[v])
                };
                for &(w, _) in first.iter().chain(second) {
                    if !seen[w] {
                        seen[w] = true;
                        queue.push_back(w);
                    }
                }
            }
        }
        layers
    }

    /// Sweeps from the current order until they stop paying; leaves the best order seen in
    /// place and returns its crossings.
    fn refine(
        &mut self,
        control: &Control<'_>,
        pass: f32,
        passes: usize,
    ) -> Result<u64, Cancelled> {
        self.transpose(false);
        let mut best = self.lg.layers.clone();
        let mut best_keys = self.group_key.clone();
        let mut best_crossings = count_all(self.lg);
        let mut trying = 0;
        for sweep in 0..MAX_SWEEPS {
            let share = if pass + 1.0 >= passes as f32 {
                0.5
            } else {
                1.0
            };
            let done = (pass + share * sweep as f32 / MAX_SWEEPS as f32) / passes as f32;
            control.step(Phase::Ordering, done)?;
            if trying >= PATIENCE || best_crossings == 0 {
                break;
            }
            trying += 1;
            let downwards = sweep % 2 == 0;
            let reverse = sweep % 4 < 2;
            self.sweep(downwards, reverse);
            self.transpose(!reverse);
            if self.has_groups {
                self.update_group_keys_from_sweep();
                // The sweep left its first layer sorted by the old sibling order; every layer
                // must follow the new one, or two sibling groups swap places from one layer
                // to the next and no rectangles can hold them.
                self.rearrange_all();
            }
            let crossings = count_all(self.lg);
            if crossings <= best_crossings {
                if (crossings as f64) < CONVERGENCE * best_crossings as f64 {
                    trying = 0;
                }
                best_crossings = crossings;
                best.clone_from(&self.lg.layers);
                best_keys.clone_from(&self.group_key);
            }
        }
        self.set_order(best);
        self.group_key = best_keys;
        Ok(best_crossings)
    }

    /// One pass over the layers, each sorted by its neighbours in the layer before it.
    fn sweep(&mut self, downwards: bool, reverse: bool) {
        let layers = self.lg.layers.len();
        let order: Vec<usize> = if downwards {
            (1..layers).collect()
        } else {
            (0..layers.saturating_sub(1)).rev().collect()
        };
        for l in order {
            self.median_keys(l, downwards);
            self.arrange(l, reverse);
        }
    }

    /// Median position of each item's neighbours in the fixed layer (above when sweeping
    /// down); NaN for items without any.
    fn median_keys(&mut self, l: usize, from_above: bool) {
        let mut scratch: Vec<f64> = Vec::new();
        for &v in &self.lg.layers[l] {
            let neighbours = if from_above {
                &self.lg.up[v]
            } else {
                &self.lg.down[v]
            };
            scratch.clear();
            scratch.extend(neighbours.iter().map(|&(w, _)| self.lg.pos[w] as f64));
            scratch.sort_by(f64::total_cmp);
            self.keys[v] = median(&scratch);
        }
    }

    /// Sorts layer `l` by `keys`; items without a key keep their place after their current
    /// left neighbour. Equal keys keep their order, or swap it when `reverse`.
    fn arrange(&mut self, l: usize, reverse: bool) {
        let layer = &self.lg.layers[l];
        // Fill missing keys from the left (or from the first key for a leading run).
        let first = layer
            .iter()
            .map(|&v| self.keys[v])
            .find(|k| !k.is_nan())
            .unwrap_or(0.0);
        let mut last = first;
        for &v in layer {
            if self.keys[v].is_nan() {
                self.keys[v] = last;
            } else {
                last = self.keys[v];
            }
        }
        let keys = &self.keys;
        let pos = &self.lg.pos;
        let cmp = |a: &usize, b: &usize| -> Ordering {
            keys[*a].total_cmp(&keys[*b]).then_with(|| {
                if reverse {
                    pos[*b].cmp(&pos[*a])
                } else {
                    pos[*a].cmp(&pos[*b])
                }
            })
        };
        let mut items = layer.clone();
        if self.has_groups {
            let mut blocks = Vec::new();
            items = self.arrange_level(&items, 0, &cmp, &mut blocks);
            for (g, key) in blocks {
                if let Some(sum) = self.block_sum.get_mut(g) {
                    sum.0 += key;
                    sum.1 += 1;
                }
            }
        } else {
            items.sort_by(cmp);
        }
        for (p, &v) in items.iter().enumerate() {
            self.lg.pos[v] = p;
        }
        self.lg.layers[l] = items;
    }

    /// Orders `items` (all inside the same group at `depth` of their paths): direct items by
    /// key, child groups as blocks in their sibling order, merged by key.
    fn arrange_level(
        &self,
        items: &[usize],
        depth: usize,
        cmp: &dyn Fn(&usize, &usize) -> Ordering,
        blocks_seen: &mut Vec<(usize, f64)>,
    ) -> Vec<usize> {
        let mut direct: Vec<usize> = Vec::new();
        let mut children: Vec<(usize, Vec<usize>)> = Vec::new();
        for &v in items {
            let path = self.tree.path_of(self.lg.group[v]);
            match path.get(depth) {
                None => direct.push(v),
                Some(&g) => match children.iter_mut().find(|(c, _)| *c == g) {
                    Some((_, list)) => list.push(v),
                    None => children.push((g, vec![v])),
                },
            }
        }
        direct.sort_by(cmp);
        children.sort_by(|(a, _), (b, _)| {
            self.group_key[*a]
                .total_cmp(&self.group_key[*b])
                .then(a.cmp(b))
        });
        let blocks: Vec<(f64, Vec<usize>)> = children
            .iter()
            .map(|(g, list)| {
                let key = list.iter().map(|&v| self.keys[v]).sum::<f64>() / list.len() as f64;
                blocks_seen.push((*g, key));
                (key, self.arrange_level(list, depth + 1, cmp, blocks_seen))
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        let mut d = direct.into_iter().peekable();
        let mut b = blocks.into_iter().peekable();
        loop {
            let take_direct = match (d.peek(), b.peek()) {
                (Some(&v), Some((key, _))) => self.keys[v] < *key,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_direct {
                out.extend(d.next());
            } else if let Some((_, block)) = b.next() {
                out.extend(block);
            }
        }
        out
    }

    /// Sibling order of the groups: the mean position of their items over all layers.
    fn update_group_keys(&mut self) {
        let groups = self.tree.len();
        let mut sum = vec![0.0f64; groups];
        let mut count = vec![0usize; groups];
        for v in 0..self.lg.len() {
            for &g in self.tree.path_of(self.lg.group[v]) {
                sum[g] += self.lg.pos[v] as f64;
                count[g] += 1;
            }
        }
        for g in 0..groups {
            if count[g] > 0 {
                self.group_key[g] = sum[g] / count[g] as f64;
            }
        }
    }

    /// Tries exchanging neighbouring sibling groups in every layer at once, keeping each
    /// exchange that removes crossings: sweeps move groups only as far as their members'
    /// medians pull them, which can leave two groups in the wrong order.
    /// `cost` rates an order (lower is better) and `best` is the current order's cost; on
    /// return it is the cost of the order left in place. Returns whether anything moved.
    fn swap_sibling_groups(
        &mut self,
        cost: &mut dyn FnMut(&Layered) -> u64,
        best: &mut u64,
    ) -> bool {
        const ROUNDS: usize = 3;
        let mut moved = false;
        for _ in 0..ROUNDS {
            let mut improved = false;
            // Siblings by parent, in their current order.
            let mut parents: Vec<Option<usize>> = (0..self.tree.len())
                .map(|g| self.tree.parent.get(g).copied().flatten())
                .collect();
            parents.sort_unstable();
            parents.dedup();
            for parent in parents {
                let mut siblings: Vec<usize> = (0..self.tree.len())
                    .filter(|&g| self.tree.parent.get(g).copied().flatten() == parent)
                    .filter(|&g| self.lg.span.get(g).copied().flatten().is_some())
                    .collect();
                siblings.sort_by(|a, b| {
                    self.group_key[*a]
                        .total_cmp(&self.group_key[*b])
                        .then(a.cmp(b))
                });
                if siblings.len() <= SIFT_GROUPS_UP_TO {
                    improved |= self.sift_groups(&siblings, cost, best);
                    continue;
                }
                for i in 0..siblings.len().saturating_sub(1) {
                    let (a, b) = (siblings[i], siblings[i + 1]);
                    let saved = (self.lg.layers.clone(), self.group_key.clone());
                    let (ka, kb) = (self.group_key[a], self.group_key[b]);
                    self.group_key[a] = kb;
                    self.group_key[b] = ka;
                    if ka == kb {
                        self.group_key[b] = ka - 1e-9;
                    }
                    self.rearrange_all();
                    let crossings = cost(self.lg);
                    if crossings < *best {
                        *best = crossings;
                        improved = true;
                        siblings.swap(i, i + 1);
                    } else {
                        self.set_order(saved.0);
                        self.group_key = saved.1;
                    }
                }
            }
            if !improved {
                break;
            }
            moved = true;
        }
        moved
    }

    /// Moves each of `siblings` (in their current order) to the place among the others where
    /// `cost` is lowest; `best` is the current cost. Returns whether anything moved.
    fn sift_groups(
        &mut self,
        siblings: &[usize],
        cost: &mut dyn FnMut(&Layered) -> u64,
        best: &mut u64,
    ) -> bool {
        let mut order: Vec<usize> = siblings.to_vec();
        let mut moved = false;
        for &g in siblings {
            let Some(from) = order.iter().position(|&x| x == g) else {
                continue;
            };
            let saved = (self.lg.layers.clone(), self.group_key.clone());
            let mut best_slot: Option<(u64, Vec<usize>, Vec<Vec<usize>>)> = None;
            for slot in 0..order.len() {
                if slot == from {
                    continue;
                }
                let mut trial = order.clone();
                trial.remove(from);
                trial.insert(slot, g);
                self.set_order(saved.0.clone());
                self.group_key.clone_from(&saved.1);
                // Sibling keys in trial order, spread over the old keys' range.
                let mut keys: Vec<f64> = order.iter().map(|&x| saved.1[x]).collect();
                keys.sort_by(f64::total_cmp);
                for (k, &x) in trial.iter().enumerate() {
                    self.group_key[x] = keys[k] + k as f64 * 1e-9;
                }
                self.rearrange_all();
                let c = cost(self.lg);
                if c < *best && best_slot.as_ref().is_none_or(|(bc, _, _)| c < *bc) {
                    best_slot = Some((c, trial, self.lg.layers.clone()));
                }
            }
            match best_slot {
                Some((c, trial, layers)) => {
                    *best = c;
                    let mut keys: Vec<f64> = order.iter().map(|&x| saved.1[x]).collect();
                    keys.sort_by(f64::total_cmp);
                    self.group_key = saved.1;
                    for (k, &x) in trial.iter().enumerate() {
                        self.group_key[x] = keys[k] + k as f64 * 1e-9;
                    }
                    self.set_order(layers);
                    order = trial;
                    moved = true;
                }
                None => {
                    self.set_order(saved.0);
                    self.group_key = saved.1;
                }
            }
        }
        moved
    }

    /// Re-sorts every layer by current position under the current sibling order.
    fn rearrange_all(&mut self) {
        for l in 0..self.lg.layers.len() {
            for &v in &self.lg.layers[l] {
                self.keys[v] = self.lg.pos[v] as f64;
            }
            self.arrange(l, false);
        }
        self.block_sum.iter_mut().for_each(|s| *s = (0.0, 0));
    }

    /// Sibling order of the groups after a sweep: the mean key of their blocks, that is,
    /// where their neighbours pulled them.
    fn update_group_keys_from_sweep(&mut self) {
        for (key, sum) in self.group_key.iter_mut().zip(self.block_sum.iter_mut()) {
            if sum.1 > 0 {
                *key = sum.0 / sum.1 as f64;
            }
            *sum = (0.0, 0);
        }
    }

    /// Swaps neighbours of the same group while that removes crossings.
    fn transpose(&mut self, reverse: bool) {
        let layers = self.lg.layers.len();
        let mut candidate = vec![true; layers];
        for _ in 0..self.transpose_passes {
            let mut gained = 0u64;
            for l in 0..layers {
                if !candidate[l] {
                    continue;
                }
                candidate[l] = false;
                let len = self.lg.layers[l].len();
                for i in 0..len.saturating_sub(1) {
                    let u = self.lg.layers[l][i];
                    let v = self.lg.layers[l][i + 1];
                    if self.lg.group[u] != self.lg.group[v] {
                        continue;
                    }
                    let (c0, c1) = self.pair_crossings(u, v);
                    if c0 == 0 {
                        continue;
                    }
                    if c1 < c0 || (reverse && c1 == c0) {
                        self.lg.layers[l].swap(i, i + 1);
                        self.lg.pos[u] = i + 1;
                        self.lg.pos[v] = i;
                        gained += c0 - c1;
                        candidate[l] = true;
                        if l > 0 {
                            candidate[l - 1] = true;
                        }
                        if l + 1 < layers {
                            candidate[l + 1] = true;
                        }
                    }
                }
            }
            if gained == 0 {
                break;
            }
        }
    }

    /// Swaps neighbours of the same group where that lowers `cost` (`best`: the current
    /// cost). Returns whether anything moved.
    fn swap_neighbours(&mut self, cost: &mut dyn FnMut(&Layered) -> u64, best: &mut u64) -> bool {
        let mut moved = false;
        for l in 0..self.lg.layers.len() {
            for i in 0..self.lg.layers[l].len().saturating_sub(1) {
                let (u, v) = (self.lg.layers[l][i], self.lg.layers[l][i + 1]);
                if self.lg.group[u] != self.lg.group[v] {
                    continue;
                }
                self.lg.layers[l].swap(i, i + 1);
                self.lg.pos[u] = i + 1;
                self.lg.pos[v] = i;
                let c = cost(self.lg);
                if c < *best {
                    *best = c;
                    moved = true;
                } else {
                    self.lg.layers[l].swap(i, i + 1);
                    self.lg.pos[u] = i;
                    self.lg.pos[v] = i + 1;
                }
            }
        }
        moved
    }

    /// Moves each item to the place within its run of same-group neighbours where it crosses
    /// least (Matuszewski, Schönfeld and Molitor's sifting, against both neighbouring layers).
    /// Returns the crossings removed.
    fn sift(&mut self) -> u64 {
        let mut gained = 0u64;
        let mut before: Vec<u64> = Vec::new();
        let mut after: Vec<u64> = Vec::new();
        let mut left_of: Vec<u64> = Vec::new();
        for l in 0..self.lg.layers.len() {
            let len = self.lg.layers[l].len();
            let mut order: Vec<usize> = self.lg.layers[l].clone();
            // Busiest items first.
            order.sort_by_key(|&v| std::cmp::Reverse(self.lg.up[v].len() + self.lg.down[v].len()));
            for v in order {
                let p = self.lg.pos[v];
                let group = self.lg.group[v];
                let run = &self.lg.layers[l];
                let mut a = p;
                while a > 0 && self.lg.group[run[a - 1]] == group {
                    a -= 1;
                }
                let mut b = p;
                while b + 1 < len && self.lg.group[run[b + 1]] == group {
                    b += 1;
                }
                if a == b {
                    continue;
                }
                // Crossings of v with each other item u of the run, v left or right of u:
                // for each side, the weight of v's edges ending left and right of each slot
                // of the neighbouring layer, then one look-up per edge of u.
                before.clear();
                after.clear();
                before.resize(b - a + 1, 0);
                after.resize(b - a + 1, 0);
                for side in [l.checked_sub(1), Some(l + 1)] {
                    let Some(adj) = side.filter(|&s| s < self.lg.layers.len()) else {
                        continue;
                    };
                    let up = adj < l;
                    let adj_len = self.lg.layers[adj].len();
                    left_of.clear();
                    left_of.resize(adj_len + 1, 0);
                    let nv = if up { &self.lg.up[v] } else { &self.lg.down[v] };
                    if nv.is_empty() {
                        continue;
                    }
                    let mut total = 0u64;
                    for &(x, w) in nv {
                        left_of[self.lg.pos[x] + 1] += u64::from(w);
                        total += u64::from(w);
                    }
                    // left_of[p] = weight of v's edges ending before slot p.
                    for p in 1..=adj_len {
                        left_of[p] += left_of[p - 1];
                    }
                    let layer = &self.lg.layers[l];
                    for (k, &u) in layer[a..=b].iter().enumerate() {
                        if u == v {
                            continue;
                        }
                        let nu = if up { &self.lg.up[u] } else { &self.lg.down[u] };
                        for &(y, wy) in nu {
                            let q = self.lg.pos[y];
                            let lt = left_of[q];
                            let gt = total - left_of[q + 1];
                            // v left of u: v's edges ending right of y cross.
                            before[k] += u64::from(wy) * gt;
                            // u left of v: v's edges ending left of y cross.
                            after[k] += u64::from(wy) * lt;
                        }
                    }
                }
                // Cost with v just before run item k (k = 0..=len): sum of `after` for items
                // before k, plus `before` for items from k on.
                let total_before: u64 = before.iter().sum();
                let mut cost = total_before;
                let here = {
                    let mut c = 0;
                    for (k, (bf, af)) in before.iter().zip(&after).enumerate() {
                        c += if k < p - a { *af } else { *bf };
                    }
                    c
                };
                let mut best = (here, p - a);
                for k in 0..=(b - a + 1) {
                    // Slot k: v placed before the k-th item of the run (after all at the end).
                    if cost < best.0 {
                        best = (cost, k);
                    }
                    if let (Some(bf), Some(af)) = (before.get(k), after.get(k)) {
                        cost = cost - bf + af;
                    }
                }
                if best.0 < here {
                    gained += here - best.0;
                    let layer = &mut self.lg.layers[l];
                    layer.remove(p);
                    // Slot index counted with v in place; after removal, slots past p shift.
                    let target = a + best.1;
                    let target = if target > p { target - 1 } else { target };
                    layer.insert(target, v);
                    for (i, &w) in layer.iter().enumerate().take(b + 1).skip(a) {
                        self.lg.pos[w] = i;
                    }
                }
            }
        }
        gained
    }

    /// Crossings among the edges of `u` and `v` (in both neighbouring layers) with `u` left of
    /// `v`, and with `v` left of `u`.
    fn pair_crossings(&self, u: usize, v: usize) -> (u64, u64) {
        let pos = &self.lg.pos;
        let (mut uv, mut vu) = (0u64, 0u64);
        for (nu, nv) in [
            (&self.lg.up[u], &self.lg.up[v]),
            (&self.lg.down[u], &self.lg.down[v]),
        ] {
            for &(a, wa) in nu {
                let pa = pos[a];
                for &(b, wb) in nv {
                    let w = u64::from(wa) * u64::from(wb);
                    match pa.cmp(&pos[b]) {
                        Ordering::Greater => uv += w,
                        Ordering::Less => vu += w,
                        Ordering::Equal => {}
                    }
                }
            }
        }
        (uv, vu)
    }
}

/// `dot`'s median of sorted positions: the middle one, or for an even count the two middle
/// ones weighted towards the side whose positions are packed more tightly.
fn median(p: &[f64]) -> f64 {
    let m = p.len();
    match m {
        0 => f64::NAN,
        1 => p[0],
        2 => (p[0] + p[1]) / 2.0,
        _ if m % 2 == 1 => p[m / 2],
        _ => {
            let (lm, rm) = (m / 2 - 1, m / 2);
            let left = p[lm] - p[0];
            let right = p[m - 1] - p[rm];
            if left + right == 0.0 {
                (p[lm] + p[rm]) / 2.0
            } else {
                (p[lm] * right + p[rm] * left) / (left + right)
            }
        }
    }
}

/// Weighted crossings of the whole layered graph in its current order.
pub(crate) fn count_all(lg: &Layered) -> u64 {
    (0..lg.layers.len().saturating_sub(1))
        .map(|l| count_between(lg, l))
        .sum()
}

/// Weighted crossings between layer `l` and the next one.
fn count_between(lg: &Layered, l: usize) -> u64 {
    let Some(lower_len) = lg.layers.get(l + 1).map(Vec::len) else {
        return 0;
    };
    let mut tree = vec![0u64; lower_len + 1];
    let mut total = 0u64;
    let mut crossings = 0u64;
    let mut ends: Vec<(usize, u32)> = Vec::new();
    for &u in &lg.layers[l] {
        ends.clear();
        ends.extend(lg.down[u].iter().map(|&(w, wt)| (lg.pos[w], wt)));
        ends.sort_unstable();
        for &(p, w) in &ends {
            // Weight of edges so far ending strictly right of p.
            let mut at_or_left = 0u64;
            let mut i = p + 1;
            while i > 0 {
                at_or_left += tree[i];
                i &= i - 1;
            }
            crossings += u64::from(w) * (total - at_or_left);
            let mut i = p + 1;
            while i <= lower_len {
                tree[i] += u64::from(w);
                i += i & i.wrapping_neg();
            }
            total += u64::from(w);
        }
    }
    crossings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::graph::Graph;

    /// A layered graph straight from edges between given layers.
    fn layered(layers: &[usize], edges: &[(usize, usize)]) -> Layered {
        let arch = crate::model::Architecture::new("t");
        let ids: Vec<crate::model::Id> = (0..layers.len())
            .map(|i| crate::model::Id::new(format!("n{i:03}")).unwrap())
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

    fn brute_count(lg: &Layered) -> u64 {
        let mut c = 0;
        for v in 0..lg.len() {
            for w in 0..lg.len() {
                if lg.layer[v] != lg.layer[w] || lg.pos[v] >= lg.pos[w] {
                    continue;
                }
                for &(a, wa) in &lg.down[v] {
                    for &(b, wb) in &lg.down[w] {
                        if lg.pos[a] > lg.pos[b] {
                            c += u64::from(wa * wb);
                        }
                    }
                }
            }
        }
        c
    }

    #[test]
    fn median_matches_dot() {
        assert!(median(&[]).is_nan());
        assert_eq!(median(&[3.0]), 3.0);
        assert_eq!(median(&[1.0, 2.0, 9.0]), 2.0);
        assert_eq!(median(&[0.0, 1.0, 2.0, 6.0]), (1.0 * 4.0 + 2.0 * 1.0) / 5.0);
    }

    #[test]
    fn counting_agrees_with_brute_force() {
        let mut rng = Rng::new(3);
        for _ in 0..20 {
            let n = 12;
            let layers: Vec<usize> = (0..n).map(|i| i % 3).collect();
            let edges: Vec<(usize, usize)> = (0..20)
                .map(|_| (rng.below(n), rng.below(n)))
                .filter(|&(a, b)| layers[a] < layers[b])
                .collect();
            let lg = layered(&layers, &edges);
            assert_eq!(count_all(&lg), brute_count(&lg));
        }
    }

    #[test]
    fn a_twisted_ladder_is_untwisted() {
        // Top 0,1,2; bottom 3,4,5 with 0->5, 1->4, 2->3 (DFS order gives crossings).
        let lg0 = layered(
            &[0, 0, 0, 1, 1, 1],
            &[(0, 5), (1, 4), (2, 3), (0, 3), (2, 5)],
        );
        let mut lg = lg0.clone();
        minimise(&mut lg, &GroupTree::default(), &Control::none()).unwrap();
        assert_eq!(count_all(&lg), 1);
        // Every item still once in its layer.
        let mut all: Vec<usize> = lg.layers.concat();
        all.sort_unstable();
        assert_eq!(all, (0..6).collect::<Vec<_>>());
    }

    #[test]
    fn polishing_only_keeps_improvements() {
        let mut rng = Rng::new(21);
        for _ in 0..10 {
            let n = 30;
            let layers: Vec<usize> = (0..n).map(|_| rng.below(4)).collect();
            let edges: Vec<(usize, usize)> = (0..50)
                .map(|_| (rng.below(n), rng.below(n)))
                .filter(|&(a, b)| layers[a] < layers[b])
                .collect();
            let mut lg = layered(&layers, &edges);
            let before = count_all(&lg);
            let mut judged = 0;
            let mut cost = |lg: &Layered| {
                judged += 1;
                count_all(lg)
            };
            let after = polish(&mut lg, &GroupTree::default(), &mut cost, before, 200);
            assert!(judged <= 200, "the budget holds");
            assert!(after <= before);
            assert_eq!(after, count_all(&lg), "the returned cost is the order's");
            for (l, layer) in lg.layers.iter().enumerate() {
                for (p, &v) in layer.iter().enumerate() {
                    assert_eq!((lg.layer[v], lg.pos[v]), (l, p));
                }
            }
            let mut all: Vec<usize> = lg.layers.concat();
            all.sort_unstable();
            assert_eq!(all, (0..lg.len()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn never_worse_than_the_start() {
        let mut rng = Rng::new(9);
        for _ in 0..10 {
            let n = 40;
            let layers: Vec<usize> = (0..n).map(|_| rng.below(5)).collect();
            let edges: Vec<(usize, usize)> = (0..70)
                .map(|_| (rng.below(n), rng.below(n)))
                .filter(|&(a, b)| layers[a] < layers[b])
                .collect();
            let lg0 = layered(&layers, &edges);
            let mut lg = lg0.clone();
            minimise(&mut lg, &GroupTree::default(), &Control::none()).unwrap();
            assert!(count_all(&lg) <= count_all(&lg0));
        }
    }
}
