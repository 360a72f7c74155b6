//! The technology catalogue: what exports need to know about each language and engine.
//!
//! One table, read by code export (default framework, port), docker-compose and Kubernetes
//! (official image) and the canvas (display name). Adding an engine means adding one row here.

use super::spec::{CacheEngine, DbEngine, Language, QueueEngine, StorageEngine};

/// A language or engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Technology {
    /// A service or worker language.
    Language(Language),
    /// A database engine.
    Database(DbEngine),
    /// A message broker.
    Queue(QueueEngine),
    /// A cache engine.
    Cache(CacheEngine),
    /// An object store.
    Storage(StorageEngine),
}

/// What the catalogue knows about one technology.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TechInfo {
    /// Name for people (`PostgreSQL`).
    pub display_name: &'static str,
    /// Port it listens on unless told otherwise.
    pub default_port: Option<u16>,
    /// Official container image (to run an engine, or to build a language's services).
    pub image: Option<&'static str>,
    /// Framework generated services use by default (languages only).
    pub default_framework: Option<&'static str>,
}

const fn tech(
    display_name: &'static str,
    default_port: Option<u16>,
    image: Option<&'static str>,
    default_framework: Option<&'static str>,
) -> TechInfo {
    TechInfo {
        display_name,
        default_port,
        image,
        default_framework,
    }
}

impl Technology {
    /// Every technology in the catalogue.
    pub fn all() -> impl Iterator<Item = Technology> {
        Language::ALL
            .into_iter()
            .map(Technology::Language)
            .chain(DbEngine::ALL.into_iter().map(Technology::Database))
            .chain(QueueEngine::ALL.into_iter().map(Technology::Queue))
            .chain(CacheEngine::ALL.into_iter().map(Technology::Cache))
            .chain(StorageEngine::ALL.into_iter().map(Technology::Storage))
    }

    /// Its catalogue entry.
    pub fn info(self) -> TechInfo {
        use Technology as T;
        match self {
            T::Language(Language::Rust) => {
                tech("Rust", Some(8080), Some("rust:1.95"), Some("axum"))
            }
            T::Language(Language::TypeScript) => {
                tech("TypeScript", Some(3000), Some("node:20"), Some("fastify"))
            }
            T::Language(Language::Python) => tech(
                "Python",
                Some(8000),
                Some("python:3.11-slim"),
                Some("fastapi"),
            ),
            T::Language(Language::Go) => {
                tech("Go", Some(8080), Some("golang:1.22"), Some("net/http"))
            }
            T::Database(DbEngine::Postgres) => {
                tech("PostgreSQL", Some(5432), Some("postgres:16"), None)
            }
            T::Database(DbEngine::Mysql) => tech("MySQL", Some(3306), Some("mysql:8.4"), None),
            T::Database(DbEngine::Mariadb) => tech("MariaDB", Some(3306), Some("mariadb:11"), None),
            T::Database(DbEngine::Mongodb) => tech("MongoDB", Some(27017), Some("mongo:7"), None),
            T::Database(DbEngine::Sqlite) => tech("SQLite", None, None, None),
            T::Queue(QueueEngine::Kafka) => {
                tech("Kafka", Some(9092), Some("apache/kafka:3.8.0"), None)
            }
            T::Queue(QueueEngine::Rabbitmq) => {
                tech("RabbitMQ", Some(5672), Some("rabbitmq:3-management"), None)
            }
            T::Queue(QueueEngine::Sqs) => tech(
                "Amazon SQS",
                Some(9324),
                Some("softwaremill/elasticmq-native"),
                None,
            ),
            T::Queue(QueueEngine::Nats) => tech("NATS", Some(4222), Some("nats:2"), None),
            T::Queue(QueueEngine::RedisStreams) => {
                tech("Redis Streams", Some(6379), Some("redis:7"), None)
            }
            T::Cache(CacheEngine::Redis) => tech("Redis", Some(6379), Some("redis:7"), None),
            T::Cache(CacheEngine::Memcached) => {
                tech("Memcached", Some(11211), Some("memcached:1.6"), None)
            }
            T::Storage(StorageEngine::S3) => {
                tech("Amazon S3", Some(9000), Some("minio/minio"), None)
            }
            T::Storage(StorageEngine::Gcs) => tech(
                "Google Cloud Storage",
                Some(4443),
                Some("fsouza/fake-gcs-server"),
                None,
            ),
            T::Storage(StorageEngine::AzureBlob) => tech(
                "Azure Blob Storage",
                Some(10000),
                Some("mcr.microsoft.com/azure-storage/azurite"),
                None,
            ),
            T::Storage(StorageEngine::Minio) => {
                tech("MinIO", Some(9000), Some("minio/minio"), None)
            }
        }
    }
}

macro_rules! info_shortcut {
    ($($ty:ident => $variant:ident),*) => {$(
        impl $ty {
            /// Its technology catalogue entry.
            pub fn info(self) -> TechInfo {
                Technology::$variant(self).info()
            }
        }
    )*};
}

info_shortcut!(
    Language => Language,
    DbEngine => Database,
    QueueEngine => Queue,
    CacheEngine => Cache,
    StorageEngine => Storage
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_a_framework_port_and_image() {
        for lang in Language::ALL {
            let info = Technology::Language(lang).info();
            assert!(info.default_framework.is_some(), "{lang:?}");
            assert!(info.default_port.is_some(), "{lang:?}");
            assert!(info.image.is_some(), "{lang:?}");
        }
    }

    #[test]
    fn every_server_engine_has_an_image_and_port() {
        for t in Technology::all() {
            let info = t.info();
            assert!(!info.display_name.is_empty());
            if t != Technology::Database(DbEngine::Sqlite) {
                assert!(info.image.is_some_and(|i| !i.is_empty()), "{t:?}");
                assert!(info.default_port.is_some_and(|p| p > 0), "{t:?}");
            }
        }
    }
}
