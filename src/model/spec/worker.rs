//! Workers: background jobs run on a schedule or fed by a queue.

use serde::{Deserialize, Serialize};

use super::{Language, is_one, one};

/// What starts a worker's job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Trigger {
    /// A cron expression (`*/5 * * * *`).
    Schedule(String),
    /// Messages from the topics it consumes (drawn as `Consumes` connections).
    #[default]
    Queue,
}

impl Trigger {
    /// Name for people.
    pub fn label(&self) -> String {
        match self {
            Trigger::Schedule(cron) => format!("cron {cron}"),
            Trigger::Queue => "queue consumer".to_owned(),
        }
    }
}

/// Properties of a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerSpec {
    /// Language it is written in.
    #[serde(default)]
    pub language: Language,
    /// What starts its work.
    #[serde(default)]
    pub trigger: Trigger,
    /// Port of its health endpoint; none means the language's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Number of instances.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub replicas: u32,
}

impl Default for WorkerSpec {
    fn default() -> Self {
        Self {
            language: Language::default(),
            trigger: Trigger::default(),
            port: None,
            replicas: 1,
        }
    }
}
