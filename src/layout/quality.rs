//! Measures of a drawing: edge crossings and overlapping boxes.
//!
//! Crossings are counted the way a reader sees a drawing with straight lines: one segment per
//! connection between the centres of its two boxes; two segments cross when they meet at a
//! point inside both (segments sharing a component, touching or collinear ones do not count).
//! The comparison with Graphviz counts `dot`'s drawings with this same function.

use super::geometry::{Rect, component_rect, group_bounds};
use crate::model::{Architecture, Id, Layout};

/// A connection's ends and its segment, left end first.
type Segment<'a> = (&'a Id, &'a Id, (f64, f64), (f64, f64));

/// Number of pairs of connections whose straight segments cross.
pub fn crossings(arch: &Architecture, layout: &Layout) -> usize {
    let mut segments: Vec<Segment<'_>> = arch
        .connections
        .iter()
        .filter(|c| c.from != c.to)
        .filter_map(|c| {
            let a = layout.get(&c.from)?;
            let b = layout.get(&c.to)?;
            if !(arch.components.contains(c.from.as_str())
                && arch.components.contains(c.to.as_str()))
            {
                return None;
            }
            let (p, q) = (
                (f64::from(a.x), f64::from(a.y)),
                (f64::from(b.x), f64::from(b.y)),
            );
            Some(if p.0 <= q.0 {
                (&c.from, &c.to, p, q)
            } else {
                (&c.to, &c.from, q, p)
            })
        })
        .collect();
    segments.sort_by(|a, b| a.2.0.total_cmp(&b.2.0));
    let mut count = 0;
    for (i, s) in segments.iter().enumerate() {
        let (s_min_y, s_max_y) = (s.2.1.min(s.3.1), s.2.1.max(s.3.1));
        for t in &segments[i + 1..] {
            if t.2.0 > s.3.0 {
                break; // sorted by left end: no later segment reaches back
            }
            if t.2.1.max(t.3.1) < s_min_y || t.2.1.min(t.3.1) > s_max_y {
                continue;
            }
            if s.0 == t.0 || s.0 == t.1 || s.1 == t.0 || s.1 == t.1 {
                continue;
            }
            if proper_crossing(s.2, s.3, t.2, t.3) {
                count += 1;
            }
        }
    }
    count
}

fn orient(a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> f64 {
    (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
}

fn proper_crossing(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

/// Every overlap in a drawing, as pairs of ids in order: two component boxes; a component
/// box and the box of a group it is not in; two group boxes of which neither holds the other.
pub fn overlaps(arch: &Architecture, layout: &Layout) -> Vec<(Id, Id)> {
    let boxes: Vec<(&Id, Rect)> = arch
        .components
        .iter()
        .filter_map(|c| Some((&c.id, component_rect(arch, layout, c.id.as_str())?)))
        .collect();
    let groups = group_bounds(arch, layout);
    let mut out = Vec::new();
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            if ra.overlaps(rb) {
                out.push(((*a).clone(), (*b).clone()));
            }
        }
        for (g, rg) in &groups {
            if !arch.group_contains(g, a) && ra.overlaps(rg) {
                out.push(((*a).clone(), g.clone()));
            }
        }
    }
    let nested = |outer: &Id, inner: &Id| {
        let mut at = arch
            .groups
            .get(inner.as_str())
            .and_then(|g| g.parent.as_ref());
        let mut steps = 0;
        while let Some(p) = at {
            if p == outer {
                return true;
            }
            steps += 1;
            if steps > arch.groups.len() {
                break;
            }
            at = arch.groups.get(p.as_str()).and_then(|g| g.parent.as_ref());
        }
        false
    };
    let list: Vec<(&Id, &Rect)> = groups.iter().collect();
    for (i, (g, rg)) in list.iter().enumerate() {
        for (h, rh) in &list[i + 1..] {
            if rg.overlaps(rh) && !nested(g, h) && !nested(h, g) {
                out.push(((*g).clone(), (*h).clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Connection, ConnectionKind, Kind, Placement};

    fn square() -> Architecture {
        let mut arch = Architecture::new("t");
        for (n, x, y) in [
            ("a", 0.0, 0.0),
            ("b", 1000.0, 0.0),
            ("c", 0.0, 1000.0),
            ("d", 1000.0, 1000.0),
        ] {
            arch.components
                .insert(Component::new(id!(n), n, Kind::Service));
            arch.layout.insert(id!(n), Placement::at(x, y));
        }
        for (i, (f, t)) in [("a", "d"), ("b", "c"), ("a", "b"), ("c", "d")]
            .iter()
            .enumerate()
        {
            arch.connections.insert(Connection::new(
                id!(format!("c{i}")),
                id!(*f),
                id!(*t),
                ConnectionKind::DependsOn,
            ));
        }
        arch
    }

    #[test]
    fn the_diagonals_of_a_square_cross_once() {
        let arch = square();
        assert_eq!(crossings(&arch, &arch.layout), 1);
        let mut layout = arch.layout.clone();
        layout.insert(id!("d"), Placement::at(-1000.0, 1000.0));
        // Now a-d and b-c no longer cross, but a-d crosses nothing else either.
        assert_eq!(crossings(&arch, &layout), 0);
    }

    #[test]
    fn overlapping_boxes_are_reported() {
        let mut arch = square();
        assert!(overlaps(&arch, &arch.layout).is_empty());
        arch.layout.insert(id!("b"), Placement::at(100.0, 20.0));
        assert_eq!(overlaps(&arch, &arch.layout), vec![(id!("a"), id!("b"))]);
    }
}
