//! Reading an older version of the open file from git (`git show REV:./FILE`, run in the
//! file's folder), for File → Compare with… → Git revision.
//!
//! Git itself resolves the revision (`HEAD~1`, a branch, a tag, a commit), so every form git
//! accepts works; its refusals are turned into messages that say what to do.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::model::Architecture;

/// Why a revision of the open file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// The model was never saved, so there is no file to look up.
    #[error("the model is not saved in a file yet; save it inside a git repository first")]
    Unsaved,
    /// The revision text is empty or could be taken for an option.
    #[error("`{0}` is not a revision; write one like HEAD~1, main or a commit hash")]
    BadRevision(String),
    /// `git` could not be started.
    #[error("could not run git ({0}); is git installed and on the PATH?")]
    NoGit(std::io::Error),
    /// The file's folder is not in a git repository.
    #[error("{} is not in a git repository, so there are no revisions to compare with", .0.display())]
    NotARepository(PathBuf),
    /// Git does not know the revision.
    #[error("git does not know the revision `{0}`; check the name with `git log --oneline`")]
    UnknownRevision(String),
    /// The revision does not have the file.
    #[error("{file} does not exist in revision `{rev}` (added later, or renamed?)")]
    NotInRevision {
        /// The file's name.
        file: String,
        /// The revision asked for.
        rev: String,
    },
    /// Some other refusal, with git's own words.
    #[error("git show {rev} failed: {message}")]
    Other {
        /// The revision asked for.
        rev: String,
        /// What git said.
        message: String,
    },
    /// The revision's file is not a model this version can read.
    #[error("the file in revision `{rev}` does not load: {source}")]
    Load {
        /// The revision asked for.
        rev: String,
        /// Why.
        source: crate::file::LoadError,
    },
}

/// The model in `path` as it was in revision `rev`.
pub fn read(path: Option<&Path>, rev: &str) -> Result<Architecture, GitError> {
    let Some(path) = path else {
        return Err(GitError::Unsaved);
    };
    let rev = rev.trim();
    if rev.is_empty() || rev.starts_with('-') || rev.contains(':') {
        return Err(GitError::BadRevision(rev.to_owned()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let output = Command::new("git")
        .arg("show")
        .arg(format!("{rev}:./{file}"))
        .current_dir(&dir)
        .output()
        .map_err(GitError::NoGit)?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        let lower = message.to_lowercase();
        return Err(if lower.contains("not a git repository") {
            GitError::NotARepository(dir)
        } else if lower.contains("does not exist in")
            || lower.contains("exists on disk, but not in")
        {
            GitError::NotInRevision {
                file,
                rev: rev.to_owned(),
            }
        } else if lower.contains("invalid object name")
            || lower.contains("unknown revision")
            || lower.contains("bad revision")
            || lower.contains("ambiguous argument")
        {
            GitError::UnknownRevision(rev.to_owned())
        } else {
            GitError::Other {
                rev: rev.to_owned(),
                message,
            }
        });
    }
    let text = String::from_utf8_lossy(&output.stdout);
    crate::file::parse(&text).map_err(|source| GitError::Load {
        rev: rev.to_owned(),
        source,
    })
}
