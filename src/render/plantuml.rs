//! PlantUML component diagram.
//!
//! Each kind takes the element PlantUML draws for it (`database`, `queue`, `interface` for
//! APIs, `collections` for caches, `cloud` for external systems, `storage`, `card` for
//! clients, `component` for services and workers) with a stereotype naming the kind and
//! the theme's accent as its border; groups become nested `package`s; connections are
//! arrows whose line follows the connection type. Only elements old PlantUML releases know
//! are used (Debian ships 1.2020). Labels are quoted with HTML character references for
//! everything the preprocessor or Creole would read (`%`, `$`, `<`, doubled markup
//! characters, `[[`) and `\n` for line breaks. Read files as UTF-8 (`-charset UTF-8`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::scene::{Scene, Visit};
use super::text::{detail, edge_label, underscored};
use crate::model::{ConnectionType, GroupKind, Kind, Zone};
use crate::theme::{self, Mode};

/// The PlantUML component diagram of `scene`.
pub fn render(scene: &Scene, mode: Mode) -> String {
    let palette = mode.palette();
    let mut out = String::with_capacity(512 + 96 * scene.components().len());
    let _ = writeln!(out, "@startuml");
    let _ = writeln!(out, "title {}", text(&scene.title()));
    let _ = writeln!(out, "left to right direction");
    skin(&mut out, palette);
    let _ = writeln!(
        out,
        "skinparam ArrowFontColor {}",
        palette.text_muted.css_hex()
    );
    // One skinparam block per element, with each kind's accent by stereotype.
    let mut by_element: BTreeMap<&str, BTreeSet<Kind>> = BTreeMap::new();
    for c in scene.components() {
        by_element
            .entry(element(c.kind()))
            .or_default()
            .insert(c.kind());
    }
    for (element, kinds) in &by_element {
        let _ = writeln!(out, "skinparam {element} {{");
        let _ = writeln!(out, "  BackgroundColor {}", palette.box_fill.css_hex());
        for kind in kinds {
            let _ = writeln!(
                out,
                "  BorderColor<<{}>> {}",
                kind.keyword(),
                theme::kind_style(*kind).accent(mode).css_hex()
            );
        }
        let _ = writeln!(out, "}}");
    }
    let mut depth = 0;
    for visit in scene.walk() {
        let pad = "  ".repeat(depth);
        match visit {
            Visit::Enter(g) => {
                let style = theme::group_style(g.kind, mode);
                let _ = writeln!(
                    out,
                    "{pad}package \"{}\" as {} <<{}>> {} {{",
                    text(&g.name),
                    underscored(&scene.group_key(g)),
                    stereotype(g.kind),
                    style.stroke.css_hex()
                );
                depth += 1;
            }
            Visit::Leave(_) => {
                depth = depth.saturating_sub(1);
                let _ = writeln!(out, "{}}}", "  ".repeat(depth));
            }
            Visit::Component(c) => {
                let mut label = text(&c.name);
                let detail = detail(c);
                if !detail.is_empty() {
                    label.push_str("\\n");
                    label.push_str(&text(&detail));
                }
                let _ = writeln!(
                    out,
                    "{pad}{} \"{label}\" as {} <<{}>>",
                    element(c.kind()),
                    underscored(c.id.as_str()),
                    c.kind().keyword()
                );
            }
        }
    }
    for c in scene.connections() {
        let arrow = match c.ty() {
            ConnectionType::Calls => "-->",
            ConnectionType::Publishes | ConnectionType::Consumes => "..>",
            ConnectionType::Reads | ConnectionType::Writes => "-[dotted]->",
            ConnectionType::DependsOn => "-[dashed,thickness=1]->",
        };
        let label = edge_label(c);
        let label = if label.is_empty() {
            String::new()
        } else {
            format!(" : {}", text(label))
        };
        let _ = writeln!(
            out,
            "{} {arrow} {}{label}",
            underscored(c.from.as_str()),
            underscored(c.to.as_str())
        );
    }
    let _ = writeln!(out, "@enduml");
    out
}

/// The look every ArchCanvas PlantUML diagram shares: no shadows, the theme's background,
/// text and arrow colours.
pub(crate) fn skin(out: &mut String, palette: &theme::Palette) {
    let _ = writeln!(out, "skinparam shadowing false");
    let _ = writeln!(
        out,
        "skinparam backgroundColor {}",
        palette.background.css_hex()
    );
    let _ = writeln!(out, "skinparam defaultFontColor {}", palette.text.css_hex());
    let _ = writeln!(out, "skinparam ArrowColor {}", palette.edge.css_hex());
}

/// The PlantUML element a kind is drawn as.
fn element(kind: Kind) -> &'static str {
    match kind {
        Kind::Service | Kind::Worker => "component",
        Kind::Api => "interface",
        Kind::Database => "database",
        Kind::Queue => "queue",
        Kind::Cache => "collections",
        Kind::Client => "card",
        Kind::External => "cloud",
        Kind::Storage => "storage",
    }
}

fn stereotype(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::BoundedContext => "bounded context",
        GroupKind::TrustZone(Zone::Public) => "public zone",
        GroupKind::TrustZone(Zone::Private) => "private zone",
        GroupKind::DeploymentUnit => "deployment unit",
    }
}

/// `s` made safe as a quoted PlantUML label or the text after `:`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            // Not `$`: PlantUML decodes references into a regex replacement, where `&#36;`
            // crashes it; a bare `$name` that names no variable stays text.
            '"' | '%' | '<' | '>' | '&' | '[' | ']' | '!' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            // Creole reads doubled markup characters (**bold**, //italic//, --strike--…).
            '*' | '/' | '-' | '_' | '~' | '\'' | '=' | '#' | '^' if next == Some(c) => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
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
    fn text_escapes_quotes_markup_and_preprocessor() {
        assert_eq!(text("a \"b\""), "a &#34;b&#34;");
        assert_eq!(
            text("%date() $x <b> [[u]]"),
            "&#37;date() $x &#60;b&#62; &#91;&#91;u&#93;&#93;"
        );
        assert_eq!(text("**x** /a/ --"), "&#42;*x&#42;* /a/ &#45;-");
        assert_eq!(text("a\\b\nc"), "a\\\\b\\nc");
        assert_eq!(text("日本 | ; {x}"), "日本 | ; {x}");
    }
}
