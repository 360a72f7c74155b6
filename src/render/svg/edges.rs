//! Where each connection's line runs, and its arrow head.
//!
//! Lines are straight, from border to border of the two boxes (on the line between their
//! centres), so arrow heads touch the box they point at. Several connections between the
//! same two components are drawn side by side rather than on top of each other, and a
//! connection from a component to itself is a loop on its top-right corner.

use std::collections::BTreeMap;

use super::geometry::{Point, Rect};
use super::path::PathData;
use crate::model::{Connection, Id};
use crate::theme::ArrowHead;

/// Length of an arrow head along the line.
pub const HEAD_LENGTH: f32 = 11.0;
/// Half the width of an arrow head.
pub const HEAD_HALF_WIDTH: f32 = 5.0;
/// Distance between parallel connections of one pair of components.
const PARALLEL_GAP: f32 = 16.0;

/// The drawn course of one connection.
#[derive(Clone, Debug)]
pub struct Course {
    /// The line, shortened where a closed head covers its end.
    pub line: PathData,
    /// The tip of the arrow, on the target's border.
    pub tip: Point,
    /// The direction the arrow points (unit length).
    pub direction: Point,
    /// Where the label's centre goes.
    pub label_at: Point,
}

/// The course of every connection whose two boxes are in `boxes`, by connection.
pub fn courses<'a>(
    connections: &[&'a Connection],
    boxes: &BTreeMap<&Id, Rect>,
    head: impl Fn(&Connection) -> ArrowHead,
) -> Vec<(&'a Connection, Course)> {
    // Connections of the same unordered pair, in id order, to spread them apart.
    let mut pairs: BTreeMap<(&Id, &Id), Vec<usize>> = BTreeMap::new();
    for (i, c) in connections.iter().enumerate() {
        let key = if c.from <= c.to {
            (&c.from, &c.to)
        } else {
            (&c.to, &c.from)
        };
        pairs.entry(key).or_default().push(i);
    }
    let mut slot = vec![(0usize, 1usize); connections.len()];
    for members in pairs.values() {
        for (k, &i) in members.iter().enumerate() {
            if let Some(s) = slot.get_mut(i) {
                *s = (k, members.len());
            }
        }
    }
    let mut out = Vec::with_capacity(connections.len());
    for (c, (k, n)) in connections.iter().zip(slot) {
        let (Some(a), Some(b)) = (boxes.get(&c.from), boxes.get(&c.to)) else {
            continue;
        };
        let closed = head(c) != ArrowHead::Open;
        let course = if c.from == c.to {
            self_loop(a, k, closed)
        } else {
            // The sign follows the pair's id order so both directions share one side rule.
            let sign = if c.from <= c.to { 1.0 } else { -1.0 };
            let offset = (k as f32 - (n as f32 - 1.0) / 2.0) * PARALLEL_GAP * sign;
            // Labels of parallel lines sit at different points along them.
            let along = 0.5 + (k as f32 - (n as f32 - 1.0) / 2.0) * 0.22;
            straight(a, b, offset, along.clamp(0.2, 0.8), closed)
        };
        out.push((*c, course));
    }
    out
}

fn straight(a: &Rect, b: &Rect, offset: f32, along: f32, closed: bool) -> Course {
    let (ca, cb) = (a.centre(), b.centre());
    let length = ca.distance(cb).max(f32::EPSILON);
    let d = Point::new((cb.x - ca.x) / length, (cb.y - ca.y) / length);
    let normal = Point::new(-d.y, d.x);
    // Keep the shifted line inside both boxes.
    let limit = (a.w.min(a.h).min(b.w).min(b.h) / 2.0 - 4.0).max(0.0);
    let offset = offset.clamp(-limit, limit);
    let shift = |p: Point| Point::new(p.x + normal.x * offset, p.y + normal.y * offset);
    let (sa, sb) = (shift(ca), shift(cb));
    let start = a.exit_point(sa, sb);
    let tip = b.exit_point(sb, sa);
    let end = if closed && start.distance(tip) > HEAD_LENGTH {
        Point::new(tip.x - d.x * HEAD_LENGTH, tip.y - d.y * HEAD_LENGTH)
    } else {
        tip
    };
    Course {
        line: PathData::new().m(start).l(end),
        tip,
        direction: d,
        label_at: Point::new(
            start.x + (tip.x - start.x) * along,
            start.y + (tip.y - start.y) * along,
        ),
    }
}

fn self_loop(r: &Rect, k: usize, closed: bool) -> Course {
    let grow = k as f32 * 12.0;
    let start = Point::new(r.right() - 36.0 - grow, r.y);
    let tip = Point::new(r.right(), r.y + 18.0 + grow);
    let c1 = Point::new(start.x, r.y - 46.0 - grow);
    let c2 = Point::new(r.right() + 46.0 + grow, tip.y);
    let d = Point::new(-1.0, 0.0);
    let end = if closed {
        Point::new(tip.x + HEAD_LENGTH, tip.y)
    } else {
        tip
    };
    Course {
        line: PathData::new().m(start).c(c1, c2, end),
        tip,
        direction: d,
        label_at: Point::new(r.right() + 16.0 + grow, r.y - 22.0 - grow),
    }
}

/// The outline of an arrow head: tip, then the two back corners.
pub fn head_points(tip: Point, direction: Point) -> [Point; 3] {
    let base = Point::new(
        tip.x - direction.x * HEAD_LENGTH,
        tip.y - direction.y * HEAD_LENGTH,
    );
    let n = Point::new(-direction.y, direction.x);
    [
        tip,
        Point::new(
            base.x + n.x * HEAD_HALF_WIDTH,
            base.y + n.y * HEAD_HALF_WIDTH,
        ),
        Point::new(
            base.x - n.x * HEAD_HALF_WIDTH,
            base.y - n.y * HEAD_HALF_WIDTH,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ConnectionKind;

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    fn conn(name: &str, from: &str, to: &str) -> Connection {
        Connection::new(id(name), id(from), id(to), ConnectionKind::DependsOn)
    }

    #[test]
    fn lines_run_from_border_to_border() {
        let (a, b) = (id("a"), id("b"));
        let boxes = BTreeMap::from([
            (&a, Rect::centred(0.0, 0.0, 100.0, 50.0)),
            (&b, Rect::centred(300.0, 0.0, 100.0, 50.0)),
        ]);
        let c = conn("ab", "a", "b");
        let out = courses(&[&c], &boxes, |_| ArrowHead::Filled);
        let (_, course) = &out[0];
        assert_eq!(course.tip, Point::new(250.0, 0.0));
        assert_eq!(course.direction, Point::new(1.0, 0.0));
        // The line stops where the filled head starts.
        assert_eq!(course.line.to_string(), "M50 0 L239 0");
        assert_eq!(course.label_at, Point::new(150.0, 0.0));
    }

    #[test]
    fn parallel_connections_are_spread_and_loops_drawn() {
        let (a, b) = (id("a"), id("b"));
        let boxes = BTreeMap::from([
            (&a, Rect::centred(0.0, 0.0, 100.0, 50.0)),
            (&b, Rect::centred(0.0, 300.0, 100.0, 50.0)),
        ]);
        let c1 = conn("one", "a", "b");
        let c2 = conn("two", "b", "a");
        let c3 = conn("self", "a", "a");
        let out = courses(&[&c1, &c2, &c3], &boxes, |_| ArrowHead::Open);
        assert_eq!(out.len(), 3);
        let x1 = out[0].1.tip.x;
        let x2 = out[1].1.tip.x;
        assert!((x1 - x2).abs() > 10.0, "{x1} {x2}");
        assert!(out[2].1.line.to_string().contains('C'));
        // A connection to a box that is not drawn is skipped.
        let d = conn("gone", "a", "zzz");
        assert!(courses(&[&d], &boxes, |_| ArrowHead::Open).is_empty());
    }

    #[test]
    fn heads_point_along_the_line() {
        let [tip, l, r] = head_points(Point::new(10.0, 0.0), Point::new(1.0, 0.0));
        assert_eq!(tip, Point::new(10.0, 0.0));
        assert_eq!(l, Point::new(-1.0, HEAD_HALF_WIDTH));
        assert_eq!(r, Point::new(-1.0, -HEAD_HALF_WIDTH));
    }
}
