//! Integration tests of `archcanvas export`: the plan's shape, hostile input, the command
//! line, and snapshots of the shop example's generated files.

mod cli;
mod grpc_go;
mod grpc_rust;
mod grpc_typescript;
mod hostile;
mod plan;
mod snapshots;

use std::path::PathBuf;

use archcanvas::model::Architecture;

/// A model file of the repository, loaded.
pub fn load(relative: &str) -> Architecture {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    archcanvas::file::load(&path).unwrap_or_else(|e| panic!("{relative}: {e}"))
}
