//! Load and save of a generated model with 10 000 components and 20 000 connections.
//!
//! Target (issue 2): each under 100 ms in a release build. Run with `cargo bench -p archcanvas
//! --no-default-features --bench file`.

use std::sync::LazyLock;

use archcanvas::file::{self, SaveOptions};
use archcanvas::model::{Architecture, generate::generate};

/// What the `archcanvas` binary allocates with, so the figures are those of what ships.
#[global_allocator]
static ALLOCATOR: archcanvas::Allocator = mimalloc::MiMalloc;

static MODEL: LazyLock<Architecture> = LazyLock::new(|| generate(10_000, 20_000, 1));
static TEXT: LazyLock<String> =
    LazyLock::new(|| file::to_canonical_string(&MODEL).expect("the generated model writes"));

fn main() {
    archcanvas::keep_freed_memory();
    eprintln!(
        "model: {} components, {} connections, {:.1} MB of text",
        MODEL.components.len(),
        MODEL.connections.len(),
        TEXT.len() as f64 / 1e6
    );
    divan::main();
}

/// Parsing the canonical text into the model (what `load` does after reading the bytes).
#[divan::bench(sample_count = 20)]
fn parse_10k() -> Architecture {
    file::parse(divan::black_box(&TEXT)).expect("loads")
}

/// Reading the file from disk and parsing it.
#[divan::bench(sample_count = 20)]
fn load_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, TEXT.as_bytes()).expect("write");
    bencher.bench(|| file::load(&path).expect("loads"));
}

/// Writing the canonical text, including the read-back check.
#[divan::bench(sample_count = 20)]
fn to_canonical_string_10k() -> String {
    file::to_canonical_string(divan::black_box(&MODEL)).expect("writes")
}

/// The whole atomic save: text, temporary file, fsync, backup, rename, fsync of the folder.
#[divan::bench(sample_count = 20)]
fn save_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    bencher.bench(|| file::save(&path, &MODEL, SaveOptions::default()).expect("saves"));
}
