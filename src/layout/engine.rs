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

/// Lays out `graph`.
pub(crate) fn lay_out(
    graph: &Graph,
    settings: Settings,
    control: &Control<'_>,
) -> Result<Placed, Cancelled> {
    let n = graph.len();
    control.step(Phase::Layering, 0.0)?;
    let ranks = layering::layers(graph, control)?;
    let mut lg = Layered::new(graph, &ranks);
    control.step(Phase::Ordering, 0.0)?;
    order::minimise(&mut lg, &graph.groups, control)?;
    control.step(Phase::Positioning, 0.0)?;

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
    let cross = position::assign(&lg, &graph.groups, &half, spacing);
    control.step(Phase::Positioning, 0.8)?;
    let along = layer_coordinates(&lg, graph, &thick, settings);

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
    Ok(placed)
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
