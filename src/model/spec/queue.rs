//! Queues and topic brokers.

use serde::{Deserialize, Serialize};

use super::{is_one, one};
use crate::model::Id;

/// A message broker.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum QueueEngine {
    /// Apache Kafka.
    #[default]
    Kafka,
    /// RabbitMQ.
    Rabbitmq,
    /// Amazon SQS.
    Sqs,
    /// NATS.
    Nats,
    /// Redis Streams.
    RedisStreams,
}

impl QueueEngine {
    /// Every engine.
    pub const ALL: [QueueEngine; 5] = [
        QueueEngine::Kafka,
        QueueEngine::Rabbitmq,
        QueueEngine::Sqs,
        QueueEngine::Nats,
        QueueEngine::RedisStreams,
    ];
}

/// A topic (or queue) on a broker, with the schema of its messages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Topic name as the broker knows it (`orders.created`).
    pub name: String,
    /// What the messages mean.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Schema of each message, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Id>,
    /// Partitions (Kafka) or shards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitions: Option<u32>,
}

/// Properties of a queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueSpec {
    /// The broker.
    #[serde(default)]
    pub engine: QueueEngine,
    /// Port; none means the engine's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Number of broker nodes.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub replicas: u32,
    /// Its topics.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Topic>,
}

impl Default for QueueSpec {
    fn default() -> Self {
        Self {
            engine: QueueEngine::default(),
            port: None,
            replicas: 1,
            topics: Vec::new(),
        }
    }
}
