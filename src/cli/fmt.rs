//! `archcanvas fmt FILE... [--check]`: rewrite files in canonical form.

use std::path::PathBuf;

use archcanvas::file::{self, SaveOptions};

use super::{FINDINGS, OK, UNUSABLE};

/// Rewrite model files in canonical form, migrating older format versions.
///
/// Exit status: 0 all canonical (or rewritten), 1 some file is not canonical (with --check),
/// 2 some file could not be read or written.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Model files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Change nothing; exit with 1 if a file is not in canonical form.
    #[arg(long)]
    check: bool,
}

pub fn run(args: &Args) -> u8 {
    let mut code = OK;
    for path in &args.files {
        let outcome = format_one(path, args.check);
        code = code.max(outcome);
    }
    code
}

fn format_one(path: &std::path::Path, check: bool) -> u8 {
    let text = match file::read_text(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {e}");
            return UNUSABLE;
        }
    };
    let (arch, info) = match file::parse_with_info(&text) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("error: {}", e.in_file(path));
            return UNUSABLE;
        }
    };
    let canonical = match file::to_canonical_string(&arch) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return UNUSABLE;
        }
    };
    if canonical == text {
        return OK;
    }
    let why = if info.migrated() {
        format!(" (format {} → {})", info.format, file::CURRENT_FORMAT)
    } else {
        String::new()
    };
    if check {
        println!(
            "{}: not in canonical form{why}; run `archcanvas fmt` on it",
            path.display()
        );
        return FINDINGS;
    }
    match file::write_atomic(path, canonical.as_bytes(), SaveOptions { backup: false }) {
        Ok(()) => {
            println!("formatted {}{why}", path.display());
            OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            UNUSABLE
        }
    }
}
