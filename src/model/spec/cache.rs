//! Caches.

use serde::{Deserialize, Serialize};

use super::{is_one, one};

/// A cache engine.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum CacheEngine {
    /// Redis.
    #[default]
    Redis,
    /// Memcached.
    Memcached,
}

impl CacheEngine {
    /// Every engine.
    pub const ALL: [CacheEngine; 2] = [CacheEngine::Redis, CacheEngine::Memcached];
}

/// Properties of a cache.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheSpec {
    /// The engine.
    #[serde(default)]
    pub engine: CacheEngine,
    /// Default time to live of entries, in seconds; none means no expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_seconds: Option<u32>,
    /// Port; none means the engine's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Number of nodes.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub replicas: u32,
}

impl Default for CacheSpec {
    fn default() -> Self {
        Self {
            engine: CacheEngine::default(),
            ttl_seconds: None,
            port: None,
            replicas: 1,
        }
    }
}
