//! Replacing a file so that a crash leaves either the old or the new version, never half.
//!
//! The bytes go to a temporary file in the same folder (so the rename cannot cross file
//! systems), which is flushed to disk and renamed over the target; then the folder itself is
//! flushed so the rename survives a power cut. A symlinked target is resolved first, so the
//! link stays a link and its target gets the new content.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::SaveError;

/// How [`write_atomic`] treats the file it replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveOptions {
    /// Keep the previous content as `FILE.bak`.
    pub backup: bool,
}

impl Default for SaveOptions {
    fn default() -> Self {
        Self { backup: true }
    }
}

/// Writes `bytes` to `path` atomically. On any error the target is unchanged and no
/// temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8], options: SaveOptions) -> Result<(), SaveError> {
    write_atomic_with(
        path,
        bytes,
        options,
        |file, bytes| file.write_all(bytes),
        || Ok(()),
    )
}

/// [`write_atomic`] with the step that writes the temporary file given by the caller (so
/// tests can make it fail half-way), and a last check that runs after the temporary file is
/// on disk and before it replaces the target (saving checks there that the text loads back,
/// while the disk was busy).
pub(crate) fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    options: SaveOptions,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    before_commit: impl FnOnce() -> Result<(), SaveError>,
) -> Result<(), SaveError> {
    let target = resolve(path);
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let err = |step, source| SaveError::Io {
        path: path.to_owned(),
        step,
        source,
    };

    match fs::metadata(&folder) {
        Ok(m) if m.is_dir() => {
            if m.permissions().readonly() {
                return Err(SaveError::ReadOnlyFolder {
                    path: path.to_owned(),
                    folder,
                });
            }
        }
        Ok(_) | Err(_) => {
            return Err(SaveError::MissingFolder {
                path: path.to_owned(),
                folder,
            });
        }
    }
    let existing = fs::metadata(&target).ok();
    if let Some(m) = &existing {
        if m.is_dir() {
            return Err(err(
                "the target is a folder",
                io::Error::other("is a directory"),
            ));
        }
        if m.permissions().readonly() {
            return Err(SaveError::ReadOnlyFile {
                path: path.to_owned(),
            });
        }
    }

    let temp = temp_path(&folder, &target);
    let mut file = File::options()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(|e| err("creating a temporary file", e))?;
    let written = write(&mut file, bytes)
        .and_then(|()| file.flush())
        .map_err(|e| err("writing the temporary file", e))
        .and_then(|()| {
            if let Some(m) = &existing {
                fs::set_permissions(&temp, m.permissions())
                    .map_err(|e| err("copying the file's permissions", e))?;
            }
            file.sync_all()
                .map_err(|e| err("flushing the temporary file to disk", e))
        })
        .and_then(|()| verify(&temp, bytes).map_err(|e| err("reading back the temporary file", e)));
    drop(file);
    if let Err(e) = written.and_then(|()| before_commit()) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }

    if options.backup
        && existing.is_some()
        && let Err(e) = backup(&target)
    {
        let _ = fs::remove_file(&temp);
        return Err(err("keeping the previous version as .bak", e));
    }
    if let Err(e) = fs::rename(&temp, &target) {
        let _ = fs::remove_file(&temp);
        return Err(err("replacing the file", e));
    }
    sync_folder(&folder).map_err(|e| err("flushing the folder to disk", e))
}

/// Follows symlinks so that saving through a link writes the linked file.
fn resolve(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    for _ in 0..40 {
        match fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            Err(_) => return current,
        }
    }
    current
}

fn temp_path(folder: &Path, target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    folder.join(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// Checks that the temporary file holds exactly `bytes` before it replaces anything.
fn verify(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    let read = fs::read(temp)?;
    if read == bytes {
        Ok(())
    } else {
        Err(io::Error::other(
            "the file on disk differs from what was written",
        ))
    }
}

/// `FILE.bak` gets the current content of `target`: a hard link when the file system allows
/// (instant, and the old bytes stay exactly as they were), a copy otherwise.
fn backup(target: &Path) -> io::Result<()> {
    let mut bak = target.as_os_str().to_owned();
    bak.push(".bak");
    let bak = PathBuf::from(bak);
    let mut staging = bak.as_os_str().to_owned();
    staging.push(".tmp");
    let staging = PathBuf::from(staging);
    let _ = fs::remove_file(&staging);
    if fs::hard_link(target, &staging).is_err() {
        fs::copy(target, &staging)?;
    }
    fs::rename(&staging, &bak)
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new", SaveOptions::default()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(dir.path().join("m.ron.bak")).unwrap(),
            "old"
        );
        write_atomic(&path, b"newer", SaveOptions::default()).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("m.ron.bak")).unwrap(),
            "new"
        );
        assert_eq!(leftovers(dir.path()), ["m.ron", "m.ron.bak"]);
    }

    #[test]
    fn a_failing_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, "the old content").unwrap();
        let result = write_atomic_with(
            &path,
            b"the new content",
            SaveOptions::default(),
            |f, b| {
                f.write_all(&b[..4])?;
                Err(io::Error::other("disk unplugged"))
            },
            || Ok(()),
        );
        let e = result.unwrap_err();
        assert!(e.to_string().contains("disk unplugged"), "{e}");
        assert!(e.to_string().contains("previous file is unchanged"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "the old content");
        assert_eq!(leftovers(dir.path()), ["m.ron"]);
    }

    #[test]
    fn a_short_write_is_caught_by_the_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, "old").unwrap();
        // A writer that claims success but drops bytes.
        let result = write_atomic_with(
            &path,
            b"abcdef",
            SaveOptions::default(),
            |f, b| f.write_all(&b[..3]),
            || Ok(()),
        );
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(leftovers(dir.path()), ["m.ron"]);
    }

    #[test]
    fn a_failed_last_check_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, "old").unwrap();
        let result = write_atomic_with(
            &path,
            b"new",
            SaveOptions::default(),
            |f, b| f.write_all(b),
            || Err(SaveError::Unwritable("would not load back".into())),
        );
        assert!(matches!(result, Err(SaveError::Unwritable(_))));
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(leftovers(dir.path()), ["m.ron"]);
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        write_atomic(&link, b"new", SaveOptions { backup: false }).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn a_missing_folder_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("m.ron");
        let e = write_atomic(&path, b"x", SaveOptions::default()).unwrap_err();
        assert!(matches!(e, SaveError::MissingFolder { .. }), "{e}");
        assert!(e.to_string().contains("does not exist"));
    }
}
