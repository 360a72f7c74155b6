//! Who publishes to and consumes from each queue, by topic: shared by `queue-no-producer`
//! and `queue-no-consumer`.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::warm::{first_byte, in_batches, touch_id};
use crate::check::{Context, Sink};
use crate::model::{Connection, ConnectionType, Kind, Spec};

use super::list;

/// The publishes (or consumes) connections that reach one queue.
#[derive(Default)]
pub(crate) struct Traffic<'a> {
    /// A connection names no topic, so it covers the whole queue.
    pub whole_queue: bool,
    /// The topics connections name.
    pub topics: FxHashSet<&'a str>,
}

impl Traffic<'_> {
    /// Whether messages on `topic` are covered.
    pub fn covers(&self, topic: &str) -> bool {
        self.whole_queue || self.topics.contains(topic)
    }
}

/// The traffic of type `ty` (publishes or consumes) per queue node.
pub(crate) fn traffic<'a>(cx: &Context<'a>, ty: ConnectionType) -> FxHashMap<u32, Traffic<'a>> {
    let mut by_queue: FxHashMap<u32, Traffic<'a>> = FxHashMap::default();
    // Each connection sits somewhere else in memory: their topics are read a batch ahead.
    let touch = |(_, c, _, _): (u32, &Connection, u32, u32)| c.kind.topic().map_or(0, first_byte);
    in_batches(cx.index().edges_of(ty), touch, |(_, c, _, to)| {
        let topic = c.kind.topic().unwrap_or("");
        let entry = by_queue.entry(to).or_default();
        if topic.is_empty() {
            entry.whole_queue = true;
        } else {
            entry.topics.insert(topic);
        }
    });
    by_queue
}

/// Reports each queue that nobody `verb`s, or whose declared topics nobody `verb`s.
pub(crate) fn report_unused(
    cx: &Context<'_>,
    sink: &mut Sink<'_>,
    ty: ConnectionType,
    nobody: &str,
) {
    let traffic = traffic(cx, ty);
    // Queues are found by kind in the index; their ids and topics are read a batch at a time.
    let index = cx.index();
    let queues = index
        .components
        .iter()
        .zip(&index.kinds)
        .enumerate()
        .filter(|(_, (_, kind))| **kind == Kind::Queue)
        .map(|(node, (c, _))| (node, *c));
    in_batches(
        queues,
        |(_, c)| touch_id(c),
        |(node, c)| {
            let Spec::Queue(queue) = &c.spec else {
                return;
            };
            let Some(seen) = u32::try_from(node).ok().and_then(|n| traffic.get(&n)) else {
                sink.report(vec![c.id.clone()], format!("{nobody} queue `{}`", c.id));
                return;
            };
            let unused: Vec<&str> = queue
                .topics
                .iter()
                .map(|t| t.name.as_str())
                .filter(|t| !seen.covers(t))
                .collect();
            if !unused.is_empty() {
                let topics = if unused.len() == 1 { "topic" } else { "topics" };
                sink.report(
                    vec![c.id.clone()],
                    format!("{nobody} {topics} {} of queue `{}`", list(unused), c.id),
                );
            }
        },
    );
}
