//! Writing a plan into a folder, safely.
//!
//! The rules, in the order they are applied to each planned file:
//!
//! 1. the path was checked when it was planned ([`RelPath`]); on disk, no folder on the way
//!    may be a symbolic link, so nothing is written outside the export folder;
//! 2. a missing file is created; a file whose content is already the planned one is left
//!    alone ("unchanged");
//! 3. a file the last export wrote (the manifest's hash matches what is on disk) is rewritten;
//! 4. any other existing file — edited by a person since, or never ours — is skipped and
//!    reported, unless `force` is set.
//!
//! Files the last export wrote that the new plan no longer has are removed if they are
//! unchanged, and kept (and reported) if a person edited them. Nothing else is ever deleted.
//! Each file is replaced by rename from a temporary file in the same folder, so a crash leaves
//! the old or the new content, never half; the manifest is written last.
//!
//! A write may be stopped between two files ([`write_plan_until`]): the manifest then records
//! the files handled so far with their new hashes and keeps the last export's entries for the
//! rest, so the next export still knows every file it wrote and finishes the job.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::manifest::{MANIFEST_NAME, Manifest, hash};
use super::plan::Plan;
use super::rel_path::RelPath;

/// How [`write_plan`] treats files a person has changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Overwrite files that were edited since the last export or that the export never wrote.
    pub force: bool,
}

/// What happened to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// It did not exist and was written.
    Created,
    /// It was ours and unchanged since, and got the new content.
    Updated,
    /// It already had the planned content.
    Unchanged,
    /// It was edited (or not ours) and was overwritten because of `force`.
    Overwritten,
    /// A person edited it since the last export; left alone.
    SkippedEdited,
    /// It exists but the export never wrote it; left alone.
    SkippedNotOurs,
    /// The last export wrote it, the new plan does not have it, and it was unchanged: removed.
    Removed,
    /// The last export wrote it, the new plan does not have it, but a person edited it: kept.
    KeptEdited,
}

impl Outcome {
    /// A word for people.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Overwritten => "overwritten",
            Outcome::SkippedEdited => "skipped (edited since the last export)",
            Outcome::SkippedNotOurs => "skipped (not written by archcanvas)",
            Outcome::Removed => "removed (no longer generated)",
            Outcome::KeptEdited => "kept (no longer generated, but edited)",
        }
    }

    /// Whether new content reached the disk.
    pub fn is_written(self) -> bool {
        matches!(
            self,
            Outcome::Created | Outcome::Updated | Outcome::Overwritten
        )
    }

    /// Whether the file was left alone because a person owns it.
    pub fn is_skipped(self) -> bool {
        matches!(self, Outcome::SkippedEdited | Outcome::SkippedNotOurs)
    }
}

/// One file's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    /// Path relative to the export folder.
    pub path: String,
    /// What happened.
    pub outcome: Outcome,
}

/// What a write did, file by file, sorted by path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Every planned file, and every stale file of the last export (only the files handled
    /// before the stop, if the write was stopped).
    pub files: Vec<FileReport>,
    /// Whether the write was stopped before the end of the plan ([`write_plan_until`]).
    pub stopped: bool,
}

impl WriteReport {
    /// Files whose new content reached the disk.
    pub fn written(&self) -> usize {
        self.files.iter().filter(|f| f.outcome.is_written()).count()
    }

    /// Files that already had the planned content.
    pub fn unchanged(&self) -> usize {
        self.count(Outcome::Unchanged)
    }

    /// Files left alone because a person owns them.
    pub fn skipped(&self) -> usize {
        self.files.iter().filter(|f| f.outcome.is_skipped()).count()
    }

    /// Files with this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.files.iter().filter(|f| f.outcome == outcome).count()
    }

    /// The outcome of the file at `path`.
    pub fn outcome_of(&self, path: &str) -> Option<Outcome> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.outcome)
    }
}

/// Progress, reported after each file.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    /// Files handled so far.
    pub done: usize,
    /// Files in the plan.
    pub total: usize,
    /// The file just handled.
    pub path: &'a str,
}

/// Why a write stopped.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file system operation failed.
    #[error("{}: could not {step}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// What was being done.
        step: &'static str,
        /// The error.
        source: io::Error,
    },
    /// Writing would follow a link or replace a folder.
    #[error("{}: {why}; nothing was written there", path.display())]
    Unsafe {
        /// The path involved.
        path: PathBuf,
        /// Why it is unsafe.
        why: &'static str,
    },
    /// The manifest of the last export cannot be read.
    #[error(
        "{}: this export manifest cannot be read ({message}); fix it, or delete it to treat \
         every existing file as a person's (they will then be skipped unless --force)",
        path.display()
    )]
    BadManifest {
        /// The manifest's path.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
}

fn io_err<'a>(path: &'a Path, step: &'static str) -> impl FnOnce(io::Error) -> WriteError + 'a {
    move |source| WriteError::Io {
        path: path.to_owned(),
        step,
        source,
    }
}

/// Writes `plan` into `dir` (created if missing) by the rules in the module documentation,
/// calling `progress` after each file.
pub fn write_plan(
    plan: &Plan,
    dir: &Path,
    options: WriteOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<WriteReport, WriteError> {
    write_plan_until(plan, dir, options, progress, &AtomicBool::new(false))
}

/// [`write_plan`], stopping before the next file once `stop` is set. A stopped write removes
/// no stale file and leaves the files it did not reach as they were; its manifest keeps the
/// last export's entries for those, so exporting again finishes the job
/// ([`WriteReport::stopped`] says it stopped).
pub fn write_plan_until(
    plan: &Plan,
    dir: &Path,
    options: WriteOptions,
    progress: &mut dyn FnMut(Progress<'_>),
    stop: &AtomicBool,
) -> Result<WriteReport, WriteError> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() || m.is_dir() => {
            // A link as the export folder itself is the user's choice; links inside are not.
            if !fs::metadata(dir).map(|m| m.is_dir()).unwrap_or(false) {
                return Err(WriteError::Unsafe {
                    path: dir.to_owned(),
                    why: "the export target is not a folder",
                });
            }
        }
        Ok(_) => {
            return Err(WriteError::Unsafe {
                path: dir.to_owned(),
                why: "the export target is a file, not a folder",
            });
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(io_err(dir, "create the export folder"))?;
        }
        Err(e) => return Err(io_err(dir, "inspect the export folder")(e)),
    }

    let manifest_path = dir.join(MANIFEST_NAME);
    let old = read_manifest(&manifest_path)?;
    let mut new = Manifest::new();
    let mut report = WriteReport::default();
    let total = plan.len();
    // Folders already checked (or made) in this run: each is looked at once, not per file.
    let mut checked: HashSet<String> = HashSet::new();

    for (done, file) in plan.files().enumerate() {
        if stop.load(Ordering::Relaxed) {
            report.stopped = true;
            break;
        }
        let target = prepare(dir, &file.path, &mut checked)?;
        let bytes = file.contents.as_bytes();
        let planned_hash = hash(bytes);
        let key = file.path.as_str().to_owned();
        let outcome = match read_existing(&target)? {
            Existing::Missing => {
                replace(&target, bytes)?;
                Outcome::Created
            }
            Existing::File(current) if current == bytes => Outcome::Unchanged,
            existing => {
                let ours = match (&existing, old.files.get(&key)) {
                    (Existing::File(current), Some(h)) => hash(current) == *h,
                    _ => false,
                };
                if ours {
                    replace(&target, bytes)?;
                    Outcome::Updated
                } else if options.force {
                    replace(&target, bytes)?;
                    Outcome::Overwritten
                } else if old.files.contains_key(&key) {
                    Outcome::SkippedEdited
                } else {
                    Outcome::SkippedNotOurs
                }
            }
        };
        match outcome {
            Outcome::SkippedEdited => {
                // Keep the old hash: the file stays "edited" until a person or --force decides.
                if let Some(h) = old.files.get(&key) {
                    new.files.insert(key.clone(), h.clone());
                }
            }
            Outcome::SkippedNotOurs => {}
            _ => {
                new.files.insert(key.clone(), planned_hash);
            }
        }
        report.files.push(FileReport { path: key, outcome });
        progress(Progress {
            done: done + 1,
            total,
            path: file.path.as_str(),
        });
    }

    for (stale, old_hash) in &old.files {
        if new.files.contains_key(stale) {
            continue;
        }
        if report.stopped {
            // Not reached, or no longer planned: either way still ours, as the last export
            // left it; the next export decides.
            new.files.insert(stale.clone(), old_hash.clone());
            continue;
        }
        if plan.get(stale).is_some() {
            continue;
        }
        let Ok(path) = RelPath::new(stale) else {
            continue; // a hand-edited manifest naming an unsafe path: never act on it
        };
        let target = prepare(dir, &path, &mut checked)?;
        let outcome = match read_existing(&target)? {
            Existing::Missing => continue,
            Existing::File(current) if hash(&current) == *old_hash => {
                fs::remove_file(&target).map_err(io_err(&target, "remove a stale file"))?;
                Outcome::Removed
            }
            _ => Outcome::KeptEdited,
        };
        report.files.push(FileReport {
            path: stale.clone(),
            outcome,
        });
    }
    report.files.sort_by(|a, b| a.path.cmp(&b.path));

    replace(&manifest_path, new.to_text().as_bytes())?;
    if let Ok(f) = File::open(&manifest_path) {
        let _ = f.sync_all();
    }
    Ok(report)
}

fn read_manifest(path: &Path) -> Result<Manifest, WriteError> {
    match fs::read_to_string(path) {
        Ok(text) => Manifest::parse(&text).map_err(|e| WriteError::BadManifest {
            path: path.to_owned(),
            message: e.to_string(),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Manifest::default()),
        Err(e) => Err(io_err(path, "read the export manifest")(e)),
    }
}

/// Makes the folders of `path` below `root`, refusing to pass through a link or a file.
/// Folders in `checked` were already found safe in this run.
fn prepare(
    root: &Path,
    path: &RelPath,
    checked: &mut HashSet<String>,
) -> Result<PathBuf, WriteError> {
    let mut at = root.to_path_buf();
    let names: Vec<&str> = path.names().collect();
    let Some((last, folders)) = names.split_last() else {
        return Err(WriteError::Unsafe {
            path: at,
            why: "empty path",
        });
    };
    let mut relative = String::new();
    for name in folders {
        at.push(name);
        if !relative.is_empty() {
            relative.push('/');
        }
        relative.push_str(name);
        if checked.contains(&relative) {
            continue;
        }
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(WriteError::Unsafe {
                    path: at,
                    why: "is a symbolic link; the export never writes through links",
                });
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(WriteError::Unsafe {
                    path: at,
                    why: "is a file where the export needs a folder",
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir(&at).map_err(io_err(&at, "create a folder"))?;
            }
            Err(e) => return Err(io_err(&at, "inspect a folder")(e)),
        }
        checked.insert(relative.clone());
    }
    at.push(last);
    Ok(at)
}

enum Existing {
    Missing,
    File(Vec<u8>),
    /// A link or something else that is not a regular file.
    Other,
}

fn read_existing(path: &Path) -> Result<Existing, WriteError> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Existing::Missing),
        Err(e) => Err(io_err(path, "inspect a file")(e)),
        Ok(m) if m.is_dir() => Err(WriteError::Unsafe {
            path: path.to_owned(),
            why: "is a folder where the export needs a file",
        }),
        Ok(m) if m.file_type().is_file() => fs::read(path)
            .map(Existing::File)
            .map_err(io_err(path, "read a file")),
        Ok(_) => Ok(Existing::Other),
    }
}

/// Replaces `path` with `bytes` through a temporary file and a rename (a link at `path` is
/// replaced, not followed).
fn replace(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut n = 0u32;
    let (tmp, mut file) = loop {
        let tmp = folder.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match File::options().write(true).create_new(true).open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(io_err(path, "create a temporary file")(e)),
        }
    };
    let result = file
        .write_all(bytes)
        .map_err(io_err(path, "write"))
        .and_then(|()| fs::rename(&tmp, path).map_err(io_err(path, "replace")));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(files: &[(&str, &str)]) -> Plan {
        let mut plan = Plan::new();
        for (path, contents) in files {
            plan.add(path, *contents, None).unwrap();
        }
        plan
    }

    fn write(plan: &Plan, dir: &Path, force: bool) -> WriteReport {
        write_plan(plan, dir, WriteOptions { force }, &mut |_| {}).unwrap()
    }

    #[test]
    fn first_export_creates_everything_and_a_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let mut seen = Vec::new();
        let p = plan(&[("a.txt", "A"), ("x/y/b.txt", "B")]);
        let report = write_plan(&p, dir.path(), WriteOptions::default(), &mut |pr| {
            seen.push((pr.done, pr.total, pr.path.to_owned()))
        })
        .unwrap();
        assert_eq!(report.written(), 2);
        assert_eq!(
            seen,
            [(1, 2, "a.txt".to_owned()), (2, 2, "x/y/b.txt".to_owned())]
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("x/y/b.txt")).unwrap(),
            "B"
        );
        let m =
            Manifest::parse(&fs::read_to_string(dir.path().join(MANIFEST_NAME)).unwrap()).unwrap();
        assert_eq!(m.files.get("a.txt"), Some(&hash(b"A")));
    }

    #[test]
    fn reexport_updates_own_files_and_skips_edited_ones() {
        let dir = tempfile::tempdir().unwrap();
        write(
            &plan(&[("a.txt", "A1"), ("b.txt", "B1"), ("c.txt", "C")]),
            dir.path(),
            false,
        );
        fs::write(dir.path().join("b.txt"), "B edited by hand").unwrap();
        fs::write(dir.path().join("mine.txt"), "a person's file").unwrap();

        let next = plan(&[("a.txt", "A2"), ("b.txt", "B2"), ("c.txt", "C")]);
        let report = write(&next, dir.path(), false);
        assert_eq!(report.outcome_of("a.txt"), Some(Outcome::Updated));
        assert_eq!(report.outcome_of("b.txt"), Some(Outcome::SkippedEdited));
        assert_eq!(report.outcome_of("c.txt"), Some(Outcome::Unchanged));
        assert_eq!(
            (report.written(), report.unchanged(), report.skipped()),
            (1, 1, 1)
        );
        assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), "A2");
        assert_eq!(
            fs::read_to_string(dir.path().join("b.txt")).unwrap(),
            "B edited by hand"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("mine.txt")).unwrap(),
            "a person's file"
        );

        // Still edited on the next run; --force overwrites it.
        let again = write(&next, dir.path(), false);
        assert_eq!(again.outcome_of("b.txt"), Some(Outcome::SkippedEdited));
        let forced = write(&next, dir.path(), true);
        assert_eq!(forced.outcome_of("b.txt"), Some(Outcome::Overwritten));
        assert_eq!(fs::read_to_string(dir.path().join("b.txt")).unwrap(), "B2");
        // And it is ours again afterwards.
        let after = write(
            &plan(&[("a.txt", "A2"), ("b.txt", "B3"), ("c.txt", "C")]),
            dir.path(),
            false,
        );
        assert_eq!(after.outcome_of("b.txt"), Some(Outcome::Updated));
    }

    #[test]
    fn a_stopped_write_keeps_the_rest_ours_and_the_next_export_finishes() {
        let dir = tempfile::tempdir().unwrap();
        let first = plan(&[
            ("a.txt", "A1"),
            ("b.txt", "B1"),
            ("c.txt", "C1"),
            ("d.txt", "D"),
        ]);
        write(&first, dir.path(), false);

        // Stop once two files are done; `d.txt` is no longer planned.
        let next = plan(&[("a.txt", "A2"), ("b.txt", "B2"), ("c.txt", "C2")]);
        let stop = AtomicBool::new(false);
        let report = write_plan_until(
            &next,
            dir.path(),
            WriteOptions::default(),
            &mut |p| stop.store(p.done == 2, Ordering::Relaxed),
            &stop,
        )
        .unwrap();
        assert!(report.stopped);
        assert_eq!(report.files.len(), 2, "only the files handled: {report:?}");
        let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!((read("a.txt"), read("b.txt")), ("A2".into(), "B2".into()));
        assert_eq!(read("c.txt"), "C1", "not reached: as it was");
        assert!(
            dir.path().join("d.txt").exists(),
            "a stopped write removes nothing"
        );
        let m = Manifest::parse(&read(MANIFEST_NAME)).unwrap();
        assert_eq!(m.files.get("a.txt"), Some(&hash(b"A2")));
        assert_eq!(m.files.get("c.txt"), Some(&hash(b"C1")), "still ours");
        assert_eq!(m.files.get("d.txt"), Some(&hash(b"D")), "still ours");

        // The next export treats the files not reached as its own and finishes the job.
        let again = write(&next, dir.path(), false);
        assert!(!again.stopped);
        assert_eq!(again.outcome_of("a.txt"), Some(Outcome::Unchanged));
        assert_eq!(again.outcome_of("c.txt"), Some(Outcome::Updated));
        assert_eq!(again.outcome_of("d.txt"), Some(Outcome::Removed));
        assert_eq!(read("c.txt"), "C2");
    }

    #[test]
    fn never_overwrites_a_file_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("README.md"), "my own readme").unwrap();
        let report = write(&plan(&[("README.md", "generated")]), dir.path(), false);
        assert_eq!(
            report.outcome_of("README.md"),
            Some(Outcome::SkippedNotOurs)
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("README.md")).unwrap(),
            "my own readme"
        );
        // Not claimed in the manifest either, so a later export still leaves it alone.
        let again = write(&plan(&[("README.md", "generated")]), dir.path(), false);
        assert_eq!(again.outcome_of("README.md"), Some(Outcome::SkippedNotOurs));
    }

    #[test]
    fn deletes_only_its_own_unchanged_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        write(
            &plan(&[("old.txt", "O"), ("edited.txt", "E"), ("keep.txt", "K")]),
            dir.path(),
            false,
        );
        fs::write(dir.path().join("edited.txt"), "E by hand").unwrap();
        fs::write(dir.path().join("other.txt"), "not ours").unwrap();
        let report = write(&plan(&[("keep.txt", "K")]), dir.path(), false);
        assert_eq!(report.outcome_of("old.txt"), Some(Outcome::Removed));
        assert_eq!(report.outcome_of("edited.txt"), Some(Outcome::KeptEdited));
        assert!(!dir.path().join("old.txt").exists());
        assert!(dir.path().join("edited.txt").exists());
        assert!(dir.path().join("other.txt").exists());
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("services")).unwrap();
        let err = write_plan(
            &plan(&[("services/x.txt", "X")]),
            dir.path(),
            WriteOptions { force: true },
            &mut |_| {},
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::Unsafe { .. }), "{err}");
        assert!(!outside.path().join("x.txt").exists());

        // A link in place of a file is replaced (with --force), its target untouched.
        let target = outside.path().join("target.txt");
        fs::write(&target, "precious").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("f.txt")).unwrap();
        let report = write(&plan(&[("f.txt", "F")]), dir.path(), false);
        assert_eq!(report.outcome_of("f.txt"), Some(Outcome::SkippedNotOurs));
        let report = write(&plan(&[("f.txt", "F")]), dir.path(), true);
        assert_eq!(report.outcome_of("f.txt"), Some(Outcome::Overwritten));
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
        assert_eq!(fs::read_to_string(dir.path().join("f.txt")).unwrap(), "F");
    }

    #[test]
    fn a_stale_manifest_entry_with_an_unsafe_path_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "V").unwrap();
        let mut m = Manifest::new();
        m.files.insert("../victim.txt".into(), hash(b"V"));
        let inner = dir.path().join("out");
        fs::create_dir(&inner).unwrap();
        fs::write(inner.join(MANIFEST_NAME), m.to_text()).unwrap();
        write(&plan(&[("a.txt", "A")]), &inner, false);
        assert!(victim.exists());
    }

    #[test]
    fn a_broken_manifest_stops_the_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(MANIFEST_NAME), "{ not json").unwrap();
        let err = write_plan(
            &plan(&[("a.txt", "A")]),
            dir.path(),
            WriteOptions::default(),
            &mut |_| {},
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::BadManifest { .. }));
        assert!(!dir.path().join("a.txt").exists());
    }

    #[test]
    fn a_file_as_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, "x").unwrap();
        let err = write_plan(
            &plan(&[("a.txt", "A")]),
            &file,
            WriteOptions::default(),
            &mut |_| {},
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::Unsafe { .. }));
    }
}
