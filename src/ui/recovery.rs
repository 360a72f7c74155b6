//! Autosave to a recovery file, and finding one after a crash.
//!
//! While there are unsaved changes, the app writes the model to a recovery folder a few
//! seconds after the last edit (atomically, like a save, but never next to the user's
//! file). A clean save, close or discard deletes it; a recovery file found at start means the
//! last session did not end cleanly, and the app offers to restore it. Each file has a
//! sidecar `.path` naming the model file it belongs to (empty for an untitled model).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::file::{SaveError, SaveOptions};
use crate::model::Architecture;

/// Seconds without edits before an autosave.
pub const AUTOSAVE_DELAY_SECS: f32 = 3.0;

/// A recovery file found at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The recovery file.
    pub file: PathBuf,
    /// The model file it belongs to, if any.
    pub original: Option<PathBuf>,
    /// When it was written.
    pub written: Option<SystemTime>,
}

/// The recovery file of the document at `original` (or of an untitled one).
pub fn file_for(dir: &Path, original: Option<&Path>) -> PathBuf {
    let name = match original {
        None => "untitled".to_owned(),
        Some(p) => {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            p.hash(&mut h);
            let stem = p
                .file_stem()
                .map(|s| crate::model::Id::slugify(&s.to_string_lossy(), "model").to_string())
                .unwrap_or_else(|| "model".into());
            format!("{stem}-{:016x}", h.finish())
        }
    };
    dir.join(format!("{name}.{}", crate::file::EXTENSION))
}

fn sidecar(file: &Path) -> PathBuf {
    file.with_extension("path")
}

/// Writes the recovery file of a document.
pub fn write(dir: &Path, original: Option<&Path>, arch: &Architecture) -> Result<(), SaveError> {
    std::fs::create_dir_all(dir).map_err(|source| SaveError::Io {
        path: dir.to_owned(),
        step: "creating the recovery folder",
        source,
    })?;
    let file = file_for(dir, original);
    let path_text = original
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::file::write_atomic(
        &sidecar(&file),
        path_text.as_bytes(),
        SaveOptions { backup: false },
    )?;
    crate::file::save(&file, arch, SaveOptions { backup: false })
}

/// Deletes the recovery file of a document (after a save or a discard).
pub fn remove(dir: &Path, original: Option<&Path>) {
    let file = file_for(dir, original);
    let _ = std::fs::remove_file(sidecar(&file));
    let _ = std::fs::remove_file(file);
}

/// Deletes a found recovery file.
pub fn discard(found: &Found) {
    let _ = std::fs::remove_file(sidecar(&found.file));
    let _ = std::fs::remove_file(&found.file);
}

/// The recovery files in `dir`, newest first.
pub fn find(dir: &Path) -> Vec<Found> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<Found> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == crate::file::EXTENSION))
        .map(|file| {
            let original = std::fs::read_to_string(sidecar(&file))
                .ok()
                .filter(|s| !s.trim().is_empty())
                .map(|s| PathBuf::from(s.trim()));
            let written = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
            Found {
                file,
                original,
                written,
            }
        })
        .collect();
    found.sort_by(|a, b| b.written.cmp(&a.written).then(a.file.cmp(&b.file)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_find_remove() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("shop.ron");
        let arch = Architecture::new("x");
        write(dir.path(), Some(&original), &arch).unwrap();
        let found = find(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].original.as_deref(), Some(original.as_path()));
        assert_eq!(crate::file::load(&found[0].file).unwrap(), arch);
        remove(dir.path(), Some(&original));
        assert!(find(dir.path()).is_empty());
    }
}
