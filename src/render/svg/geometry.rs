//! Rectangles and points in canvas units, and where a line leaves a box.

/// A point in canvas units (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Horizontal.
    pub x: f32,
    /// Vertical, down is positive.
    pub y: f32,
}

impl Point {
    /// The point (`x`, `y`).
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Distance to `other`.
    pub fn distance(self, other: Point) -> f32 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// An axis-aligned rectangle: top-left corner and size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// The rectangle of size `w` × `h` centred on (`cx`, `cy`).
    pub fn centred(cx: f32, cy: f32, w: f32, h: f32) -> Self {
        Self {
            x: cx - w / 2.0,
            y: cy - h / 2.0,
            w,
            h,
        }
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// The centre.
    pub fn centre(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            w: self.right().max(other.right()) - x,
            h: self.bottom().max(other.bottom()) - y,
        }
    }

    /// Grown by `left`, `top`, `right`, `bottom`.
    pub fn grow(&self, left: f32, top: f32, right: f32, bottom: f32) -> Rect {
        Rect {
            x: self.x - left,
            y: self.y - top,
            w: self.w + left + right,
            h: self.h + top + bottom,
        }
    }

    /// Whether `p` is inside or on the border.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// Where the ray from `from` (inside the box) towards `towards` crosses the border;
    /// `from` itself when the two points coincide.
    pub fn exit_point(&self, from: Point, towards: Point) -> Point {
        let (dx, dy) = (towards.x - from.x, towards.y - from.y);
        let mut t = f32::INFINITY;
        if dx > f32::EPSILON {
            t = t.min((self.right() - from.x) / dx);
        } else if dx < -f32::EPSILON {
            t = t.min((self.x - from.x) / dx);
        }
        if dy > f32::EPSILON {
            t = t.min((self.bottom() - from.y) / dy);
        } else if dy < -f32::EPSILON {
            t = t.min((self.y - from.y) / dy);
        }
        if !t.is_finite() || t < 0.0 {
            return from;
        }
        Point::new(from.x + dx * t, from.y + dy * t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_near(a: Point, b: Point) {
        assert!(a.distance(b) < 1e-3, "{a:?} is not {b:?}");
    }

    #[test]
    fn exit_points_lie_on_the_border() {
        let r = Rect::centred(0.0, 0.0, 100.0, 50.0);
        assert_near(
            r.exit_point(r.centre(), Point::new(500.0, 0.0)),
            Point::new(50.0, 0.0),
        );
        assert_near(
            r.exit_point(r.centre(), Point::new(0.0, -90.0)),
            Point::new(0.0, -25.0),
        );
        // Diagonal: the bottom edge is met first for a wide box.
        assert_near(
            r.exit_point(r.centre(), Point::new(100.0, 100.0)),
            Point::new(25.0, 25.0),
        );
        assert_eq!(r.exit_point(r.centre(), r.centre()), r.centre());
    }

    #[test]
    fn union_and_grow() {
        let a = Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        let b = Rect {
            x: 20.0,
            y: -5.0,
            w: 5.0,
            h: 5.0,
        };
        assert_eq!(
            a.union(&b),
            Rect {
                x: 0.0,
                y: -5.0,
                w: 25.0,
                h: 15.0
            }
        );
        assert_eq!(
            a.grow(1.0, 2.0, 3.0, 4.0),
            Rect {
                x: -1.0,
                y: -2.0,
                w: 14.0,
                h: 16.0
            }
        );
        assert!(a.contains(Point::new(10.0, 0.0)));
        assert!(!a.contains(Point::new(10.1, 0.0)));
    }
}
