//! Per-kind outlines and icons, in screen space, from the theme's plain descriptions.

use std::f32::consts::{FRAC_PI_2, PI, TAU};

use egui::{Color32, CornerRadius, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};

use crate::theme::{Icon, IconPart, Shape as KindShape, metrics};

/// Points on an ellipse from angle `a0` to `a1` (y down: angles in (π, 2π) are the top half).
fn arc(c: Pos2, r: Vec2, a0: f32, a1: f32, n: usize) -> impl Iterator<Item = Pos2> {
    (0..=n).map(move |i| {
        let t = a0 + (a1 - a0) * i as f32 / n as f32;
        Pos2::new(c.x + r.x * t.cos(), c.y + r.y * t.sin())
    })
}

fn corner(zoom: f32) -> CornerRadius {
    CornerRadius::same((metrics::CORNER_RADIUS * zoom).clamp(0.0, 255.0) as u8)
}

/// Pushes the outline of a component of shape `shape` filling `r` (screen).
pub fn outline(
    out: &mut Vec<Shape>,
    shape: KindShape,
    r: Rect,
    fill: Color32,
    stroke: Stroke,
    zoom: f32,
) {
    let n = if r.width() > 120.0 { 20 } else { 10 };
    match shape {
        KindShape::RoundedRect => {
            out.push(Shape::rect_filled(r, corner(zoom), fill));
            out.push(Shape::rect_stroke(
                r,
                corner(zoom),
                stroke,
                StrokeKind::Inside,
            ));
        }
        KindShape::Octagon => {
            let c = (14.0 * zoom).min(r.height() / 3.0);
            let pts = vec![
                Pos2::new(r.left() + c, r.top()),
                Pos2::new(r.right() - c, r.top()),
                Pos2::new(r.right(), r.top() + c),
                Pos2::new(r.right(), r.bottom() - c),
                Pos2::new(r.right() - c, r.bottom()),
                Pos2::new(r.left() + c, r.bottom()),
                Pos2::new(r.left(), r.bottom() - c),
                Pos2::new(r.left(), r.top() + c),
            ];
            out.push(Shape::convex_polygon(pts, fill, stroke));
        }
        KindShape::Cylinder => {
            let rx = r.width() / 2.0;
            let ry = (r.height() * 0.13).max(1.0);
            let top = Pos2::new(r.center().x, r.top() + ry);
            let bottom = Pos2::new(r.center().x, r.bottom() - ry);
            let radii = Vec2::new(rx, ry);
            let mut pts: Vec<Pos2> = arc(top, radii, PI, TAU, n).collect();
            pts.extend(arc(bottom, radii, 0.0, PI, n));
            out.push(Shape::convex_polygon(pts, fill, stroke));
            out.push(Shape::line(arc(top, radii, 0.0, PI, n).collect(), stroke));
        }
        KindShape::Pipe => {
            let ry = r.height() / 2.0;
            let rx = (r.width() * 0.07).max(1.0);
            let left = Pos2::new(r.left() + rx, r.center().y);
            let right = Pos2::new(r.right() - rx, r.center().y);
            let radii = Vec2::new(rx, ry);
            let mut pts: Vec<Pos2> = arc(left, radii, FRAC_PI_2, 3.0 * FRAC_PI_2, n).collect();
            pts.extend(arc(right, radii, -FRAC_PI_2, FRAC_PI_2, n));
            out.push(Shape::convex_polygon(pts, fill, stroke));
            out.push(Shape::line(
                arc(right, radii, FRAC_PI_2, 3.0 * FRAC_PI_2, n).collect(),
                stroke,
            ));
        }
        KindShape::DoubleRect => {
            out.push(Shape::rect_filled(r, corner(zoom), fill));
            out.push(Shape::rect_stroke(
                r,
                corner(zoom),
                stroke,
                StrokeKind::Inside,
            ));
            let inner = r.shrink((4.0 * zoom).max(1.5));
            out.push(Shape::rect_stroke(
                inner,
                corner(zoom * 0.6),
                Stroke::new(stroke.width * 0.6, stroke.color),
                StrokeKind::Inside,
            ));
        }
        KindShape::Stacked => {
            let d = (5.0 * zoom).max(1.0);
            for k in [2.0, 1.0] {
                let back = r.translate(Vec2::new(d * k, -d * k));
                out.push(Shape::rect_filled(back, corner(zoom), fill));
                out.push(Shape::rect_stroke(
                    back,
                    corner(zoom),
                    Stroke::new(stroke.width * 0.7, stroke.color),
                    StrokeKind::Inside,
                ));
            }
            out.push(Shape::rect_filled(r, corner(zoom), fill));
            out.push(Shape::rect_stroke(
                r,
                corner(zoom),
                stroke,
                StrokeKind::Inside,
            ));
        }
        KindShape::Device => {
            let screen =
                Rect::from_min_max(r.min, Pos2::new(r.right(), r.bottom() - r.height() * 0.16));
            out.push(Shape::rect_filled(screen, corner(zoom * 0.6), fill));
            out.push(Shape::rect_stroke(
                screen,
                corner(zoom * 0.6),
                stroke,
                StrokeKind::Inside,
            ));
            let cx = r.center().x;
            out.push(Shape::line_segment(
                [Pos2::new(cx, screen.bottom()), Pos2::new(cx, r.bottom())],
                stroke,
            ));
            let half = r.width() * 0.18;
            out.push(Shape::line_segment(
                [
                    Pos2::new(cx - half, r.bottom()),
                    Pos2::new(cx + half, r.bottom()),
                ],
                stroke,
            ));
        }
        KindShape::DashedRect => {
            out.push(Shape::rect_filled(r, corner(zoom), fill));
            let pts = vec![
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            let dash = (7.0 * zoom).clamp(3.0, 14.0);
            out.extend(Shape::dashed_line(&pts, stroke, dash, dash * 0.6));
        }
        KindShape::Bucket => {
            let ry = (r.height() * 0.12).max(1.0);
            let top = Pos2::new(r.center().x, r.top() + ry);
            let radii = Vec2::new(r.width() / 2.0, ry);
            let inset = r.width() * 0.1;
            let mut pts: Vec<Pos2> = arc(top, radii, PI, TAU, n).collect();
            pts.push(Pos2::new(r.right() - inset, r.bottom()));
            pts.push(Pos2::new(r.left() + inset, r.bottom()));
            out.push(Shape::convex_polygon(pts, fill, stroke));
            out.push(Shape::line(arc(top, radii, 0.0, PI, n).collect(), stroke));
        }
    }
}

/// Pushes `icon` drawn in a square of side `size` with its top-left corner at `min`.
pub fn icon(out: &mut Vec<Shape>, icon: Icon, min: Pos2, size: f32, stroke: Stroke) {
    let s = size / 16.0;
    let p = |q: [f32; 2]| Pos2::new(min.x + q[0] * s, min.y + q[1] * s);
    for part in icon.parts {
        match *part {
            IconPart::Line(a, b) => out.push(Shape::line_segment([p(a), p(b)], stroke)),
            IconPart::Rect(a, sz, radius) => out.push(Shape::rect_stroke(
                Rect::from_min_size(p(a), Vec2::new(sz[0], sz[1]) * s),
                CornerRadius::same((radius * s).clamp(0.0, 255.0) as u8),
                stroke,
                StrokeKind::Middle,
            )),
            IconPart::Circle(c, r) => out.push(Shape::circle_stroke(p(c), r * s, stroke)),
            IconPart::Ellipse(c, r) => {
                let pts: Vec<Pos2> = arc(p(c), Vec2::new(r[0], r[1]) * s, 0.0, TAU, 16).collect();
                out.push(Shape::closed_line(pts, stroke));
            }
            IconPart::Polyline(pts) => {
                out.push(Shape::line(pts.iter().map(|q| p(*q)).collect(), stroke))
            }
        }
    }
}
