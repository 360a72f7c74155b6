//! Graphviz DOT.
//!
//! A `digraph` laid out left to right: groups become nested `cluster` subgraphs in their
//! theme colours and dash, each kind a node shape (database `cylinder`, API `hexagon`, cache
//! a double-bordered box, worker `box3d`, storage an `invtrapezium` bucket…), and each
//! connection type an edge style and arrow head (calls solid with a filled head, messages
//! dashed with an open `vee`, data access dotted with a hollow head, dependencies dashed
//! and thin). Every id and label is a double-quoted string with `"` and `\` escaped, so
//! Graphviz's own `\N`, `\l`… sequences never fire from a name.

use std::fmt::Write;

use super::scene::{Scene, Visit};
use super::text::{detail, edge_label, hex_with_alpha};
use crate::model::{ConnectionType, Kind};
use crate::theme::{self, Mode};

/// The DOT digraph of `scene`.
pub fn render(scene: &Scene, mode: Mode) -> String {
    let palette = mode.palette();
    let mut out = String::with_capacity(512 + 160 * scene.components().len());
    let _ = writeln!(out, "digraph {} {{", quote(&scene.arch.name));
    let _ = writeln!(
        out,
        "    graph [label={}, labelloc=t, fontsize=18, fontname=\"Open Sans\", rankdir=LR, \
         bgcolor=\"{}\", fontcolor=\"{}\", nodesep=0.5, ranksep=1.0];",
        quote(&scene.title()),
        palette.background.css_hex(),
        palette.text.css_hex()
    );
    let _ = writeln!(
        out,
        "    node [fontname=\"Open Sans\", fontsize=12, style=filled, fillcolor=\"{}\", \
         fontcolor=\"{}\", penwidth=1.6, margin=\"0.2,0.1\"];",
        palette.box_fill.css_hex(),
        palette.text.css_hex()
    );
    let _ = writeln!(
        out,
        "    edge [fontname=\"Open Sans\", fontsize=10, color=\"{}\", fontcolor=\"{}\"];",
        palette.edge.css_hex(),
        palette.text_muted.css_hex()
    );
    let mut depth = 1;
    for visit in scene.walk() {
        let pad = "    ".repeat(depth);
        match visit {
            Visit::Enter(g) => {
                let style = theme::group_style(g.kind, mode);
                let line = match style.dash {
                    None => "filled,rounded",
                    Some((dash, _)) if dash < 5.0 => "filled,rounded,dotted",
                    Some(_) => "filled,rounded,dashed",
                };
                let _ = writeln!(
                    out,
                    "{pad}subgraph {} {{",
                    quote(&format!("cluster_{}", scene.group_key(g)))
                );
                let _ = writeln!(
                    out,
                    "{pad}    label={}; labeljust=l; style=\"{line}\"; color=\"{}\"; \
                     fillcolor=\"{}\"; fontcolor=\"{}\"; fontsize=13; penwidth=1.4;",
                    quote(&g.name),
                    style.stroke.css_hex(),
                    hex_with_alpha(style.fill),
                    style.stroke.css_hex()
                );
                depth += 1;
            }
            Visit::Leave(_) => {
                depth = depth.saturating_sub(1);
                let _ = writeln!(out, "{}}}", "    ".repeat(depth));
            }
            Visit::Component(c) => {
                let mut label = c.name.clone();
                let detail = detail(c);
                if !detail.is_empty() {
                    label.push('\n');
                    label.push_str(&detail);
                }
                let accent = theme::kind_style(c.kind()).accent(mode);
                let _ = writeln!(
                    out,
                    "{pad}{} [label={}, {}, color=\"{}\", tooltip={}];",
                    quote(c.id.as_str()),
                    quote(&label),
                    shape(c.kind()),
                    accent.css_hex(),
                    quote(&format!("{} ({})", c.name, c.kind().label()))
                );
            }
        }
    }
    for c in scene.connections() {
        let style = match c.ty() {
            ConnectionType::Calls => "style=solid, arrowhead=normal, penwidth=1.6",
            ConnectionType::Publishes | ConnectionType::Consumes => {
                "style=dashed, arrowhead=vee, penwidth=1.6"
            }
            ConnectionType::Reads | ConnectionType::Writes => {
                "style=dotted, arrowhead=empty, penwidth=1.6"
            }
            ConnectionType::DependsOn => "style=dashed, arrowhead=onormal, penwidth=1.2",
        };
        let label = edge_label(c);
        let label = if label.is_empty() {
            String::new()
        } else {
            format!("label={}, ", quote(label))
        };
        let _ = writeln!(
            out,
            "    {} -> {} [{label}{style}, tooltip={}];",
            quote(c.from.as_str()),
            quote(c.to.as_str()),
            quote(&format!("{} {}", c.ty().label(), c.id))
        );
    }
    let _ = writeln!(out, "}}");
    out
}

/// Node attributes giving each kind its shape.
fn shape(kind: Kind) -> &'static str {
    match kind {
        Kind::Service => "shape=box, style=\"filled,rounded\"",
        Kind::Api => "shape=hexagon",
        Kind::Database => "shape=cylinder",
        Kind::Queue => "shape=cds",
        Kind::Cache => "shape=box, peripheries=2",
        Kind::Worker => "shape=box3d",
        Kind::Client => "shape=tab",
        Kind::External => "shape=box, style=\"filled,dashed\"",
        Kind::Storage => "shape=invtrapezium",
    }
}

/// `s` as a DOT double-quoted string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
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
    fn quote_escapes_quotes_backslashes_and_lines() {
        assert_eq!(quote("a \"b\" \\N\nc"), "\"a \\\"b\\\" \\\\N\\nc\"");
        assert_eq!(quote("{x} [y] | ; 日本"), "\"{x} [y] | ; 日本\"");
    }
}
