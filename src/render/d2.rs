//! D2.
//!
//! Groups become nested containers, each kind a D2 shape (`cylinder`, `queue`, `hexagon`,
//! `cloud`, `stored_data`, a double border for caches, `multiple` for workers), and every
//! look is a class: one per kind, per group kind and per connection type, with the theme's
//! colours. Keys are quoted ids (D2 keys are case-insensitive; model ids are lower case), so
//! an id that is a D2 keyword stays a plain key; edges name both ends by their full path
//! through the containers. Labels are double-quoted strings with `"`, `\` and `$` escaped.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::scene::{Scene, Visit};
use super::text::{detail, edge_label, over};
use crate::model::{Component, ConnectionType, GroupKind, Id, Kind, Zone};
use crate::theme::{self, Mode};

/// The D2 diagram of `scene`.
pub fn render(scene: &Scene, mode: Mode) -> String {
    let palette = mode.palette();
    let mut out = String::with_capacity(1024 + 128 * scene.components().len());
    let _ = writeln!(out, "direction: right");
    let _ = writeln!(
        out,
        "diagram_title: {} {{shape: text; near: top-center; style: {{font-size: 24; bold: true; font-color: \"{}\"}}}}",
        quote(&scene.title()),
        palette.text.css_hex()
    );
    let _ = writeln!(
        out,
        "vars: {{d2-config: {{theme-overrides: {{N7: \"{}\"}}}}}}",
        palette.background.css_hex()
    );

    // Classes: only those used, so the file stays short.
    let kinds: BTreeSet<Kind> = scene.components().iter().map(|c| c.kind()).collect();
    let group_kinds: BTreeSet<GroupKind> = scene.groups().iter().map(|g| g.kind).collect();
    let types: BTreeSet<ConnectionType> = scene.connections().iter().map(|c| c.ty()).collect();
    let _ = writeln!(out, "classes: {{");
    for kind in &kinds {
        let accent = theme::kind_style(*kind).accent(mode);
        let _ = writeln!(
            out,
            "  {}: {{shape: {}; style: {{stroke: \"{}\"; stroke-width: 2; fill: \"{}\"; font-color: \"{}\"{}}}}}",
            kind.keyword(),
            shape(*kind),
            accent.css_hex(),
            palette.box_fill.css_hex(),
            palette.text.css_hex(),
            kind_style_extra(*kind)
        );
    }
    for kind in &group_kinds {
        let style = theme::group_style(*kind, mode);
        let dash = style
            .dash
            .map(|(d, _)| format!("; stroke-dash: {}", d.round().clamp(1.0, 10.0)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}: {{style: {{stroke: \"{}\"; fill: \"{}\"; font-color: \"{}\"; border-radius: 10{dash}}}}}",
            group_class(*kind),
            style.stroke.css_hex(),
            over(style.fill, palette.background).css_hex(),
            style.stroke.css_hex()
        );
    }
    for ty in &types {
        let style = theme::edge_style(*ty);
        let dash = style
            .dash
            .map(|(d, _)| format!("; stroke-dash: {}", d.round().clamp(1.0, 10.0)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}: {{style: {{stroke: \"{}\"; stroke-width: {}; font-color: \"{}\"{dash}}}}}",
            edge_class(*ty),
            palette.edge.css_hex(),
            style.width.round().max(1.0),
            palette.text_muted.css_hex()
        );
    }
    let _ = writeln!(out, "}}");

    let mut depth = 0;
    for visit in scene.walk() {
        let pad = "  ".repeat(depth);
        match visit {
            Visit::Enter(g) => {
                let _ = writeln!(
                    out,
                    "{pad}{}: {} {{",
                    quote(&scene.group_key(g)),
                    quote(&g.name)
                );
                let _ = writeln!(out, "{pad}  class: {}", group_class(g.kind));
                depth += 1;
            }
            Visit::Leave(_) => {
                depth = depth.saturating_sub(1);
                let _ = writeln!(out, "{}}}", "  ".repeat(depth));
            }
            Visit::Component(c) => {
                let _ = writeln!(
                    out,
                    "{pad}{}: {} {{class: {}}}",
                    quote(c.id.as_str()),
                    quote(&label(c)),
                    c.kind().keyword()
                );
            }
        }
    }
    for c in scene.connections() {
        let label = edge_label(c);
        let label = if label.is_empty() {
            String::new()
        } else {
            format!(": {}", quote(label))
        };
        let _ = writeln!(
            out,
            "{} -> {}{label} {{class: {}}}",
            path(scene, &c.from),
            path(scene, &c.to),
            edge_class(c.ty())
        );
    }
    out
}

fn label(c: &Component) -> String {
    let detail = detail(c);
    if detail.is_empty() {
        c.name.clone()
    } else {
        format!("{}\n{detail}", c.name)
    }
}

/// The key path of a component: its containers' keys and its own, each quoted.
fn path(scene: &Scene, id: &Id) -> String {
    let mut parts: Vec<String> = scene
        .enclosing(id)
        .iter()
        .map(|g| quote(&scene.group_key(g)))
        .collect();
    parts.push(quote(id.as_str()));
    parts.join(".")
}

fn shape(kind: Kind) -> &'static str {
    match kind {
        Kind::Service | Kind::Cache | Kind::Worker => "rectangle",
        Kind::Api => "hexagon",
        Kind::Database => "cylinder",
        Kind::Queue => "queue",
        Kind::Client => "oval",
        Kind::External => "cloud",
        Kind::Storage => "stored_data",
    }
}

fn kind_style_extra(kind: Kind) -> &'static str {
    match kind {
        Kind::Service => "; border-radius: 8",
        Kind::Cache => "; double-border: true",
        Kind::Worker => "; multiple: true",
        _ => "",
    }
}

fn group_class(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::BoundedContext => "bounded-context",
        GroupKind::TrustZone(Zone::Public) => "public-zone",
        GroupKind::TrustZone(Zone::Private) => "private-zone",
        GroupKind::DeploymentUnit => "deployment-unit",
    }
}

fn edge_class(ty: ConnectionType) -> &'static str {
    match ty {
        ConnectionType::Calls => "calls",
        ConnectionType::Publishes => "publishes",
        ConnectionType::Consumes => "consumes",
        ConnectionType::Reads => "reads",
        ConnectionType::Writes => "writes",
        ConnectionType::DependsOn => "depends-on",
    }
}

/// `s` as a D2 double-quoted string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
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
    fn quote_escapes_what_ends_or_substitutes() {
        assert_eq!(
            quote("a \"b\" \\ ${x}\nc"),
            "\"a \\\"b\\\" \\\\ \\${x}\\nc\""
        );
        assert_eq!(quote("{x} [y] | ; 日本"), "\"{x} [y] | ; 日本\"");
    }
}
