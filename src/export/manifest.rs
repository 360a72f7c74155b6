//! The manifest: which files the last export wrote, with the hash of what it wrote.
//!
//! It is what lets a re-export tell its own untouched files (rewrite freely) from files a
//! person has edited since (never overwrite without `--force`) and from files it never wrote
//! (never touch, never delete).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// File name of the manifest, at the top of the export folder.
pub const MANIFEST_NAME: &str = "archcanvas-manifest.json";

/// The manifest's content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// What wrote it (`archcanvas 0.1.0`).
    pub generator: String,
    /// Relative path → SHA-256 (hex) of the content written there.
    pub files: BTreeMap<String, String>,
}

impl Manifest {
    /// An empty manifest stamped with this build.
    pub fn new() -> Self {
        Self {
            generator: format!("archcanvas {}", env!("CARGO_PKG_VERSION")),
            files: BTreeMap::new(),
        }
    }

    /// Reads a manifest.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The manifest as pretty JSON with a final newline.
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// SHA-256 of `bytes` in lowercase hex.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut m = Manifest::new();
        m.files.insert("README.md".into(), hash(b"hello"));
        assert_eq!(Manifest::parse(&m.to_text()).unwrap(), m);
        assert_eq!(
            hash(b"hello"),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
    }
}
