//! Our own layout times: `layout::auto` on generated layered models of 100, 1 000 and 3 000
//! components (about 1.5 connections each), on the generated model with groups that the
//! other benches use, and `place_new` in a 1 000-component drawing.
//!
//! Run with `cargo bench -p archcanvas --no-default-features --bench layout`. The comparison with
//! Graphviz
//! is `benches/vs_dot.rs`.

use std::sync::LazyLock;

use archcanvas::layout::{self, Options};
use archcanvas::model::{Architecture, Id, generate::generate};

/// What the `archcanvas` binary allocates with, so the figures are those of what ships.
#[global_allocator]
static ALLOCATOR: archcanvas::Allocator = mimalloc::MiMalloc;

fn main() {
    archcanvas::keep_freed_memory();
    divan::main();
}

/// Generated layered models, by size.
#[divan::bench(args = [100, 1000, 3000], sample_count = 10)]
fn auto_layered(bencher: divan::Bencher, n: usize) {
    let arch = layout::generate::layered(n, 1);
    let options = Options::default();
    bencher.bench(|| layout::auto(divan::black_box(&arch), &options).expect("not cancelled"));
}

static GROUPED: LazyLock<Architecture> = LazyLock::new(|| generate(1000, 1500, 1));

/// The shared generated model: 1 000 components of every kind, 1 500 connections, groups of
/// 25.
#[divan::bench(sample_count = 10)]
fn auto_grouped_1000() -> archcanvas::model::Layout {
    layout::auto(divan::black_box(&GROUPED), &Options::default()).expect("not cancelled")
}

static PLACED: LazyLock<Architecture> = LazyLock::new(|| {
    let mut arch = layout::generate::layered(1000, 1);
    arch.layout = layout::auto(&arch, &Options::default()).expect("not cancelled");
    arch
});

/// One new component in a laid-out 1 000-component drawing.
#[divan::bench(sample_count = 20)]
fn place_new_in_1000() -> archcanvas::model::Placement {
    let mut arch = PLACED.clone();
    let id = Id::new("n00500").expect("valid");
    arch.layout.remove(&id);
    layout::place_new(divan::black_box(&arch), &id)
}
