//! Where components without a layout entry are drawn.
//!
//! The editor lays a hand-written file out when it opens it, so unplaced components are rare:
//! a file changed on disk, a model whose layout was cancelled. They are placed the way
//! renderers place them, by the layout engine ([`crate::layout::complete`]: near their placed
//! neighbours, or a full layered layout when nothing is placed). The canvas asks after every
//! change, so above [`ENGINE_LIMIT`] unplaced components (where the engine takes long enough
//! to stall a frame, and the editor runs it on a worker thread instead) they go on a plain
//! grid below the drawing until that layout arrives.

use crate::model::{Architecture, Id, Layout, Placement};

/// Most unplaced components placed by the layout engine on the UI thread.
pub const ENGINE_LIMIT: usize = 300;

/// Column spacing of the fallback grid.
const STEP_X: f32 = 240.0;
/// Row spacing of the fallback grid.
const STEP_Y: f32 = 160.0;
/// Columns of the fallback grid.
const COLUMNS: usize = 6;

/// Placements for the components that have none (placed components are not returned): the
/// layout engine's for up to [`ENGINE_LIMIT`] of them, else a grid below the placed ones.
/// Deterministic, so the canvas and the edits that read it agree.
pub fn place_missing(arch: &Architecture) -> Layout {
    let missing: Vec<&Id> = arch
        .components
        .ids()
        .filter(|id| !arch.layout.contains_key(*id))
        .collect();
    if missing.is_empty() {
        return Layout::new();
    }
    if missing.len() <= ENGINE_LIMIT {
        let mut complete = crate::layout::complete(arch);
        complete.retain(|id, _| !arch.layout.contains_key(id));
        return complete;
    }
    grid(arch, &missing)
}

/// The fallback grid: `missing` in id order, below and aligned with the placed boxes.
fn grid(arch: &Architecture, missing: &[&Id]) -> Layout {
    let coords = || {
        arch.layout.values().map(|p| {
            (
                super::geometry::clamp_coord(p.x),
                super::geometry::clamp_coord(p.y),
            )
        })
    };
    let bottom = coords().map(|(_, y)| y).reduce(f32::max);
    let left = coords().map(|(x, _)| x).reduce(f32::min);
    let top = bottom.map_or(0.0, |b| b + STEP_Y);
    let left = left.unwrap_or(0.0);
    missing
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let (col, row) = (i % COLUMNS, i / COLUMNS);
            (
                (*id).clone(),
                Placement::at(left + col as f32 * STEP_X, top + row as f32 * STEP_Y),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Connection, ConnectionKind, Kind};

    fn model(names: &[&str]) -> Architecture {
        let mut a = Architecture::new("t");
        for n in names {
            let id = Id::new(*n).unwrap();
            a.components.insert(Component::new(id, *n, Kind::Service));
        }
        a
    }

    #[test]
    fn only_unplaced_components_get_a_place_clear_of_the_rest() {
        let mut a = model(&["a", "b", "c"]);
        a.connections.insert(Connection::new(
            id!("a-to-b"),
            id!("a"),
            id!("b"),
            ConnectionKind::DependsOn,
        ));
        a.layout.insert(id!("a"), Placement::at(10.0, 100.0));
        let placed = place_missing(&a);
        assert_eq!(placed.len(), 2);
        assert!(!placed.contains_key("a"));
        assert_eq!(
            placed,
            crate::layout::complete(&a)
                .into_iter()
                .filter(|(id, _)| id.as_str() != "a")
                .collect()
        );
        let mut all = a.layout.clone();
        all.extend(placed);
        assert!(crate::layout::overlaps(&a, &all).is_empty());
    }

    #[test]
    fn a_model_without_positions_gets_a_layered_layout() {
        let mut a = model(&["a", "b"]);
        a.connections.insert(Connection::new(
            id!("a-to-b"),
            id!("a"),
            id!("b"),
            ConnectionKind::DependsOn,
        ));
        let placed = place_missing(&a);
        // Left to right: the caller left of what it depends on, on one line.
        assert!(placed["a"].x < placed["b"].x);
        assert_eq!(placed["a"].y, placed["b"].y);
    }

    #[test]
    fn many_unplaced_go_on_a_grid_below_the_drawing() {
        let names: Vec<String> = (0..=ENGINE_LIMIT + 1).map(|i| format!("c{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut a = model(&refs);
        a.layout.insert(id!("c0"), Placement::at(10.0, 100.0));
        let placed = place_missing(&a);
        assert_eq!(placed.len(), ENGINE_LIMIT + 1);
        assert!(placed.values().all(|p| p.y > 100.0 && p.x >= 10.0));
        assert!(crate::layout::overlaps(&a, &placed).is_empty());
    }

    #[test]
    fn nothing_missing_nothing_returned() {
        let mut a = model(&["a"]);
        a.layout.insert(id!("a"), Placement::at(0.0, 0.0));
        assert!(place_missing(&a).is_empty());
    }
}
