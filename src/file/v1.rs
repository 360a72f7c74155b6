//! Format 1, the first file format, and its migration to format 2.
//!
//! Format 1 kept each component's position inside the component (`x`, `y`), named its
//! technology in one free string, and had connections without ids. Format 2 moved positions to
//! the `layout` section (so layout moves and design changes are separate diff lines), split the
//! technology into typed per-kind properties, and gave connections ids so flows and findings
//! can point at them. These types are frozen: never change them, add a new version instead.

use serde::Deserialize;

use crate::model::{
    self, Architecture, CallSpec, Component, Connection, ConnectionKind, Group, GroupKind, Id,
    Placement, Spec,
};

/// A format-1 file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    #[allow(dead_code)] // checked by the header reader
    format: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    components: Vec<ComponentV1>,
    #[serde(default)]
    connections: Vec<ConnectionV1>,
    #[serde(default)]
    groups: Vec<GroupV1>,
}

#[derive(Deserialize, Clone, Copy)]
enum KindV1 {
    Service,
    Api,
    Database,
    Queue,
    Cache,
    Worker,
    Client,
    External,
    Storage,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComponentV1 {
    id: Id,
    name: String,
    kind: KindV1,
    #[serde(default)]
    technology: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    port: Option<u16>,
    #[serde(default)]
    replicas: Option<u32>,
    #[serde(default)]
    public: bool,
    #[serde(default)]
    x: Option<f32>,
    #[serde(default)]
    y: Option<f32>,
}

#[derive(Deserialize, Clone, Copy)]
enum ConnectionKindV1 {
    Calls,
    Publishes,
    Consumes,
    Reads,
    Writes,
    DependsOn,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectionV1 {
    from: Id,
    to: Id,
    kind: ConnectionKindV1,
    #[serde(default)]
    label: String,
    #[serde(default)]
    topic: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupV1 {
    id: Id,
    name: String,
    #[serde(default)]
    members: Vec<Id>,
}

/// Turns a format-1 document into the current model. Duplicate component or group ids
/// keep the last one, as format 1 readers did.
pub fn migrate(doc: Document) -> Architecture {
    let mut arch = Architecture::new(doc.name);
    arch.description = doc.description;
    for c in doc.components {
        if let (Some(x), Some(y)) = (c.x, c.y)
            && x.is_finite()
            && y.is_finite()
        {
            arch.layout.insert(c.id.clone(), Placement::at(x, y));
        }
        let mut component = Component::new(c.id, c.name, kind(c.kind));
        component.description = c.description;
        apply_technology(
            &mut component.spec,
            &c.technology,
            c.port,
            c.replicas,
            c.public,
        );
        arch.components.insert(component);
    }
    for c in doc.connections {
        let id = arch.fresh_connection_id(&c.from, &c.to);
        let kind = match c.kind {
            ConnectionKindV1::Calls => ConnectionKind::Calls(CallSpec::default()),
            ConnectionKindV1::Publishes => ConnectionKind::Publishes { topic: c.topic },
            ConnectionKindV1::Consumes => ConnectionKind::Consumes { topic: c.topic },
            ConnectionKindV1::Reads => ConnectionKind::Reads,
            ConnectionKindV1::Writes => ConnectionKind::Writes,
            ConnectionKindV1::DependsOn => ConnectionKind::DependsOn,
        };
        let mut connection = Connection::new(id, c.from, c.to, kind);
        connection.label = c.label;
        arch.connections.insert(connection);
    }
    for g in doc.groups {
        let mut group = Group::new(g.id, g.name, GroupKind::BoundedContext);
        group.members = g.members.into_iter().collect();
        arch.groups.insert(group);
    }
    arch
}

fn kind(k: KindV1) -> model::Kind {
    use model::Kind;
    match k {
        KindV1::Service => Kind::Service,
        KindV1::Api => Kind::Api,
        KindV1::Database => Kind::Database,
        KindV1::Queue => Kind::Queue,
        KindV1::Cache => Kind::Cache,
        KindV1::Worker => Kind::Worker,
        KindV1::Client => Kind::Client,
        KindV1::External => Kind::External,
        KindV1::Storage => Kind::Storage,
    }
}

/// Reads format 1's free technology string into format 2's typed properties. What cannot be
/// recognised stays at the kind's default (and for clients and externals is kept as text).
fn apply_technology(
    spec: &mut Spec,
    technology: &str,
    port: Option<u16>,
    replicas: Option<u32>,
    public: bool,
) {
    use model::{CacheEngine, DbEngine, Language, QueueEngine, StorageEngine};
    let t = technology.trim().to_ascii_lowercase();
    let word = |options: &[&str]| options.iter().any(|o| t.contains(o));
    match spec {
        Spec::Service(s) => {
            s.language = Language::parse(&t).unwrap_or_default();
            s.port = port;
            s.replicas = replicas.unwrap_or(1);
        }
        Spec::Worker(w) => {
            w.language = Language::parse(&t).unwrap_or_default();
            w.port = port;
            w.replicas = replicas.unwrap_or(1);
        }
        Spec::Api(a) => {
            a.public = public;
            a.port = port;
            a.replicas = replicas.unwrap_or(1);
        }
        Spec::Database(d) => {
            d.engine = if word(&["mysql"]) {
                DbEngine::Mysql
            } else if word(&["maria"]) {
                DbEngine::Mariadb
            } else if word(&["mongo"]) {
                DbEngine::Mongodb
            } else if word(&["sqlite"]) {
                DbEngine::Sqlite
            } else {
                DbEngine::Postgres
            };
            d.port = port;
            d.replicas = replicas.unwrap_or(1);
        }
        Spec::Queue(q) => {
            q.engine = if word(&["rabbit"]) {
                QueueEngine::Rabbitmq
            } else if word(&["sqs"]) {
                QueueEngine::Sqs
            } else if word(&["nats"]) {
                QueueEngine::Nats
            } else if word(&["redis"]) {
                QueueEngine::RedisStreams
            } else {
                QueueEngine::Kafka
            };
            q.port = port;
            q.replicas = replicas.unwrap_or(1);
        }
        Spec::Cache(c) => {
            c.engine = if word(&["memcache"]) {
                CacheEngine::Memcached
            } else {
                CacheEngine::Redis
            };
            c.port = port;
            c.replicas = replicas.unwrap_or(1);
        }
        Spec::Storage(s) => {
            s.engine = if word(&["gcs", "google"]) {
                StorageEngine::Gcs
            } else if word(&["azure"]) {
                StorageEngine::AzureBlob
            } else if word(&["minio"]) {
                StorageEngine::Minio
            } else {
                StorageEngine::S3
            };
            s.port = port;
        }
        Spec::Client(c) => c.technology = technology.to_owned(),
        Spec::External(e) => e.provider = technology.to_owned(),
    }
}
