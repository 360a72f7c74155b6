//! The outline of each kind of component, and its line icon, as SVG.
//!
//! Shapes come from [`crate::theme::Shape`], colours and the icon strokes from the theme,
//! so a database is a cylinder here exactly as on the canvas. Each outline also says where
//! its inside is (under a cylinder's lid, between a pipe's ends, on a device's screen), so
//! the icon and the text sit inside the drawn shape rather than the layout box.

use super::geometry::{Point, Rect};
use super::path::PathData;
use super::writer::SvgWriter;
use crate::theme::{Icon, IconPart, Rgba, Shape, metrics};

/// Width of a component's outline.
pub const OUTLINE_WIDTH: f32 = 1.6;

/// Draws `shape` filling `r`, and returns the rectangle inside it that holds the content.
pub fn draw_outline(w: &mut SvgWriter, shape: Shape, r: Rect, stroke: Rgba, fill: Rgba) -> Rect {
    fn styled<'w>(
        w: &'w mut SvgWriter,
        tag: &'static str,
        fill: Rgba,
        stroke: Rgba,
    ) -> super::writer::Element<'w> {
        w.el(tag)
            .paint("fill", fill)
            .paint("stroke", stroke)
            .num("stroke-width", OUTLINE_WIDTH)
    }
    let (x, y, right, bottom) = (r.x, r.y, r.right(), r.bottom());
    match shape {
        Shape::RoundedRect => {
            rect(styled(w, "rect", fill, stroke), r, metrics::CORNER_RADIUS).end();
            r
        }
        Shape::DashedRect => {
            rect(styled(w, "rect", fill, stroke), r, 4.0)
                .attr("stroke-dasharray", "6 4")
                .end();
            r
        }
        Shape::DoubleRect => {
            rect(styled(w, "rect", fill, stroke), r, metrics::CORNER_RADIUS).end();
            let inner = r.grow(-4.0, -4.0, -4.0, -4.0);
            rect(w.el("rect"), inner, metrics::CORNER_RADIUS - 3.0)
                .attr("fill", "none")
                .paint("stroke", stroke)
                .num("stroke-width", 1.0)
                .end();
            r.grow(-2.0, -2.0, -2.0, -2.0)
        }
        Shape::Octagon => {
            let c = (r.h * 0.2).min(14.0);
            let d = PathData::new()
                .m(Point::new(x + c, y))
                .l(Point::new(right - c, y))
                .l(Point::new(right, y + c))
                .l(Point::new(right, bottom - c))
                .l(Point::new(right - c, bottom))
                .l(Point::new(x + c, bottom))
                .l(Point::new(x, bottom - c))
                .l(Point::new(x, y + c))
                .z();
            styled(w, "path", fill, stroke).attr("d", d).end();
            r.grow(-c / 2.0, 0.0, -c / 2.0, 0.0)
        }
        Shape::Cylinder => {
            let (rx, ry) = (r.w / 2.0, (r.h * 0.12).min(10.0));
            let body = PathData::new()
                .m(Point::new(x, y + ry))
                .l(Point::new(x, bottom - ry))
                .a(rx, ry, false, Point::new(right, bottom - ry))
                .l(Point::new(right, y + ry))
                .a(rx, ry, false, Point::new(x, y + ry))
                .z();
            styled(w, "path", fill, stroke).attr("d", body).end();
            let lid = PathData::new().m(Point::new(x, y + ry)).a(
                rx,
                ry,
                false,
                Point::new(right, y + ry),
            );
            rim(w, lid, stroke);
            r.grow(0.0, -2.0 * ry, 0.0, -ry)
        }
        Shape::Pipe => {
            let (rx, ry) = ((r.w * 0.07).min(10.0), r.h / 2.0);
            let body = PathData::new()
                .m(Point::new(x + rx, y))
                .l(Point::new(right - rx, y))
                .a(rx, ry, true, Point::new(right - rx, bottom))
                .l(Point::new(x + rx, bottom))
                .a(rx, ry, true, Point::new(x + rx, y))
                .z();
            styled(w, "path", fill, stroke).attr("d", body).end();
            let end = PathData::new().m(Point::new(right - rx, y)).a(
                rx,
                ry,
                false,
                Point::new(right - rx, bottom),
            );
            rim(w, end, stroke);
            r.grow(-rx, 0.0, -2.0 * rx, 0.0)
        }
        Shape::Stacked => {
            let step = 4.0;
            let card = |i: f32| Rect {
                x: x + step * i,
                y: y + step * (2.0 - i),
                w: r.w - 2.0 * step,
                h: r.h - 2.0 * step,
            };
            for i in [2.0, 1.0] {
                rect(
                    styled(w, "rect", fill, stroke),
                    card(i),
                    metrics::CORNER_RADIUS / 2.0,
                )
                .end();
            }
            let front = card(0.0);
            rect(
                styled(w, "rect", fill, stroke),
                front,
                metrics::CORNER_RADIUS / 2.0,
            )
            .end();
            front
        }
        Shape::Device => {
            let stand = (r.h * 0.16).clamp(8.0, 16.0);
            let screen = Rect {
                h: r.h - stand,
                ..r
            };
            let cx = r.centre().x;
            let base = (r.w * 0.18).min(30.0);
            let foot = PathData::new()
                .m(Point::new(cx - 6.0, screen.bottom()))
                .l(Point::new(cx - 8.0, bottom - 2.0))
                .l(Point::new(cx - base, bottom - 2.0))
                .l(Point::new(cx - base, bottom))
                .l(Point::new(cx + base, bottom))
                .l(Point::new(cx + base, bottom - 2.0))
                .l(Point::new(cx + 8.0, bottom - 2.0))
                .l(Point::new(cx + 6.0, screen.bottom()))
                .z();
            w.el("path")
                .attr("d", foot)
                .paint("fill", stroke)
                .paint("stroke", stroke)
                .num("stroke-width", 1.0)
                .end();
            rect(styled(w, "rect", fill, stroke), screen, 6.0).end();
            screen
        }
        Shape::Bucket => {
            let (rx, ry) = (r.w / 2.0, (r.h * 0.1).min(8.0));
            let taper = (r.w * 0.09).min(14.0);
            let body = PathData::new()
                .m(Point::new(x, y + ry))
                .l(Point::new(x + taper, bottom - 2.0))
                .a(
                    rx - taper,
                    2.0,
                    false,
                    Point::new(right - taper, bottom - 2.0),
                )
                .l(Point::new(right, y + ry))
                .a(rx, ry, false, Point::new(x, y + ry))
                .z();
            styled(w, "path", fill, stroke).attr("d", body).end();
            let lid = PathData::new().m(Point::new(x, y + ry)).a(
                rx,
                ry,
                false,
                Point::new(right, y + ry),
            );
            rim(w, lid, stroke);
            r.grow(-taper, -2.0 * ry, -taper, 0.0)
        }
    }
}

fn rect(el: super::writer::Element<'_>, r: Rect, radius: f32) -> super::writer::Element<'_> {
    el.num("x", r.x)
        .num("y", r.y)
        .num("width", r.w)
        .num("height", r.h)
        .num("rx", radius)
}

fn rim(w: &mut SvgWriter, d: PathData, stroke: Rgba) {
    w.el("path")
        .attr("d", d)
        .attr("fill", "none")
        .paint("stroke", stroke)
        .num("stroke-width", OUTLINE_WIDTH)
        .end();
}

/// Draws `icon` in a square of side `size` with its top-left corner at `at`.
pub fn draw_icon(w: &mut SvgWriter, icon: Icon, at: Point, size: f32, colour: Rgba) {
    let k = size / 16.0;
    let p = |q: [f32; 2]| Point::new(at.x + q[0] * k, at.y + q[1] * k);
    w.el("g")
        .attr("class", "icon")
        .attr("fill", "none")
        .paint("stroke", colour)
        .num("stroke-width", 1.3)
        .attr("stroke-linecap", "round")
        .attr("stroke-linejoin", "round")
        .open();
    for part in icon.parts {
        match *part {
            IconPart::Line(a, b) => {
                let (a, b) = (p(a), p(b));
                w.el("line")
                    .num("x1", a.x)
                    .num("y1", a.y)
                    .num("x2", b.x)
                    .num("y2", b.y)
                    .end();
            }
            IconPart::Rect(corner, size, radius) => {
                let c = p(corner);
                w.el("rect")
                    .num("x", c.x)
                    .num("y", c.y)
                    .num("width", size[0] * k)
                    .num("height", size[1] * k)
                    .num("rx", radius * k)
                    .end();
            }
            IconPart::Circle(centre, radius) => {
                let c = p(centre);
                w.el("circle")
                    .num("cx", c.x)
                    .num("cy", c.y)
                    .num("r", radius * k)
                    .end();
            }
            IconPart::Ellipse(centre, radii) => {
                let c = p(centre);
                w.el("ellipse")
                    .num("cx", c.x)
                    .num("cy", c.y)
                    .num("rx", radii[0] * k)
                    .num("ry", radii[1] * k)
                    .end();
            }
            IconPart::Polyline(points) => {
                let mut text = String::with_capacity(points.len() * 10);
                for (i, q) in points.iter().enumerate() {
                    if i > 0 {
                        text.push(' ');
                    }
                    let q = p(*q);
                    super::writer::push_num(&mut text, q.x);
                    text.push(',');
                    super::writer::push_num(&mut text, q.y);
                }
                w.el("polyline").attr("points", text).end();
            }
        }
    }
    w.close();
}
