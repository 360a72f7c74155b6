//! Typed connections between components.
//!
//! `from` is always the party that acts: the caller, the publisher, the consumer, the reader,
//! the writer, the dependent. So a consumer's connection points at the queue it reads from,
//! and data flows against the arrow for `Consumes` and `Reads`.

use serde::{Deserialize, Serialize};

use super::spec::is_false;
use super::{HasId, Id};

/// Wire protocol of a synchronous call.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Protocol {
    /// HTTP (REST).
    #[default]
    Http,
    /// gRPC.
    Grpc,
    /// GraphQL over HTTP.
    Graphql,
}

impl Protocol {
    /// Every protocol.
    pub const ALL: [Protocol; 3] = [Protocol::Http, Protocol::Grpc, Protocol::Graphql];

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            Protocol::Http => "HTTP",
            Protocol::Grpc => "gRPC",
            Protocol::Graphql => "GraphQL",
        }
    }
}

/// Properties of a synchronous call.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallSpec {
    /// Wire protocol.
    #[serde(default)]
    pub protocol: Protocol,
    /// Give up after this many milliseconds; none means no timeout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u32>,
    /// Retries after a failure.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub retries: u32,
    /// Whether a circuit breaker guards the call.
    #[serde(default, skip_serializing_if = "is_false")]
    pub circuit_breaker: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What a connection means, with the properties of that type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConnectionKind {
    /// A synchronous request (`from` calls `to` and waits).
    Calls(CallSpec),
    /// `from` publishes messages to a topic of queue `to`.
    Publishes {
        /// Topic name; empty means the queue as a whole.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        topic: String,
    },
    /// `from` consumes messages from a topic of queue `to`.
    Consumes {
        /// Topic name; empty means the queue as a whole.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        topic: String,
    },
    /// `from` reads data held by `to`.
    Reads,
    /// `from` writes (and usually reads) data held by `to`.
    Writes,
    /// `from` needs `to` to run, without a more specific relation.
    DependsOn,
}

/// The type of a connection without its properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ConnectionType {
    /// See [`ConnectionKind::Calls`].
    Calls,
    /// See [`ConnectionKind::Publishes`].
    Publishes,
    /// See [`ConnectionKind::Consumes`].
    Consumes,
    /// See [`ConnectionKind::Reads`].
    Reads,
    /// See [`ConnectionKind::Writes`].
    Writes,
    /// See [`ConnectionKind::DependsOn`].
    DependsOn,
}

/// How a connection is drawn and reasoned about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// Synchronous: solid line, filled arrow.
    Sync,
    /// Asynchronous: dashed line, open arrow.
    Async,
    /// Data access: dotted line.
    Data,
    /// A plain dependency.
    Dependency,
}

impl ConnectionType {
    /// Every type.
    pub const ALL: [ConnectionType; 6] = [
        ConnectionType::Calls,
        ConnectionType::Publishes,
        ConnectionType::Consumes,
        ConnectionType::Reads,
        ConnectionType::Writes,
        ConnectionType::DependsOn,
    ];

    /// The verb for people ("calls", "depends on").
    pub fn label(self) -> &'static str {
        match self {
            ConnectionType::Calls => "calls",
            ConnectionType::Publishes => "publishes to",
            ConnectionType::Consumes => "consumes from",
            ConnectionType::Reads => "reads",
            ConnectionType::Writes => "writes",
            ConnectionType::DependsOn => "depends on",
        }
    }

    /// The drawing and reasoning style.
    pub fn style(self) -> Style {
        match self {
            ConnectionType::Calls => Style::Sync,
            ConnectionType::Publishes | ConnectionType::Consumes => Style::Async,
            ConnectionType::Reads | ConnectionType::Writes => Style::Data,
            ConnectionType::DependsOn => Style::Dependency,
        }
    }

    /// A kind of this type with default properties.
    pub fn default_kind(self) -> ConnectionKind {
        match self {
            ConnectionType::Calls => ConnectionKind::Calls(CallSpec::default()),
            ConnectionType::Publishes => ConnectionKind::Publishes {
                topic: String::new(),
            },
            ConnectionType::Consumes => ConnectionKind::Consumes {
                topic: String::new(),
            },
            ConnectionType::Reads => ConnectionKind::Reads,
            ConnectionType::Writes => ConnectionKind::Writes,
            ConnectionType::DependsOn => ConnectionKind::DependsOn,
        }
    }
}

impl ConnectionKind {
    /// The type without properties.
    pub fn ty(&self) -> ConnectionType {
        match self {
            ConnectionKind::Calls(_) => ConnectionType::Calls,
            ConnectionKind::Publishes { .. } => ConnectionType::Publishes,
            ConnectionKind::Consumes { .. } => ConnectionType::Consumes,
            ConnectionKind::Reads => ConnectionType::Reads,
            ConnectionKind::Writes => ConnectionType::Writes,
            ConnectionKind::DependsOn => ConnectionType::DependsOn,
        }
    }

    /// The topic, for publishes and consumes.
    pub fn topic(&self) -> Option<&str> {
        match self {
            ConnectionKind::Publishes { topic } | ConnectionKind::Consumes { topic } => Some(topic),
            _ => None,
        }
    }
}

/// A typed edge from one component to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    /// Stable id.
    pub id: Id,
    /// The component that acts (caller, publisher, consumer, reader, writer, dependent).
    pub from: Id,
    /// The component acted upon.
    pub to: Id,
    /// Type and its properties.
    pub kind: ConnectionKind,
    /// Short text drawn on the line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Longer explanation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Connection {
    /// A connection with no label or description.
    pub fn new(id: Id, from: Id, to: Id, kind: ConnectionKind) -> Self {
        Self {
            id,
            from,
            to,
            kind,
            label: String::new(),
            description: String::new(),
        }
    }

    /// The type without properties.
    pub fn ty(&self) -> ConnectionType {
        self.kind.ty()
    }

    /// The call's properties, for synchronous calls.
    pub fn call(&self) -> Option<&CallSpec> {
        match &self.kind {
            ConnectionKind::Calls(call) => Some(call),
            _ => None,
        }
    }
}

impl HasId for Connection {
    const WHAT: &'static str = "connection";
    fn id(&self) -> &Id {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}
