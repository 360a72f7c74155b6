//! Where edges run: border points, clipping to the view, distance for hit-testing.

use egui::{Pos2, Rect, Vec2};

/// Where a ray from `from` (inside `r`) in direction `dir` leaves `r`.
pub fn exit_point(r: Rect, from: Pos2, dir: Vec2) -> Pos2 {
    let t_for = |p: f32, lo: f32, hi: f32, d: f32| {
        if d > 0.0 {
            (hi - p) / d
        } else if d < 0.0 {
            (lo - p) / d
        } else {
            f32::INFINITY
        }
    };
    let t = t_for(from.x, r.min.x, r.max.x, dir.x)
        .min(t_for(from.y, r.min.y, r.max.y, dir.y))
        .max(0.0);
    if t.is_finite() { from + dir * t } else { from }
}

/// The segment of a connection from box `a` to box `b`, shifted sideways by `lane`, from
/// border to border. `None` when the boxes share a centre.
pub fn edge_segment(a: Rect, b: Rect, lane: f32) -> Option<(Pos2, Pos2)> {
    let (ca, cb) = (a.center(), b.center());
    let d = cb - ca;
    // Not `length()`: `hypot` is several times slower, and this runs for every edge in view.
    let len = d.length_sq().sqrt();
    // NaN fails `is_finite`, so this also refuses a NaN length.
    if len <= 1e-3 || !len.is_finite() {
        return None;
    }
    let dir = d / len;
    let normal = Vec2::new(-dir.y, dir.x);
    // Keep the lane inside both boxes so the line still starts on a border.
    let max_lane = (a.size().min_elem().min(b.size().min_elem()) / 2.0 - 2.0).max(0.0);
    let off = normal * lane.clamp(-max_lane, max_lane);
    let start = exit_point(a, ca + off, dir);
    let end = exit_point(b, cb + off, -dir);
    Some((start, end))
}

/// Clips segment `p`–`q` to `r` (Liang–Barsky). Returns the visible part and whether `q`
/// itself is inside (so the arrow head is drawn only when its tip is visible).
pub fn clip(p: Pos2, q: Pos2, r: Rect) -> Option<(Pos2, Pos2, bool)> {
    let d = q - p;
    let mut t0: f32 = 0.0;
    let mut t1: f32 = 1.0;
    for (num, den) in [
        (p.x - r.min.x, -d.x),
        (r.max.x - p.x, d.x),
        (p.y - r.min.y, -d.y),
        (r.max.y - p.y, d.y),
    ] {
        if den == 0.0 {
            if num < 0.0 {
                return None;
            }
        } else {
            let t = num / den;
            if den < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
        if t0 > t1 {
            return None;
        }
    }
    Some((p + d * t0, p + d * t1, t1 >= 1.0))
}

/// Distance from `pt` to segment `a`–`b`.
pub fn distance_to_segment(pt: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 <= f32::EPSILON {
        return (pt - a).length();
    }
    let t = ((pt - a).dot(ab) / len2).clamp(0.0, 1.0);
    (pt - (a + ab * t)).length()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_start_and_end_on_borders() {
        let a = Rect::from_center_size(Pos2::ZERO, Vec2::new(100.0, 50.0));
        let b = Rect::from_center_size(Pos2::new(300.0, 0.0), Vec2::new(100.0, 50.0));
        let (s, e) = edge_segment(a, b, 0.0).unwrap();
        assert_eq!(s, Pos2::new(50.0, 0.0));
        assert_eq!(e, Pos2::new(250.0, 0.0));
        assert!(edge_segment(a, a, 0.0).is_none());
    }

    #[test]
    fn clipping() {
        let r = Rect::from_min_max(Pos2::ZERO, Pos2::new(10.0, 10.0));
        let (a, b, end_inside) = clip(Pos2::new(-10.0, 5.0), Pos2::new(5.0, 5.0), r).unwrap();
        assert_eq!(
            (a, b, end_inside),
            (Pos2::new(0.0, 5.0), Pos2::new(5.0, 5.0), true)
        );
        assert!(clip(Pos2::new(-10.0, -5.0), Pos2::new(20.0, -5.0), r).is_none());
        let (_, _, end_inside) = clip(Pos2::new(5.0, 5.0), Pos2::new(1.0e9, 5.0), r).unwrap();
        assert!(!end_inside);
    }
}
