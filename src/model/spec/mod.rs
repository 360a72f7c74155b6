//! Each kind's own properties.
//!
//! One file per kind. In files a component reads `kind: Service(language: Rust, port: 8080)`:
//! the variant name is the kind, its fields the properties (ron's `unwrap_variant_newtypes`
//! is on by default, so the inner struct needs no second pair of brackets).

mod api;
mod cache;
mod client;
mod database;
mod external;
mod queue;
mod service;
mod storage;
mod worker;

pub use api::{ApiSpec, ApiStyle, Auth, Endpoint, Method};
pub use cache::{CacheEngine, CacheSpec};
pub use client::{ClientPlatform, ClientSpec};
pub use database::{DatabaseSpec, DbEngine};
pub use external::ExternalSpec;
pub use queue::{QueueEngine, QueueSpec, Topic};
pub use service::{Language, ServiceSpec};
pub use storage::{StorageEngine, StorageSpec};
pub use worker::{Trigger, WorkerSpec};

use serde::{Deserialize, Serialize};

use super::{Kind, Schema};

/// A component's kind with the properties of that kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Kind")]
pub enum Spec {
    /// See [`ServiceSpec`].
    Service(ServiceSpec),
    /// See [`ApiSpec`].
    Api(ApiSpec),
    /// See [`DatabaseSpec`].
    Database(DatabaseSpec),
    /// See [`QueueSpec`].
    Queue(QueueSpec),
    /// See [`CacheSpec`].
    Cache(CacheSpec),
    /// See [`WorkerSpec`].
    Worker(WorkerSpec),
    /// See [`ClientSpec`].
    Client(ClientSpec),
    /// See [`ExternalSpec`].
    External(ExternalSpec),
    /// See [`StorageSpec`].
    Storage(StorageSpec),
}

impl Spec {
    /// The kind tag of this spec.
    pub fn kind(&self) -> Kind {
        match self {
            Spec::Service(_) => Kind::Service,
            Spec::Api(_) => Kind::Api,
            Spec::Database(_) => Kind::Database,
            Spec::Queue(_) => Kind::Queue,
            Spec::Cache(_) => Kind::Cache,
            Spec::Worker(_) => Kind::Worker,
            Spec::Client(_) => Kind::Client,
            Spec::External(_) => Kind::External,
            Spec::Storage(_) => Kind::Storage,
        }
    }

    /// Default properties for a new component of `kind`.
    pub fn default_for(kind: Kind) -> Spec {
        match kind {
            Kind::Service => Spec::Service(ServiceSpec::default()),
            Kind::Api => Spec::Api(ApiSpec::default()),
            Kind::Database => Spec::Database(DatabaseSpec::default()),
            Kind::Queue => Spec::Queue(QueueSpec::default()),
            Kind::Cache => Spec::Cache(CacheSpec::default()),
            Kind::Worker => Spec::Worker(WorkerSpec::default()),
            Kind::Client => Spec::Client(ClientSpec::default()),
            Kind::External => Spec::External(ExternalSpec::default()),
            Kind::Storage => Spec::Storage(StorageSpec::default()),
        }
    }

    /// How many instances run, for kinds we deploy; `None` for clients and external systems.
    pub fn replicas(&self) -> Option<u32> {
        match self {
            Spec::Service(s) => Some(s.replicas),
            Spec::Api(s) => Some(s.replicas),
            Spec::Database(s) => Some(s.replicas),
            Spec::Queue(s) => Some(s.replicas),
            Spec::Cache(s) => Some(s.replicas),
            Spec::Worker(s) => Some(s.replicas),
            Spec::Storage(_) | Spec::Client(_) | Spec::External(_) => None,
        }
    }

    /// The port set in the model, if any (see [`Spec::port`] for the effective one).
    pub fn explicit_port(&self) -> Option<u16> {
        match self {
            Spec::Service(s) => s.port,
            Spec::Api(s) => s.port,
            Spec::Database(s) => s.port,
            Spec::Queue(s) => s.port,
            Spec::Cache(s) => s.port,
            Spec::Worker(s) => s.port,
            Spec::Storage(s) => s.port,
            Spec::Client(_) | Spec::External(_) => None,
        }
    }

    /// The port it listens on: the model's, or the technology catalogue's default.
    pub fn port(&self) -> Option<u16> {
        self.explicit_port()
            .or_else(|| self.technology().and_then(|t| t.info().default_port))
    }

    /// The technology it runs on (language or engine), for kinds that have one.
    pub fn technology(&self) -> Option<super::Technology> {
        use super::Technology as T;
        match self {
            Spec::Service(s) => Some(T::Language(s.language)),
            Spec::Worker(s) => Some(T::Language(s.language)),
            Spec::Database(s) => Some(T::Database(s.engine)),
            Spec::Queue(s) => Some(T::Queue(s.engine)),
            Spec::Cache(s) => Some(T::Cache(s.engine)),
            Spec::Storage(s) => Some(T::Storage(s.engine)),
            Spec::Api(_) | Spec::Client(_) | Spec::External(_) => None,
        }
    }

    /// A short line naming the technology, as the canvas shows it under the name
    /// ("Rust · axum", "PostgreSQL", "REST · JWT").
    pub fn technology_label(&self) -> String {
        match self {
            Spec::Service(s) => format!("{} · {}", s.language.info().display_name, s.framework()),
            Spec::Worker(s) => {
                format!("{} · {}", s.language.info().display_name, s.trigger.label())
            }
            Spec::Api(s) => format!("{} · {}", s.style.label(), s.auth.label()),
            Spec::Client(s) => s.platform.label().to_owned(),
            Spec::External(s) if !s.provider.is_empty() => s.provider.clone(),
            Spec::External(_) => "External".to_owned(),
            other => other
                .technology()
                .map(|t| t.info().display_name.to_owned())
                .unwrap_or_default(),
        }
    }

    /// The endpoints this component serves (its own, for services and APIs).
    pub fn endpoints(&self) -> &[Endpoint] {
        match self {
            Spec::Service(s) => &s.endpoints,
            Spec::Api(s) => &s.endpoints,
            _ => &[],
        }
    }

    /// The data entities this component stores (databases only).
    pub fn entities(&self) -> &[Schema] {
        match self {
            Spec::Database(d) => &d.entities,
            _ => &[],
        }
    }

    /// The topics this component carries (queues only).
    pub fn topics(&self) -> &[Topic] {
        match self {
            Spec::Queue(q) => &q.topics,
            _ => &[],
        }
    }
}

/// serde's `skip_serializing_if` helper for flags that default to false.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// serde default for replica counts.
pub(crate) fn one() -> u32 {
    1
}

/// serde's `skip_serializing_if` helper for replica counts that are the default.
pub(crate) fn is_one(n: &u32) -> bool {
    *n == 1
}
