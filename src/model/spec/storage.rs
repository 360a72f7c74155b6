//! Object and blob storage.

use serde::{Deserialize, Serialize};

/// An object store.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum StorageEngine {
    /// Amazon S3 or any S3-compatible store.
    #[default]
    S3,
    /// Google Cloud Storage.
    Gcs,
    /// Azure Blob Storage.
    AzureBlob,
    /// MinIO, self-hosted and S3-compatible.
    Minio,
}

impl StorageEngine {
    /// Every engine.
    pub const ALL: [StorageEngine; 4] = [
        StorageEngine::S3,
        StorageEngine::Gcs,
        StorageEngine::AzureBlob,
        StorageEngine::Minio,
    ];
}

/// Properties of an object store.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSpec {
    /// The engine.
    #[serde(default)]
    pub engine: StorageEngine,
    /// Port, when self-hosted; none means the engine's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Buckets or containers it holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buckets: Vec<String>,
}
