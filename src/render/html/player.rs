//! One flow's section of the review pack: the picture of what the flow touches, the
//! controls, the narration line and the step list the script plays.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::escape;
use crate::model::{Architecture, ConnectionType, Flow, View, ViewFilter};
use crate::render::scene::Scene;
use crate::render::svg;
use crate::theme::Mode;

/// Writes the section of `flow`; its picture's ids start with `prefix`.
pub fn section(arch: &Architecture, flow: &Flow, mode: Mode, prefix: &str, out: &mut String) {
    let count = flow.steps.len();
    let _ = writeln!(
        out,
        "<section id=\"flow-{}\" class=\"flow\" data-prefix=\"{}\">",
        flow.id,
        escape(prefix)
    );
    let _ = writeln!(out, "<h2>Flow: {}</h2>", escape(&flow.name));
    if !flow.description.trim().is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(flow.description.trim()));
    }
    let _ = writeln!(
        out,
        "<div class=\"controls\">\n<button type=\"button\" class=\"prev\">← Previous</button>\n\
         <span class=\"position\" aria-live=\"polite\">{count} steps</span>\n\
         <button type=\"button\" class=\"next\">Next →</button>\n</div>"
    );
    out.push_str("<p class=\"narration\" aria-live=\"polite\"></p>\n");

    // The picture shows what the flow touches: every component at either end of a step.
    let touched: BTreeSet<_> = flow
        .steps
        .iter()
        .filter_map(|s| arch.connections.get(s.connection.as_str()))
        .flat_map(|c| [c.from.clone(), c.to.clone()])
        .filter(|id| arch.components.contains(id.as_str()))
        .collect();
    let view = View {
        id: flow.id.clone(),
        name: flow.name.clone(),
        description: String::new(),
        filter: ViewFilter {
            include: touched,
            ..ViewFilter::default()
        },
        viewport: None,
    };
    let scene = Scene::of_view(arch, (!view.filter.include.is_empty()).then_some(&view));
    out.push_str("<figure class=\"picture\">\n");
    out.push_str(&svg::render_with_ids(&scene, mode, prefix));
    out.push_str("</figure>\n");

    out.push_str("<ol class=\"steps\">\n");
    for step in &flow.steps {
        let connection = arch.connections.get(step.connection.as_str());
        let (from, to, backward) = match connection {
            Some(c) => {
                // The message travels against the drawn arrow for a consume (the arrow
                // points from the consumer to the queue), and for a reply.
                let against = (c.ty() == ConnectionType::Consumes) != step.reply;
                (c.from.as_str(), c.to.as_str(), against)
            }
            None => ("", "", false),
        };
        let mut tags = String::new();
        if step.parallel {
            tags.push_str(" <span class=\"tag\">at the same time</span>");
        }
        if let Some(branch) = &step.branch {
            let _ = write!(
                tags,
                " <span class=\"tag\">if {}</span>",
                escape(branch.trim())
            );
        }
        if step.reply {
            tags.push_str(" <span class=\"tag\">reply</span>");
        }
        let who = match connection {
            Some(c) => {
                let name = |id: &str| {
                    arch.components
                        .get(id)
                        .map_or_else(|| id.to_owned(), |c| c.name.clone())
                };
                let (a, b) = if backward {
                    (name(c.to.as_str()), name(c.from.as_str()))
                } else {
                    (name(c.from.as_str()), name(c.to.as_str()))
                };
                format!("{} → {}", escape(&a), escape(&b))
            }
            None => format!("missing connection {}", step.connection),
        };
        let narration = if step.narration.trim().is_empty() {
            connection
                .map(|c| crate::render::text::edge_label(c).to_owned())
                .unwrap_or_default()
        } else {
            step.narration.trim().to_owned()
        };
        let _ = writeln!(
            out,
            "<li data-connection=\"{}\" data-from=\"{from}\" data-to=\"{to}\"{}>\
             <span class=\"text\">{}</span> <span class=\"who\">{who}</span>{tags}</li>",
            step.connection,
            if backward {
                " data-backward=\"true\""
            } else {
                ""
            },
            escape(&narration),
        );
    }
    out.push_str("</ol>\n</section>\n");
}
