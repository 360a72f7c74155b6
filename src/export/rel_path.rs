//! Relative paths of generated files, checked once so nothing can leave the export folder.

use std::fmt;
use std::path::{Path, PathBuf};

use super::names::file::is_windows_reserved;

/// Longest relative path accepted, in bytes (Windows' classic limit leaves room for the
/// export folder itself).
pub const MAX_PATH: usize = 200;
/// Longest single name accepted, in bytes.
pub const MAX_NAME: usize = 100;

/// A path inside the export folder: `/`-separated names of ASCII letters, digits, `-`, `_`
/// and `.`; never empty, absolute, `.` or `..`; no Windows device names; short enough for
/// every common file system.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelPath(String);

/// Why a path was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// Empty path or an empty name between two slashes.
    #[error("`{0}`: empty path or empty name in it")]
    Empty(String),
    /// A leading `/` or a drive-like name.
    #[error("`{0}`: absolute paths are not allowed; paths are relative to the export folder")]
    Absolute(String),
    /// `.` or `..`.
    #[error("`{0}`: `.` and `..` are not allowed")]
    Dots(String),
    /// A character outside the safe set.
    #[error("`{path}`: the character {ch:?} is not allowed in generated file names")]
    BadChar {
        /// The refused path.
        path: String,
        /// The first offending character.
        ch: char,
    },
    /// A reserved device name such as `CON`.
    #[error("`{0}`: `{1}` is a reserved device name on Windows")]
    Reserved(String, String),
    /// Too long.
    #[error("`{0}`: too long (at most {MAX_PATH} bytes in all and {MAX_NAME} per name)")]
    TooLong(String),
}

impl RelPath {
    /// Checks `path` and makes a relative path of it.
    pub fn new(path: &str) -> Result<Self, PathError> {
        let own = || path.to_owned();
        if path.is_empty() {
            return Err(PathError::Empty(own()));
        }
        if path.starts_with('/') || path.starts_with('\\') || path.contains(':') {
            return Err(PathError::Absolute(own()));
        }
        if path.len() > MAX_PATH {
            return Err(PathError::TooLong(own()));
        }
        for name in path.split('/') {
            if name.is_empty() {
                return Err(PathError::Empty(own()));
            }
            if name == "." || name == ".." {
                return Err(PathError::Dots(own()));
            }
            if name.len() > MAX_NAME {
                return Err(PathError::TooLong(own()));
            }
            if let Some(ch) = name
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
            {
                return Err(PathError::BadChar { path: own(), ch });
            }
            if name.ends_with('.') {
                return Err(PathError::Dots(own()));
            }
            if is_windows_reserved(name) {
                return Err(PathError::Reserved(own(), name.to_owned()));
            }
        }
        Ok(Self(path.to_owned()))
    }

    /// The path as text, `/`-separated.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The names in the path, outermost first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.split('/')
    }

    /// The path below `root`.
    pub fn under(&self, root: &Path) -> PathBuf {
        let mut out = root.to_path_buf();
        for name in self.names() {
            out.push(name);
        }
        out
    }

    /// The key under which case-insensitive file systems see this path.
    pub fn folded(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl fmt::Display for RelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_paths() {
        for ok in [
            "README.md",
            "services/orders/src/main.rs",
            ".github/workflows/orders.yml",
            "a/b",
        ] {
            assert_eq!(RelPath::new(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn refuses_escapes_and_oddities() {
        assert!(matches!(RelPath::new("../../x"), Err(PathError::Dots(_))));
        assert!(matches!(RelPath::new("a/../../x"), Err(PathError::Dots(_))));
        assert!(matches!(RelPath::new("/abs"), Err(PathError::Absolute(_))));
        assert!(matches!(RelPath::new("C:/x"), Err(PathError::Absolute(_))));
        assert!(matches!(RelPath::new("\\x"), Err(PathError::Absolute(_))));
        assert!(matches!(RelPath::new(""), Err(PathError::Empty(_))));
        assert!(matches!(RelPath::new("a//b"), Err(PathError::Empty(_))));
        assert!(matches!(RelPath::new("a/"), Err(PathError::Empty(_))));
        assert!(matches!(RelPath::new("CON"), Err(PathError::Reserved(..))));
        assert!(matches!(
            RelPath::new("x/nul.txt"),
            Err(PathError::Reserved(..))
        ));
        assert!(matches!(
            RelPath::new("a\\b"),
            Err(PathError::BadChar { ch: '\\', .. })
        ));
        assert!(matches!(
            RelPath::new("a b"),
            Err(PathError::BadChar { ch: ' ', .. })
        ));
        assert!(matches!(RelPath::new("x."), Err(PathError::Dots(_))));
        assert!(matches!(
            RelPath::new(&"a".repeat(300)),
            Err(PathError::TooLong(_))
        ));
    }
}
