//! Every rule, one file each, and the table that lists them in the order the documentation
//! does. Each file's doc comment says why the rule matters and how to fix what it finds.

mod dangling_reference;
mod database_exposed;
mod deep_sync_chain;
mod duplicate_name;
mod endpoint_conflict;
mod fan_out;
mod invalid_connection;
mod missing_description;
mod missing_timeout;
mod orphan;
mod port_conflict;
mod public_without_auth;
mod queue_no_consumer;
mod queue_no_producer;
mod queue_traffic;
mod schema_reference;
mod secret_in_model;
mod shared_database;
mod single_point_of_failure;
mod sync_cycle;
mod unreachable;

use std::fmt::Write as _;

use super::Rule;

/// Every rule, in the order `archcanvas rules` lists them.
pub static RULES: [Rule; 20] = [
    sync_cycle::RULE,
    orphan::RULE,
    unreachable::RULE,
    queue_no_producer::RULE,
    queue_no_consumer::RULE,
    shared_database::RULE,
    public_without_auth::RULE,
    database_exposed::RULE,
    invalid_connection::RULE,
    duplicate_name::RULE,
    deep_sync_chain::RULE,
    single_point_of_failure::RULE,
    missing_timeout::RULE,
    port_conflict::RULE,
    fan_out::RULE,
    secret_in_model::RULE,
    missing_description::RULE,
    endpoint_conflict::RULE,
    schema_reference::RULE,
    dangling_reference::RULE,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// How many names a message spells out before it says "and N more".
const LISTED: usize = 6;

/// "`a`, `b` and `c`"; long lists end in "… and 12 more" (the finding's subjects keep them
/// all).
pub(crate) fn list<'x>(items: impl IntoIterator<Item = &'x str>) -> String {
    // Quote only what is shown: a cycle in a large model can have thousands of members.
    // Written straight into one string: rules build thousands of these on a large model.
    let mut shown: Vec<&str> = Vec::with_capacity(LISTED);
    let mut more = 0usize;
    for item in items {
        if shown.len() < LISTED {
            shown.push(item);
        } else {
            more += 1;
        }
    }
    let mut out = String::with_capacity(shown.iter().map(|s| s.len() + 4).sum::<usize>() + 16);
    let last = shown.len().saturating_sub(1);
    for (i, item) in shown.iter().enumerate() {
        if i > 0 {
            out.push_str(if i == last && more == 0 {
                " and "
            } else {
                ", "
            });
        }
        out.push('`');
        out.push_str(item);
        out.push('`');
    }
    if more > 0 {
        let _ = write!(out, " and {more} more");
    }
    out
}

/// Like [`list`], with each id preceded by its component's kind: "client `web` and external
/// system `partner`".
pub(crate) fn list_with_kinds(cx: &crate::check::Context<'_>, ids: &[&crate::model::Id]) -> String {
    sentence(
        ids.iter()
            .map(|id| match cx.arch.components.get(id.as_str()) {
                Some(c) => format!("{} `{id}`", kind_word(c)),
                None => format!("`{id}`"),
            })
            .collect(),
    )
}

/// Joins phrases as English does, "a, b and c", or "a, b, c, d, e, f and 4 more" when the
/// list is long.
pub(crate) fn sentence(mut words: Vec<String>) -> String {
    let more = words.len().saturating_sub(LISTED);
    words.truncate(LISTED);
    match (words.split_last(), more) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, init)), 0) => format!("{} and {last}", init.join(", ")),
        (Some(_), more) => format!("{} and {more} more", words.join(", ")),
    }
}

/// The component's kind for a message: "service", "external system", "API".
///
/// A fixed string per kind (the label in lower case, "API" kept), so the many messages that
/// name a kind allocate nothing for it.
pub(crate) fn kind_word(c: &crate::model::Component) -> &'static str {
    use crate::model::Kind;
    match c.kind() {
        Kind::Service => "service",
        Kind::Api => "API",
        Kind::Database => "database",
        Kind::Queue => "queue",
        Kind::Cache => "cache",
        Kind::Worker => "worker",
        Kind::Client => "client",
        Kind::External => "external system",
        Kind::Storage => "storage",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::model::Severity;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let ids: BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), RULES.len());
        for r in &RULES {
            assert!(crate::model::Id::new(r.id).is_ok(), "{}", r.id);
            assert!(!r.summary.is_empty() && !r.help.is_empty(), "{}", r.id);
            assert_eq!(rule(r.id).map(|x| x.id), Some(r.id));
        }
    }

    #[test]
    fn default_severities_are_the_documented_ones() {
        let expect = [
            ("sync-cycle", Severity::Error),
            ("orphan", Severity::Warning),
            ("unreachable", Severity::Warning),
            ("queue-no-producer", Severity::Warning),
            ("queue-no-consumer", Severity::Warning),
            ("shared-database", Severity::Warning),
            ("public-without-auth", Severity::Error),
            ("database-exposed", Severity::Error),
            ("invalid-connection", Severity::Error),
            ("duplicate-name", Severity::Error),
            ("deep-sync-chain", Severity::Warning),
            ("single-point-of-failure", Severity::Warning),
            ("missing-timeout", Severity::Warning),
            ("port-conflict", Severity::Error),
            ("fan-out", Severity::Info),
            ("secret-in-model", Severity::Error),
            ("missing-description", Severity::Info),
            ("endpoint-conflict", Severity::Error),
            ("schema-reference", Severity::Error),
            ("dangling-reference", Severity::Error),
        ];
        let got: Vec<(&str, Severity)> = RULES.iter().map(|r| (r.id, r.default_severity)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn kind_words_are_the_labels_in_lower_case() {
        use crate::model::{Component, Kind};
        for kind in Kind::ALL {
            let c = Component::new(crate::id!("x"), "X", kind);
            let expect = match kind {
                Kind::Api => "API".to_owned(),
                other => other.label().to_lowercase(),
            };
            assert_eq!(kind_word(&c), expect);
        }
    }

    #[test]
    fn lists_read_like_english() {
        assert_eq!(list([]), "");
        assert_eq!(list(["a"]), "`a`");
        assert_eq!(list(["a", "b", "c"]), "`a`, `b` and `c`");
        let many: Vec<String> = (0..10).map(|i| format!("x{i}")).collect();
        assert_eq!(
            list(many.iter().map(String::as_str)),
            "`x0`, `x1`, `x2`, `x3`, `x4`, `x5` and 4 more"
        );
    }
}
