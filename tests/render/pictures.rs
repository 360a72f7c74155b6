//! SVG, PNG and PDF of the example, read back with real parsers and decoders.

use std::collections::BTreeMap;

use archcanvas::model::Kind;
use archcanvas::render::{Format, RenderOptions, render};
use archcanvas::theme::{self, Mode};
use resvg::tiny_skia::Pixmap;
use resvg::usvg::roxmltree;

use super::{shop, text};

/// (x, y, width, height) of a `<rect>`.
fn rect_of(node: roxmltree::Node) -> (f32, f32, f32, f32) {
    let n = |name| node.attribute(name).unwrap().parse::<f32>().unwrap();
    (n("x"), n("y"), n("width"), n("height"))
}

fn by_id<'a>(doc: &'a roxmltree::Document, id: &str) -> roxmltree::Node<'a, 'a> {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("no element {id}"))
}

#[test]
fn svg_draws_every_component_connection_and_group_of_the_theme() {
    let arch = shop();
    let svg = text(&arch, Format::Svg);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    for c in arch.components.iter() {
        let g = by_id(&doc, &format!("component-{}", c.id));
        assert_eq!(
            g.attribute("class"),
            Some(format!("component {}", c.kind().keyword()).as_str())
        );
        // Text stays text: the name is a <text> element.
        let name = g
            .descendants()
            .find(|n| n.attribute("class") == Some("name"))
            .and_then(|n| n.text())
            .unwrap();
        assert!(c.name.starts_with(name.trim_end_matches('…')), "{name}");
        // The outline is drawn in the kind's accent.
        let accent = theme::kind_style(c.kind()).accent(Mode::Light).css_hex();
        assert!(
            g.descendants()
                .any(|n| n.attribute("stroke") == Some(accent.as_str())),
            "{} has no {accent} stroke",
            c.id
        );
        assert!(
            g.descendants()
                .any(|n| n.attribute("class") == Some("icon"))
        );
    }
    for c in arch.connections.iter() {
        by_id(&doc, &format!("connection-{}", c.id));
    }
    for g in arch.groups.iter() {
        let node = by_id(&doc, &format!("group-{}", g.id));
        let title = node.descendants().find(|n| n.has_tag_name("text")).unwrap();
        assert_eq!(title.text(), Some(g.name.as_str()));
    }
    // The database is a cylinder: a path with elliptical arcs, not a rectangle.
    let db = by_id(&doc, "component-orders-db");
    let outline = db.descendants().find(|n| n.has_tag_name("path")).unwrap();
    assert!(outline.attribute("d").unwrap().contains('A'));
    // Async connections are dashed, sync ones solid.
    let dash = |id: &str| {
        by_id(&doc, &format!("connection-{id}"))
            .descendants()
            .find(|n| n.has_tag_name("path"))
            .unwrap()
            .attribute("stroke-dasharray")
            .map(str::to_owned)
    };
    assert_eq!(dash("orders-to-payments"), None);
    assert_eq!(dash("orders-publishes-created").as_deref(), Some("8 5"));
    assert_eq!(dash("orders-writes-db").as_deref(), Some("2 4"));
}

#[test]
fn svg_fits_its_content_with_a_margin_and_groups_hold_their_members() {
    let arch = shop();
    let svg = text(&arch, Format::Svg);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let view: Vec<f32> = doc
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    let (vx, vy, vw, vh) = (view[0], view[1], view[2], view[3]);
    // The boxes as the layout puts them (every shop component is placed).
    let mut boxes = BTreeMap::new();
    let (mut left, mut top, mut right, mut bottom) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for c in arch.components.iter() {
        let p = arch.layout[&c.id];
        let (w, h) = theme::kind_style(c.kind()).size;
        let r = (p.x - w / 2.0, p.y - h / 2.0, w, h);
        left = left.min(r.0);
        top = top.min(r.1);
        right = right.max(r.0 + w);
        bottom = bottom.max(r.1 + h);
        boxes.insert(c.id.to_string(), r);
    }
    // Every box inside the picture, none further than a group's padding and the margin
    // from the edge.
    assert!(vx <= left - 32.0 && vy <= top - 32.0, "{view:?}");
    assert!(vx + vw >= right + 32.0 && vy + vh >= bottom + 32.0);
    assert!(
        left - vx < 32.0 + 3.0 * 24.0 + 30.0,
        "too much space on the left"
    );
    assert!(
        vx + vw - right < 32.0 + 3.0 * 24.0 + 30.0,
        "too much space on the right"
    );
    for g in arch.groups.iter() {
        let rect = by_id(&doc, &format!("group-{}", g.id))
            .descendants()
            .find(|n| n.has_tag_name("rect"))
            .map(rect_of)
            .unwrap();
        for m in &g.members {
            let b = boxes[m.as_str()];
            assert!(
                rect.0 < b.0
                    && rect.1 < b.1
                    && rect.0 + rect.2 > b.0 + b.2
                    && rect.1 + rect.3 > b.1 + b.3,
                "group {} does not hold {m}",
                g.id
            );
        }
    }
}

#[test]
fn arrows_end_on_the_target_border() {
    let arch = shop();
    let svg = text(&arch, Format::Svg);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    for c in arch.connections.iter() {
        let p = arch.layout[&c.to];
        let kind = arch.components.get(c.to.as_str()).unwrap().kind();
        let (w, h) = theme::kind_style(kind).size;
        let head = by_id(&doc, &format!("connection-{}", c.id))
            .descendants()
            .find(|n| n.has_tag_name("polygon") || n.has_tag_name("polyline"))
            .unwrap();
        // The tip is the middle point of the head's outline.
        let points: Vec<(f32, f32)> = head
            .attribute("points")
            .unwrap()
            .split(' ')
            .map(|pair| {
                let (x, y) = pair.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        let (tx, ty) = points[1];
        let on_vertical = ((tx - (p.x - w / 2.0)).abs() < 0.2
            || (tx - (p.x + w / 2.0)).abs() < 0.2)
            && ty >= p.y - h / 2.0 - 0.2
            && ty <= p.y + h / 2.0 + 0.2;
        let on_horizontal = ((ty - (p.y - h / 2.0)).abs() < 0.2
            || (ty - (p.y + h / 2.0)).abs() < 0.2)
            && tx >= p.x - w / 2.0 - 0.2
            && tx <= p.x + w / 2.0 + 0.2;
        assert!(
            on_vertical || on_horizontal,
            "{}: tip ({tx}, {ty}) is off the border",
            c.id
        );
    }
}

#[test]
fn a_view_draws_only_what_it_shows() {
    let arch = shop();
    let options = RenderOptions {
        view: Some("data".into()),
        ..RenderOptions::new(Format::Svg)
    };
    let svg = String::from_utf8(render(&arch, &options).unwrap()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let drawn: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id")?.strip_prefix("component-"))
        .collect();
    let data_kinds = [Kind::Database, Kind::Queue, Kind::Cache, Kind::Storage];
    let expected: Vec<&str> = arch
        .components
        .iter()
        .filter(|c| data_kinds.contains(&c.kind()))
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(drawn, expected);
    // No connection joins two data stores in the shop, so none is drawn.
    assert!(!svg.contains("id=\"connection-"));
}

#[test]
fn dark_mode_uses_the_dark_palette() {
    let options = RenderOptions {
        mode: Mode::Dark,
        ..RenderOptions::new(Format::Svg)
    };
    let svg = String::from_utf8(render(&shop(), &options).unwrap()).unwrap();
    let dark = theme::dark();
    assert!(svg.contains(&format!("fill=\"{}\"", dark.background.css_hex())));
    assert!(!svg.contains(&format!("fill=\"{}\"", theme::light().background.css_hex())));
}

/// Share of pixels that differ from the top-left (background) pixel, and how many
/// different colours there are.
fn ink(pixmap: &Pixmap) -> (f32, usize) {
    let pixels = pixmap.pixels();
    let background = pixels[0];
    let differing = pixels.iter().filter(|p| **p != background).count();
    let mut colours: Vec<u32> = pixels
        .iter()
        .map(|p| u32::from_be_bytes([p.red(), p.green(), p.blue(), p.alpha()]))
        .collect();
    colours.sort_unstable();
    colours.dedup();
    (differing as f32 / pixels.len() as f32, colours.len())
}

#[test]
fn png_is_a_real_picture_at_the_asked_scale() {
    let arch = shop();
    let svg = text(&arch, Format::Svg);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let width: f32 = doc
        .root_element()
        .attribute("width")
        .unwrap()
        .parse()
        .unwrap();
    let height: f32 = doc
        .root_element()
        .attribute("height")
        .unwrap()
        .parse()
        .unwrap();

    let png = render(&arch, &RenderOptions::new(Format::Png)).unwrap();
    let pixmap = Pixmap::decode_png(&png).expect("a valid PNG");
    assert_eq!(
        (pixmap.width(), pixmap.height()),
        (width as u32, height as u32)
    );
    let (share, colours) = ink(&pixmap);
    assert!(share > 0.02, "almost blank: {share}");
    assert!(
        colours > 50,
        "too few colours for text and shapes: {colours}"
    );
    let bg = theme::light().background;
    let first = pixmap.pixels()[0];
    assert_eq!(
        (first.red(), first.green(), first.blue()),
        (bg.r, bg.g, bg.b)
    );

    let options = RenderOptions {
        scale: 2.0,
        ..RenderOptions::new(Format::Png)
    };
    let big = Pixmap::decode_png(&render(&arch, &options).unwrap()).unwrap();
    assert_eq!(
        (big.width(), big.height()),
        (2 * width as u32, 2 * height as u32)
    );
    // The embedded font makes the output the same every time.
    assert_eq!(
        png,
        render(&arch, &RenderOptions::new(Format::Png)).unwrap()
    );
}

#[test]
fn png_draws_text_with_the_embedded_font() {
    // The same picture without its text must differ: the names are drawn, not dropped.
    let arch = shop();
    let svg = text(&arch, Format::Svg);
    let without_text: String = svg
        .lines()
        .filter(|l| !l.trim_start().starts_with("<text"))
        .collect::<Vec<_>>()
        .join("\n");
    let with = Pixmap::decode_png(&archcanvas::render::raster::png(&svg, 1.0).unwrap()).unwrap();
    let without =
        Pixmap::decode_png(&archcanvas::render::raster::png(&without_text, 1.0).unwrap()).unwrap();
    let changed = with
        .pixels()
        .iter()
        .zip(without.pixels())
        .filter(|(a, b)| a != b)
        .count();
    let share = changed as f32 / with.pixels().len() as f32;
    assert!(share > 0.005, "text changes only {share} of the pixels");
}

#[test]
fn pdf_is_one_page_with_the_font_embedded() {
    let pdf = render(&shop(), &RenderOptions::new(Format::Pdf)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.trim_end().ends_with("%%EOF"));
    assert_eq!(
        text.matches("/Type /Page\n").count()
            + text.matches("/Type /Page ").count()
            + text.matches("/Type /Page>").count(),
        1,
        "one page"
    );
    assert!(text.contains("OpenSans"), "the embedded font is in the PDF");
}

#[test]
fn a_picture_too_large_for_memory_is_refused_with_advice() {
    let options = RenderOptions {
        scale: 16.0,
        ..RenderOptions::new(Format::Png)
    };
    let err = render(&shop(), &options).unwrap_err().to_string();
    assert!(err.contains("pixels") && err.contains("--scale"), "{err}");
}

#[test]
fn scale_out_of_range_is_refused() {
    let options = RenderOptions {
        scale: 0.0,
        ..RenderOptions::new(Format::Png)
    };
    let err = render(&shop(), &options).unwrap_err();
    assert!(err.to_string().contains("scale"), "{err}");
}
