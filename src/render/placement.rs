//! Positions for components the model has not placed.
//!
//! Hand-written files often have no `layout` section. Until the automatic layout engine
//! (`src/layout`) lands, the renderers use [`complete_layout`]: the model's own positions,
//! and a plain grid under everything already placed for the rest. This is the one function
//! the layout engine replaces; nothing else in `render` decides where a box goes.

use crate::model::{Architecture, Layout, Placement};
use crate::theme::kind_style;

/// Horizontal distance between grid cells, in canvas units.
const CELL_WIDTH: f32 = 240.0;
/// Vertical distance between grid cells.
const CELL_HEIGHT: f32 = 160.0;
/// Space between what is placed and the grid below it.
const GAP: f32 = 120.0;

/// Every component's placement: its own where the model has one, otherwise a cell of a
/// deterministic grid (components in id order, about as many columns as rows) starting
/// below the lowest placed box, so nothing placed is covered.
pub fn complete_layout(arch: &Architecture) -> Layout {
    let mut layout = Layout::new();
    let mut unplaced = Vec::new();
    let (mut left, mut bottom) = (f32::INFINITY, f32::NEG_INFINITY);
    for component in arch.components.iter() {
        match arch.layout.get(&component.id) {
            Some(p) => {
                let (_, h) = kind_style(component.kind()).size;
                let half_height = p.height.unwrap_or(h) / 2.0;
                left = left.min(p.x);
                bottom = bottom.max(p.y + half_height);
                layout.insert(component.id.clone(), *p);
            }
            None => unplaced.push(component),
        }
    }
    if unplaced.is_empty() {
        return layout;
    }
    let (left, top) = if bottom.is_finite() {
        (left, bottom + GAP + CELL_HEIGHT / 2.0)
    } else {
        (0.0, 0.0)
    };
    let columns = (unplaced.len() as f32).sqrt().ceil().max(1.0) as usize;
    for (i, component) in unplaced.into_iter().enumerate() {
        let (column, row) = (i % columns, i / columns);
        layout.insert(
            component.id.clone(),
            Placement::at(
                left + column as f32 * CELL_WIDTH,
                top + row as f32 * CELL_HEIGHT,
            ),
        );
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Id, Kind};

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    #[test]
    fn placed_components_keep_their_place_and_the_rest_go_below() {
        let mut arch = Architecture::new("t");
        for name in ["a", "b", "c", "d", "e"] {
            arch.components
                .insert(Component::new(id(name), name, Kind::Service));
        }
        arch.layout.insert(id("a"), Placement::at(100.0, 50.0));
        let layout = complete_layout(&arch);
        assert_eq!(layout.len(), 5);
        assert_eq!(layout[&id("a")], Placement::at(100.0, 50.0));
        // Four unplaced: a 2 × 2 grid under a's box (bottom at 50 + 36).
        let b = layout[&id("b")];
        assert_eq!((b.x, b.y), (100.0, 50.0 + 36.0 + GAP + CELL_HEIGHT / 2.0));
        let e = layout[&id("e")];
        assert_eq!((e.x, e.y), (100.0 + CELL_WIDTH, b.y + CELL_HEIGHT));
        assert_eq!(layout, complete_layout(&arch), "deterministic");
    }

    #[test]
    fn a_model_without_layout_gets_a_grid_from_the_origin() {
        let mut arch = Architecture::new("t");
        for name in ["x", "y"] {
            arch.components
                .insert(Component::new(id(name), name, Kind::Database));
        }
        let layout = complete_layout(&arch);
        assert_eq!(layout[&id("x")], Placement::at(0.0, 0.0));
        assert_eq!(layout[&id("y")], Placement::at(CELL_WIDTH, 0.0));
    }
}
