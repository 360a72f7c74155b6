//! What can go wrong reading or writing a model file, said so a person can act on it.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// A line and column in a file, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column (in characters), from 1.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why a file could not be loaded. The file itself is never touched by a failed load.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The file is larger than any model should be.
    #[error(
        "{path}: the file is {size} bytes, over the limit of {limit} bytes; \
         is it really an ArchCanvas model?"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The text is not a model: a syntax error, a wrong type, an unknown kind, a duplicate
    /// id, a NaN coordinate…
    #[error("{}{at}: {message}", origin(path))]
    Invalid {
        /// The file, if the text came from one.
        path: Option<PathBuf>,
        /// Where in the text.
        at: Position,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The file was written by a newer ArchCanvas.
    #[error(
        "{}{at}: this file uses format {found}, but this ArchCanvas reads formats up to \
         {supported}; open it with a newer ArchCanvas (nothing was changed)",
        origin(path)
    )]
    NewerFormat {
        /// The file, if the text came from one.
        path: Option<PathBuf>,
        /// Where the version number is.
        at: Position,
        /// The version in the file.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
}

fn origin(path: &Option<PathBuf>) -> String {
    match path {
        Some(p) => format!("{}:", p.display()),
        None => String::new(),
    }
}

impl LoadError {
    /// Where in the text the problem is, when it is about the text.
    pub fn position(&self) -> Option<Position> {
        match self {
            LoadError::Invalid { at, .. } | LoadError::NewerFormat { at, .. } => Some(*at),
            LoadError::Io { .. } | LoadError::TooLarge { .. } => None,
        }
    }

    /// The same error, naming `path` as its file.
    pub fn in_file(self, file: impl Into<PathBuf>) -> Self {
        let file = file.into();
        match self {
            LoadError::Invalid { at, message, .. } => LoadError::Invalid {
                path: Some(file),
                at,
                message,
            },
            LoadError::NewerFormat {
                at,
                found,
                supported,
                ..
            } => LoadError::NewerFormat {
                path: Some(file),
                at,
                found,
                supported,
            },
            other => other,
        }
    }
}

/// Why a model could not be saved. A failed save leaves the previous file as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The folder to save into does not exist.
    #[error("{path}: the folder {folder} does not exist; choose another place or create it")]
    MissingFolder {
        /// The target.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// The folder is marked read-only.
    #[error("{path}: the folder {folder} is read-only; save somewhere else or make it writable")]
    ReadOnlyFolder {
        /// The target.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// The existing file is marked read-only.
    #[error("{path}: the file is read-only; use Save As, or make it writable")]
    ReadOnlyFile {
        /// The target.
        path: PathBuf,
    },
    /// The model cannot be written in a form the loader would read back.
    #[error("the model cannot be saved: {0}")]
    Unwritable(String),
    /// The operating system refused a step of the save.
    #[error("{path}: could not save ({step}): {source}; the previous file is unchanged")]
    Io {
        /// The target.
        path: PathBuf,
        /// What was being done.
        step: &'static str,
        /// The cause.
        source: io::Error,
    },
}
