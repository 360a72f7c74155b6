//! Small line icons, one per kind, as strokes in a 16 × 16 box.
//!
//! Described as data rather than as a font or an image so the canvas and the SVG export draw
//! exactly the same marks, at any size, in the kind's accent colour.

use crate::model::Kind;

/// One stroke of an icon; coordinates in a 16 × 16 box, y down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IconPart {
    /// A straight line.
    Line([f32; 2], [f32; 2]),
    /// A rectangle outline: top-left corner, size, corner radius.
    Rect([f32; 2], [f32; 2], f32),
    /// A circle outline: centre, radius.
    Circle([f32; 2], f32),
    /// An ellipse outline: centre, radii.
    Ellipse([f32; 2], [f32; 2]),
    /// An open polyline.
    Polyline(&'static [[f32; 2]]),
}

/// An icon: strokes drawn with the same pen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Icon {
    /// The strokes.
    pub parts: &'static [IconPart],
}

/// The icon of `kind`.
pub fn icon(kind: Kind) -> Icon {
    use IconPart::*;
    let parts: &'static [IconPart] = match kind {
        // A server: two stacked units with status lights.
        Kind::Service => &[
            Rect([2.0, 2.0], [12.0, 5.0], 1.0),
            Rect([2.0, 9.0], [12.0, 5.0], 1.0),
            Circle([5.0, 4.5], 0.8),
            Circle([5.0, 11.5], 0.8),
        ],
        // Angle brackets: an interface.
        Kind::Api => &[
            Polyline(&[[6.0, 3.0], [2.0, 8.0], [6.0, 13.0]]),
            Polyline(&[[10.0, 3.0], [14.0, 8.0], [10.0, 13.0]]),
        ],
        // A small cylinder.
        Kind::Database => &[
            Ellipse([8.0, 3.5], [5.5, 2.0]),
            Line([2.5, 3.5], [2.5, 12.5]),
            Line([13.5, 3.5], [13.5, 12.5]),
            Polyline(&[
                [2.5, 12.5],
                [4.0, 14.0],
                [8.0, 14.6],
                [12.0, 14.0],
                [13.5, 12.5],
            ]),
        ],
        // Messages in a row.
        Kind::Queue => &[
            Rect([1.5, 5.0], [3.5, 6.0], 0.5),
            Rect([6.25, 5.0], [3.5, 6.0], 0.5),
            Rect([11.0, 5.0], [3.5, 6.0], 0.5),
        ],
        // A lightning bolt: fast.
        Kind::Cache => &[Polyline(&[
            [9.5, 1.5],
            [4.0, 9.0],
            [8.0, 9.0],
            [6.5, 14.5],
            [12.0, 7.0],
            [8.0, 7.0],
            [9.5, 1.5],
        ])],
        // A gear-like cog: a circle with spokes.
        Kind::Worker => &[
            Circle([8.0, 8.0], 3.0),
            Line([8.0, 1.5], [8.0, 4.0]),
            Line([8.0, 12.0], [8.0, 14.5]),
            Line([1.5, 8.0], [4.0, 8.0]),
            Line([12.0, 8.0], [14.5, 8.0]),
            Line([3.4, 3.4], [5.2, 5.2]),
            Line([10.8, 10.8], [12.6, 12.6]),
            Line([12.6, 3.4], [10.8, 5.2]),
            Line([5.2, 10.8], [3.4, 12.6]),
        ],
        // A monitor on a stand.
        Kind::Client => &[
            Rect([1.5, 2.0], [13.0, 9.0], 1.0),
            Line([8.0, 11.0], [8.0, 13.5]),
            Line([5.0, 14.0], [11.0, 14.0]),
        ],
        // A globe.
        Kind::External => &[
            Circle([8.0, 8.0], 6.0),
            Ellipse([8.0, 8.0], [2.8, 6.0]),
            Line([2.0, 8.0], [14.0, 8.0]),
        ],
        // A bucket.
        Kind::Storage => &[
            Ellipse([8.0, 3.5], [6.0, 1.8]),
            Line([2.0, 3.5], [3.5, 14.0]),
            Line([14.0, 3.5], [12.5, 14.0]),
            Line([3.5, 14.0], [12.5, 14.0]),
        ],
    };
    Icon { parts }
}
