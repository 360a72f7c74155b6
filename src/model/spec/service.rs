//! Services: the code we write and run.

use serde::{Deserialize, Serialize};

use super::{Endpoint, is_one, one};

/// A language services and workers are written in.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Language {
    /// Rust (axum by default).
    #[default]
    Rust,
    /// TypeScript on Node.js (Fastify by default).
    TypeScript,
    /// Python (FastAPI by default).
    Python,
    /// Go (standard library by default).
    Go,
}

impl Language {
    /// Every language.
    pub const ALL: [Language; 4] = [
        Language::Rust,
        Language::TypeScript,
        Language::Python,
        Language::Go,
    ];

    /// The keyword on the command line (`typescript`).
    pub fn keyword(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::TypeScript => "typescript",
            Language::Python => "python",
            Language::Go => "go",
        }
    }

    /// Parses a keyword, ignoring case (`ts` and `golang` too).
    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_ascii_lowercase().as_str() {
            "rust" | "rs" => Some(Language::Rust),
            "typescript" | "ts" | "node" | "nodejs" => Some(Language::TypeScript),
            "python" | "py" => Some(Language::Python),
            "go" | "golang" => Some(Language::Go),
            _ => None,
        }
    }
}

/// Properties of a service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    /// Language the service is written in.
    #[serde(default)]
    pub language: Language,
    /// Web framework; empty means the catalogue's default for the language.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub framework: String,
    /// Port it listens on; none means the language's default from the catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Number of instances.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub replicas: u32,
    /// Endpoints it serves itself (besides those of the APIs it implements).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<Endpoint>,
}

impl ServiceSpec {
    /// The framework: the model's, or the language's default.
    pub fn framework(&self) -> &str {
        if self.framework.is_empty() {
            super::super::Technology::Language(self.language)
                .info()
                .default_framework
                .unwrap_or("")
        } else {
            &self.framework
        }
    }
}

impl Default for ServiceSpec {
    fn default() -> Self {
        Self {
            language: Language::default(),
            framework: String::new(),
            port: None,
            replicas: 1,
            endpoints: Vec::new(),
        }
    }
}
