//! The review pack: one self-contained HTML file for people without ArchCanvas.
//!
//! Everything is inline — the style sheet, the player script, every picture as inline SVG
//! from [`crate::render::svg`] — so the file works offline, from an e-mail or a CI artifact.
//! The page holds the model's name and description, the whole model and every view as
//! pictures, a player per flow, the components table and the open review notes.
//!
//! The player script carries no model data: it reads the step list the page already shows
//! (`<li data-connection=… data-from=… data-to=…>`), and addresses the picture through the
//! ids the SVG renderer gives its elements (`PREFIX-connection-ID`, `PREFIX-component-ID`).
//! Each picture gets its own id prefix so ids stay unique in the page. Every model string
//! goes through [`escape`], and the script reads text with `textContent` and writes it
//! the same way, so no name can become markup.

mod player;
mod tables;

use std::fmt::Write;

use super::scene::Scene;
use super::svg;
use crate::model::Architecture;
use crate::theme::Mode;

/// The page's style sheet.
const STYLE: &str = include_str!("../../../assets/review/review.css");
/// The flow player.
const SCRIPT: &str = include_str!("../../../assets/review/review.js");

/// The review pack of `arch` in `mode`.
pub fn render(arch: &Architecture, mode: Mode) -> String {
    let palette = mode.palette();
    let mut out = String::with_capacity(64 * 1024);
    let title = if arch.name.trim().is_empty() {
        "Architecture review".to_owned()
    } else {
        format!("{} — architecture review", arch.name.trim())
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"ArchCanvas\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(
        out,
        "<style>\n:root {{ --bg: {}; --fg: {}; --muted: {}; --panel: {}; --line: {}; \
         --accent: {}; }}\n{STYLE}</style>",
        palette.background.css_hex(),
        palette.text.css_hex(),
        palette.text_muted.css_hex(),
        palette.box_fill.css_hex(),
        palette.grid.css_hex(),
        palette.selection.css_hex(),
    );
    let mode_class = match mode {
        Mode::Light => "light",
        Mode::Dark => "dark",
    };
    let _ = writeln!(out, "</head>\n<body class=\"{mode_class}\">");

    out.push_str("<header>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    if !arch.description.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"description\">{}</p>",
            escape(arch.description.trim())
        );
    }
    contents(arch, &mut out);
    out.push_str("</header>\n<main>\n");

    out.push_str("<section id=\"whole\" class=\"diagram\">\n<h2>Whole model</h2>\n");
    picture(&Scene::of_view(arch, None), mode, "m-", &mut out);
    out.push_str("</section>\n");
    for (i, view) in arch.views.iter().enumerate() {
        let _ = writeln!(
            out,
            "<section id=\"view-{}\" class=\"diagram view\">\n<h2>View: {}</h2>",
            view.id,
            escape(&view.name)
        );
        if !view.description.trim().is_empty() {
            let _ = writeln!(out, "<p>{}</p>", escape(view.description.trim()));
        }
        picture(
            &Scene::of_view(arch, Some(view)),
            mode,
            &format!("v{i}-"),
            &mut out,
        );
        out.push_str("</section>\n");
    }
    for (i, flow) in arch.flows.iter().enumerate() {
        player::section(arch, flow, mode, &format!("f{i}-"), &mut out);
    }
    tables::components(arch, &mut out);
    tables::notes(arch, &mut out);
    out.push_str(
        "</main>\n<footer>\n<p>Written by ArchCanvas. Open the model file in \
                  ArchCanvas to edit it; this page needs no network.</p>\n</footer>\n",
    );
    let _ = writeln!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>");
    out
}

/// The table of contents: a link to each section.
fn contents(arch: &Architecture, out: &mut String) {
    out.push_str("<nav aria-label=\"Contents\">\n<ul>\n");
    out.push_str("<li><a href=\"#whole\">Whole model</a></li>\n");
    for view in &arch.views {
        let _ = writeln!(
            out,
            "<li><a href=\"#view-{}\">View: {}</a></li>",
            view.id,
            escape(&view.name)
        );
    }
    for flow in &arch.flows {
        let _ = writeln!(
            out,
            "<li><a href=\"#flow-{}\">Flow: {}</a></li>",
            flow.id,
            escape(&flow.name)
        );
    }
    out.push_str("<li><a href=\"#components\">Components</a></li>\n");
    out.push_str("<li><a href=\"#notes\">Review notes</a></li>\n</ul>\n</nav>\n");
}

/// One picture, in a `<figure>`, with ids starting with `prefix`.
fn picture(scene: &Scene, mode: Mode, prefix: &str, out: &mut String) {
    out.push_str("<figure class=\"picture\">\n");
    out.push_str(&svg::render_with_ids(scene, mode, prefix));
    out.push_str("</figure>\n");
}

/// `s` as HTML text or a quoted attribute value: the five markup characters become
/// entities; control characters other than line breaks and tabs are dropped (HTML forbids
/// them).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape("</script><img src=x onerror='a(\"b\")'>&\u{7}"),
            "&lt;/script&gt;&lt;img src=x onerror=&#39;a(&quot;b&quot;)&#39;&gt;&amp;"
        );
        assert_eq!(escape("日本 ok\n"), "日本 ok\n");
    }
}
