//! Flows: a story told over the connections, step by step.

use serde::{Deserialize, Serialize};

use super::spec::is_false;
use super::{HasId, Id};

/// One step of a flow: a message travelling along a connection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowStep {
    /// The connection the message travels on.
    pub connection: Id,
    /// One line said while the step plays.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub narration: String,
    /// The message goes against the arrow (a response).
    #[serde(default, skip_serializing_if = "is_false")]
    pub reply: bool,
    /// Happens at the same time as the step before it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub parallel: bool,
    /// The alternative this step belongs to (`"card declined"`); steps with different
    /// branches are alternatives of each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
}

impl FlowStep {
    /// A plain step along `connection`.
    pub fn new(connection: Id, narration: impl Into<String>) -> Self {
        Self {
            connection,
            narration: narration.into(),
            reply: false,
            parallel: false,
            branch: None,
        }
    }
}

/// A named, ordered walk through the system.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Stable id.
    pub id: Id,
    /// Display name ("Checkout").
    pub name: String,
    /// What it shows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Its steps, in order.
    #[serde(default)]
    pub steps: Vec<FlowStep>,
}

impl HasId for Flow {
    const WHAT: &'static str = "flow";
    fn id(&self) -> &Id {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}
