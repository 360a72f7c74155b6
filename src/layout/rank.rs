//! Layering: a rank for every node such that each edge goes at least one layer down and the
//! total weighted edge length is as small as possible.
//!
//! This is the network simplex of Gansner, Koutsofios, North and Vo ("A technique for drawing
//! directed graphs", 1993), the method Graphviz's `dot` uses: start from the longest-path
//! ranking, grow a spanning tree of tight edges, then swap tree edges with negative cut values
//! for the non-tree edge of least slack until none is left. Short edges mean few dummy nodes,
//! which is what makes the later phases fast and the picture compact. Each connected part of
//! the graph is ranked on its own and starts at rank 0.
//!
//! Indices are dense and built here; every index used below is in range by construction.

use super::options::{Cancelled, Control, Phase};

/// Ranks of the `n` nodes of a DAG with edges (from, to, weight, minimum length): each edge
/// `to` at least `minimum length` ranks after `from`.
pub(crate) fn rank(
    n: usize,
    edges: &[(usize, usize, u32, i32)],
    control: &Control<'_>,
) -> Result<Vec<i32>, Cancelled> {
    let mut ranks = vec![0i32; n];
    let parts = connected_parts(n, edges);
    let mut part_of = vec![0usize; n];
    let mut local = vec![0usize; n];
    for (p, part) in parts.iter().enumerate() {
        for (i, &v) in part.iter().enumerate() {
            part_of[v] = p;
            local[v] = i;
        }
    }
    let mut part_edges: Vec<Vec<(usize, usize, u32, i32)>> = vec![Vec::new(); parts.len()];
    for &(a, b, w, m) in edges {
        part_edges[part_of[a]].push((local[a], local[b], w, m));
    }
    let mut done = 0usize;
    for (part, sub) in parts.iter().zip(&part_edges) {
        if sub.is_empty() {
            continue; // a lone node keeps rank 0
        }
        let mut ns = NetworkSimplex::new(part.len(), sub);
        ns.run(control)?;
        for (i, &v) in part.iter().enumerate() {
            ranks[v] = ns.rank[i];
        }
        done += part.len();
        control.step(Phase::Layering, done as f32 / n.max(1) as f32)?;
    }
    Ok(ranks)
}

/// The connected parts (ignoring direction), each as a sorted list of nodes.
fn connected_parts(n: usize, edges: &[(usize, usize, u32, i32)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for &(a, b, _, _) in edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut slot = vec![usize::MAX; n];
    for v in 0..n {
        let r = find(&mut parent, v);
        if slot[r] == usize::MAX {
            slot[r] = parts.len();
            parts.push(Vec::new());
        }
        parts[slot[r]].push(v);
    }
    parts
}

struct Edge {
    tail: usize,
    head: usize,
    weight: i64,
    minlen: i32,
}

struct NetworkSimplex {
    n: usize,
    edges: Vec<Edge>,
    outs: Vec<Vec<usize>>,
    ins: Vec<Vec<usize>>,
    rank: Vec<i32>,
    /// Tree edges of each node.
    tree_adj: Vec<Vec<usize>>,
    /// Index in `tree` of each tree edge, `usize::MAX` for non-tree edges.
    tree_index: Vec<usize>,
    tree: Vec<usize>,
    cut: Vec<i64>,
    par: Vec<Option<usize>>,
    low: Vec<usize>,
    lim: Vec<usize>,
    /// Node with each postorder number.
    by_lim: Vec<usize>,
    search_from: usize,
}

const NONE: usize = usize::MAX;

impl NetworkSimplex {
    fn new(n: usize, edges: &[(usize, usize, u32, i32)]) -> Self {
        let mut outs = vec![Vec::new(); n];
        let mut ins = vec![Vec::new(); n];
        let edges: Vec<Edge> = edges
            .iter()
            .enumerate()
            .map(|(i, &(a, b, w, minlen))| {
                outs[a].push(i);
                ins[b].push(i);
                Edge {
                    tail: a,
                    head: b,
                    weight: i64::from(w),
                    minlen,
                }
            })
            .collect();
        let m = edges.len();
        Self {
            n,
            edges,
            outs,
            ins,
            rank: vec![0; n],
            tree_adj: vec![Vec::new(); n],
            tree_index: vec![NONE; m],
            tree: Vec::with_capacity(n.saturating_sub(1)),
            cut: vec![0; m],
            par: vec![None; n],
            low: vec![0; n],
            lim: vec![0; n],
            by_lim: vec![0; n + 1],
            search_from: 0,
        }
    }

    fn slack(&self, e: usize) -> i32 {
        let edge = &self.edges[e];
        self.rank[edge.head] - self.rank[edge.tail] - edge.minlen
    }

    fn run(&mut self, control: &Control<'_>) -> Result<(), Cancelled> {
        if self.n <= 1 {
            return Ok(());
        }
        self.init_rank();
        self.feasible_tree();
        self.init_cut_values();
        let limit = 20 * self.edges.len() + 1000;
        let mut iterations = 0;
        while let Some(leave) = self.leave_edge() {
            let Some(enter) = self.enter_edge(leave) else {
                break;
            };
            self.update(leave, enter);
            iterations += 1;
            if iterations >= limit {
                break;
            }
            if iterations % 512 == 0 {
                control.check()?;
            }
        }
        let min = self.rank.iter().copied().min().unwrap_or(0);
        for r in &mut self.rank {
            *r -= min;
        }
        Ok(())
    }

    /// Longest path from the sources.
    fn init_rank(&mut self) {
        let mut indeg: Vec<usize> = self.ins.iter().map(Vec::len).collect();
        let mut stack: Vec<usize> = (0..self.n).rev().filter(|&v| indeg[v] == 0).collect();
        while let Some(v) = stack.pop() {
            for i in 0..self.outs[v].len() {
                let e = self.outs[v][i];
                let h = self.edges[e].head;
                let m = self.edges[e].minlen;
                if indeg[h] == self.ins[h].len() {
                    self.rank[h] = self.rank[v] + m;
                } else {
                    self.rank[h] = self.rank[h].max(self.rank[v] + m);
                }
                indeg[h] -= 1;
                if indeg[h] == 0 {
                    stack.push(h);
                }
            }
        }
    }

    fn add_tree_edge(&mut self, e: usize) {
        self.tree_index[e] = self.tree.len();
        self.tree.push(e);
        let Edge { tail, head, .. } = self.edges[e];
        self.tree_adj[tail].push(e);
        self.tree_adj[head].push(e);
    }

    /// Grows a spanning tree of tight edges, shifting the tree's ranks to make the closest
    /// non-tree edge tight whenever growth stops.
    fn feasible_tree(&mut self) {
        let mut in_tree = vec![false; self.n];
        let mut members: Vec<usize> = vec![0];
        in_tree[0] = true;
        let mut stack = vec![0usize];
        loop {
            while let Some(v) = stack.pop() {
                for i in 0..self.outs[v].len() + self.ins[v].len() {
                    let e = if i < self.outs[v].len() {
                        self.outs[v][i]
                    } else {
                        self.ins[v][i - self.outs[v].len()]
                    };
                    let other = if self.edges[e].tail == v {
                        self.edges[e].head
                    } else {
                        self.edges[e].tail
                    };
                    if !in_tree[other] && self.slack(e) == 0 {
                        in_tree[other] = true;
                        members.push(other);
                        self.add_tree_edge(e);
                        stack.push(other);
                    }
                }
            }
            if members.len() == self.n {
                return;
            }
            // The incident non-tree edge with the least slack.
            let mut best: Option<(i32, usize)> = None;
            for (e, edge) in self.edges.iter().enumerate() {
                if in_tree[edge.tail] != in_tree[edge.head] {
                    let s = self.rank[edge.head] - self.rank[edge.tail] - edge.minlen;
                    if best.is_none_or(|(bs, _)| s < bs) {
                        best = Some((s, e));
                    }
                }
            }
            let Some((slack, e)) = best else {
                return; // disconnected: cannot happen for one connected part
            };
            let delta = if in_tree[self.edges[e].tail] {
                slack
            } else {
                -slack
            };
            for &v in &members {
                self.rank[v] += delta;
            }
            let other = if in_tree[self.edges[e].tail] {
                self.edges[e].head
            } else {
                self.edges[e].tail
            };
            in_tree[other] = true;
            members.push(other);
            self.add_tree_edge(e);
            stack.push(other);
        }
    }

    /// Postorder numbers (`low`, `lim`) and parent edges of the subtree under `root`,
    /// numbering from `first`.
    fn dfs_range(&mut self, root: usize, par: Option<usize>, first: usize) {
        // (node, next tree edge to look at)
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        self.par[root] = par;
        self.low[root] = first;
        let mut next = first;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if *i < self.tree_adj[v].len() {
                let e = self.tree_adj[v][*i];
                *i += 1;
                if Some(e) == self.par[v] {
                    continue;
                }
                let w = if self.edges[e].tail == v {
                    self.edges[e].head
                } else {
                    self.edges[e].tail
                };
                self.par[w] = Some(e);
                self.low[w] = next;
                stack.push((w, 0));
            } else {
                self.lim[v] = next;
                self.by_lim[next] = v;
                next += 1;
                stack.pop();
            }
        }
    }

    fn init_cut_values(&mut self) {
        self.dfs_range(0, None, 1);
        for l in 1..=self.n {
            let v = self.by_lim[l];
            if let Some(f) = self.par[v] {
                self.cut[f] = self.x_cutval(f);
            }
        }
    }

    /// Whether `w` is in the subtree under `v`.
    fn under(&self, w: usize, v: usize) -> bool {
        self.low[v] <= self.lim[w] && self.lim[w] <= self.lim[v]
    }

    /// The cut value of tree edge `f`, from those of the tree edges below it.
    fn x_cutval(&self, f: usize) -> i64 {
        let Edge { tail, head, .. } = self.edges[f];
        // v is the end of f further from the root.
        let (v, dir) = if self.par[tail] == Some(f) {
            (tail, 1)
        } else {
            (head, -1)
        };
        let mut sum = 0;
        for &e in self.outs[v].iter().chain(&self.ins[v]) {
            sum += self.x_val(e, v, dir);
        }
        sum
    }

    fn x_val(&self, e: usize, v: usize, dir: i32) -> i64 {
        let Edge {
            tail, head, weight, ..
        } = self.edges[e];
        let other = if tail == v { head } else { tail };
        let outside = !self.under(other, v);
        let mut rv = if outside {
            weight
        } else {
            let c = if self.tree_index[e] != NONE {
                self.cut[e]
            } else {
                0
            };
            c - weight
        };
        let mut d = if dir > 0 {
            if head == v { 1 } else { -1 }
        } else if tail == v {
            1
        } else {
            -1
        };
        if outside {
            d = -d;
        }
        if d < 0 {
            rv = -rv;
        }
        rv
    }

    /// A tree edge with a negative cut value, searching cyclically from where the last search
    /// stopped and taking the most negative of the first few found.
    fn leave_edge(&mut self) -> Option<usize> {
        const SEARCH: usize = 30;
        let len = self.tree.len();
        if len == 0 {
            return None;
        }
        let mut best: Option<usize> = None;
        let mut found = 0;
        let start = self.search_from % len;
        for k in 0..len {
            let i = (start + k) % len;
            let e = self.tree[i];
            if self.cut[e] < 0 {
                if best.is_none_or(|b| self.cut[e] < self.cut[b]) {
                    best = Some(e);
                }
                found += 1;
                if found >= SEARCH {
                    self.search_from = i;
                    return best;
                }
            }
        }
        if best.is_some() {
            self.search_from = start;
        }
        best
    }

    /// The non-tree edge of least slack that reconnects the two halves `leave` splits, going
    /// the other way across the cut.
    fn enter_edge(&self, leave: usize) -> Option<usize> {
        let Edge { tail, head, .. } = self.edges[leave];
        let (v, outsearch) = if self.lim[tail] < self.lim[head] {
            (tail, false)
        } else {
            (head, true)
        };
        let (lo, hi) = (self.low[v], self.lim[v]);
        let mut best: Option<(i32, usize)> = None;
        for l in lo..=hi {
            let w = self.by_lim[l];
            let list = if outsearch {
                &self.outs[w]
            } else {
                &self.ins[w]
            };
            for &e in list {
                if self.tree_index[e] != NONE {
                    continue;
                }
                let other = if outsearch {
                    self.edges[e].head
                } else {
                    self.edges[e].tail
                };
                if !(lo <= self.lim[other] && self.lim[other] <= hi) {
                    let s = self.slack(e);
                    if best.is_none_or(|(bs, _)| s < bs) {
                        best = Some((s, e));
                    }
                }
            }
        }
        best.map(|(_, e)| e)
    }

    fn update(&mut self, leave: usize, enter: usize) {
        let delta = self.slack(enter);
        if delta > 0 {
            // Move the subtree below `leave` so that `enter` becomes tight.
            let Edge { tail, head, .. } = self.edges[leave];
            let v = if self.lim[tail] < self.lim[head] {
                tail
            } else {
                head
            };
            let e_tail_inside = self.under(self.edges[enter].tail, v);
            let shift = if e_tail_inside { delta } else { -delta };
            for l in self.low[v]..=self.lim[v] {
                let w = self.by_lim[l];
                self.rank[w] += shift;
            }
        }
        let cutvalue = self.cut[leave];
        let lca = self.tree_update(
            self.edges[enter].tail,
            self.edges[enter].head,
            cutvalue,
            true,
        );
        self.tree_update(
            self.edges[enter].head,
            self.edges[enter].tail,
            cutvalue,
            false,
        );
        self.cut[enter] = -cutvalue;
        self.cut[leave] = 0;
        // Exchange the tree edges.
        let slot = self.tree_index[leave];
        self.tree_index[leave] = NONE;
        self.tree[slot] = enter;
        self.tree_index[enter] = slot;
        for end in [self.edges[leave].tail, self.edges[leave].head] {
            if let Some(pos) = self.tree_adj[end].iter().position(|&e| e == leave) {
                self.tree_adj[end].swap_remove(pos);
            }
        }
        let Edge { tail, head, .. } = self.edges[enter];
        self.tree_adj[tail].push(enter);
        self.tree_adj[head].push(enter);
        let (par, low) = (self.par[lca], self.low[lca]);
        self.dfs_range(lca, par, low);
    }

    /// Adds `cutvalue` along the tree path from `v` up to the first node whose subtree holds
    /// `w`, with the sign given by each edge's direction; returns that node.
    fn tree_update(&mut self, mut v: usize, w: usize, cutvalue: i64, dir: bool) -> usize {
        while !self.under(w, v) {
            let Some(e) = self.par[v] else {
                break;
            };
            let d = if v == self.edges[e].tail { dir } else { !dir };
            if d {
                self.cut[e] += cutvalue;
            } else {
                self.cut[e] -= cutvalue;
            }
            let Edge { tail, head, .. } = self.edges[e];
            v = if self.lim[tail] > self.lim[head] {
                tail
            } else {
                head
            };
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total_length(ranks: &[i32], edges: &[(usize, usize, u32, i32)]) -> i64 {
        edges
            .iter()
            .map(|&(a, b, w, _)| i64::from(ranks[b] - ranks[a]) * i64::from(w))
            .sum()
    }

    fn feasible(ranks: &[i32], edges: &[(usize, usize, u32, i32)]) -> bool {
        edges.iter().all(|&(a, b, _, m)| ranks[b] >= ranks[a] + m)
    }

    #[test]
    fn a_chain_gets_consecutive_ranks() {
        let edges = [(0, 1, 1, 1), (1, 2, 1, 1), (2, 3, 1, 1)];
        let r = rank(4, &edges, &Control::none()).unwrap();
        assert_eq!(r, vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_late_source_is_pulled_down_to_its_target() {
        // 0 -> 1 -> 2 -> 3, and 4 -> 3: longest path puts 4 at rank 0, the optimum at 2.
        let edges = [(0, 1, 1, 1), (1, 2, 1, 1), (2, 3, 1, 1), (4, 3, 1, 1)];
        let r = rank(5, &edges, &Control::none()).unwrap();
        assert_eq!(r, vec![0, 1, 2, 3, 2]);
    }

    #[test]
    fn weights_decide_which_edge_stays_short() {
        // 0 -> 1 -> 2 and 0 -> 3 -> 2 (heavy) and 3 -> 4 -> 5 -> 6 -> 2.
        let edges = [
            (0, 1, 1, 1),
            (1, 2, 1, 1),
            (0, 3, 5, 1),
            (3, 4, 1, 1),
            (4, 5, 1, 1),
            (5, 6, 1, 1),
            (6, 2, 1, 1),
        ];
        let r = rank(7, &edges, &Control::none()).unwrap();
        assert!(feasible(&r, &edges));
        assert_eq!(r[3] - r[0], 1, "the heavy edge is tight: {r:?}");
        assert_eq!(total_length(&r, &edges), 5 + 4 + 1 + 4);
    }

    /// The optimum by brute force over small rank ranges.
    fn brute_force(n: usize, edges: &[(usize, usize, u32, i32)]) -> i64 {
        let max = 2 * n as i32;
        let mut best = i64::MAX;
        let mut r = vec![0i32; n];
        loop {
            if feasible(&r, edges) {
                best = best.min(total_length(&r, edges));
            }
            let mut i = 0;
            loop {
                if i == n {
                    return best;
                }
                r[i] += 1;
                if r[i] < max {
                    break;
                }
                r[i] = 0;
                i += 1;
            }
        }
    }

    #[test]
    fn random_dags_get_optimal_rankings() {
        let mut rng = crate::model::generate::Rng::new(11);
        for round in 0..40 {
            let n = 3 + round % 3;
            let mut edges = Vec::new();
            for a in 0..n {
                for b in a + 1..n {
                    if rng.below(3) == 0 {
                        edges.push((
                            a,
                            b,
                            1 + rng.below(3) as u32,
                            rng.below(3) as i32 - (round % 2) as i32,
                        ));
                    }
                }
            }
            let r = rank(n, &edges, &Control::none()).unwrap();
            assert!(feasible(&r, &edges), "{edges:?} {r:?}");
            assert_eq!(
                total_length(&r, &edges),
                brute_force(n, &edges),
                "{edges:?} {r:?}"
            );
        }
    }

    #[test]
    fn separate_parts_each_start_at_zero() {
        let edges = [(0, 1, 1, 1), (2, 3, 1, 1), (3, 4, 1, 1)];
        let r = rank(6, &edges, &Control::none()).unwrap();
        assert_eq!(r, vec![0, 1, 0, 1, 2, 0]);
    }

    #[test]
    fn cancellation_stops_it() {
        use std::sync::Arc;
        use std::sync::atomic::AtomicBool;
        let flag = Arc::new(AtomicBool::new(true));
        let options = super::super::Options {
            cancel: Some(flag),
            ..Default::default()
        };
        let edges = [(0, 1, 1, 1)];
        assert_eq!(rank(2, &edges, &Control::of(&options)), Err(Cancelled));
    }
}
