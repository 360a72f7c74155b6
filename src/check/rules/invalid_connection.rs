//! `invalid-connection` (error): a connection type that is not allowed between those kinds.
//!
//! Why it matters: the type of a connection is what the exports and the other rules act on.
//! A queue that "calls" a service, a database that "publishes", a client that "consumes" —
//! none of these can be generated as code, and each usually means the arrow is drawn the wrong
//! way round or with the wrong type.
//!
//! How to fix: pick a type the table allows for those kinds, or reverse the connection
//! (`from` is always the party that acts: the caller, publisher, consumer, reader, writer or
//! dependent). A component never connects to itself.
//!
//! The allowed types are the one table in `model::matrix`, which the editor uses too when it
//! offers connection types; its documentation has the table in words.

use crate::check::{Context, Rule, Sink};
use crate::model::{Severity, matrix};

pub(crate) const RULE: Rule = Rule {
    id: "invalid-connection",
    default_severity: Severity::Error,
    summary: "a connection type that is not allowed between those kinds",
    help: "choose a connection type the table allows for these kinds, or reverse the \
           connection (`from` is the party that acts)",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let index = cx.index();
    for ((c, ends), ty) in index.connections.iter().zip(&index.ends).zip(&index.types) {
        let (Some(from), Some(to)) = (ends.from, ends.to) else {
            continue; // dangling-reference
        };
        if from == to {
            sink.report(
                vec![c.id.clone(), c.from.clone()],
                format!(
                    "connection `{}` goes from `{}` to itself; a component never connects \
                     to itself",
                    c.id, c.from
                ),
            );
            continue;
        }
        let (Some(ka), Some(kb)) = (index.kind(from), index.kind(to)) else {
            continue;
        };
        let Some(why) = matrix::refusal(ka, kb, *ty) else {
            continue;
        };
        if let (Some(a), Some(b)) = (index.component(from), index.component(to)) {
            sink.report(
                vec![c.id.clone(), a.id.clone(), b.id.clone()],
                format!("connection `{}` from `{}` to `{}`: {why}", c.id, a.id, b.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, flagged, model};
    use crate::model::{ConnectionKind, Kind};

    #[test]
    fn types_the_matrix_refuses_and_self_loops_are_flagged() {
        let arch = model()
            .services(&["svc"])
            .add("db", Kind::Database)
            .add("events", Kind::Queue)
            .connect_as(
                "db-calls",
                "svc",
                "db",
                ConnectionKind::Calls(Default::default()),
            )
            .connect_as(
                "queue-calls",
                "events",
                "svc",
                ConnectionKind::Calls(Default::default()),
            )
            .connect_as("self", "svc", "svc", ConnectionKind::DependsOn)
            .build();
        assert_eq!(
            flagged(&arch, "invalid-connection"),
            ["db-calls", "queue-calls", "self"]
        );
        let found = findings(&arch, "invalid-connection");
        assert_eq!(
            found[1].message,
            "connection `queue-calls` from `events` to `svc`: a queue cannot be connected to \
             a service with `calls`; allowed: depends on"
        );
    }

    #[test]
    fn allowed_types_pass() {
        let arch = model()
            .services(&["svc", "other"])
            .add("db", Kind::Database)
            .add("events", Kind::Queue)
            .add("worker", Kind::Worker)
            .calls("svc", "other")
            .connect("svc", "db", ConnectionKind::Writes)
            .connect(
                "svc",
                "events",
                ConnectionKind::Publishes {
                    topic: String::new(),
                },
            )
            .connect(
                "worker",
                "events",
                ConnectionKind::Consumes {
                    topic: String::new(),
                },
            )
            .connect("db", "svc", ConnectionKind::DependsOn)
            .build();
        assert!(findings(&arch, "invalid-connection").is_empty());
    }
}
