//! The kinds of component, as plain tags.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a component is, without its properties (see [`super::Spec`] for those).
///
/// Used wherever only the kind matters: filters in views, palettes, the theme, rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A service we build and run: HTTP or gRPC server with business logic.
    Service,
    /// An API surface: a gateway or the public contract in front of services.
    Api,
    /// A database.
    Database,
    /// A queue or topic broker.
    Queue,
    /// A cache.
    Cache,
    /// A background worker: scheduled jobs or queue consumers.
    Worker,
    /// Something that calls us: web app, mobile app, third-party caller.
    Client,
    /// A system we do not own (payment provider, SaaS, partner API).
    External,
    /// An object or blob store.
    Storage,
}

impl Kind {
    /// Every kind, in the order palettes show them.
    pub const ALL: [Kind; 9] = [
        Kind::Client,
        Kind::Api,
        Kind::Service,
        Kind::Worker,
        Kind::Database,
        Kind::Cache,
        Kind::Queue,
        Kind::Storage,
        Kind::External,
    ];

    /// The kind's name for people ("Database").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Service => "Service",
            Kind::Api => "API",
            Kind::Database => "Database",
            Kind::Queue => "Queue",
            Kind::Cache => "Cache",
            Kind::Worker => "Worker",
            Kind::Client => "Client",
            Kind::External => "External system",
            Kind::Storage => "Storage",
        }
    }

    /// The kind's keyword in files and on the command line (`database`).
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Service => "service",
            Kind::Api => "api",
            Kind::Database => "database",
            Kind::Queue => "queue",
            Kind::Cache => "cache",
            Kind::Worker => "worker",
            Kind::Client => "client",
            Kind::External => "external",
            Kind::Storage => "storage",
        }
    }

    /// Parses a keyword or label, ignoring case ("db" and "ext" are accepted too).
    pub fn parse(text: &str) -> Option<Kind> {
        let t = text.trim().to_ascii_lowercase();
        match t.as_str() {
            "db" => return Some(Kind::Database),
            "ext" => return Some(Kind::External),
            "gateway" => return Some(Kind::Api),
            "topic" | "broker" => return Some(Kind::Queue),
            _ => {}
        }
        Kind::ALL
            .into_iter()
            .find(|k| k.keyword() == t || k.label().to_ascii_lowercase() == t)
    }

    /// Whether we build and deploy this kind ourselves (it gets code and a container).
    pub fn is_built_by_us(self) -> bool {
        matches!(self, Kind::Service | Kind::Worker | Kind::Api)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_parse_back() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.keyword()), Some(kind));
            assert_eq!(Kind::parse(&kind.label().to_uppercase()), Some(kind));
        }
        assert_eq!(Kind::parse("db"), Some(Kind::Database));
        assert_eq!(Kind::parse("nonsense"), None);
    }
}
