//! The document's review notes: what reviewers said about the components and connections
//! the document shows, open ones first.

use std::fmt::Write;

use super::cell;
use crate::model::NoteTarget;
use crate::render::scene::Scene;

/// Writes the "Review notes" section of `scene`'s document.
pub fn section(scene: &Scene, out: &mut String) {
    let _ = writeln!(out, "\n## Review notes\n");
    let arch = scene.arch;
    let shown = |target: &NoteTarget| match target {
        NoteTarget::Component(id) => scene.components().iter().any(|c| &c.id == id),
        NoteTarget::Connection(id) => scene.connections().iter().any(|c| &c.id == id),
    };
    let mut notes: Vec<_> = arch
        .notes
        .iter()
        .filter(|n| scene.view.is_none() || shown(&n.target))
        .collect();
    if notes.is_empty() {
        let _ = writeln!(out, "None.");
        return;
    }
    // Open notes first; each part keeps the notes' id order.
    notes.sort_by_key(|n| n.resolved);
    let _ = writeln!(out, "| Status | On | Author | Note |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for n in notes {
        let on = match &n.target {
            NoteTarget::Component(id) => match arch.components.get(id.as_str()) {
                Some(c) => format!("{} (`{id}`)", cell(&c.name)),
                None => format!("`{id}`"),
            },
            NoteTarget::Connection(id) => format!("connection `{id}`"),
        };
        let _ = writeln!(
            out,
            "| {} | {on} | {} | {} |",
            if n.resolved { "resolved" } else { "open" },
            cell(&n.author),
            cell(&n.text)
        );
    }
}
