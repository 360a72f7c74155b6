//! Model files: RON, versioned, canonical, saved atomically.
//!
//! - [`parse`] and [`load`] read any known format version (migrating older ones step by
//!   step) and refuse newer ones; every error names a line and column.
//! - [`to_canonical_string`] writes the one canonical text of a model: fixed field order,
//!   collections sorted by id, so loading and saving an unchanged file gives the same bytes.
//! - [`save`] replaces a file atomically and keeps the previous version as `FILE.bak`.

mod atomic;
mod error;
mod fast;
mod parallel;
mod scan;
mod v1;
mod v2;
mod version;
mod writer;

use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;

pub use atomic::{SaveOptions, write_atomic};
pub use error::{LoadError, Position, SaveError};
pub use version::position_at;

use crate::model::Architecture;

/// The format version this build writes.
pub const CURRENT_FORMAT: u32 = 2;

/// Files larger than this are refused before reading.
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// The extension model files use.
pub const EXTENSION: &str = "ron";

/// The RON settings every read and write uses, so that what is saved is what loads.
///
/// `implicit_some` lets people write `port: 8080` for an optional port, and
/// `unwrap_variant_newtypes` lets a kind read `Service(language: Rust)` instead of
/// `Service((language: Rust))`. The recursion limit stops a file of nested brackets from
/// overflowing the stack.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
        .with_recursion_limit(128)
}

/// What a load found besides the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadInfo {
    /// The format version the text was written in.
    pub format: u32,
}

impl LoadInfo {
    /// Whether the text was in an older format and was migrated.
    pub fn migrated(self) -> bool {
        self.format < CURRENT_FORMAT
    }
}

/// Reads a model from text in any format up to [`CURRENT_FORMAT`].
pub fn parse(text: &str) -> Result<Architecture, LoadError> {
    parse_with_info(text).map(|(arch, _)| arch)
}

/// Like [`parse`], also telling which format the text was in.
pub fn parse_with_info(text: &str) -> Result<(Architecture, LoadInfo), LoadError> {
    // Some editors on Windows start UTF-8 files with a byte-order mark; it carries no meaning.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = version::read_header(text).map_err(|(at, message)| LoadError::Invalid {
        path: None,
        at,
        message,
    })?;
    let options = ron_options();
    let arch = match header.format {
        1 => options
            .from_str::<v1::Document>(text)
            .map(v1::migrate)
            .map_err(invalid)?,
        2 => match v2::read_parallel(text) {
            Some(arch) => arch,
            None => options
                .from_str::<v2::Document>(text)
                .map(Architecture::from)
                .map_err(invalid)?,
        },
        0 => {
            return Err(LoadError::Invalid {
                path: None,
                at: header.at,
                message: "format 0 does not exist; the first format is 1".into(),
            });
        }
        found => {
            return Err(LoadError::NewerFormat {
                path: None,
                at: header.at,
                found,
                supported: CURRENT_FORMAT,
            });
        }
    };
    let mut arch = arch;
    arch.share_ids();
    // The match above covers 1..=CURRENT_FORMAT, so the cast cannot truncate.
    let format = u32::try_from(header.format).unwrap_or(CURRENT_FORMAT);
    Ok((arch, LoadInfo { format }))
}

fn invalid(e: ron::error::SpannedError) -> LoadError {
    LoadError::Invalid {
        path: None,
        at: Position {
            line: e.span.start.line,
            column: e.span.start.col,
        },
        message: describe(&e.code),
    }
}

/// ron's messages, with a hint where the bare message would leave a person guessing.
fn describe(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested too deeply (over 128 levels); a model never needs that".into()
        }
        ron::Error::Eof => "the file ends too early: a bracket or string is not closed".into(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "invalid model".into(),
            }
        }
    }
}

/// Reads a model file, refusing files over [`MAX_FILE_SIZE`] before reading them.
pub fn load(path: &Path) -> Result<Architecture, LoadError> {
    load_with_info(path).map(|(arch, _)| arch)
}

/// Like [`load`], also telling which format the file was in.
pub fn load_with_info(path: &Path) -> Result<(Architecture, LoadInfo), LoadError> {
    let text = read_text(path)?;
    parse_with_info(&text).map_err(|e| e.in_file(path))
}

/// Reads a file as UTF-8 text within the size limit.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let too_large = |size| LoadError::TooLarge {
        path: path.to_owned(),
        size,
        limit: MAX_FILE_SIZE,
    };
    if size > MAX_FILE_SIZE {
        return Err(too_large(size));
    }
    // The file may grow while we read; never take more than the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = std::str::from_utf8(bytes.get(..valid).unwrap_or(&[])).unwrap_or("");
        LoadError::Invalid {
            path: Some(path.to_owned()),
            at: position_at(prefix, prefix.len()),
            message: format!(
                "the file is not UTF-8 text (byte {valid} is not valid UTF-8); \
                 model files are UTF-8 RON"
            ),
        }
    })
}

/// The canonical text of a model, in the current format, ending with a newline.
///
/// The text is read back with the loader itself before it is returned, so a model that could
/// be written but not read (nesting beyond the recursion limit, a value the reader refuses)
/// is refused here rather than saved.
pub fn to_canonical_string(arch: &Architecture) -> Result<String, SaveError> {
    let text = v2::write(arch).map_err(|e| SaveError::Unwritable(e.to_string()))?;
    check_reads_back(&text)?;
    Ok(text)
}

/// Whether `text`, just written, loads back. The fast check parses every part with the
/// loader's settings without building the model; if it fails, the whole loader runs, for its
/// precise message (or because the fast path does not apply).
fn check_reads_back(text: &str) -> Result<(), SaveError> {
    if v2::reads_back(text) {
        return Ok(());
    }
    parse(text)
        .map(drop)
        .map_err(|e| SaveError::Unwritable(format!("it would not load back: {e}")))
}

/// Saves `arch` to `path` atomically, in canonical form (see [`write_atomic`]).
///
/// Like [`to_canonical_string`], the text is read back with the loader before it replaces
/// the file; that check runs while the temporary file goes to disk.
pub fn save(path: &Path, arch: &Architecture, options: SaveOptions) -> Result<(), SaveError> {
    let text = v2::write(arch).map_err(|e| SaveError::Unwritable(e.to_string()))?;
    std::thread::scope(|s| {
        let check = s.spawn(|| check_reads_back(&text));
        atomic::write_atomic_with(
            path,
            text.as_bytes(),
            options,
            std::io::Write::write_all,
            || match check.join() {
                Ok(result) => result,
                Err(_) => Err(SaveError::Unwritable("the read-back check failed".into())),
            },
        )
    })
}
