//! Where components without a layout entry go.
//!
//! Until automatic layout (`src/layout`) lands, unplaced components are put on a simple grid
//! below everything that is placed. This is the one function the layout engine replaces.

use crate::model::{Architecture, Layout, Placement};

/// Column spacing of the fallback grid.
const STEP_X: f32 = 240.0;
/// Row spacing of the fallback grid.
const STEP_Y: f32 = 160.0;
/// Columns of the fallback grid.
const COLUMNS: usize = 6;

/// Placements for the components that have none, in id order, on a grid below the placed
/// ones. Placed components are not returned.
pub fn place_missing(arch: &Architecture) -> Layout {
    let mut out = Layout::new();
    let bottom = arch
        .layout
        .values()
        .map(|p| super::geometry::clamp_coord(p.y))
        .fold(None, |acc: Option<f32>, y| {
            Some(acc.map_or(y, |a| a.max(y)))
        });
    let left = arch
        .layout
        .values()
        .map(|p| super::geometry::clamp_coord(p.x))
        .fold(None, |acc: Option<f32>, x| {
            Some(acc.map_or(x, |a| a.min(x)))
        });
    let top = bottom.map_or(0.0, |b| b + STEP_Y);
    let left = left.unwrap_or(0.0);
    let missing = arch
        .components
        .ids()
        .filter(|id| !arch.layout.contains_key(*id));
    for (i, id) in missing.enumerate() {
        let (col, row) = (i % COLUMNS, i / COLUMNS);
        out.insert(
            id.clone(),
            Placement::at(left + col as f32 * STEP_X, top + row as f32 * STEP_Y),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Kind};

    #[test]
    fn only_unplaced_components_get_a_place_below_the_rest() {
        let mut a = Architecture::new("t");
        for n in ["a", "b", "c"] {
            let id = crate::model::Id::new(n).unwrap();
            a.components.insert(Component::new(id, n, Kind::Service));
        }
        a.layout.insert(id!("a"), Placement::at(10.0, 100.0));
        let placed = place_missing(&a);
        assert_eq!(placed.len(), 2);
        assert!(placed.values().all(|p| p.y > 100.0));
        assert_ne!(placed.get("b"), placed.get("c"));
    }
}
