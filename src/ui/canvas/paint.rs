//! Painting the scene: grid, groups, connections, components, selection, handles.
//!
//! Only what intersects the view is painted (found through the spatial indices), at the
//! detail [`Lod`] allows, with text from the [`TextCache`]. Shapes are collected in one
//! vector and handed to egui at once.

use std::collections::HashSet;

use egui::{Align2, Color32, CornerRadius, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};

use crate::model::ConnectionType;
use crate::theme::{ArrowHead, Mode, Palette, edge_style, group_style, icon, kind_style, metrics};
use crate::ui::selection::Selection;
use crate::ui::style::color;

use super::batch::{Batch, MeshPool, Pattern};
use super::camera::Camera;
use super::dashes::DashTextures;
use super::geometry::{clip, edge_segment};
use super::hit::{HANDLE_RADIUS, Hit, handles, node_rect};
use super::lod::Lod;
use super::marks::Marks;
use super::scene::{Edge, Scene};
use super::shapes;
use super::text_cache::TextCache;

/// Text roles, to keep cache entries apart.
const ROLE_NAME: u32 = 1;
const ROLE_DETAIL: u32 = 2;
const ROLE_EDGE: u32 = 3;
const ROLE_GROUP: u32 = 4;

/// What one frame paints.
pub struct PaintInput<'a> {
    /// The scene.
    pub scene: &'a Scene,
    /// The camera.
    pub camera: Camera,
    /// The canvas area on screen.
    pub rect: Rect,
    /// Light or dark.
    pub mode: Mode,
    /// What is selected.
    pub selection: &'a Selection,
    /// What the pointer is over.
    pub hover: Option<Hit>,
    /// Nodes being dragged.
    pub moving: &'a HashSet<u32>,
    /// Their offset in canvas units.
    pub offset: Vec2,
    /// Draw the grid.
    pub grid: bool,
    /// The node whose connection handles are shown.
    pub handles_of: Option<u32>,
    /// A node being renamed (its name is not painted).
    pub renaming: Option<u32>,
    /// Decorations from other parts of the editor.
    pub marks: &'a Marks,
    /// Textures for dashed connections (without them, dashes are drawn one by one).
    pub dashes: &'a DashTextures,
}

/// What was painted, for accessibility and tests.
#[derive(Debug, Default)]
pub struct Painted {
    /// Visible nodes.
    pub nodes: Vec<u32>,
    /// Visible edges.
    pub edges: Vec<u32>,
    /// The screen midpoint of each drawn edge (where its label and its accessibility node
    /// go).
    pub edge_mids: Vec<(u32, Pos2)>,
    /// Level of detail used.
    pub lod: Option<Lod>,
}

/// Paints the scene.
pub fn paint(
    painter: &Painter,
    text: &mut TextCache,
    meshes: &mut MeshPool,
    input: &PaintInput<'_>,
) -> Painted {
    let p = input.mode.palette();
    let cam = input.camera;
    let lod = Lod::for_zoom(cam.zoom);
    let view = cam.visible(input.rect);
    let mut out: Vec<Shape> = Vec::with_capacity(4096);
    out.push(Shape::rect_filled(
        input.rect,
        CornerRadius::ZERO,
        color(p.background),
    ));
    if input.grid {
        grid(&mut out, input, p);
    }
    groups(&mut out, painter, text, input, p, lod, view);

    let mut nodes = input.scene.node_index.query(view.expand(40.0));
    let mut edges = input.scene.edge_index.query(view);
    if !input.moving.is_empty() {
        for &n in input.moving {
            nodes.push(n);
            if let Some(list) = input.scene.edges_of.get(n as usize) {
                edges.extend_from_slice(list);
            }
        }
        nodes.sort_unstable();
        nodes.dedup();
        edges.sort_unstable();
        edges.dedup();
    }
    let clip_rect = input.rect.expand(40.0);
    let mut labels = Vec::new();
    // Lines go straight into meshes; arrow heads go above every line, so they are
    // collected apart and added after.
    let mut lines = Batch::new(meshes, edges.len());
    let mut heads = Vec::new();
    // Each connection's line and type are read in a tight loop first. In a large model most
    // of these reads miss the cache (the connections crossing the view come from all over
    // it); reads that depend on nothing else are in flight together, where the drawing loop
    // would wait for them one at a time.
    let resolved: Vec<EdgeLine> = edges
        .iter()
        .filter_map(|&e| {
            let ty = *input.scene.types.get(e as usize)?;
            let (s, t) = edge_line_of(input, e)?;
            Some(EdgeLine { index: e, ty, s, t })
        })
        .collect();
    let marked = !input.marks.is_empty();
    for line in resolved {
        let mut drawing = EdgeDrawing {
            lines: &mut lines,
            heads: &mut heads,
            marked,
        };
        if let Some(mid) = paint_edge(&mut drawing, input, p, lod, line, clip_rect) {
            labels.push((line.index, mid));
        }
    }
    lines.finish(&mut out);
    out.append(&mut heads);
    if lod.edge_labels {
        edge_labels(&mut out, meshes, painter, text, input, p, &labels);
    }
    super::review::paint(&mut out, painter, input, p, &edges);
    if lod.shapes {
        for &n in &nodes {
            paint_node(&mut out, painter, text, input, p, lod, n);
        }
    } else {
        plain_boxes(&mut out, meshes, input, p, &nodes);
    }
    if !input.marks.is_empty() {
        decorate(&mut out, painter, input, p, &nodes);
    }
    if let Some(n) = input.handles_of
        && let Some(r) = node_rect(input.scene, n, input.moving, input.offset)
    {
        for h in handles(r) {
            let s = cam.screen_from_canvas(input.rect, h);
            let hot = input.hover == Some(Hit::Handle(n));
            out.push(Shape::circle_filled(s, HANDLE_RADIUS, color(p.box_fill)));
            out.push(Shape::circle_stroke(
                s,
                HANDLE_RADIUS,
                Stroke::new(if hot { 2.5 } else { 1.5 }, color(p.selection)),
            ));
        }
    }
    painter.extend(out);
    Painted {
        nodes,
        edges,
        edge_mids: labels,
        lod: Some(lod),
    }
}

/// Connection labels at their midpoints, those of selected connections first; a label that
/// would cover one already placed is left out, so a view crossed by many connections shows
/// readable labels rather than a pile. Backgrounds go in one mesh, under all the text.
fn edge_labels(
    out: &mut Vec<Shape>,
    meshes: &mut MeshPool,
    painter: &Painter,
    text: &mut TextCache,
    input: &PaintInput<'_>,
    p: &Palette,
    mids: &[(u32, Pos2)],
) {
    let cam = input.camera;
    let px = metrics::EDGE_LABEL_SIZE * cam.zoom;
    let selected = |e: u32| {
        input
            .scene
            .edges
            .get(e as usize)
            .is_some_and(|edge| input.selection.connections.contains(&edge.id))
    };
    // Only labels in view are drawn: the others are not looked at.
    let none_selected = input.selection.connections.is_empty();
    let in_view = mids.iter().filter(|(_, mid)| input.rect.contains(*mid));
    let order = in_view
        .clone()
        .filter(|&&(e, _)| !none_selected && selected(e))
        .chain(in_view.filter(|&&(e, _)| none_selected || !selected(e)));
    let mut placed = Placed::default();
    let mut backgrounds = Batch::new(meshes, mids.len().min(512));
    let mut texts = Vec::new();
    for &(e, mid) in order {
        let Some(edge) = input.scene.edges.get(e as usize) else {
            continue;
        };
        if edge.label.is_empty() {
            continue;
        }
        let Some(g) = text.galley(painter, &edge.label, px, 160.0 * cam.zoom, ROLE_EDGE) else {
            continue;
        };
        let r = Align2::CENTER_CENTER.anchor_size(mid, g.size());
        if !placed.place(r.expand(2.0)) {
            continue;
        }
        backgrounds.rect(r.expand(2.0), color(p.edge_label_fill));
        texts.push(Shape::galley(r.min, g, color(p.text_muted)));
    }
    backgrounds.finish(out);
    out.append(&mut texts);
}

/// Screen rectangles taken by labels this frame, in a coarse grid.
#[derive(Default)]
struct Placed {
    cells: rustc_hash::FxHashMap<(i32, i32), Vec<Rect>>,
}

impl Placed {
    const CELL: f32 = 64.0;

    fn cells(r: Rect) -> impl Iterator<Item = (i32, i32)> {
        let c = |v: f32| (v / Self::CELL).floor() as i32;
        let (x0, y0, x1, y1) = (c(r.min.x), c(r.min.y), c(r.max.x), c(r.max.y));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Takes `r` if it is free; whether it was.
    fn place(&mut self, r: Rect) -> bool {
        if !r.is_finite() {
            return false;
        }
        let taken = Self::cells(r).any(|cell| {
            self.cells
                .get(&cell)
                .is_some_and(|rects| rects.iter().any(|o| o.intersects(r)))
        });
        if taken {
            return false;
        }
        for cell in Self::cells(r) {
            self.cells.entry(cell).or_default().push(r);
        }
        true
    }
}

fn grid(out: &mut Vec<Shape>, input: &PaintInput<'_>, p: &Palette) {
    let cam = input.camera;
    let mut step = metrics::GRID;
    while step * cam.zoom < 14.0 {
        step *= 5.0;
    }
    let view = cam.visible(input.rect);
    let stroke = Stroke::new(1.0, color(p.grid));
    let first_x = (view.min.x / step).floor();
    let first_y = (view.min.y / step).floor();
    let mut k = 0;
    let mut x = first_x * step;
    while x <= view.max.x && k < 1000 {
        let sx = cam.screen_from_canvas(input.rect, Pos2::new(x, 0.0)).x;
        out.push(Shape::line_segment(
            [
                Pos2::new(sx, input.rect.top()),
                Pos2::new(sx, input.rect.bottom()),
            ],
            stroke,
        ));
        x += step;
        k += 1;
    }
    let mut y = first_y * step;
    while y <= view.max.y && k < 2000 {
        let sy = cam.screen_from_canvas(input.rect, Pos2::new(0.0, y)).y;
        out.push(Shape::line_segment(
            [
                Pos2::new(input.rect.left(), sy),
                Pos2::new(input.rect.right(), sy),
            ],
            stroke,
        ));
        y += step;
        k += 1;
    }
}

fn groups(
    out: &mut Vec<Shape>,
    painter: &Painter,
    text: &mut TextCache,
    input: &PaintInput<'_>,
    p: &Palette,
    lod: Lod,
    view: Rect,
) {
    let cam = input.camera;
    for g in &input.scene.groups {
        if !g.rect.intersects(view) {
            continue;
        }
        let style = group_style(g.kind, input.mode);
        let r = cam
            .screen_rect(input.rect, g.rect)
            .intersect(input.rect.expand(20.0));
        let selected = input.selection.groups.contains(&g.id);
        let stroke = Stroke::new(
            if selected { 2.5 } else { 1.2 },
            color(if selected { p.selection } else { style.stroke }),
        );
        let radius = CornerRadius::same((10.0 * cam.zoom).clamp(0.0, 12.0) as u8);
        out.push(Shape::rect_filled(r, radius, color(style.fill)));
        match style.dash {
            Some((dash, gap)) if lod.edge_styles => {
                let pts = vec![
                    r.left_top(),
                    r.right_top(),
                    r.right_bottom(),
                    r.left_bottom(),
                    r.left_top(),
                ];
                let z = cam.zoom.clamp(0.6, 1.5);
                out.extend(Shape::dashed_line(&pts, stroke, dash * z, gap * z));
            }
            _ => out.push(Shape::rect_stroke(r, radius, stroke, StrokeKind::Inside)),
        }
        if lod.group_titles {
            let full = cam.screen_rect(input.rect, g.rect);
            let px = metrics::GROUP_TITLE_SIZE * cam.zoom;
            let pos = full.min + Vec2::new(10.0, 6.0) * cam.zoom.min(1.5);
            if input.rect.expand(50.0).contains(pos)
                && let Some(galley) = text.galley(
                    painter,
                    &g.name,
                    px,
                    full.width() - 20.0 * cam.zoom,
                    ROLE_GROUP,
                )
            {
                out.push(Shape::galley(pos, galley, color(style.stroke)));
            }
        }
    }
}

/// Where the parts of connections go.
struct EdgeDrawing<'a, 'b> {
    /// Lines, solid and dashed.
    lines: &'a mut Batch<'b>,
    /// Arrow heads.
    heads: &'a mut Vec<Shape>,
    /// Whether some layer of [`Marks`] has something (else no connection's id is looked at).
    marked: bool,
}

/// Where one connection runs now, read ahead of drawing it.
#[derive(Clone, Copy)]
struct EdgeLine {
    /// Its index in the scene.
    index: u32,
    /// Its type.
    ty: ConnectionType,
    /// Start (canvas units).
    s: Pos2,
    /// End (canvas units).
    t: Pos2,
}

/// Paints one connection; returns the screen midpoint for its label.
fn paint_edge(
    out: &mut EdgeDrawing<'_, '_>,
    input: &PaintInput<'_>,
    p: &Palette,
    lod: Lod,
    line: EdgeLine,
    clip_rect: Rect,
) -> Option<Pos2> {
    let cam = input.camera;
    let EdgeLine { index, ty, s, t } = line;
    let (ss, st) = (
        cam.screen_from_canvas(input.rect, s),
        cam.screen_from_canvas(input.rect, t),
    );
    let (cs, ct, tip_visible) = clip(ss, st, clip_rect)?;
    // The connection's id only when something could be keyed by it.
    let id = || {
        input
            .scene
            .edges
            .get(index as usize)
            .map(|edge| edge.id.as_str())
    };
    let selected = !input.selection.connections.is_empty()
        && id().is_some_and(|id| input.selection.connections.contains(id));
    let hovered = input.hover == Some(Hit::Edge(index));
    let base = if selected { p.selection } else { p.edge };
    let (tint, dimmed) = match id() {
        Some(id) if out.marked => (input.marks.tint(id), input.marks.dimmed(id)),
        _ => (None, false),
    };
    let mut col = tint.unwrap_or_else(|| color(base));
    if dimmed {
        col = col.gamma_multiply(0.2);
    }
    if !lod.edge_styles {
        let w = if selected { 2.0 } else { 1.0 };
        out.lines.line(cs, ct, w, col.gamma_multiply(0.7), None);
        return Some(ss + (st - ss) / 2.0);
    }
    let style = edge_style(ty);
    let z = cam.zoom.clamp(0.6, 1.6);
    let width = style.width
        * z
        * if selected || hovered || tint.is_some() {
            1.7
        } else {
            1.0
        };
    let stroke = Stroke::new(width, col);
    let d = st - ss;
    // `normalized` and `length` use `hypot`, several times slower; this runs per edge.
    let len = d.length_sq().sqrt();
    let dir = if len > 0.0 { d / len } else { Vec2::ZERO };
    let head = (10.0 * cam.zoom).clamp(5.0, 14.0);
    let line_end = if tip_visible && style.head != ArrowHead::Open {
        ct - dir * head * 0.9
    } else {
        ct
    };
    match style.dash {
        None => out.lines.line(cs, line_end, width, col, None),
        Some((dash, gap)) => match input.dashes.texture(dash, gap) {
            Some(texture) => out.lines.line(
                cs,
                line_end,
                width,
                col,
                Some(Pattern {
                    texture,
                    phase: (cs - ss).length_sq().sqrt(),
                    period: (dash + gap) * z,
                }),
            ),
            None => out.heads.extend(Shape::dashed_line(
                &[cs, line_end],
                stroke,
                dash * z,
                gap * z,
            )),
        },
    }
    if tip_visible && dir != Vec2::ZERO {
        let normal = Vec2::new(-dir.y, dir.x);
        let back = ct - dir * head;
        let (l, r) = (back + normal * head * 0.45, back - normal * head * 0.45);
        let out = &mut out.heads;
        match style.head {
            ArrowHead::Filled => out.push(Shape::convex_polygon(vec![ct, l, r], col, Stroke::NONE)),
            ArrowHead::Open => {
                out.push(Shape::line_segment([l, ct], stroke));
                out.push(Shape::line_segment([r, ct], stroke));
            }
            ArrowHead::Hollow => out.push(Shape::convex_polygon(
                vec![ct, l, r],
                color(p.background),
                Stroke::new(width.min(1.6), col),
            )),
        }
    }
    Some(ss + (st - ss) / 2.0)
}

/// Components as filled boxes in their kind's colour, all in one mesh: the zoomed-out view.
fn plain_boxes(
    out: &mut Vec<Shape>,
    meshes: &mut MeshPool,
    input: &PaintInput<'_>,
    p: &Palette,
    nodes: &[u32],
) {
    let mut boxes = Batch::new(meshes, nodes.len());
    for &n in nodes {
        let (Some(node), Some(r)) = (
            input.scene.nodes.get(n as usize),
            node_rect(input.scene, n, input.moving, input.offset),
        ) else {
            continue;
        };
        let sr = input.camera.screen_rect(input.rect, r);
        if !sr.intersects(input.rect) {
            continue;
        }
        let fill = if input.selection.components.contains(&node.id) {
            color(p.selection)
        } else {
            color(kind_style(node.kind).accent(input.mode))
        };
        boxes.rect(sr, fill);
    }
    boxes.finish(out);
}

fn paint_node(
    out: &mut Vec<Shape>,
    painter: &Painter,
    text: &mut TextCache,
    input: &PaintInput<'_>,
    p: &Palette,
    lod: Lod,
    n: u32,
) {
    let cam = input.camera;
    let Some(node) = input.scene.nodes.get(n as usize) else {
        return;
    };
    let Some(r) = node_rect(input.scene, n, input.moving, input.offset) else {
        return;
    };
    let sr = cam.screen_rect(input.rect, r);
    if !sr.intersects(input.rect) || !sr.is_finite() {
        return;
    }
    let style = kind_style(node.kind);
    let accent = color(style.accent(input.mode));
    let selected = input.selection.components.contains(&node.id);
    let hovered = input.hover == Some(Hit::Node(n));
    let width = if hovered { 2.4 } else { 1.6 } * cam.zoom.clamp(0.6, 1.5);
    shapes::outline(
        out,
        style.shape,
        sr,
        color(p.box_fill),
        Stroke::new(width, accent),
        cam.zoom,
    );
    if selected {
        out.push(Shape::rect_stroke(
            sr.expand(4.0),
            CornerRadius::same((metrics::CORNER_RADIUS * cam.zoom + 3.0).clamp(0.0, 255.0) as u8),
            Stroke::new(2.0, color(p.selection)),
            StrokeKind::Outside,
        ));
    }
    let pad = 8.0 * cam.zoom;
    let icon_size = metrics::ICON_SIZE * cam.zoom;
    if lod.icons {
        let top_shift = match style.shape {
            crate::theme::Shape::Cylinder | crate::theme::Shape::Bucket => sr.height() * 0.22,
            _ => 0.0,
        };
        shapes::icon(
            out,
            icon(node.kind),
            sr.min
                + Vec2::new(
                    pad + if matches!(style.shape, crate::theme::Shape::Pipe) {
                        sr.width() * 0.07
                    } else {
                        0.0
                    },
                    pad + top_shift,
                ),
            icon_size,
            Stroke::new((1.3 * cam.zoom).clamp(0.6, 2.2), accent),
        );
    }
    if !lod.names || input.renaming == Some(n) {
        return;
    }
    let max_w = sr.width() - 2.0 * (icon_size + pad);
    let centre = match style.shape {
        crate::theme::Shape::Cylinder | crate::theme::Shape::Bucket => {
            sr.center() + Vec2::new(0.0, sr.height() * 0.08)
        }
        crate::theme::Shape::Device => sr.center() - Vec2::new(0.0, sr.height() * 0.08),
        _ => sr.center(),
    };
    let name = text.galley(
        painter,
        &node.name,
        metrics::NAME_SIZE * cam.zoom,
        max_w,
        ROLE_NAME,
    );
    let detail = if lod.details && !node.tech.is_empty() {
        text.galley(
            painter,
            &node.tech,
            metrics::DETAIL_SIZE * cam.zoom,
            max_w,
            ROLE_DETAIL,
        )
    } else {
        None
    };
    let gap = 3.0 * cam.zoom;
    let total = name.as_ref().map_or(0.0, |g| g.size().y)
        + detail.as_ref().map_or(0.0, |g| g.size().y + gap);
    let mut y = centre.y - total / 2.0;
    if let Some(g) = name {
        let h = g.size().y;
        out.push(Shape::galley(
            Pos2::new(centre.x - g.size().x / 2.0, y),
            g,
            color(p.text),
        ));
        y += h + gap;
    }
    if let Some(g) = detail {
        out.push(Shape::galley(
            Pos2::new(centre.x - g.size().x / 2.0, y),
            g,
            color(p.text_muted),
        ));
    }
}

/// Lays the [`Marks`] over painted components: dimming, tints, badges, and flow pulses.
fn decorate(
    out: &mut Vec<Shape>,
    painter: &Painter,
    input: &PaintInput<'_>,
    p: &Palette,
    nodes: &[u32],
) {
    let cam = input.camera;
    let marks = input.marks;
    for &n in nodes {
        let Some(node) = input.scene.nodes.get(n as usize) else {
            continue;
        };
        let Some(r) = node_rect(input.scene, n, input.moving, input.offset) else {
            continue;
        };
        let sr = cam.screen_rect(input.rect, r);
        if !sr.intersects(input.rect) || !sr.is_finite() {
            continue;
        }
        let id = node.id.as_str();
        if marks.dimmed(id) {
            out.push(Shape::rect_filled(
                sr.expand(2.0),
                CornerRadius::same(4),
                color(p.background).gamma_multiply(0.75),
            ));
        }
        if let Some(tint) = marks.tint(id) {
            out.push(Shape::rect_stroke(
                sr.expand(6.0),
                CornerRadius::same(
                    (metrics::CORNER_RADIUS * cam.zoom + 5.0).clamp(0.0, 255.0) as u8
                ),
                Stroke::new(3.0, tint),
                StrokeKind::Outside,
            ));
        }
        let radius = (7.0 * cam.zoom).clamp(5.0, 10.0);
        let mut centre = Pos2::new(sr.right() - radius * 0.2, sr.top() + radius * 0.2);
        for b in marks.badges(id) {
            badge(out, painter, p, b, centre, radius);
            centre.x -= radius * 2.2;
        }
    }
    for (id, t) in marks.pulses() {
        let Some((index, edge)) = input
            .scene
            .edge_by_id
            .get(id)
            .and_then(|&e| Some((e, input.scene.edges.get(e as usize)?)))
        else {
            continue;
        };
        let Some((s, e)) = edge_line(input, index, edge) else {
            continue;
        };
        let at = cam.screen_from_canvas(input.rect, s + (e - s) * t.clamp(0.0, 1.0));
        let radius = (6.0 * cam.zoom).clamp(4.0, 9.0);
        out.push(Shape::circle_filled(
            at,
            radius * 1.8,
            color(p.selection).gamma_multiply(0.3),
        ));
        out.push(Shape::circle_filled(at, radius, color(p.selection)));
    }
}

/// [`edge_line`] of edge `e`, reading the edge itself only while components move.
fn edge_line_of(input: &PaintInput<'_>, e: u32) -> Option<(Pos2, Pos2)> {
    if input.moving.is_empty() {
        return input.scene.lines.get(e as usize).copied().flatten();
    }
    edge_line(input, e, input.scene.edges.get(e as usize)?)
}

/// Where edge `e` runs now (canvas units, between its ends' borders), following components
/// being moved.
pub(super) fn edge_line(input: &PaintInput<'_>, e: u32, edge: &Edge) -> Option<(Pos2, Pos2)> {
    if !input.moving.is_empty()
        && (input.moving.contains(&edge.from) || input.moving.contains(&edge.to))
    {
        let a = node_rect(input.scene, edge.from, input.moving, input.offset)?;
        let b = node_rect(input.scene, edge.to, input.moving, input.offset)?;
        return edge_segment(a, b, edge.lane);
    }
    input.scene.lines.get(e as usize).copied().flatten()
}

/// One badge: a filled circle with a ring in the background colour, and its glyph.
pub(super) fn badge(
    out: &mut Vec<Shape>,
    painter: &Painter,
    p: &Palette,
    badge: &super::marks::Badge,
    centre: Pos2,
    radius: f32,
) {
    out.push(Shape::circle_filled(centre, radius, badge.color));
    out.push(Shape::circle_stroke(
        centre,
        radius,
        Stroke::new(1.0, color(p.background)),
    ));
    if !badge.glyph.is_empty() {
        let font = egui::FontId::proportional(radius * 1.3);
        let galley = painter.layout_no_wrap(badge.glyph.clone(), font, Color32::WHITE);
        out.push(Shape::galley(
            centre - galley.size() / 2.0,
            galley,
            Color32::WHITE,
        ));
    }
}

/// The colour of a kind's accent in `mode`, for the palette's icons.
pub fn accent(kind: crate::model::Kind, mode: Mode) -> Color32 {
    color(kind_style(kind).accent(mode))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_that_would_cover_another_is_left_out() {
        let mut placed = Placed::default();
        let at = |x: f32, y: f32| Rect::from_min_size(Pos2::new(x, y), Vec2::new(80.0, 14.0));
        assert!(placed.place(at(0.0, 0.0)));
        assert!(!placed.place(at(40.0, 7.0)), "overlaps the first");
        assert!(placed.place(at(100.0, 0.0)), "beside it");
        assert!(placed.place(at(0.0, 20.0)), "below it");
        // Across a cell border, still found.
        assert!(placed.place(at(500.0, 60.0)));
        assert!(!placed.place(at(450.0, 70.0)));
        assert!(!placed.place(Rect::NAN), "bad geometry is never placed");
    }
}
