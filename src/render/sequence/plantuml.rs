//! A flow as a PlantUML sequence diagram.
//!
//! Each participant takes the element PlantUML draws for its kind (`actor` for clients,
//! `database` for databases and object stores, `queue` for queues, `collections` for caches,
//! `entity` for external systems, `participant` otherwise) with its display name quoted;
//! calls are solid arrows (`->`), messages through a queue dashed with an open head
//! (`-->>`), replies dashed (`-->`); `par`/`alt`/`opt` groups with `else` between lanes and
//! arms. `autonumber` numbers the steps. Texts go through
//! [`crate::render::plantuml::text`]; aliases dodge PlantUML's keywords.

use std::fmt::Write;

use super::{Arrow, Dialect, Message, Sequence, write_blocks};
use crate::model::Kind;
use crate::render::plantuml;
use crate::render::text::{ident, one_line};
use crate::theme::Mode;

/// Words PlantUML reads as syntax at the start of a line or after `as`.
const RESERVED: &[&str] = &[
    "participant",
    "actor",
    "boundary",
    "control",
    "entity",
    "database",
    "collections",
    "queue",
    "as",
    "end",
    "loop",
    "alt",
    "else",
    "opt",
    "par",
    "break",
    "critical",
    "group",
    "note",
    "hnote",
    "rnote",
    "ref",
    "over",
    "left",
    "right",
    "of",
    "title",
    "autonumber",
    "activate",
    "deactivate",
    "destroy",
    "create",
    "return",
    "box",
    "hide",
    "show",
    "skinparam",
    "newpage",
    "legend",
    "header",
    "footer",
    "caption",
    "default",
    "class",
    "abstract",
    "interface",
    "enum",
    "annotation",
    "component",
    "usecase",
    "node",
    "folder",
    "frame",
    "cloud",
    "package",
    "rectangle",
    "storage",
    "card",
    "file",
    "artifact",
    "agent",
    "stack",
    "person",
    "label",
    "together",
    "namespace",
    "page",
    "mainframe",
    "scale",
    "direction",
];

/// The PlantUML sequence diagram of `seq`.
pub fn render(seq: &Sequence, mode: Mode) -> String {
    let palette = mode.palette();
    let mut out = String::with_capacity(512 + 160 * seq.flow.steps.len());
    let _ = writeln!(out, "@startuml");
    let _ = writeln!(
        out,
        "title {}",
        text(&one_line(&format!("{} — {}", seq.arch.name, seq.flow.name)))
    );
    plantuml::skin(&mut out, palette);
    let _ = writeln!(
        out,
        "skinparam SequenceLifeLineBorderColor {}",
        palette.edge.css_hex()
    );
    let _ = writeln!(
        out,
        "skinparam ParticipantBackgroundColor {}",
        palette.box_fill.css_hex()
    );
    let _ = writeln!(out, "autonumber");
    for p in &seq.participants {
        let element = match p.kind {
            Some(Kind::Client) => "actor",
            Some(Kind::Database | Kind::Storage) => "database",
            Some(Kind::Queue) => "queue",
            Some(Kind::Cache) => "collections",
            Some(Kind::External) => "entity",
            _ => "participant",
        };
        let _ = writeln!(
            out,
            "{element} \"{}\" as {}",
            text(&one_line(p.name.trim())),
            alias(p.id.as_str())
        );
    }
    let description = one_line(seq.flow.description.trim());
    if let (false, Some(first), Some(last)) = (
        description.is_empty(),
        seq.participants.first(),
        seq.participants.last(),
    ) {
        let _ = writeln!(
            out,
            "note over {}, {} : {}",
            alias(first.id.as_str()),
            alias(last.id.as_str()),
            text(&description)
        );
    }
    write_blocks::<Syntax>(seq, &seq.blocks, 0, &mut out);
    let _ = writeln!(out, "@enduml");
    out
}

/// [`plantuml::text`], with non-ASCII punctuation (quotes, guillemets, dashes, emoji) as
/// character references too: after `autonumber`, PlantUML 1.2020 reads `“`, `”`, `«`, `»`
/// as markup and refuses the line.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in plantuml::text(s).chars() {
        if c.is_ascii() || c.is_alphanumeric() || c.is_whitespace() {
            out.push(c);
        } else {
            let _ = write!(out, "&#{};", u32::from(c));
        }
    }
    out
}

fn alias(id: &str) -> String {
    ident(id, RESERVED)
}

/// PlantUML's way of writing blocks and messages.
struct Syntax;

impl Dialect for Syntax {
    const INDENT: &'static str = "  ";
    const NEXT_LANE: &'static str = "else";

    fn label(s: &str) -> String {
        text(s)
    }

    fn message(seq: &Sequence, m: &Message, depth: usize, out: &mut String) {
        message(seq, m, depth, out);
    }
}

fn message(seq: &Sequence, m: &Message, depth: usize, out: &mut String) {
    let (Some(from), Some(to)) = (seq.participant(m.from), seq.participant(m.to)) else {
        return;
    };
    let arrow = match m.arrow {
        Arrow::Call => "->",
        Arrow::Async => "-->>",
        Arrow::Reply => "-->",
    };
    let _ = writeln!(
        out,
        "{}{} {arrow} {} : {}",
        "  ".repeat(depth),
        alias(from.id.as_str()),
        alias(to.id.as_str()),
        text(&m.text)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_punctuation_is_referenced() {
        assert_eq!(
            text("“a” «b» 日本 — é"),
            "&#8220;a&#8221; &#171;b&#187; 日本 &#8212; é"
        );
    }

    #[test]
    fn aliases_dodge_keywords() {
        assert_eq!(alias("queue"), "queue_");
        assert_eq!(alias("end"), "end_");
        assert_eq!(alias("orders-api"), "orders_api");
    }
}
