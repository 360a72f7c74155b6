//! Databases and the entities they store.

use serde::{Deserialize, Serialize};

use super::{is_one, one};
use crate::model::Schema;

/// A database engine.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum DbEngine {
    /// PostgreSQL.
    #[default]
    Postgres,
    /// MySQL.
    Mysql,
    /// MariaDB (MySQL dialect).
    Mariadb,
    /// MongoDB (documents).
    Mongodb,
    /// SQLite (embedded).
    Sqlite,
}

impl DbEngine {
    /// Every engine.
    pub const ALL: [DbEngine; 5] = [
        DbEngine::Postgres,
        DbEngine::Mysql,
        DbEngine::Mariadb,
        DbEngine::Mongodb,
        DbEngine::Sqlite,
    ];

    /// Whether it speaks SQL.
    pub fn is_sql(self) -> bool {
        !matches!(self, DbEngine::Mongodb)
    }
}

/// Properties of a database.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSpec {
    /// The engine.
    #[serde(default)]
    pub engine: DbEngine,
    /// Port; none means the engine's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Number of instances (primary plus replicas).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub replicas: u32,
    /// The tables or collections it stores.
    #[serde(
        default,
        deserialize_with = "crate::model::deserialize_unique_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub entities: Vec<Schema>,
}

impl Default for DatabaseSpec {
    fn default() -> Self {
        Self {
            engine: DbEngine::default(),
            port: None,
            replicas: 1,
            entities: Vec::new(),
        }
    }
}
