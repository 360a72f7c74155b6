//! `unreachable` (warning): a component that no entry point reaches through any chain of
//! connections.
//!
//! Why it matters: every piece of a backend exists to serve something that starts outside
//! it or on a clock. A component no request, message or job can ever get to is dead weight
//! (to be deleted) or, more often, a sign that a connection is missing or drawn the wrong way
//! round — and then the checks that reason about paths (depth, exposure, failure) are
//! reasoning about the wrong system.
//!
//! How to fix: draw the missing connection from whatever really uses it, check the direction
//! of the arrows (`from` is the party that acts), mark the API that faces the internet
//! `public`, or give a worker that runs on a clock a `Schedule` trigger.
//!
//! Entry points are clients, public APIs (`public: true`) and scheduled workers
//! (`Trigger::Schedule`). Reachability follows the direction work travels: a caller reaches
//! what it calls, a publisher the queue it publishes to, a reader or writer the store it
//! uses, a dependent what it depends on — and a consumer is reached from its queue (the
//! `Consumes` arrow points from consumer to queue, but the messages flow queue → consumer).
//! So a queue-fed worker is reachable exactly when something reachable publishes to its
//! queue, and a database when something reachable reads or writes it.
//!
//! Components with no connections at all are left to `orphan`. A model with connections but
//! no entry point at all gets one finding saying so, instead of one per component.

use crate::check::warm::{in_batches, touch_id};
use crate::check::{Context, Rule, Sink};
use crate::model::{Component, Kind, Severity, Spec, Trigger};

use super::kind_word;

pub(crate) const RULE: Rule = Rule {
    id: "unreachable",
    default_severity: Severity::Warning,
    summary: "a component that no entry point (client, public API, scheduled worker) reaches",
    help: "draw the connection from whatever uses it (arrows point from the party that acts), \
           mark an internet-facing API public, or give a worker on a clock a schedule trigger",
    run,
};

/// Whether work can start at `c`.
pub(crate) fn is_entry_point(c: &Component) -> bool {
    match &c.spec {
        Spec::Client(_) => true,
        Spec::Api(api) => api.public,
        Spec::Worker(w) => matches!(w.trigger, Trigger::Schedule(_)),
        _ => false,
    }
}

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let index = cx.index();
    // Only clients, APIs and workers can be entry points: their kinds are tested first, so
    // the other components are never read.
    let entries: Vec<u32> = index
        .kinds
        .iter()
        .zip(&index.components)
        .enumerate()
        .filter(|(_, (kind, c))| {
            matches!(kind, Kind::Client | Kind::Api | Kind::Worker) && is_entry_point(c)
        })
        .filter_map(|(i, _)| u32::try_from(i).ok())
        .collect();
    if entries.is_empty() {
        if index.degree.iter().any(|d| *d > 0) {
            sink.report(
                Vec::new(),
                "the model has no entry point, so nothing in it can be reached: there is no \
                 client, no public API and no scheduled worker"
                    .to_owned(),
            );
        }
        return;
    }
    let reached = cx.reach().reached_from(entries);
    // The unreached are found from the index alone; their ids are read a batch at a time.
    let unreached = index
        .components
        .iter()
        .zip(&index.degree)
        .enumerate()
        .filter(|(i, (_, degree))| **degree > 0 && !reached.contains(*i))
        .map(|(_, (c, _))| *c);
    in_batches(unreached, touch_id, |c| {
        sink.report(
            vec![c.id.clone()],
            format!(
                "{} `{}` is not reached from any entry point (client, public API or \
                 scheduled worker)",
                kind_word(c),
                c.id
            ),
        );
    });
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, flagged, model};
    use crate::model::{ConnectionKind, Kind, Spec, Trigger};

    fn topic() -> String {
        String::new()
    }

    #[test]
    fn consumers_are_reached_through_their_queue_and_stores_by_their_users() {
        let arch = model()
            .add("web", Kind::Client)
            .services(&["orders", "island", "island-db-user"])
            .add("orders-db", Kind::Database)
            .add("events", Kind::Queue)
            .add("mailer", Kind::Worker)
            .add("island-db", Kind::Database)
            .calls("web", "orders")
            .connect("orders", "orders-db", ConnectionKind::Writes)
            .connect(
                "orders",
                "events",
                ConnectionKind::Publishes { topic: topic() },
            )
            .connect(
                "mailer",
                "events",
                ConnectionKind::Consumes { topic: topic() },
            )
            // Nothing reaches this pair: a service calling another, no entry point above.
            .calls("island", "island-db-user")
            .connect("island-db-user", "island-db", ConnectionKind::Reads)
            .build();
        assert_eq!(
            flagged(&arch, "unreachable"),
            ["island", "island-db", "island-db-user"]
        );
    }

    #[test]
    fn a_consumer_does_not_make_its_queue_reachable() {
        // The worker is reached from the queue, never the other way round: a queue that only
        // has consumers is not reached from an entry point that calls one of them.
        let arch = model()
            .add("web", Kind::Client)
            .add("jobs", Kind::Queue)
            .add("worker", Kind::Worker)
            .calls("web", "worker")
            .connect(
                "worker",
                "jobs",
                ConnectionKind::Consumes { topic: topic() },
            )
            .build();
        assert_eq!(flagged(&arch, "unreachable"), ["jobs"]);
    }

    #[test]
    fn public_apis_and_scheduled_workers_are_entry_points() {
        let arch = model()
            .add("gateway", Kind::Api)
            .with("gateway", |c| {
                if let Spec::Api(api) = &mut c.spec {
                    api.public = true;
                }
            })
            .add("nightly", Kind::Worker)
            .with("nightly", |c| {
                if let Spec::Worker(w) = &mut c.spec {
                    w.trigger = Trigger::Schedule("0 3 * * *".into());
                }
            })
            .services(&["a", "b", "lonely"])
            .calls("gateway", "a")
            .calls("nightly", "b")
            .build();
        assert!(flagged(&arch, "unreachable").is_empty());
    }

    #[test]
    fn no_entry_point_at_all_is_one_finding() {
        let arch = model().services(&["a", "b"]).calls("a", "b").build();
        let found = findings(&arch, "unreachable");
        assert_eq!(found.len(), 1);
        assert!(found[0].subjects.is_empty());
        assert!(found[0].message.contains("no entry point"));
    }
}
