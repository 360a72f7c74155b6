//! A Markdown architecture document.
//!
//! What a reviewer reads before a design review: the overview (the model's description),
//! the diagram as a Mermaid block (GitHub, GitLab and most wikis draw it), a table of the
//! components (kind, technology, owner, description), the APIs with their endpoints, the
//! data entities of each database, the async topics with who publishes and consumes them,
//! the current findings and the review notes (open first). Everything follows the view: a
//! view's document describes only what the view shows. Text from the model is escaped for
//! tables and inline Markdown.

pub mod findings;
mod notes;

use std::fmt::Write;

use super::scene::Scene;
use crate::model::{Component, ConnectionKind, Kind, Spec};
use crate::theme::Mode;

/// The Markdown document of `scene`.
pub fn render(scene: &Scene, mode: Mode) -> String {
    let mut out = String::with_capacity(4096 + 256 * scene.components().len());
    let arch = scene.arch;
    let _ = writeln!(out, "# {}\n", inline(&scene.title()));
    if !arch.description.trim().is_empty() {
        let _ = writeln!(out, "{}\n", block(&arch.description));
    }
    if let Some(view) = scene.view {
        let _ = write!(out, "This document shows the view *{}*", inline(&view.name));
        if view.description.trim().is_empty() {
            let _ = writeln!(out, ".\n");
        } else {
            let _ = writeln!(out, ": {}\n", inline(&view.description));
        }
    }
    let _ = writeln!(
        out,
        "{} components, {} connections, {} groups.\n",
        scene.components().len(),
        scene.connections().len(),
        scene.groups().len()
    );

    let _ = writeln!(out, "## Diagram\n\n```mermaid\nflowchart LR");
    super::mermaid::body(scene, mode, &mut out);
    let _ = writeln!(out, "```\n");

    components(scene, &mut out);
    apis(scene, &mut out);
    entities(scene, &mut out);
    topics(scene, &mut out);
    findings_section(scene, &mut out);
    notes::section(scene, &mut out);
    out
}

fn components(scene: &Scene, out: &mut String) {
    let _ = writeln!(out, "## Components\n");
    if scene.components().is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| Component | Id | Kind | Technology | Owner | Description |"
    );
    let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- |");
    for c in scene.components() {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            cell(&c.name),
            c.id,
            c.kind().label(),
            cell(&c.spec.technology_label()),
            cell(&c.owner),
            cell(&c.description)
        );
    }
    out.push('\n');
}

fn heading(c: &Component) -> String {
    format!("### {} (`{}`)\n", inline(&c.name), c.id)
}

fn apis(scene: &Scene, out: &mut String) {
    let _ = writeln!(out, "## APIs\n");
    let serving: Vec<&&Component> = scene
        .components()
        .iter()
        .filter(|c| !c.spec.endpoints().is_empty() || c.kind() == Kind::Api)
        .collect();
    if serving.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    for c in serving {
        let _ = writeln!(out, "{}", heading(c));
        if let Spec::Api(api) = &c.spec {
            let mut facts = vec![api.style.label().to_owned()];
            facts.push(if api.public { "public" } else { "internal" }.to_owned());
            facts.push(format!("auth: {}", api.auth.label()));
            if let Some(limit) = api.rate_limit {
                facts.push(format!("{limit} requests per minute per caller"));
            }
            let _ = writeln!(out, "{}.\n", facts.join(" · "));
        }
        let endpoints = c.spec.endpoints();
        if endpoints.is_empty() {
            let _ = writeln!(out, "No endpoints yet.\n");
            continue;
        }
        let _ = writeln!(
            out,
            "| Method | Path | Summary | Request | Response | Auth |"
        );
        let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- |");
        for e in endpoints {
            let response = match &e.response {
                Some(r) if e.response_list => format!("list of `{r}`"),
                Some(r) => format!("`{r}`"),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {response} | {} |",
                e.method.label(),
                code(&e.path),
                cell(&e.summary),
                e.request
                    .as_ref()
                    .map(|r| format!("`{r}`"))
                    .unwrap_or_default(),
                if e.auth { "required" } else { "" }
            );
        }
        out.push('\n');
    }
}

fn entities(scene: &Scene, out: &mut String) {
    let _ = writeln!(out, "## Data entities\n");
    let stores: Vec<&&Component> = scene
        .components()
        .iter()
        .filter(|c| !c.spec.entities().is_empty())
        .collect();
    if stores.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    for c in stores {
        let _ = writeln!(out, "{}", heading(c));
        let _ = writeln!(out, "{}.\n", cell(&c.spec.technology_label()));
        for e in c.spec.entities() {
            let _ = writeln!(out, "#### `{}`\n", e.name);
            if !e.description.trim().is_empty() {
                let _ = writeln!(out, "{}\n", block(&e.description));
            }
            let _ = writeln!(
                out,
                "| Field | Type | Key | Nullable | Unique | References | Description |"
            );
            let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |");
            for f in &e.fields {
                let ty = if f.list {
                    format!("list of {}", f.ty.label())
                } else {
                    f.ty.label()
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    code(&f.name),
                    cell(&ty),
                    if f.primary_key { "primary" } else { "" },
                    if f.nullable { "yes" } else { "" },
                    if f.unique { "yes" } else { "" },
                    f.references
                        .as_ref()
                        .map(|r| format!("`{r}`"))
                        .unwrap_or_default(),
                    cell(&f.description)
                );
            }
            out.push('\n');
        }
    }
}

fn topics(scene: &Scene, out: &mut String) {
    let _ = writeln!(out, "## Async topics\n");
    let brokers: Vec<&&Component> = scene
        .components()
        .iter()
        .filter(|c| !c.spec.topics().is_empty())
        .collect();
    if brokers.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| Topic | Broker | Schema | Partitions | Publishers | Consumers | Description |"
    );
    let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |");
    // The message connections of each broker, looked up once.
    let mut by_broker: std::collections::BTreeMap<
        &crate::model::Id,
        Vec<&crate::model::Connection>,
    > = std::collections::BTreeMap::new();
    for c in scene.connections() {
        if c.kind.topic().is_some() {
            by_broker.entry(&c.to).or_default().push(c);
        }
    }
    for broker in brokers {
        let connections = by_broker.get(&broker.id).map(Vec::as_slice).unwrap_or(&[]);
        for t in broker.spec.topics() {
            // A connection without a topic uses the whole queue, so it counts for each topic.
            let parties = |publish: bool| {
                let mut names: Vec<String> = connections
                    .iter()
                    .filter(|c| match &c.kind {
                        ConnectionKind::Publishes { topic } if publish => {
                            topic.is_empty() || *topic == t.name
                        }
                        ConnectionKind::Consumes { topic } if !publish => {
                            topic.is_empty() || *topic == t.name
                        }
                        _ => false,
                    })
                    .map(|c| format!("`{}`", c.from))
                    .collect();
                names.dedup();
                names.join(", ")
            };
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} | {} | {} |",
                code(&t.name),
                broker.id,
                t.schema
                    .as_ref()
                    .map(|s| format!("`{s}`"))
                    .unwrap_or_default(),
                t.partitions.map(|p| p.to_string()).unwrap_or_default(),
                parties(true),
                parties(false),
                cell(&t.description)
            );
        }
    }
    out.push('\n');
}

fn findings_section(scene: &Scene, out: &mut String) {
    let _ = writeln!(out, "## Current findings\n");
    let found = findings::current_findings(scene.arch);
    if found.is_empty() {
        let _ = writeln!(out, "None: the model checks clean.");
        return;
    }
    let _ = writeln!(out, "| Severity | Rule | Finding | Involves |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for f in found {
        let subjects: Vec<String> = f.subjects.iter().map(|s| format!("`{s}`")).collect();
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} |",
            f.severity,
            f.rule,
            cell_keeping_code(&f.message),
            subjects.join(", ")
        );
    }
}

/// Text for a heading or a sentence: Markdown's markup characters escaped, one line.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '{' | '}' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A paragraph: like [`inline`], but line breaks are kept as Markdown hard breaks.
fn block(s: &str) -> String {
    s.trim()
        .lines()
        .map(inline)
        .collect::<Vec<_>>()
        .join("  \n")
}

/// Text for a table cell: like [`inline`], with line breaks as `<br>`.
pub fn cell(s: &str) -> String {
    s.trim()
        .lines()
        .map(inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// A message whose `` `ids` `` stay code spans (ids never hold a backtick); the rest is
/// escaped like [`cell`].
fn cell_keeping_code(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(
            |(i, part)| {
                if i % 2 == 1 { code(part) } else { inline(part) }
            },
        )
        .collect()
}

/// `s` as an inline code span that survives a table: the fence is longer than any run of
/// backticks inside, and `|` is escaped (GitHub splits cells on it even in code).
pub fn code(s: &str) -> String {
    let s = super::text::one_line(s);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", s.replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            inline("a *b* [c](d) <e> | f_g"),
            "a \\*b\\* \\[c\\](d) &lt;e&gt; \\| f\\_g"
        );
        assert_eq!(cell("one\ntwo | three"), "one<br>two \\| three");
        assert_eq!(code("/orders/{id}"), "`/orders/{id}`");
        assert_eq!(code("a`b|c"), "``a`b\\|c``");
        assert_eq!(
            cell_keeping_code("group `g` lists `x`"),
            "group `g` lists `x`"
        );
    }
}
