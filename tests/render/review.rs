//! The HTML review pack: self-contained, one picture per view, every flow's narration, every
//! model string escaped. `scripts/conformance-render.sh` has the Nu HTML checker validate
//! the same files and plays the flows in jsdom.

use archcanvas::model::Architecture;
use archcanvas::render::{Format, RenderError, RenderOptions, render};
use resvg::usvg::roxmltree;

use super::{load, text, tricky};

fn examples() -> Vec<(&'static str, Architecture)> {
    ["shop", "rides", "newsfeed"]
        .into_iter()
        .map(|m| (m, load(&format!("examples/{m}.ron"))))
        .collect()
}

/// The inline `<svg>…</svg>` pictures of a page.
fn pictures(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .filter_map(|(at, _)| {
            let end = html[at..].find("</svg>")? + at + "</svg>".len();
            Some(&html[at..end])
        })
        .collect()
}

#[test]
fn the_pack_needs_no_network() {
    for (name, arch) in examples() {
        let html = text(&arch, Format::Html);
        assert!(html.starts_with("<!DOCTYPE html>\n"), "{name}");
        assert!(html.ends_with("</html>\n"), "{name}");
        // No external resource: the only URL is the SVG namespace, which is a name.
        let urls = html.matches("http://").count() + html.matches("https://").count();
        let namespaces = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
        assert_eq!(
            urls, namespaces,
            "{name}: a URL other than the SVG namespace"
        );
        for attr in [" src=", "<link", "@import", "url("] {
            assert!(!html.contains(attr), "{name}: {attr} in the pack");
        }
        assert_eq!(
            html.matches("<script>").count(),
            1,
            "{name}: one inline script"
        );
        assert_eq!(
            html.matches("<style>").count(),
            1,
            "{name}: one inline style sheet"
        );
    }
}

#[test]
fn one_picture_per_view_and_flow_plus_the_whole_model() {
    for (name, arch) in examples() {
        let html = text(&arch, Format::Html);
        let svgs = pictures(&html);
        assert_eq!(
            svgs.len(),
            1 + arch.views.len() + arch.flows.len(),
            "{name}: whole model, each view, each flow"
        );
        for (i, view) in arch.views.iter().enumerate() {
            assert!(
                html.contains(&format!("<section id=\"view-{}\"", view.id)),
                "{name}"
            );
            // The view's picture holds exactly the components the view shows.
            let picture = svgs[1 + i];
            let shown = arch
                .components
                .iter()
                .filter(|c| view.shows(&arch, c))
                .count();
            assert_eq!(
                picture.matches("class=\"component ").count(),
                shown,
                "{name}: view {}",
                view.id
            );
            assert!(picture.contains(&format!("id=\"v{i}-component-")) || shown == 0);
        }
        // Each picture is well-formed XML, and no id repeats in the page.
        let mut ids = std::collections::BTreeSet::new();
        for svg in &svgs {
            let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
            for node in doc.descendants() {
                if let Some(id) = node.attribute("id") {
                    assert!(ids.insert(id.to_owned()), "{name}: id {id} twice");
                }
            }
        }
    }
}

#[test]
fn every_flow_is_playable() {
    for (name, arch) in examples() {
        let html = text(&arch, Format::Html);
        for (i, flow) in arch.flows.iter().enumerate() {
            let start = html
                .find(&format!(
                    "<section id=\"flow-{}\" class=\"flow\" data-prefix=\"f{i}-\">",
                    flow.id
                ))
                .unwrap_or_else(|| panic!("{name}: no section for {}", flow.id));
            let section = &html[start..start + html[start..].find("</section>").unwrap()];
            assert!(section.contains("<button type=\"button\" class=\"next\">"));
            assert!(section.contains("<button type=\"button\" class=\"prev\">"));
            assert_eq!(
                section.matches("<li data-connection=").count(),
                flow.steps.len(),
                "{name}: one list item per step of {}",
                flow.id
            );
            for step in &flow.steps {
                let narration = archcanvas::render::html::escape(step.narration.trim());
                assert!(section.contains(&narration), "{name}: {narration}");
                // The connection the script will light is in the flow's own picture.
                let c = arch.connections.get(step.connection.as_str()).unwrap();
                assert!(
                    section.contains(&format!("id=\"f{i}-connection-{}\"", c.id)),
                    "{name}: {} not drawn",
                    c.id
                );
                for end in [&c.from, &c.to] {
                    assert!(section.contains(&format!("id=\"f{i}-component-{end}\"")));
                }
            }
        }
    }
}

#[test]
fn model_strings_cannot_inject_markup() {
    let arch = tricky();
    let html = text(&arch, Format::Html);
    // The only script is the player; the only closing tag of a script is its own.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert_eq!(html.matches("</script>").count(), 1);
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>"));
    assert!(!html.contains("<!--"));
    assert!(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
    // Attributes hold no raw quote: every `"` in a start tag pairs up.
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if tag.starts_with('!') || tag.starts_with('/') {
            continue;
        }
        assert!(tag.matches('"').count().is_multiple_of(2), "<{tag}>");
    }
    // Open notes are listed, resolved ones only counted.
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; | pipe ; semi"));
    assert!(!html.contains("Resolved | and"));
    assert!(html.contains("1 resolved note not shown."));
}

#[test]
fn the_pack_takes_no_view() {
    let options = RenderOptions {
        view: Some("inside".into()),
        ..RenderOptions::new(Format::Html)
    };
    let err = render(&tricky(), &options).unwrap_err();
    assert!(matches!(err, RenderError::PackTakesNoView), "{err}");
}

#[test]
fn a_small_pack_is_pinned() {
    let mut arch = load("examples/shop.ron");
    // Small: the shop's checkout path view and its flow, without the other views.
    arch.views.retain(|v| v.id.as_str() == "checkout-path");
    let html = text(&arch, Format::Html);
    // The pictures are pinned by the SVG snapshots; here the page around them.
    let mut page = String::new();
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<svg ") {
        page.push_str(&rest[..at]);
        let end = rest[at..]
            .find("</svg>\n")
            .map_or(rest.len(), |e| at + e + 7);
        page.push_str("<svg …/>\n");
        rest = &rest[end..];
    }
    page.push_str(rest);
    let style = page.find("<style>").unwrap();
    let style_end = page.find("</style>").unwrap();
    page.replace_range(style..style_end, "<style>…");
    let script = page.find("<script>").unwrap();
    let script_end = page.find("</script>").unwrap();
    page.replace_range(script..script_end, "<script>…");
    insta::assert_snapshot!("shop-small.html", page);
}

#[test]
fn cli_writes_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.html");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_archcanvas"))
        .args(["render", "examples/shop.ron", "--out"])
        .arg(&out)
        .current_dir(super::root())
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(html, text(&load("examples/shop.ron"), Format::Html));

    let refused = dir.path().join("view.html");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_archcanvas"))
        .args([
            "render",
            "examples/shop.ron",
            "--view",
            "data",
            "--format",
            "html",
            "--out",
        ])
        .arg(&refused)
        .current_dir(super::root())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("leave out --view"));
    assert!(!refused.exists());
}
