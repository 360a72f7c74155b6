//! Mermaid flowchart.
//!
//! Groups become nested `subgraph`s, each kind its own node shape (a database a cylinder,
//! a cache the double-bordered "subroutine", an API a hexagon…) and a `classDef` with the
//! theme's accent, connections arrows whose line follows the connection type. Every label is
//! a quoted string with Mermaid's `#NN;` entity codes for the characters that would end it
//! or be read as markup, and `<br/>` for line breaks; ids lose their hyphens and dodge
//! Mermaid's keywords.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::scene::{Scene, Visit};
use super::text::{detail, edge_label, hex_with_alpha, ident};
use crate::model::{ConnectionType, Kind};
use crate::theme::{self, Mode};

/// Words a Mermaid flowchart reads as syntax where a node id is expected.
const RESERVED: &[&str] = &[
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "classdef",
    "class",
    "click",
    "linkstyle",
    "direction",
    "call",
    "href",
    "default",
    "interpolate",
    "accdescr",
    "acctitle",
];

/// The Mermaid flowchart of `scene`.
pub fn render(scene: &Scene, mode: Mode) -> String {
    let mut out = String::with_capacity(256 + 96 * scene.components().len());
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "title: {}", yaml_string(&scene.title()));
    if mode == Mode::Dark {
        let _ = writeln!(out, "config:\n  theme: dark");
    }
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "flowchart LR");
    body(scene, mode, &mut out);
    out
}

/// The flowchart's statements, without the header (the Markdown document reuses them).
pub fn body(scene: &Scene, mode: Mode, out: &mut String) {
    let mut depth = 1;
    let mut by_kind: BTreeMap<Kind, Vec<String>> = BTreeMap::new();
    for visit in scene.walk() {
        match visit {
            Visit::Enter(g) => {
                let _ = writeln!(
                    out,
                    "{}subgraph {}[\"{}\"]",
                    indent(depth),
                    group_id(scene, g),
                    text(&g.name)
                );
                depth += 1;
            }
            Visit::Leave(_) => {
                depth -= 1;
                let _ = writeln!(out, "{}end", indent(depth));
            }
            Visit::Component(c) => {
                let id = node_id(c.id.as_str());
                let (open, close) = shape(c.kind());
                let mut label = text(&c.name);
                let detail = detail(c);
                if !detail.is_empty() {
                    label.push_str("<br/>");
                    label.push_str(&text(&detail));
                }
                let _ = writeln!(out, "{}{id}{open}\"{label}\"{close}", indent(depth));
                by_kind.entry(c.kind()).or_default().push(id);
            }
        }
    }
    let mut styled: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in scene.connections().iter().enumerate() {
        let arrow = match c.ty().style() {
            crate::model::Style::Async | crate::model::Style::Dependency => "-.->",
            crate::model::Style::Sync | crate::model::Style::Data => "-->",
        };
        let label = edge_label(c);
        let label = if label.is_empty() {
            String::new()
        } else {
            format!("|\"{}\"|", text(label))
        };
        let _ = writeln!(
            out,
            "    {} {arrow}{label} {}",
            node_id(c.from.as_str()),
            node_id(c.to.as_str())
        );
        match c.ty() {
            ConnectionType::Reads | ConnectionType::Writes => {
                styled.entry("stroke-dasharray:2 4").or_default().push(i);
            }
            ConnectionType::DependsOn => {
                styled.entry("stroke-width:1px").or_default().push(i);
            }
            _ => {}
        }
    }
    let palette = mode.palette();
    for (kind, ids) in &by_kind {
        let style = theme::kind_style(*kind);
        let dash = if *kind == Kind::External {
            ",stroke-dasharray:6 4"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    classDef {} fill:{},stroke:{},stroke-width:1.6px,color:{}{dash}",
            kind.keyword(),
            palette.box_fill.css_hex(),
            style.accent(mode).css_hex(),
            palette.text.css_hex()
        );
        let _ = writeln!(out, "    class {} {}", ids.join(","), kind.keyword());
    }
    for g in scene.groups() {
        let style = theme::group_style(g.kind, mode);
        let dash = style
            .dash
            .map(|(d, g)| format!(",stroke-dasharray:{d} {g}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    style {} fill:{},stroke:{},color:{}{dash}",
            group_id(scene, g),
            hex_with_alpha(style.fill),
            style.stroke.css_hex(),
            style.stroke.css_hex()
        );
    }
    for (style, links) in styled {
        let list: Vec<String> = links.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "    linkStyle {} {style}", list.join(","));
    }
}

fn indent(depth: usize) -> String {
    "    ".repeat(depth)
}

fn node_id(id: &str) -> String {
    ident(id, RESERVED)
}

fn group_id(scene: &Scene, group: &crate::model::Group) -> String {
    ident(&scene.group_key(group), RESERVED)
}

/// The brackets of each kind's node shape.
fn shape(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Service => ("(", ")"),
        Kind::Api => ("{{", "}}"),
        Kind::Database => ("[(", ")]"),
        Kind::Queue => (">", "]"),
        Kind::Cache => ("[[", "]]"),
        Kind::Worker => ("[/", "/]"),
        Kind::Client => ("([", "])"),
        Kind::External => ("[", "]"),
        Kind::Storage => ("[\\", "/]"),
    }
}

/// `s` made safe inside a Mermaid quoted string.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '"' => out.push_str("#34;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#38;"),
            ';' => out.push_str("#59;"),
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '\n' => out.push_str("<br/>"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted string (the front matter's title); `<` and `>` as YAML escapes, so a
/// `</script>` in a name never appears raw in a page that embeds the diagram.
pub(crate) fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_everything_that_ends_a_string() {
        assert_eq!(
            text("a \"b\" | c; <d> & #e `f`\ng"),
            "a #34;b#34; #124; c#59; #60;d#62; #38; #35;e #96;f#96;<br/>g"
        );
        assert_eq!(text("[x] {y} (z) 日本"), "[x] {y} (z) 日本");
        assert_eq!(yaml_string("a \"b\"\\"), "\"a \\\"b\\\"\\\\\"");
        assert_eq!(node_id("end"), "end_");
        assert_eq!(node_id("orders-db"), "orders_db");
    }
}
