//! External systems: things we call but do not own.

use serde::{Deserialize, Serialize};

/// Properties of an external system.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalSpec {
    /// Who runs it (`Stripe`, `Twilio`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub provider: String,
    /// Base URL of its API, for the generated client's default configuration.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// Documentation link.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs: String,
}
