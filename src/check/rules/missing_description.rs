//! `missing-description` (info): a component or API without a description.
//!
//! Why it matters: the model is documentation as much as design. The description is what the
//! canvas shows on hover, what the Markdown and Structurizr exports print, what the generated
//! code's module comment says, and what a reviewer reads to know why a box exists. An
//! endpoint's summary plays the same part in the generated OpenAPI document.
//!
//! How to fix: write one or two sentences on what the component does and why it exists, and
//! a one-line summary on each endpoint.
//!
//! One finding per component: a missing description, endpoints (of APIs and services) without
//! a summary, or both.

use crate::check::warm::{first_byte, in_batches};
use crate::check::{Context, Rule, Sink};
use crate::model::{Component, Severity};

use super::{kind_word, sentence};

pub(crate) const RULE: Rule = Rule {
    id: "missing-description",
    default_severity: Severity::Info,
    summary: "a component or API without a description",
    help: "write a sentence or two on what it does and why it exists, and a one-line summary \
           on each endpoint",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    // The model's own order is the index's: this rule needs no index, so it can run while
    // another thread builds it.
    // Each component sits somewhere else in memory: their descriptions are read ahead a
    // batch at a time.
    let touch = |c: &Component| first_byte(&c.description) ^ c.kind() as u8;
    in_batches(cx.arch.components.iter(), touch, |c| {
        let bare: Vec<String> = c
            .spec
            .endpoints()
            .iter()
            .filter(|e| e.summary.trim().is_empty())
            .map(|e| format!("{} {}", e.method.label(), e.path))
            .collect();
        let no_description = c.description.trim().is_empty();
        if !no_description && bare.is_empty() {
            return;
        }
        let endpoints = match bare.len() {
            0 => String::new(),
            1 => format!("endpoint {} has no summary", sentence(bare)),
            _ => format!("endpoints {} have no summary", sentence(bare)),
        };
        let message = match (no_description, endpoints.is_empty()) {
            (true, true) => format!("{} `{}` has no description", kind_word(c), c.id),
            (true, false) => format!(
                "{} `{}` has no description, and its {endpoints}",
                kind_word(c),
                c.id
            ),
            (false, _) => format!("in {} `{}`, {endpoints}", kind_word(c), c.id),
        };
        sink.report(vec![c.id.clone()], message);
    });
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::model::{Endpoint, Kind, Method, Spec};

    fn endpoint(path: &str, summary: &str) -> Endpoint {
        Endpoint {
            method: Method::Get,
            path: path.into(),
            summary: summary.into(),
            ..Endpoint::default()
        }
    }

    #[test]
    fn blank_descriptions_and_summaries_are_flagged() {
        let arch = model()
            .services(&["quiet"])
            .with("quiet", |c| c.description = "  ".into())
            .add("api", Kind::Api)
            .with("api", |c| {
                if let Spec::Api(a) = &mut c.spec {
                    a.endpoints = vec![endpoint("/a", "Gets a"), endpoint("/b", "")];
                }
            })
            .build();
        let messages: Vec<String> = findings(&arch, "missing-description")
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            messages,
            [
                "in API `api`, endpoint GET /b has no summary",
                "service `quiet` has no description",
            ]
        );
    }

    #[test]
    fn described_components_pass() {
        let arch = model()
            .services(&["svc"])
            .with("svc", |c| {
                if let Spec::Service(s) = &mut c.spec {
                    s.endpoints = vec![endpoint("/a", "Gets a")];
                }
            })
            .build();
        assert!(findings(&arch, "missing-description").is_empty());
    }
}
