//! Structurizr DSL: a workspace a team can move to.
//!
//! The model becomes one software system whose containers are the components we run and
//! use (services, APIs, workers, stores, clients), nested in `group`s as the model nests
//! them; external systems become software systems of their own, tagged `External`. A
//! container view of the system (`include *`, laid out left to right) and styles per tag
//! (Structurizr's own shapes: `Cylinder`, `Pipe`, `Hexagon`, `Bucket`, `WebBrowser`…, in
//! the theme's colours) come with it. Identifiers are the model ids (Structurizr accepts
//! `a-z0-9-`); the system is `archcanvas_system`, which no id can be. Structurizr refuses
//! two containers or relationships with the same name, so repeated names get their id in
//! brackets. Strings are double-quoted on one line, with `"` escaped and `${` broken up so
//! no substitution fires.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::scene::{Scene, Visit};
use super::text::{detail, edge_label, one_line};
use crate::model::{ClientPlatform, Component, Connection, Kind, Spec};
use crate::theme::{self, Mode};

/// The identifier of the one software system.
const SYSTEM: &str = "archcanvas_system";

/// The Structurizr workspace of `scene`.
pub fn render(scene: &Scene, mode: Mode) -> String {
    let arch = scene.arch;
    let mut out = String::with_capacity(1024 + 160 * scene.components().len());
    let names = unique_names(scene);
    let _ = writeln!(
        out,
        "workspace {} {} {{",
        quote(&scene.title()),
        quote(&arch.description)
    );
    let _ = writeln!(out, "    model {{");
    let _ = writeln!(out, "        properties {{");
    let _ = writeln!(out, "            \"structurizr.groupSeparator\" \"/\"");
    let _ = writeln!(out, "        }}");
    let _ = writeln!(
        out,
        "        {SYSTEM} = softwareSystem {} {} {{",
        quote(&arch.name),
        quote(&arch.description)
    );
    let inside = |c: &Component| c.kind() != Kind::External;
    // Groups that hold a container (external systems live outside the system's groups).
    let used: BTreeSet<&crate::model::Id> = scene
        .components()
        .iter()
        .filter(|c| inside(c))
        .flat_map(|c| scene.enclosing(&c.id))
        .map(|g| &g.id)
        .collect();
    let mut depth = 3;
    for visit in scene.walk() {
        let pad = "    ".repeat(depth);
        match visit {
            Visit::Enter(g) => {
                if used.contains(&g.id) {
                    // The separator nests groups; a name must not hold it.
                    let _ = writeln!(out, "{pad}group {} {{", quote(&g.name.replace('/', "∕")));
                    depth += 1;
                }
            }
            Visit::Leave(g) => {
                if used.contains(&g.id) {
                    depth -= 1;
                    let _ = writeln!(out, "{}}}", "    ".repeat(depth));
                }
            }
            Visit::Component(c) if inside(c) => {
                let name = names
                    .get(c.id.as_str())
                    .map_or(c.name.as_str(), String::as_str);
                let _ = writeln!(
                    out,
                    "{pad}{} = container {} {} {} {}",
                    c.id,
                    quote(name),
                    quote(&c.description),
                    quote(&detail(c)),
                    quote(&tags(c))
                );
            }
            Visit::Component(_) => {}
        }
    }
    let _ = writeln!(out, "        }}");
    for c in scene.components().iter().filter(|c| !inside(c)) {
        let name = names
            .get(c.id.as_str())
            .map_or(c.name.as_str(), String::as_str);
        let _ = writeln!(
            out,
            "        {} = softwareSystem {} {} {}",
            c.id,
            quote(name),
            quote(&c.description),
            quote(&tags(c))
        );
    }
    let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
    for c in scene.connections() {
        let mut description = relation_text(c);
        let key = |d: &str| (c.from.to_string(), c.to.to_string(), d.to_lowercase());
        if !seen.insert(key(&description)) {
            description = format!("{description} [{}]", c.id);
            seen.insert(key(&description));
        }
        let _ = writeln!(
            out,
            "        {} -> {} {} {} {}",
            c.from,
            c.to,
            quote(&description),
            quote(&technology(scene, c)),
            quote(relation_tag(c))
        );
    }
    let _ = writeln!(out, "    }}");
    let _ = writeln!(out, "    views {{");
    let key = scene
        .view
        .map_or("containers".to_owned(), |v| v.id.to_string());
    let _ = writeln!(
        out,
        "        container {SYSTEM} {} {} {{",
        quote(&key),
        quote(&scene.title())
    );
    let _ = writeln!(out, "            include *");
    let _ = writeln!(out, "            autoLayout lr");
    let _ = writeln!(out, "        }}");
    styles(scene, mode, &mut out);
    let _ = writeln!(out, "    }}");
    let _ = writeln!(out, "}}");
    out
}

/// Display names, with `[id]` added where two shown components share a name.
fn unique_names(scene: &Scene) -> BTreeMap<String, String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for c in scene.components() {
        *count.entry(one_line(&c.name).to_lowercase()).or_default() += 1;
    }
    // The software system's own name is taken as well.
    *count
        .entry(one_line(&scene.arch.name).to_lowercase())
        .or_default() += 1;
    scene
        .components()
        .iter()
        .filter(|c| {
            count
                .get(&one_line(&c.name).to_lowercase())
                .copied()
                .unwrap_or(0)
                > 1
        })
        .map(|c| (c.id.to_string(), format!("{} [{}]", c.name, c.id)))
        .collect()
}

fn tags(c: &Component) -> String {
    let mut tags = vec![tag(c.kind()).to_owned()];
    if let Spec::Client(client) = &c.spec {
        tags.push(client_tag(client.platform).to_owned());
    }
    tags.extend(c.tags.iter().map(|t| t.replace(',', " ")));
    tags.join(",")
}

fn tag(kind: Kind) -> &'static str {
    match kind {
        Kind::Service => "Service",
        Kind::Api => "API",
        Kind::Database => "Database",
        Kind::Queue => "Queue",
        Kind::Cache => "Cache",
        Kind::Worker => "Worker",
        Kind::Client => "Client",
        Kind::External => "External",
        Kind::Storage => "Storage",
    }
}

fn client_tag(platform: ClientPlatform) -> &'static str {
    match platform {
        ClientPlatform::Mobile => "Mobile client",
        ClientPlatform::Cli => "Terminal client",
        ClientPlatform::Web | ClientPlatform::Desktop | ClientPlatform::ThirdParty => {
            "Browser client"
        }
    }
}

fn relation_text(c: &Connection) -> String {
    let label = edge_label(c);
    let verb = c.ty().label();
    if label.is_empty() {
        let mut text = verb.to_owned();
        text[..1].make_ascii_uppercase();
        text
    } else {
        label.to_owned()
    }
}

fn technology(scene: &Scene, c: &Connection) -> String {
    match &c.kind {
        crate::model::ConnectionKind::Calls(call) => call.protocol.label().to_owned(),
        crate::model::ConnectionKind::Publishes { .. }
        | crate::model::ConnectionKind::Consumes { .. } => scene
            .arch
            .components
            .get(c.to.as_str())
            .map(|q| q.spec.technology_label())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn relation_tag(c: &Connection) -> &'static str {
    match c.ty().style() {
        crate::model::Style::Sync => "Sync",
        crate::model::Style::Async => "Async",
        crate::model::Style::Data => "Data",
        crate::model::Style::Dependency => "Dependency",
    }
}

fn styles(scene: &Scene, mode: Mode, out: &mut String) {
    let palette = mode.palette();
    let _ = writeln!(out, "        styles {{");
    let kinds: BTreeSet<Kind> = scene.components().iter().map(|c| c.kind()).collect();
    let element = |out: &mut String, tag: &str, lines: &[String]| {
        let _ = writeln!(out, "            element {} {{", quote(tag));
        for line in lines {
            let _ = writeln!(out, "                {line}");
        }
        let _ = writeln!(out, "            }}");
    };
    element(
        out,
        "Element",
        &[
            format!("background {}", palette.box_fill.css_hex()),
            format!("color {}", palette.text.css_hex()),
        ],
    );
    for kind in kinds {
        let shape = match kind {
            Kind::Service => "RoundedBox",
            Kind::Api => "Hexagon",
            Kind::Database => "Cylinder",
            Kind::Queue => "Pipe",
            Kind::Cache => "Box",
            Kind::Worker => "Robot",
            Kind::Client => "WebBrowser",
            Kind::External => "Box",
            Kind::Storage => "Bucket",
        };
        let mut lines = vec![
            format!("shape {shape}"),
            format!("stroke {}", theme::kind_style(kind).accent(mode).css_hex()),
        ];
        if kind == Kind::External {
            lines.push("border dashed".to_owned());
        }
        element(out, tag(kind), &lines);
    }
    element(
        out,
        "Mobile client",
        &["shape MobileDevicePortrait".to_owned()],
    );
    element(out, "Terminal client", &["shape Terminal".to_owned()]);
    for (tag, dashed) in [
        ("Sync", false),
        ("Async", true),
        ("Data", true),
        ("Dependency", true),
    ] {
        let _ = writeln!(out, "            relationship {} {{", quote(tag));
        let _ = writeln!(out, "                dashed {dashed}");
        let _ = writeln!(out, "                color {}", palette.edge.css_hex());
        let _ = writeln!(out, "            }}");
    }
    let _ = writeln!(out, "        }}");
}

/// `s` as a Structurizr double-quoted string on one line.
pub fn quote(s: &str) -> String {
    let line = one_line(s).replace("${", "$\u{200b}{");
    let mut out = String::with_capacity(line.len() + 2);
    out.push('"');
    for c in line.chars() {
        match c {
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    // The tokenizer reads `\"` as an escaped quote, so a trailing backslash would swallow
    // the closing quote.
    if out.ends_with('\\') {
        out.push(' ');
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_keeps_strings_on_one_line_and_closed() {
        assert_eq!(quote("a \"b\"\nc"), "\"a \\\"b\\\" c\"");
        assert_eq!(quote("ends with \\"), "\"ends with \\ \"");
        assert_eq!(quote("${x}"), "\"$\u{200b}{x}\"");
    }
}
