//! `queue-no-producer` (warning): a queue or topic that nobody publishes to.
//!
//! Why it matters: a consumer waiting on a queue nothing writes to never runs. Either the
//! producer is missing from the design (and from the generated code, which will not publish),
//! the topic name on the connection does not match the declared topic, or the queue is left
//! over from an earlier design.
//!
//! How to fix: draw a `Publishes` connection from the component that produces the messages
//! (naming the topic, or no topic for the whole queue), or delete the unused topic or queue.
//!
//! A queue with no publisher at all is one finding; a queue with publishers that leave some
//! of its declared topics unpublished is one finding listing those topics. A publish without
//! a topic covers every topic of the queue.

use crate::check::{Context, Rule, Sink};
use crate::model::{ConnectionType, Severity};

use super::queue_traffic::report_unused;

pub(crate) const RULE: Rule = Rule {
    id: "queue-no-producer",
    default_severity: Severity::Warning,
    summary: "a queue or topic that nobody publishes to",
    help: "draw a `publishes` connection from the component that produces the messages, or \
           delete the unused topic or queue",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    report_unused(cx, sink, ConnectionType::Publishes, "nobody publishes to");
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::model::{ConnectionKind, Kind, Spec, Topic};

    fn queue_with_topics() -> crate::check::testing::Builder {
        model()
            .services(&["orders", "mailer"])
            .add("events", Kind::Queue)
            .with("events", |c| {
                if let Spec::Queue(q) = &mut c.spec {
                    for name in ["orders.created", "orders.cancelled"] {
                        q.topics.push(Topic {
                            name: name.into(),
                            ..Topic::default()
                        });
                    }
                }
            })
            .add("idle", Kind::Queue)
    }

    #[test]
    fn silent_queues_and_topics_are_flagged() {
        let arch = queue_with_topics()
            .connect(
                "orders",
                "events",
                ConnectionKind::Publishes {
                    topic: "orders.created".into(),
                },
            )
            .connect(
                "mailer",
                "idle",
                ConnectionKind::Consumes {
                    topic: String::new(),
                },
            )
            .build();
        let found = findings(&arch, "queue-no-producer");
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "nobody publishes to topic `orders.cancelled` of queue `events`",
                "nobody publishes to queue `idle`",
            ]
        );
    }

    #[test]
    fn a_publish_without_topic_covers_the_whole_queue() {
        let arch = queue_with_topics()
            .connect(
                "orders",
                "events",
                ConnectionKind::Publishes {
                    topic: String::new(),
                },
            )
            .connect(
                "orders",
                "idle",
                ConnectionKind::Publishes { topic: "x".into() },
            )
            .build();
        assert!(findings(&arch, "queue-no-producer").is_empty());
    }
}
