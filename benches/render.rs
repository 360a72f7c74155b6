//! Diagram rendering of generated models.
//!
//! Targets (issue 6), release build: the SVG of a 5 000-component model under 300 ms, the
//! PNG of a 200-component model under 1 s. Run with `cargo bench -p archcanvas
//! --no-default-features --bench render`. The text
//! formats of the 5 000-component model are measured too, for comparison.

use std::sync::LazyLock;

use archcanvas::model::{Architecture, generate::generate};
use archcanvas::render::{Format, RenderOptions, render};

/// What the `archcanvas` binary allocates with, so the figures are those of what ships.
#[global_allocator]
static ALLOCATOR: archcanvas::Allocator = mimalloc::MiMalloc;

static BIG: LazyLock<Architecture> = LazyLock::new(|| generate(5_000, 7_500, 1));
static SMALL: LazyLock<Architecture> = LazyLock::new(|| generate(200, 300, 1));

fn main() {
    archcanvas::keep_freed_memory();
    divan::main();
}

/// The whole SVG render of 5 000 components: view selection, placement, groups, edges, text
/// measurement and the document.
#[divan::bench(sample_count = 20)]
fn svg_5000() -> Vec<u8> {
    render(divan::black_box(&BIG), &RenderOptions::new(Format::Svg)).expect("renders")
}

/// The PNG of 200 components at scale 1: the SVG, parsed by usvg with the embedded font,
/// rasterised by resvg and encoded.
#[divan::bench(sample_count = 10)]
fn png_200() -> Vec<u8> {
    render(divan::black_box(&SMALL), &RenderOptions::new(Format::Png)).expect("renders")
}

/// The PDF of 200 components.
#[divan::bench(sample_count = 10)]
fn pdf_200() -> Vec<u8> {
    render(divan::black_box(&SMALL), &RenderOptions::new(Format::Pdf)).expect("renders")
}

/// Each text format of 5 000 components.
#[divan::bench(
    sample_count = 10,
    args = [Format::Mermaid, Format::PlantUml, Format::Dot, Format::D2, Format::Structurizr, Format::Markdown]
)]
fn text_5000(format: Format) -> Vec<u8> {
    render(divan::black_box(&BIG), &RenderOptions::new(format)).expect("renders")
}
