//! What the review tools lay over the drawing beyond what [`paint`](super::paint) draws for
//! every layer: removed items as dashed ghosts where they were, and badges on connections
//! (note markers), drawn at the middle of the line. Also how the review panels move the view
//! to an item, which may be a connection or a ghost rather than a component.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke};

use crate::theme::Palette;

use super::Canvas;
use super::camera::Camera;
use super::geometry::edge_segment;
use super::marks::Ghost;
use super::paint::{PaintInput, badge, edge_line};

/// Paints every layer's ghosts and the badges of the painted connections `edges`.
pub(super) fn paint(
    out: &mut Vec<Shape>,
    painter: &Painter,
    input: &PaintInput<'_>,
    p: &Palette,
    edges: &[u32],
) {
    let cam = input.camera;
    let view = input.rect.expand(40.0);
    for (ghost, col) in input.marks.ghosts() {
        match ghost {
            Ghost::Box { rect, label } => {
                let sr = cam.screen_rect(input.rect, *rect);
                if !sr.is_finite() || !sr.intersects(view) {
                    continue;
                }
                out.push(Shape::rect_filled(sr, 6.0, col.gamma_multiply(0.10)));
                dashed_outline(out, sr, *col, 8.0, 5.0);
                let px = (13.0 * cam.zoom).clamp(6.0, 40.0);
                if px >= 7.0 {
                    let galley = painter.layout(
                        format!("{label}\n(removed)"),
                        FontId::proportional(px),
                        *col,
                        sr.width().max(10.0),
                    );
                    let at = Align2::CENTER_CENTER
                        .anchor_size(sr.center(), galley.size())
                        .min;
                    out.push(Shape::galley(at, galley, *col));
                }
            }
            Ghost::Frame { rect, label } => {
                let sr = cam.screen_rect(input.rect, *rect);
                if !sr.is_finite() || !sr.intersects(view) {
                    continue;
                }
                dashed_outline(out, sr, *col, 10.0, 6.0);
                // Always named, even zoomed out: a frame alone does not say what was removed.
                let px = (12.0 * cam.zoom).clamp(10.0, 32.0);
                let galley = painter.layout_no_wrap(
                    format!("{label} (removed)"),
                    FontId::proportional(px),
                    *col,
                );
                out.push(Shape::galley(
                    sr.left_top() + egui::vec2(6.0, 4.0),
                    galley,
                    *col,
                ));
            }
            Ghost::Line { from, to } => {
                let (a, b) = (
                    cam.screen_from_canvas(input.rect, *from),
                    cam.screen_from_canvas(input.rect, *to),
                );
                if !a.is_finite() || !b.is_finite() {
                    continue;
                }
                out.extend(Shape::dashed_line(
                    &[a, b],
                    Stroke::new(2.5, *col),
                    8.0,
                    5.0,
                ));
                let dir = (b - a).normalized();
                let side = dir.rot90() * 5.0;
                out.push(Shape::convex_polygon(
                    vec![b, b - dir * 10.0 + side, b - dir * 10.0 - side],
                    *col,
                    Stroke::NONE,
                ));
            }
        }
    }
    if input.marks.is_empty() {
        return;
    }
    for &e in edges {
        let Some(edge) = input.scene.edges.get(e as usize) else {
            continue;
        };
        let mut badges = input.marks.badges(edge.id.as_str()).peekable();
        if badges.peek().is_none() {
            continue;
        }
        let Some((s, t)) = edge_line(input, e, edge) else {
            continue;
        };
        let radius = (7.0 * cam.zoom).clamp(5.0, 10.0);
        // Beside the middle, so the connection's label stays readable.
        let mid = cam.screen_from_canvas(input.rect, s + (t - s) / 2.0);
        let mut centre = mid + (t - s).normalized().rot90() * (radius * 2.0);
        if !input.rect.contains(centre) {
            continue;
        }
        for b in badges {
            badge(out, painter, p, b, centre, radius);
            centre.x += radius * 2.2;
        }
    }
}

impl Canvas {
    /// Animates to centre the point `pos_in_canvas`, keeping the zoom (at least 60 %).
    pub fn centre_on_point(&mut self, pos_in_canvas: Pos2) {
        let zoom = self.camera.zoom.max(0.6);
        self.target = Some(Camera::centred_on(self.rect, pos_in_canvas, zoom));
    }

    /// Where the component or connection `id` is drawn (a connection: the middle of its
    /// line), in canvas units.
    pub fn item_centre(&self, id: &str) -> Option<Pos2> {
        if let Some(n) = self.scene.node(id) {
            return Some(n.rect.center());
        }
        let edge = self
            .scene
            .edges
            .get(*self.scene.edge_by_id.get(id)? as usize)?;
        let a = self.scene.nodes.get(edge.from as usize)?.rect;
        let b = self.scene.nodes.get(edge.to as usize)?.rect;
        let (s, t) = edge_segment(a, b, edge.lane)?;
        Some(s + (t - s) / 2.0)
    }

    /// The box of group `id`, in canvas units.
    pub fn group_rect(&self, id: &str) -> Option<Rect> {
        self.scene
            .groups
            .iter()
            .find(|g| g.id.as_str() == id)
            .map(|g| g.rect)
    }
}

/// A ghost's dashed outline around `rect` (screen points).
fn dashed_outline(out: &mut Vec<Shape>, rect: Rect, col: Color32, dash: f32, gap: f32) {
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    out.extend(Shape::dashed_line(
        &corners,
        Stroke::new(2.0, col),
        dash,
        gap,
    ));
}
