//! Align and distribute.

use std::collections::BTreeSet;

use crate::model::{Architecture, Id};

use super::Edit;
use super::geometry::BoxGeom;
use super::ops::{box_for, move_to};

/// Which edges or centres to line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left edges on the leftmost.
    Left,
    /// Right edges on the rightmost.
    Right,
    /// Top edges on the topmost.
    Top,
    /// Bottom edges on the lowest.
    Bottom,
    /// Centres on one vertical line (the mean of the centres).
    CenterX,
    /// Centres on one horizontal line.
    CenterY,
}

/// A direction to spread along.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// Left to right.
    Horizontal,
    /// Top to bottom.
    Vertical,
}

fn boxes(arch: &Architecture, ids: &BTreeSet<Id>) -> Vec<(Id, BoxGeom)> {
    ids.iter()
        .filter_map(|id| box_for(arch, id).map(|b| (id.clone(), b)))
        .collect()
}

/// Lines up the components `ids` (needs two or more).
pub fn align(arch: &Architecture, ids: &BTreeSet<Id>, how: Align) -> Edit {
    let boxes = boxes(arch, ids);
    if boxes.len() < 2 {
        return Edit::Batch(Vec::new());
    }
    let n = boxes.len() as f32;
    let min = |f: fn(&BoxGeom) -> f32| boxes.iter().map(|(_, b)| f(b)).fold(f32::MAX, f32::min);
    let max = |f: fn(&BoxGeom) -> f32| boxes.iter().map(|(_, b)| f(b)).fold(f32::MIN, f32::max);
    let targets: Vec<(Id, f32, f32)> = match how {
        Align::Left => {
            let l = min(BoxGeom::left);
            boxes
                .iter()
                .map(|(id, b)| (id.clone(), l + b.w / 2.0, b.y))
                .collect()
        }
        Align::Right => {
            let r = max(BoxGeom::right);
            boxes
                .iter()
                .map(|(id, b)| (id.clone(), r - b.w / 2.0, b.y))
                .collect()
        }
        Align::Top => {
            let t = min(BoxGeom::top);
            boxes
                .iter()
                .map(|(id, b)| (id.clone(), b.x, t + b.h / 2.0))
                .collect()
        }
        Align::Bottom => {
            let bt = max(BoxGeom::bottom);
            boxes
                .iter()
                .map(|(id, b)| (id.clone(), b.x, bt - b.h / 2.0))
                .collect()
        }
        Align::CenterX => {
            let x = boxes.iter().map(|(_, b)| b.x).sum::<f32>() / n;
            boxes.iter().map(|(id, b)| (id.clone(), x, b.y)).collect()
        }
        Align::CenterY => {
            let y = boxes.iter().map(|(_, b)| b.y).sum::<f32>() / n;
            boxes.iter().map(|(id, b)| (id.clone(), b.x, y)).collect()
        }
    };
    move_to(arch, &targets)
}

/// Spreads the components `ids` (three or more) so the gaps between neighbouring boxes are
/// equal, keeping the first and last where they are.
pub fn distribute(arch: &Architecture, ids: &BTreeSet<Id>, axis: Axis) -> Edit {
    let mut boxes = boxes(arch, ids);
    if boxes.len() < 3 {
        return Edit::Batch(Vec::new());
    }
    let key = |b: &BoxGeom| match axis {
        Axis::Horizontal => b.x,
        Axis::Vertical => b.y,
    };
    let extent = |b: &BoxGeom| match axis {
        Axis::Horizontal => b.w,
        Axis::Vertical => b.h,
    };
    boxes.sort_by(|a, b| key(&a.1).total_cmp(&key(&b.1)).then(a.0.cmp(&b.0)));
    let (Some(first), Some(last)) = (boxes.first(), boxes.last()) else {
        return Edit::Batch(Vec::new());
    };
    let start = key(&first.1) - extent(&first.1) / 2.0;
    let end = key(&last.1) + extent(&last.1) / 2.0;
    let total: f32 = boxes.iter().map(|(_, b)| extent(b)).sum();
    let gap = (end - start - total) / (boxes.len() - 1) as f32;
    let mut cursor = start;
    let mut targets = Vec::new();
    for (id, b) in &boxes {
        let centre = cursor + extent(b) / 2.0;
        cursor += extent(b) + gap;
        targets.push(match axis {
            Axis::Horizontal => (id.clone(), centre, b.y),
            Axis::Vertical => (id.clone(), b.x, centre),
        });
    }
    move_to(arch, &targets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Kind, Placement};

    fn three() -> (Architecture, BTreeSet<Id>) {
        let mut a = Architecture::new("t");
        for (n, x, y) in [("a", 0.0, 0.0), ("b", 100.0, 50.0), ("c", 1000.0, -30.0)] {
            let id = Id::new(n).unwrap();
            a.components
                .insert(Component::new(id.clone(), n, Kind::Service));
            a.layout.insert(id, Placement::at(x, y));
        }
        let ids = a.components.ids().cloned().collect();
        (a, ids)
    }

    #[test]
    fn align_left_and_top() {
        let (mut a, ids) = three();
        align(&a, &ids, Align::Left).apply(&mut a).unwrap();
        let xs: Vec<f32> = a.layout.values().map(|p| p.x).collect();
        assert!(xs.iter().all(|x| *x == xs[0]), "{xs:?}");
        align(&a, &ids, Align::Top).apply(&mut a).unwrap();
        assert!(a.layout.values().all(|p| p.y == -30.0));
    }

    #[test]
    fn distribute_makes_equal_gaps() {
        let (mut a, ids) = three();
        distribute(&a, &ids, Axis::Horizontal)
            .apply(&mut a)
            .unwrap();
        let x: Vec<f32> = a.layout.values().map(|p| p.x).collect();
        assert_eq!(x[0], 0.0);
        assert_eq!(x[2], 1000.0);
        assert!((x[1] - 500.0).abs() < 0.01, "{x:?}");
    }
}
