//! The review pack's tables: the components, and the review notes still open.

use std::fmt::Write;

use super::escape;
use crate::model::{Architecture, NoteTarget};
use crate::render::text::detail;

/// The components section: one row per component, by id.
pub fn components(arch: &Architecture, out: &mut String) {
    out.push_str("<section id=\"components\">\n<h2>Components</h2>\n");
    if arch.components.iter().next().is_none() {
        out.push_str("<p>The model has no components yet.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Name</th>\
         <th scope=\"col\">Kind</th><th scope=\"col\">Technology</th>\
         <th scope=\"col\">Owner</th><th scope=\"col\">Description</th></tr></thead>\n<tbody>\n",
    );
    for c in arch.components.iter() {
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td></tr>",
            c.id,
            escape(&c.name),
            c.kind().label(),
            escape(&detail(c)),
            escape(&c.owner),
            escape(c.description.trim()),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// The notes section: open notes with what they are pinned to; resolved ones counted.
pub fn notes(arch: &Architecture, out: &mut String) {
    out.push_str("<section id=\"notes\">\n<h2>Open review notes</h2>\n");
    let open: Vec<_> = arch.notes.iter().filter(|n| !n.resolved).collect();
    let resolved = arch.notes.iter().filter(|n| n.resolved).count();
    if open.is_empty() {
        out.push_str("<p>No open notes.</p>\n");
    } else {
        out.push_str("<ul class=\"notes\">\n");
        for note in open {
            let target = match &note.target {
                NoteTarget::Component(id) => match arch.components.get(id.as_str()) {
                    Some(c) => format!("{} <code>{id}</code>", escape(&c.name)),
                    None => format!("missing component <code>{id}</code>"),
                },
                NoteTarget::Connection(id) => match arch.connections.get(id.as_str()) {
                    Some(c) => format!("connection <code>{id}</code> ({} → {})", c.from, c.to),
                    None => format!("missing connection <code>{id}</code>"),
                },
            };
            let author = if note.author.trim().is_empty() {
                "Someone".to_owned()
            } else {
                escape(note.author.trim())
            };
            let _ = writeln!(
                out,
                "<li><p class=\"about\">{author} on {target}:</p><p>{}</p></li>",
                escape(note.text.trim())
            );
        }
        out.push_str("</ul>\n");
    }
    if resolved > 0 {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{resolved} resolved {} not shown.</p>",
            if resolved == 1 { "note" } else { "notes" }
        );
    }
    out.push_str("</section>\n");
}
