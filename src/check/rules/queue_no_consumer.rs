//! `queue-no-consumer` (warning): a queue or topic that nobody consumes from.
//!
//! Why it matters: messages published where nobody reads them pile up until the broker runs
//! out of disk or drops them by retention, and the work they announce (an email, a payment
//! update) silently never happens. Usually a consumer is missing from the design or the topic
//! names on the two sides differ.
//!
//! How to fix: draw a `Consumes` connection from the component that handles the messages
//! (the arrow points from the consumer to the queue), or stop publishing and delete the topic.
//!
//! A queue with no consumer at all is one finding; a queue whose declared topics are not all
//! consumed is one finding listing them. A consume without a topic covers every topic.

use crate::check::{Context, Rule, Sink};
use crate::model::{ConnectionType, Severity};

use super::queue_traffic::report_unused;

pub(crate) const RULE: Rule = Rule {
    id: "queue-no-consumer",
    default_severity: Severity::Warning,
    summary: "a queue or topic that nobody consumes from",
    help: "draw a `consumes` connection from the component that handles the messages, or stop \
           publishing them and delete the topic",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    report_unused(cx, sink, ConnectionType::Consumes, "nobody consumes from");
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::model::{ConnectionKind, Kind, Spec, Topic};

    fn events() -> crate::check::testing::Builder {
        model()
            .services(&["orders", "mailer"])
            .add("events", Kind::Queue)
            .with("events", |c| {
                if let Spec::Queue(q) = &mut c.spec {
                    q.topics.push(Topic {
                        name: "orders.created".into(),
                        ..Topic::default()
                    });
                }
            })
            .connect(
                "orders",
                "events",
                ConnectionKind::Publishes {
                    topic: String::new(),
                },
            )
    }

    #[test]
    fn a_queue_without_consumers_is_flagged() {
        let arch = events().build();
        let found = findings(&arch, "queue-no-consumer");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "nobody consumes from queue `events`");
    }

    #[test]
    fn a_consumer_of_the_wrong_topic_leaves_the_declared_one_unconsumed() {
        let arch = events()
            .connect(
                "mailer",
                "events",
                ConnectionKind::Consumes {
                    topic: "orders.placed".into(),
                },
            )
            .build();
        let found = findings(&arch, "queue-no-consumer");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "nobody consumes from topic `orders.created` of queue `events`"
        );
    }

    #[test]
    fn a_consumed_queue_is_fine() {
        let arch = events()
            .connect(
                "mailer",
                "events",
                ConnectionKind::Consumes {
                    topic: "orders.created".into(),
                },
            )
            .build();
        assert!(findings(&arch, "queue-no-consumer").is_empty());
    }
}
