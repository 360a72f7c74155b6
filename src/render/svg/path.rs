//! SVG path data, built with numbers rounded like every other attribute.

use super::geometry::Point;
use super::writer::push_num;

/// The `d` attribute of a `<path>`.
#[derive(Clone, Debug, Default)]
pub struct PathData(String);

impl PathData {
    /// An empty path.
    pub fn new() -> Self {
        Self(String::with_capacity(64))
    }

    fn cmd(mut self, c: char, numbers: &[f32]) -> Self {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        self.0.push(c);
        for (i, n) in numbers.iter().enumerate() {
            if i > 0 {
                self.0.push(' ');
            }
            push_num(&mut self.0, *n);
        }
        self
    }

    /// Move to.
    pub fn m(self, p: Point) -> Self {
        self.cmd('M', &[p.x, p.y])
    }

    /// Line to.
    pub fn l(self, p: Point) -> Self {
        self.cmd('L', &[p.x, p.y])
    }

    /// Elliptical arc to `p` (radii `rx`, `ry`; `sweep` true is clockwise on screen).
    pub fn a(self, rx: f32, ry: f32, sweep: bool, p: Point) -> Self {
        self.cmd(
            'A',
            &[rx, ry, 0.0, 0.0, if sweep { 1.0 } else { 0.0 }, p.x, p.y],
        )
    }

    /// Cubic Bézier to `p` through control points `c1` and `c2`.
    pub fn c(self, c1: Point, c2: Point, p: Point) -> Self {
        self.cmd('C', &[c1.x, c1.y, c2.x, c2.y, p.x, p.y])
    }

    /// Close the subpath.
    pub fn z(self) -> Self {
        self.cmd('Z', &[])
    }
}

impl std::fmt::Display for PathData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_join_with_spaces() {
        let d = PathData::new()
            .m(Point::new(0.0, 1.5))
            .l(Point::new(2.0, 3.0))
            .a(4.0, 5.0, true, Point::new(6.0, 7.0))
            .z();
        assert_eq!(d.to_string(), "M0 1.5 L2 3 A4 5 0 0 1 6 7 Z");
    }
}
