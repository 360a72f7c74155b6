//! The difference as a review in the terminal.
//!
//! One block per item, grouped by kind (components, connections, …) and separated by a blank
//! line between kinds; each block is a header naming the item, then one line per change,
//! with the `+` / `-` / `~` markers of a review tool and values quoted as in the file:
//!
//! ```text
//! ~ component gateway "API gateway" (api)
//!     ~ kind.rate_limit: 600 → 1200
//!     + kind.endpoints[POST /refunds]: (method: Post, path: "/refunds", auth: true)
//! + component refunds "Refunds service" (service)
//! ```
//!
//! A summary line closes the review.

use std::fmt::Write as _;

use super::value::show;
use super::{Change, Counts, Diff, Entry, Op, Status, Subject};

/// The review text of `diff`, ending with a newline.
pub fn render(diff: &Diff) -> String {
    let mut out = String::new();
    if diff.is_empty() {
        out.push_str("No differences.\n");
        hidden_moves(&mut out, diff);
        return out;
    }
    let mut previous: Option<&Subject> = None;
    for entry in &diff.entries {
        if previous.is_some_and(|p| !p.same_kind(&entry.subject)) {
            out.push('\n');
        }
        header(&mut out, entry);
        for change in &entry.changes {
            line(&mut out, change);
        }
        previous = Some(&entry.subject);
    }
    out.push('\n');
    summary(&mut out, diff);
    hidden_moves(&mut out, diff);
    out
}

fn header(out: &mut String, entry: &Entry) {
    out.push(entry.status.marker());
    out.push(' ');
    out.push_str(entry.subject.noun());
    if let Some(id) = entry.subject.id() {
        out.push(' ');
        out.push_str(id.as_str());
    }
    if !entry.name.is_empty() {
        out.push(' ');
        out.push_str(&show(entry.name.as_str()));
    }
    let moved = entry.status == Status::Moved;
    match (entry.detail.is_empty(), moved) {
        (true, false) => {}
        (true, true) => out.push_str(" (moved)"),
        (false, false) => {
            let _ = write!(out, " ({})", entry.detail);
        }
        (false, true) => {
            let _ = write!(out, " ({}, moved)", entry.detail);
        }
    }
    out.push('\n');
}

fn line(out: &mut String, change: &Change) {
    let before = change.before.as_deref().unwrap_or("");
    let after = change.after.as_deref().unwrap_or("");
    let _ = match change.op {
        Op::Changed => writeln!(out, "    ~ {}: {before} → {after}", change.path),
        Op::Added => writeln!(out, "    + {}: {after}", change.path),
        Op::Removed => writeln!(out, "    - {}: {before}", change.path),
    };
}

fn summary(out: &mut String, diff: &Diff) {
    let total = diff.entries.len();
    let _ = write!(
        out,
        "{total} {} differ: ",
        if total == 1 { "item" } else { "items" }
    );
    let parts: Vec<String> = diff
        .counts_by_kind()
        .into_iter()
        .map(|(subject, counts)| match subject {
            Subject::Model => "model settings changed".to_owned(),
            other => format!("{} {}", other.plural(), counts_text(&counts)),
        })
        .collect();
    out.push_str(&parts.join("; "));
    out.push_str(".\n");
}

fn counts_text(counts: &Counts) -> String {
    [
        (counts.added, "added"),
        (counts.removed, "removed"),
        (counts.changed, "changed"),
        (counts.moved, "moved"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| format!("{n} {word}"))
    .collect::<Vec<_>>()
    .join(", ")
}

fn hidden_moves(out: &mut String, diff: &Diff) {
    match diff.hidden_moves {
        0 => {}
        1 => out.push_str("1 component moved on the canvas (use --layout to list the move).\n"),
        n => {
            let _ = writeln!(
                out,
                "{n} components moved on the canvas (use --layout to list the moves)."
            );
        }
    }
}
