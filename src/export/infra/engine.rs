//! How each engine runs in a container, for docker-compose and Kubernetes alike: the
//! catalogue's official image, its settings, where it keeps state, how to ask it whether it
//! is healthy.

use super::super::wiring::database_name;
use crate::model::{
    CacheEngine, Component, DbEngine, QueueEngine, Spec, StorageEngine, Technology,
};

/// A data store or broker as a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Runtime {
    /// Official image, from the technology catalogue.
    pub image: &'static str,
    /// Port it listens on.
    pub port: u16,
    /// Settings, as environment variables (never a password: local stores run without one).
    pub env: Vec<(String, String)>,
    /// Folder holding its state, if any.
    pub data_path: Option<&'static str>,
    /// Command that exits 0 when it is healthy.
    pub health: Option<Vec<String>>,
    /// Arguments replacing the image's command.
    pub command: Option<Vec<String>>,
    /// Folder whose SQL files run at first start.
    pub init_sql: Option<&'static str>,
}

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// The runtime of a database, queue, cache or storage component reached at `host`; `None` for everything else
/// (and for SQLite, which runs inside its service).
pub fn runtime(c: &Component, host: &str) -> Option<Runtime> {
    let tech = c.spec.technology()?;
    if matches!(tech, Technology::Language(_)) {
        return None;
    }
    let image = tech.info().image?;
    let port = c.spec.port()?;
    let mut r = Runtime {
        image,
        port,
        env: Vec::new(),
        data_path: None,
        health: None,
        command: None,
        init_sql: None,
    };
    let db = database_name(&c.id);
    let env = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    match &c.spec {
        Spec::Database(d) => match d.engine {
            DbEngine::Postgres => {
                r.env = env(&[("POSTGRES_DB", &db), ("POSTGRES_HOST_AUTH_METHOD", "trust")]);
                r.data_path = Some("/var/lib/postgresql/data");
                r.health = Some(vec![
                    "pg_isready".into(),
                    "-U".into(),
                    "postgres".into(),
                    "-d".into(),
                    db.clone(),
                ]);
                r.init_sql = Some("/docker-entrypoint-initdb.d");
                if port != 5432 {
                    r.command = Some(vec!["postgres".into(), "-p".into(), port.to_string()]);
                    r.health = Some(vec![
                        "pg_isready".into(),
                        "-U".into(),
                        "postgres".into(),
                        "-p".into(),
                        port.to_string(),
                    ]);
                }
            }
            DbEngine::Mysql => {
                r.env = env(&[
                    ("MYSQL_DATABASE", &db),
                    ("MYSQL_ALLOW_EMPTY_PASSWORD", "yes"),
                ]);
                r.data_path = Some("/var/lib/mysql");
                r.health = Some(owned(&["mysqladmin", "ping", "-h", "127.0.0.1"]));
                r.init_sql = Some("/docker-entrypoint-initdb.d");
                if port != 3306 {
                    r.command = Some(vec![format!("--port={port}")]);
                }
            }
            DbEngine::Mariadb => {
                r.env = env(&[
                    ("MARIADB_DATABASE", &db),
                    ("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1"),
                ]);
                r.data_path = Some("/var/lib/mysql");
                r.health = Some(owned(&[
                    "healthcheck.sh",
                    "--connect",
                    "--innodb_initialized",
                ]));
                r.init_sql = Some("/docker-entrypoint-initdb.d");
                if port != 3306 {
                    r.command = Some(vec![format!("--port={port}")]);
                }
            }
            DbEngine::Mongodb => {
                r.env = env(&[("MONGO_INITDB_DATABASE", &db)]);
                r.data_path = Some("/data/db");
                r.health = Some(owned(&[
                    "mongosh",
                    "--quiet",
                    "--eval",
                    "db.adminCommand('ping')",
                ]));
                if port != 27017 {
                    r.command = Some(vec!["mongod".into(), "--port".into(), port.to_string()]);
                }
            }
            DbEngine::Sqlite => return None,
        },
        Spec::Queue(q) => match q.engine {
            QueueEngine::Kafka => {
                r.env = vec![
                    ("KAFKA_NODE_ID".into(), "1".into()),
                    ("KAFKA_PROCESS_ROLES".into(), "broker,controller".into()),
                    (
                        "KAFKA_LISTENERS".into(),
                        format!("PLAINTEXT://:{port},CONTROLLER://:9093"),
                    ),
                    (
                        "KAFKA_ADVERTISED_LISTENERS".into(),
                        format!("PLAINTEXT://{host}:{port}"),
                    ),
                    (
                        "KAFKA_CONTROLLER_LISTENER_NAMES".into(),
                        "CONTROLLER".into(),
                    ),
                    (
                        "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP".into(),
                        "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT".into(),
                    ),
                    (
                        "KAFKA_CONTROLLER_QUORUM_VOTERS".into(),
                        "1@localhost:9093".into(),
                    ),
                    ("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR".into(), "1".into()),
                ];
                r.data_path = Some("/var/lib/kafka/data");
                r.health = Some(vec![
                    "/opt/kafka/bin/kafka-broker-api-versions.sh".into(),
                    "--bootstrap-server".into(),
                    format!("localhost:{port}"),
                ]);
            }
            QueueEngine::Rabbitmq => {
                if port != 5672 {
                    r.env = env(&[("RABBITMQ_NODE_PORT", &port.to_string())]);
                }
                r.data_path = Some("/var/lib/rabbitmq");
                r.health = Some(owned(&["rabbitmq-diagnostics", "-q", "ping"]));
            }
            QueueEngine::Sqs => {}
            QueueEngine::Nats => {
                r.command = Some(vec!["-js".into(), "-p".into(), port.to_string()]);
            }
            QueueEngine::RedisStreams => {
                r.data_path = Some("/data");
                r.health = Some(owned(&["redis-cli", "ping"]));
                r.command = Some(vec![
                    "redis-server".into(),
                    "--port".into(),
                    port.to_string(),
                    "--appendonly".into(),
                    "yes".into(),
                ]);
            }
        },
        Spec::Cache(cache) => match cache.engine {
            CacheEngine::Redis => {
                r.health = Some(vec![
                    "redis-cli".into(),
                    "-p".into(),
                    port.to_string(),
                    "ping".into(),
                ]);
                r.command = Some(vec![
                    "redis-server".into(),
                    "--port".into(),
                    port.to_string(),
                ]);
            }
            CacheEngine::Memcached => {
                r.command = Some(vec!["memcached".into(), "-p".into(), port.to_string()]);
            }
        },
        Spec::Storage(s) => match s.engine {
            StorageEngine::S3 | StorageEngine::Minio => {
                r.data_path = Some("/data");
                r.command = Some(vec![
                    "server".into(),
                    "/data".into(),
                    "--address".into(),
                    format!(":{port}"),
                ]);
                r.health = Some(owned(&["mc", "ready", "local"]));
            }
            StorageEngine::Gcs => {
                r.data_path = Some("/storage");
                r.command = Some(vec![
                    "-scheme".into(),
                    "http".into(),
                    "-port".into(),
                    port.to_string(),
                ]);
            }
            StorageEngine::AzureBlob => {
                r.data_path = Some("/data");
                r.command = Some(vec![
                    "azurite-blob".into(),
                    "--blobHost".into(),
                    "0.0.0.0".into(),
                    "--blobPort".into(),
                    port.to_string(),
                    "--location".into(),
                    "/data".into(),
                ]);
            }
        },
        _ => return None,
    }
    Some(r)
}
