//! Integration tests of the diagram renderers: every format of the example, the escaping
//! model, the picture formats decoded back, and the `render` command's exit codes.

mod cli;
mod escaping;
mod pictures;
mod review;
mod sequence;
mod snapshots;

use std::path::PathBuf;

use archcanvas::model::Architecture;
use archcanvas::render::{Format, RenderOptions, render};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A model from the repository, loaded with the real loader.
pub fn load(relative: &str) -> Architecture {
    archcanvas::file::load(&root().join(relative)).expect("fixture loads")
}

/// The example shop.
pub fn shop() -> Architecture {
    load("examples/shop.ron")
}

/// The model whose names hold every format's special characters.
pub fn tricky() -> Architecture {
    load("tests/fixtures/render-escaping.ron")
}

/// `arch` rendered as text in `format`.
pub fn text(arch: &Architecture, format: Format) -> String {
    let bytes = render(arch, &RenderOptions::new(format)).expect("renders");
    String::from_utf8(bytes).expect("text formats are UTF-8")
}
