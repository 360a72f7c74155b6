//! The difference as JSON, for CI bots and other programs.
//!
//! The shape is documented in the README ("Reviews") and versioned by its `version` field:
//! fields may be added within a version, never renamed or removed. Every entry has the same
//! keys (`id` and `anchor` are `null` where they do not apply; `before` and `after` are `null`
//! for an addition and a removal).

use serde::Serialize;

use super::{Counts, Diff, Entry};

/// The version of the JSON shape this build writes.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    equal: bool,
    layout: bool,
    counts: Counts,
    hidden_moves: usize,
    entries: &'a [Entry],
}

/// The JSON text of `diff` (pretty-printed, ending with a newline).
pub fn render(diff: &Diff) -> Result<String, serde_json::Error> {
    let document = Document {
        version: VERSION,
        equal: diff.is_empty(),
        layout: diff.layout,
        counts: diff.counts(),
        hidden_moves: diff.hidden_moves,
        entries: &diff.entries,
    };
    let mut text = serde_json::to_string_pretty(&document)?;
    text.push('\n');
    Ok(text)
}
