//! The layered pipeline from a [`Graph`] to box centres: cycle breaking, layering, crossing
//! minimisation, coordinate assignment, then layer coordinates with room for group borders.
//!
//! Everything here works in "layout space": the cross axis runs along a layer, the layer
//! axis across the layers. Only the last step turns that into x and y for the direction.

use super::graph::Graph;
use super::options::{Cancelled, Control, Direction, Phase};
use super::position::{self, Spacing};
use super::proper::{Item, Layered};
use super::{layering, order};
use crate::theme::metrics::{GROUP_PADDING, GROUP_TITLE_HEIGHT};

/// How to lay out.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settings {
    pub direction: Direction,
    pub node_gap: f32,
    pub layer_gap: f32,
}

/// Where the layered layout put each node.
#[derive(Clone, Debug, Default)]
pub(crate) struct Placed {
    /// Centre of each node's box.
    pub centre: Vec<(f32, f32)>,
    /// Layer of each node.
    pub layer: Vec<usize>,
}

/// Layered graphs with more items (nodes, dummies, fillers) than this are laid out once;
/// smaller ones get the extra effort below, which costs them a few milliseconds.
const EFFORT_UP_TO_ITEMS: usize = 500;
/// Other layerings tried besides the usual one (cycles broken with other ties).
const LAYERINGS: u64 = 4;
/// Random restarts of the ordering at most, spread over the layerings; see [`restarts_for`].
const MAX_RESTARTS: usize = 16;
/// Items times restarts at most.
const RESTART_BUDGET: usize = 2_000;
/// Items times orders judged while polishing at most.
const POLISH_BUDGET: usize = 8_000;

/// Lays out `graph`. With `effort`, a small drawing (up to [`EFFORT_UP_TO_ITEMS`]) gets more
/// candidates than the usual one — other layerings, random restarts of the ordering — and
/// the best is polished; `score` judges them (lower is better), the usual candidate first.
///
/// The ordering minimises the crossings of the layered drawing, where a long connection bends
/// through one point per layer it crosses; a reader sees (and [`super::crossings`] counts)
/// straight lines between box centres, which can cross where the bent ones did not, and
/// group frames and box sizes move the centres the ordering never saw. So every candidate is
/// positioned and judged as drawn — the caller's `score` counts the finished drawing's
/// crossings — and the best candidate's order is then polished against the same judge
/// ([`order::polish`]). Ties go to the earlier candidate, so the result is never worse than
/// the usual one, and it is deterministic.
pub(crate) fn lay_out(
    graph: &Graph,
    settings: Settings,
    control: &Control<'_>,
    effort: bool,
    score: &mut dyn FnMut(&Placed) -> u64,
) -> Result<Placed, Cancelled> {
    control.step(Phase::Layering, 0.0)?;
    let ranks = layering::layers(graph, control, 0)?;
    let start = Layered::new(graph, &ranks);
    control.step(Phase::Ordering, 0.0)?;
    let mut lg = start.clone();
    order::minimise(&mut lg, &graph.groups, control)?;
    control.step(Phase::Positioning, 0.0)?;
    let placed = position(graph, &lg, settings);
    if !effort || start.len() > EFFORT_UP_TO_ITEMS {
        control.step(Phase::Positioning, 0.8)?;
        return Ok(placed);
    }
    let cost = score(&placed);
    let mut best = Candidate { lg, placed, cost };
    if best.cost > 0 {
        // Quietly: progress has already moved on, and this only runs on small drawings.
        let quiet = control.quiet();
        let items = start.len();
        let mut rankings = vec![ranks];
        let mut starts = vec![start];
        for seed in 1..=LAYERINGS {
            let ranks = layering::layers(graph, &quiet, seed)?;
            if rankings.contains(&ranks) {
                continue;
            }
            let start = Layered::new(graph, &ranks);
            let mut lg = start.clone();
            order::minimise(&mut lg, &graph.groups, &quiet)?;
            best = best.or(Candidate::judge(graph, lg, settings, score));
            rankings.push(ranks);
            starts.push(start);
        }
        for seed in 1..=restarts_for(items) as u64 {
            if best.cost == 0 {
                break;
            }
            let Some(start) = starts.get(seed as usize % starts.len()) else {
                break;
            };
            let mut lg = start.clone();
            order::minimise_from_random(&mut lg, &graph.groups, &quiet, seed)?;
            best = best.or(Candidate::judge(graph, lg, settings, score));
        }
        let evaluations = POLISH_BUDGET / best.lg.len().max(1);
        let mut cost = |lg: &Layered| score(&position(graph, lg, settings));
        let mut lg = best.lg.clone();
        let polished = order::polish(&mut lg, &graph.groups, &mut cost, best.cost, evaluations);
        if polished < best.cost {
            best = Candidate {
                placed: position(graph, &lg, settings),
                lg,
                cost: polished,
            };
        }
    }
    control.step(Phase::Positioning, 0.8)?;
    Ok(best.placed)
}

/// An ordered layered graph, its box centres and their cost.
struct Candidate {
    lg: Layered,
    placed: Placed,
    cost: u64,
}

impl Candidate {
    fn judge(
        graph: &Graph,
        lg: Layered,
        settings: Settings,
        score: &mut dyn FnMut(&Placed) -> u64,
    ) -> Self {
        let placed = position(graph, &lg, settings);
        let cost = score(&placed);
        Self { lg, placed, cost }
    }

    /// The better of the two; `self` on a tie.
    fn or(self, other: Self) -> Self {
        if other.cost < self.cost { other } else { self }
    }
}

/// How many random restarts a layered graph of `items` items gets: [`MAX_RESTARTS`] for
/// small drawings, fewer as they grow.
fn restarts_for(items: usize) -> usize {
    (RESTART_BUDGET / items.max(1)).min(MAX_RESTARTS)
}

/// Box centres for the ordered layered graph `lg`.
fn position(graph: &Graph, lg: &Layered, settings: Settings) -> Placed {
    let n = graph.len();
    let tb = settings.direction == Direction::TopToBottom;
    // Extent of each item along its layer (cross) and across it (thickness).
    let (mut half, mut thick) = (vec![0.0f32; lg.len()], vec![0.0f32; lg.len()]);
    for (i, item) in lg.item.iter().enumerate() {
        if let Item::Node(v) = *item {
            let (w, h) = graph.size.get(v).copied().unwrap_or((0.0, 0.0));
            let (cross, across) = if tb { (w, h) } else { (h, w) };
            half[i] = cross / 2.0;
            thick[i] = across;
        }
    }
    let spacing = Spacing {
        gap: settings.node_gap,
        pad_low: if tb {
            GROUP_PADDING
        } else {
            GROUP_PADDING + GROUP_TITLE_HEIGHT
        },
        pad_high: GROUP_PADDING,
    };
    let cross = position::assign(lg, &graph.groups, &half, spacing);
    let along = layer_coordinates(lg, graph, &thick, settings);

    let mut placed = Placed {
        centre: vec![(0.0, 0.0); n],
        layer: vec![0; n],
    };
    for (i, item) in lg.item.iter().enumerate() {
        if let Item::Node(v) = *item {
            let l = lg.layer[i];
            let a = along.get(l).copied().unwrap_or(0.0);
            let c = cross.get(i).copied().unwrap_or(0.0);
            if let (Some(centre), Some(layer)) = (placed.centre.get_mut(v), placed.layer.get_mut(v))
            {
                *centre = if tb { (c, a) } else { (a, c) };
                *layer = l;
            }
        }
    }
    placed
}

/// The centre line of each layer: the layers' thickness, the gap, and room for the borders
/// (and, top to bottom, the titles) of groups that end or begin between two layers.
fn layer_coordinates(lg: &Layered, graph: &Graph, thick: &[f32], settings: Settings) -> Vec<f32> {
    let layers = lg.layers.len();
    let tb = settings.direction == Direction::TopToBottom;
    let mut t = vec![0.0f32; layers];
    for (i, &l) in lg.layer.iter().enumerate() {
        t[l] = t[l].max(thick[i]);
    }
    let tree = &graph.groups;
    // How many nested group borders close after layer l / open before layer l.
    let mut closing = vec![0usize; layers];
    let mut opening = vec![0usize; layers];
    for g in 0..tree.len() {
        let Some((a, b)) = lg.span[g] else { continue };
        let path = tree.path_of(Some(g));
        let ends = path
            .iter()
            .rev()
            .take_while(|&&p| lg.span[p].is_some_and(|(_, e)| e == b))
            .count();
        let starts = path
            .iter()
            .rev()
            .take_while(|&&p| lg.span[p].is_some_and(|(s, _)| s == a))
            .count();
        closing[b] = closing[b].max(ends);
        opening[a] = opening[a].max(starts);
    }
    let (pad_open, pad_close) = if tb {
        (GROUP_PADDING + GROUP_TITLE_HEIGHT, GROUP_PADDING)
    } else {
        (GROUP_PADDING, GROUP_PADDING)
    };
    let mut along = vec![0.0f32; layers];
    let mut at = t.first().map_or(0.0, |t0| t0 / 2.0);
    for l in 0..layers {
        if l > 0 {
            at += t[l - 1] / 2.0
                + settings.layer_gap
                + closing[l - 1] as f32 * pad_close
                + opening[l] as f32 * pad_open
                + t[l] / 2.0;
        }
        along[l] = at;
    }
    along
}
