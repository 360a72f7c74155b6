//! A uniform grid over the canvas, so hit-testing and culling look at the few items near a
//! point or inside the view instead of scanning all of them.
//!
//! Items larger than a few hundred cells (a connection to a component at 1e9) go to a short
//! list that every query checks, so no item fills the grid.

use std::collections::HashMap;

use egui::{Pos2, Rect};

/// Side of a cell in canvas units.
const CELL: f32 = 400.0;
/// Items covering more cells than this go to the oversize list.
const MAX_CELLS: i64 = 256;

/// Item indices by grid cell.
#[derive(Clone, Debug, Default)]
pub struct SpatialIndex {
    cells: HashMap<(i32, i32), Vec<u32>>,
    oversize: Vec<u32>,
    rects: Vec<Rect>,
}

fn cell_of(v: f32) -> i32 {
    // `as` saturates, so huge or NaN coordinates give a valid cell.
    (v / CELL).floor() as i32
}

impl SpatialIndex {
    /// An index of `rects` (item `i` has rect `rects[i]`).
    pub fn build(rects: Vec<Rect>) -> Self {
        let mut index = SpatialIndex {
            cells: HashMap::new(),
            oversize: Vec::new(),
            rects: Vec::new(),
        };
        for (i, r) in rects.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            if !r.is_finite() {
                continue;
            }
            let (x0, y0, x1, y1) = (
                cell_of(r.min.x),
                cell_of(r.min.y),
                cell_of(r.max.x),
                cell_of(r.max.y),
            );
            let count = (i64::from(x1) - i64::from(x0) + 1)
                .saturating_mul(i64::from(y1) - i64::from(y0) + 1);
            if count > MAX_CELLS {
                index.oversize.push(i);
                continue;
            }
            for cx in x0..=x1 {
                for cy in y0..=y1 {
                    index.cells.entry((cx, cy)).or_default().push(i);
                }
            }
        }
        index.rects = rects;
        index
    }

    /// The items whose rect meets `area`, in ascending order, each once.
    pub fn query(&self, area: Rect) -> Vec<u32> {
        let mut out = Vec::new();
        if area.any_nan() {
            return out;
        }
        let (x0, y0, x1, y1) = (
            cell_of(area.min.x),
            cell_of(area.min.y),
            cell_of(area.max.x),
            cell_of(area.max.y),
        );
        let span =
            (i64::from(x1) - i64::from(x0) + 1).saturating_mul(i64::from(y1) - i64::from(y0) + 1);
        if span > self.cells.len() as i64 {
            for ((cx, cy), items) in &self.cells {
                if (x0..=x1).contains(cx) && (y0..=y1).contains(cy) {
                    out.extend_from_slice(items);
                }
            }
        } else {
            for cx in x0..=x1 {
                for cy in y0..=y1 {
                    if let Some(items) = self.cells.get(&(cx, cy)) {
                        out.extend_from_slice(items);
                    }
                }
            }
        }
        out.extend_from_slice(&self.oversize);
        out.sort_unstable();
        out.dedup();
        out.retain(|i| {
            self.rects
                .get(*i as usize)
                .is_some_and(|r| r.intersects(area))
        });
        out
    }

    /// The items whose rect contains `pos` (grown by `slack`).
    pub fn at(&self, pos: Pos2, slack: f32) -> Vec<u32> {
        self.query(Rect::from_center_size(
            pos,
            egui::Vec2::splat(2.0 * slack.max(0.5)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_overlaps_and_handles_huge_items() {
        let rects = vec![
            Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(10.0, 10.0)),
            Rect::from_min_max(Pos2::new(5000.0, 5000.0), Pos2::new(5010.0, 5010.0)),
            Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(1.0e9, 1.0e9)),
            Rect::from_min_max(Pos2::new(f32::NAN, 0.0), Pos2::new(1.0, 1.0)),
        ];
        let index = SpatialIndex::build(rects);
        assert_eq!(index.at(Pos2::new(5.0, 5.0), 1.0), vec![0, 2]);
        assert_eq!(
            index.query(Rect::from_min_max(
                Pos2::new(4000.0, 4000.0),
                Pos2::new(6000.0, 6000.0)
            )),
            vec![1, 2]
        );
        assert_eq!(index.query(Rect::EVERYTHING), vec![0, 1, 2]);
    }
}
