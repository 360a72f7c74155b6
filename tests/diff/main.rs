//! `archcanvas diff` and the `diff` library on pairs of model versions.
//!
//! The pairs live under `tests/fixtures/diff/<case>/{old,new}.ron`: `add`, `remove`, `rename`,
//! `change` (properties), `move` (positions only) on a small shop, and `shop`, a "refunds"
//! pull request on a copy of `examples/shop.ron`.

mod cli;
mod library;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder of the diff fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

/// The output of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `archcanvas` with `args` in the fixtures folder (so paths in messages are short and
/// the same on every machine).
pub fn archcanvas(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_archcanvas"))
        .args(args)
        .current_dir(fixtures())
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().expect("exited with a code"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
    }
}

/// Loads one side of a fixture pair.
pub fn load(case: &str, side: &str) -> archcanvas::model::Architecture {
    archcanvas::file::load(&fixtures().join(case).join(format!("{side}.ron")))
        .expect("the fixture loads")
}
