//! SVG that looks like the editor's canvas.
//!
//! Everything visual comes from [`crate::theme`]: the palette of the chosen mode, each
//! kind's shape, accent and default size, the line icons, group and edge styles, text sizes.
//! Text stays text (`<text>` in the embedded font's family), so the picture can be searched
//! and copied from; the PNG and PDF renderers read this same SVG. Elements carry ids
//! (`component-ID`, `connection-ID`, `group-ID`) and classes naming the kind, for styling
//! and tests. The picture is cut to its content plus a margin.

mod edges;
mod geometry;
mod path;
mod shapes;
mod writer;

use std::collections::BTreeMap;

pub use geometry::{Point, Rect};

use super::font::{self, Weight};
use super::scene::Scene;
use crate::model::{Component, Connection, Group, GroupKind, Id};
use crate::theme::{self, ArrowHead, Mode, Palette, metrics};
use writer::SvgWriter;

/// Space around the content.
pub const MARGIN: f32 = 32.0;
/// Edge labels longer than this are elided.
const MAX_LABEL_WIDTH: f32 = 220.0;

/// The SVG document of `scene` in `mode`.
pub fn render(scene: &Scene, mode: Mode) -> String {
    render_with_ids(scene, mode, "")
}

/// The SVG document of `scene` with every element id starting with `prefix`, so several
/// pictures can sit in one HTML page without two elements sharing an id.
pub fn render_with_ids(scene: &Scene, mode: Mode, prefix: &str) -> String {
    let palette = mode.palette();
    let boxes = component_boxes(scene);
    let group_rects = group_rects(scene, &boxes);
    let courses = edges::courses(scene.connections(), &boxes, |c| {
        theme::edge_style(c.ty()).head
    });
    let labels: Vec<Label> = courses
        .iter()
        .filter_map(|(c, course)| Label::of(c, course.label_at))
        .collect();

    let mut bounds: Option<Rect> = None;
    let mut include = |r: Rect| bounds = Some(bounds.map_or(r, |b| b.union(&r)));
    boxes.values().for_each(|r| include(*r));
    group_rects.values().for_each(|r| include(*r));
    labels.iter().for_each(|l| include(l.rect));
    for (_, course) in &courses {
        include(Rect::centred(course.tip.x, course.tip.y, 24.0, 24.0));
    }
    let empty = bounds.is_none();
    let view = bounds
        .unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            w: 360.0,
            h: 60.0,
        })
        .grow(MARGIN, MARGIN, MARGIN, MARGIN);
    let (width, height) = (view.w.ceil(), view.h.ceil());

    let mut w = SvgWriter::with_capacity(1024 + 1200 * boxes.len() + 400 * courses.len());
    w.el("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .num("width", width)
        .num("height", height)
        .attr(
            "viewBox",
            format_args!(
                "{} {} {} {}",
                num(view.x),
                num(view.y),
                num(width),
                num(height)
            ),
        )
        .attr("font-family", font::CSS_FAMILY)
        .attr("class", format_args!("archcanvas {}", mode_name(mode)))
        .open();
    w.el("title").text(&scene.title());
    w.el("rect")
        .attr("class", "background")
        .num("x", view.x)
        .num("y", view.y)
        .num("width", width)
        .num("height", height)
        .paint("fill", palette.background)
        .end();
    if empty {
        w.el("text")
            .attr("class", "empty")
            .num("x", 0.0)
            .num("y", 34.0)
            .num("font-size", metrics::NAME_SIZE)
            .paint("fill", palette.text_muted)
            .text("Nothing to show: no component is in this view.");
    }

    let mut ordered: Vec<&Group> = scene.groups().to_vec();
    ordered.sort_by_key(|g| scene.depth(g));
    for g in ordered {
        if let Some(r) = group_rects.get(&g.id) {
            draw_group(&mut w, g, *r, mode, prefix);
        }
    }
    for (c, course) in &courses {
        draw_connection(&mut w, c, course, palette, prefix);
    }
    for c in scene.components() {
        if let Some(r) = boxes.get(&c.id) {
            draw_component(&mut w, c, *r, mode, prefix);
        }
    }
    if !labels.is_empty() {
        w.el("g").attr("class", "edge-labels").open();
        for label in &labels {
            label.draw(&mut w, palette);
        }
        w.close();
    }
    w.finish()
}

fn num(v: f32) -> String {
    let mut s = String::new();
    writer::push_num(&mut s, v);
    s
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Light => "light",
        Mode::Dark => "dark",
    }
}

/// Each shown component's box: its placement, with the kind's default size where the
/// placement gives none. Components the model has not placed are placed the way the editor
/// places them ([`crate::layout::complete`]).
pub fn component_boxes<'a>(scene: &Scene<'a>) -> BTreeMap<&'a Id, Rect> {
    let layout = crate::layout::complete(scene.arch);
    scene
        .components()
        .iter()
        .filter_map(|c| {
            let p = layout.get(&c.id)?;
            let (w, h) = theme::kind_style(c.kind()).size;
            Some((
                &c.id,
                Rect::centred(p.x, p.y, p.width.unwrap_or(w), p.height.unwrap_or(h)),
            ))
        })
        .collect()
}

/// Each shown group's boundary: around its shown members and nested groups, with padding
/// and room for the title.
pub fn group_rects<'a>(scene: &Scene<'a>, boxes: &BTreeMap<&'a Id, Rect>) -> BTreeMap<Id, Rect> {
    let mut by_depth: Vec<&Group> = scene.groups().to_vec();
    by_depth.sort_by_key(|g| std::cmp::Reverse(scene.depth(g)));
    let mut rects: BTreeMap<Id, Rect> = BTreeMap::new();
    for g in by_depth {
        let mut content: Option<Rect> = None;
        let mut add = |r: Rect| content = Some(content.map_or(r, |c| c.union(&r)));
        for m in scene.direct_members(g) {
            if let Some(r) = boxes.get(&m.id) {
                add(*r);
            }
        }
        for child in scene.groups() {
            if scene.parent(child).is_some_and(|p| p.id == g.id)
                && let Some(r) = rects.get(&child.id)
            {
                add(*r);
            }
        }
        if let Some(c) = content {
            let pad = metrics::GROUP_PADDING;
            rects.insert(
                g.id.clone(),
                c.grow(pad, pad + metrics::GROUP_TITLE_HEIGHT, pad, pad),
            );
        }
    }
    rects
}

fn kind_class(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::BoundedContext => "bounded-context",
        GroupKind::TrustZone(crate::model::Zone::Public) => "trust-zone public",
        GroupKind::TrustZone(crate::model::Zone::Private) => "trust-zone private",
        GroupKind::DeploymentUnit => "deployment-unit",
    }
}

fn draw_group(w: &mut SvgWriter, g: &Group, r: Rect, mode: Mode, prefix: &str) {
    let style = theme::group_style(g.kind, mode);
    w.el("g")
        .attr("id", format_args!("{prefix}group-{}", g.id))
        .attr("class", format_args!("group {}", kind_class(g.kind)))
        .open();
    w.el("title")
        .text(&format!("{} ({})", g.name, g.kind.label()));
    let mut el = w
        .el("rect")
        .num("x", r.x)
        .num("y", r.y)
        .num("width", r.w)
        .num("height", r.h)
        .num("rx", 10.0)
        .paint("fill", style.fill)
        .paint("stroke", style.stroke)
        .num("stroke-width", 1.4);
    if let Some((dash, gap)) = style.dash {
        el = el.attr(
            "stroke-dasharray",
            format_args!("{} {}", num(dash), num(gap)),
        );
    }
    el.end();
    let size = metrics::GROUP_TITLE_SIZE;
    let title = font::elide(&g.name, size, Weight::Semibold, r.w - 24.0);
    w.el("text")
        .num("x", r.x + 12.0)
        .num("y", r.y + 8.0 + size)
        .num("font-size", size)
        .num("font-weight", f32::from(Weight::Semibold.css()))
        .paint("fill", style.stroke)
        .text(&title);
    w.close();
}

fn draw_connection(
    w: &mut SvgWriter,
    c: &Connection,
    course: &edges::Course,
    palette: &Palette,
    prefix: &str,
) {
    let ty = c.ty();
    let style = theme::edge_style(ty);
    let class = match ty {
        crate::model::ConnectionType::Calls => "calls",
        crate::model::ConnectionType::Publishes => "publishes",
        crate::model::ConnectionType::Consumes => "consumes",
        crate::model::ConnectionType::Reads => "reads",
        crate::model::ConnectionType::Writes => "writes",
        crate::model::ConnectionType::DependsOn => "depends-on",
    };
    w.el("g")
        .attr("id", format_args!("{prefix}connection-{}", c.id))
        .attr("class", format_args!("connection {class}"))
        .open();
    let mut line = w
        .el("path")
        .attr("d", &course.line)
        .attr("fill", "none")
        .paint("stroke", palette.edge)
        .num("stroke-width", style.width);
    if let Some((dash, gap)) = style.dash {
        line = line.attr(
            "stroke-dasharray",
            format_args!("{} {}", num(dash), num(gap)),
        );
    }
    line.end();
    let [tip, left, right] = edges::head_points(course.tip, course.direction);
    let points = format!(
        "{},{} {},{} {},{}",
        num(left.x),
        num(left.y),
        num(tip.x),
        num(tip.y),
        num(right.x),
        num(right.y)
    );
    match style.head {
        ArrowHead::Filled => w
            .el("polygon")
            .attr("points", points)
            .paint("fill", palette.edge)
            .end(),
        ArrowHead::Open => w
            .el("polyline")
            .attr("points", points)
            .attr("fill", "none")
            .paint("stroke", palette.edge)
            .num("stroke-width", style.width)
            .attr("stroke-linejoin", "round")
            .end(),
        ArrowHead::Hollow => w
            .el("polygon")
            .attr("points", points)
            .paint("fill", palette.background)
            .paint("stroke", palette.edge)
            .num("stroke-width", style.width)
            .end(),
    }
    w.close();
}

fn draw_component(w: &mut SvgWriter, c: &Component, r: Rect, mode: Mode, prefix: &str) {
    let palette = mode.palette();
    let kind = c.kind();
    let style = theme::kind_style(kind);
    let accent = style.accent(mode);
    w.el("g")
        .attr("id", format_args!("{prefix}component-{}", c.id))
        .attr("class", format_args!("component {}", kind.keyword()))
        .open();
    w.el("title")
        .text(&format!("{} ({})", c.name, kind.label()));
    let inner = shapes::draw_outline(w, style.shape, r, accent, palette.box_fill);

    let icon_inset = 6.0;
    let icon_bottom = inner.y + icon_inset + metrics::ICON_SIZE;
    shapes::draw_icon(
        w,
        theme::icon(kind),
        Point::new(inner.x + icon_inset, inner.y + icon_inset),
        metrics::ICON_SIZE,
        accent,
    );

    let detail = super::text::detail(c);
    let name_line = metrics::NAME_SIZE * 1.3;
    let detail_line = if detail.is_empty() {
        0.0
    } else {
        metrics::DETAIL_SIZE * 1.35
    };
    let block = name_line + detail_line;
    // Centred in the shape when that clears the icon; else just under the icon's top row
    // (a line's glyphs start a few units below its top) when the block still fits; else
    // centred with the name kept clear of the icon sideways.
    let centred = inner.y + (inner.h - block) / 2.0;
    let under_icon = icon_bottom - 4.0;
    let full = inner.w - 8.0;
    let (top, name_width) = if centred >= under_icon {
        (centred, full)
    } else if under_icon + block <= inner.bottom() + 2.0 {
        (under_icon, full)
    } else {
        (
            centred,
            inner.w - 2.0 * (metrics::ICON_SIZE + icon_inset + 4.0),
        )
    };
    let cx = inner.centre().x;
    let name = font::elide(&c.name, metrics::NAME_SIZE, Weight::Semibold, name_width);
    w.el("text")
        .attr("class", "name")
        .num("x", cx)
        .num("y", top + name_line / 2.0 + metrics::NAME_SIZE * 0.36)
        .num("font-size", metrics::NAME_SIZE)
        .num("font-weight", f32::from(Weight::Semibold.css()))
        .attr("text-anchor", "middle")
        .paint("fill", palette.text)
        .text(&name);
    if !detail.is_empty() {
        let detail = font::elide(&detail, metrics::DETAIL_SIZE, Weight::Regular, full);
        w.el("text")
            .attr("class", "detail")
            .num("x", cx)
            .num(
                "y",
                top + name_line + detail_line / 2.0 + metrics::DETAIL_SIZE * 0.36,
            )
            .num("font-size", metrics::DETAIL_SIZE)
            .attr("text-anchor", "middle")
            .paint("fill", palette.text_muted)
            .text(&detail);
    }
    w.close();
}

/// A connection's label: its own text, or the topic of a message connection.
struct Label {
    id: Id,
    text: String,
    rect: Rect,
}

impl Label {
    fn of(c: &Connection, at: Point) -> Option<Label> {
        let raw = if c.label.is_empty() {
            c.kind.topic().unwrap_or("")
        } else {
            c.label.as_str()
        };
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let size = metrics::EDGE_LABEL_SIZE;
        let text = font::elide(raw, size, Weight::Regular, MAX_LABEL_WIDTH).into_owned();
        let width = font::text_width(&text, size, Weight::Regular) + 10.0;
        Some(Label {
            id: c.id.clone(),
            rect: Rect::centred(at.x, at.y, width, size + 8.0),
            text,
        })
    }

    fn draw(&self, w: &mut SvgWriter, palette: &Palette) {
        let size = metrics::EDGE_LABEL_SIZE;
        w.el("g")
            .attr("class", "edge-label")
            .attr("data-connection", &self.id)
            .open();
        w.el("rect")
            .num("x", self.rect.x)
            .num("y", self.rect.y)
            .num("width", self.rect.w)
            .num("height", self.rect.h)
            .num("rx", 4.0)
            .paint("fill", palette.edge_label_fill.with_alpha(230))
            .end();
        let c = self.rect.centre();
        w.el("text")
            .num("x", c.x)
            .num("y", c.y + size * 0.36)
            .num("font-size", size)
            .attr("text-anchor", "middle")
            .paint("fill", palette.text_muted)
            .text(&self.text);
        w.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Layout;

    fn shop_without_positions() -> crate::model::Architecture {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/shop.ron"))
                .unwrap();
        let mut arch = crate::file::parse(&text).unwrap();
        arch.layout = Layout::new();
        arch
    }

    #[test]
    fn unplaced_components_get_the_automatic_layout() {
        let arch = shop_without_positions();
        let scene = Scene::new(&arch, None).unwrap();
        let boxes = component_boxes(&scene);
        assert_eq!(boxes.len(), arch.components.len());
        let laid_out = crate::layout::complete(&arch);
        assert!(crate::layout::overlaps(&arch, &laid_out).is_empty());
        for (id, r) in &boxes {
            let p = laid_out[*id];
            assert_eq!((r.x + r.w / 2.0, r.y + r.h / 2.0), (p.x, p.y), "{id}");
        }
        // No two boxes of the picture overlap.
        let all: Vec<&Rect> = boxes.values().collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let apart =
                    a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn group_boxes_match_the_layout_engine_for_the_whole_model() {
        let mut arch = shop_without_positions();
        arch.layout = crate::layout::complete(&arch);
        let scene = Scene::new(&arch, None).unwrap();
        let ours = group_rects(&scene, &component_boxes(&scene));
        let engine = crate::layout::group_bounds(&arch, &arch.layout);
        assert!(!ours.is_empty());
        assert_eq!(ours.len(), engine.len());
        for (id, r) in &ours {
            let e = engine[id];
            assert_eq!(
                (r.x, r.y, r.x + r.w, r.y + r.h),
                (e.min_x, e.min_y, e.max_x, e.max_y),
                "{id}"
            );
        }
    }
}
