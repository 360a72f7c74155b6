//! A flow as a Mermaid `sequenceDiagram`.
//!
//! Clients are `actor`s, everyone else a `participant` with the display name as its alias;
//! calls are solid arrows (`->>`), messages through a queue dashed with an open head
//! (`--)`), replies dashed (`-->>`); `par … and … end`, `alt … else … end` and `opt … end`
//! group the steps as [`super::Sequence`] says. `autonumber` numbers the steps. Every text
//! goes through [`crate::render::mermaid::text`] (Mermaid's `#NN;` entity codes for what
//! would end a statement), and ids dodge the sequence diagram's keywords.

use std::fmt::Write;

use super::{Arrow, Dialect, Message, Sequence, write_blocks};
use crate::model::Kind;
use crate::render::mermaid::{text, yaml_string};
use crate::render::text::{ident, one_line};
use crate::theme::Mode;

/// Words a sequence diagram reads as syntax where a participant is expected.
const RESERVED: &[&str] = &[
    "participant",
    "actor",
    "as",
    "end",
    "loop",
    "alt",
    "else",
    "opt",
    "par",
    "and",
    "rect",
    "critical",
    "break",
    "option",
    "box",
    "note",
    "over",
    "left",
    "right",
    "of",
    "title",
    "autonumber",
    "activate",
    "deactivate",
    "links",
    "link",
    "properties",
    "details",
    "create",
    "destroy",
    "off",
    "accdescr",
    "acctitle",
];

/// The Mermaid sequence diagram of `seq`.
pub fn render(seq: &Sequence, mode: Mode) -> String {
    let mut out = String::with_capacity(256 + 160 * seq.flow.steps.len());
    let _ = writeln!(out, "---");
    let _ = writeln!(
        out,
        "title: {}",
        yaml_string(&format!("{} — {}", seq.arch.name, seq.flow.name))
    );
    if mode == Mode::Dark {
        let _ = writeln!(out, "config:\n  theme: dark");
    }
    let _ = writeln!(out, "---");
    body(seq, &mut out);
    out
}

/// The diagram from `sequenceDiagram` on, without the front matter (for documents that
/// embed it).
pub fn body(seq: &Sequence, out: &mut String) {
    let _ = writeln!(out, "sequenceDiagram");
    let _ = writeln!(out, "    autonumber");
    for p in &seq.participants {
        let keyword = if p.kind == Some(Kind::Client) {
            "actor"
        } else {
            "participant"
        };
        let _ = writeln!(
            out,
            "    {keyword} {} as {}",
            ident(p.id.as_str(), RESERVED),
            text(&one_line(p.name.trim()))
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
            "    Note over {},{}: {}",
            ident(first.id.as_str(), RESERVED),
            ident(last.id.as_str(), RESERVED),
            text(&description)
        );
    }
    write_blocks::<Syntax>(seq, &seq.blocks, 1, out);
}

/// Mermaid's way of writing blocks and messages.
struct Syntax;

impl Dialect for Syntax {
    const INDENT: &'static str = "    ";
    const NEXT_LANE: &'static str = "and";

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
        Arrow::Call => "->>",
        Arrow::Async => "--)",
        Arrow::Reply => "-->>",
    };
    let _ = writeln!(
        out,
        "{}{}{arrow}{}: {}",
        "    ".repeat(depth),
        ident(from.id.as_str(), RESERVED),
        ident(to.id.as_str(), RESERVED),
        text(&m.text)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_renamed() {
        assert_eq!(ident("end", RESERVED), "end_");
        assert_eq!(ident("par", RESERVED), "par_");
        assert_eq!(ident("orders-db", RESERVED), "orders_db");
        assert_eq!(yaml_string("a \"b\"\n"), "\"a \\\"b\\\"\\n\"");
    }
}
