//! The file format: canonical round trips, migrations, malformed input, safe saving, and the
//! `fmt` command.

mod cli;
mod malformed;
mod migrate;
mod roundtrip;
mod save;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every example model.
pub fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no example models found");
    files
}

/// The `archcanvas` binary built for these tests.
pub fn archcanvas() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_archcanvas"))
}
