//! Clients: whatever calls the system from outside.

use serde::{Deserialize, Serialize};

/// Where a client runs.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum ClientPlatform {
    /// A browser application.
    #[default]
    Web,
    /// A phone or tablet app.
    Mobile,
    /// A desktop application.
    Desktop,
    /// A partner's or customer's system calling our API.
    ThirdParty,
    /// A command-line tool or script.
    Cli,
}

impl ClientPlatform {
    /// Every platform.
    pub const ALL: [ClientPlatform; 5] = [
        ClientPlatform::Web,
        ClientPlatform::Mobile,
        ClientPlatform::Desktop,
        ClientPlatform::ThirdParty,
        ClientPlatform::Cli,
    ];

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            ClientPlatform::Web => "Web app",
            ClientPlatform::Mobile => "Mobile app",
            ClientPlatform::Desktop => "Desktop app",
            ClientPlatform::ThirdParty => "Third-party",
            ClientPlatform::Cli => "CLI",
        }
    }
}

/// Properties of a client.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSpec {
    /// Where it runs.
    #[serde(default)]
    pub platform: ClientPlatform,
    /// Framework or toolkit (`React`, `SwiftUI`), for the record.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub technology: String,
}
