//! `archcanvas diff OLD NEW [--format human|json] [--layout]`: what changed between two
//! versions of a model.

use std::io::Write as _;
use std::path::PathBuf;

use archcanvas::diff::{self, Options};
use archcanvas::file;

use super::{FINDINGS, OK, UNUSABLE};

/// How the difference is written.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// A review: one block per item with `+`, `-` and `~` lines.
    #[default]
    Human,
    /// JSON for programs (the shape is described in the README).
    Json,
}

/// Compare two versions of a model item by item: components, connections, groups, endpoints,
/// entities, topics, schemas, views, flows and notes added, removed and changed.
///
/// Exit status: 0 the models are the same, 1 they differ, 2 a file could not be read.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The old version.
    old: PathBuf,
    /// The new version.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also list components that moved on the canvas (positions, sizes, pins).
    #[arg(long)]
    layout: bool,
}

pub fn run(args: &Args) -> u8 {
    // Both files are read before giving up, so one run reports every unusable input.
    let old = file::load(&args.old);
    let new = file::load(&args.new);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for e in [old.err(), new.err()].into_iter().flatten() {
                eprintln!("error: {e}");
            }
            return UNUSABLE;
        }
    };
    let diff = diff::compare(
        &old,
        &new,
        &Options {
            layout: args.layout,
        },
    );
    let text = match args.format {
        Format::Human => diff::human::render(&diff),
        Format::Json => match diff::json::render(&diff) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: the difference could not be written as JSON: {e}");
                return UNUSABLE;
            }
        },
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        eprintln!("error: could not write the difference: {e}");
        return UNUSABLE;
    }
    if diff.is_empty() { OK } else { FINDINGS }
}
