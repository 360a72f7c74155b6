//! PNG and PDF, both from the SVG.
//!
//! The SVG is parsed once more with usvg, with the embedded fonts as the only font database
//! (see [`super::font`]), so the picture is the same on every machine: resvg rasterises it
//! to PNG at the requested scale, svg2pdf turns it into a one-page PDF with the text
//! embedded as text.

use resvg::tiny_skia;
use resvg::usvg;

use super::{RenderError, font};

/// The largest side of a PNG, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels a PNG may have (about 400 MB of memory while drawing).
pub const MAX_PIXELS: u64 = 100_000_000;

/// The usvg tree of an SVG made by [`super::svg::render`].
pub fn parse(svg: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        font_family: font::FAMILY.to_owned(),
        fontdb: font::database(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
}

/// A PNG of `svg`, `scale` pixels per canvas unit.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    let tree = parse(svg)?;
    let size = tree.size();
    let width = (f64::from(size.width()) * f64::from(scale)).ceil().max(1.0);
    let height = (f64::from(size.height()) * f64::from(scale))
        .ceil()
        .max(1.0);
    let too_large = || RenderError::TooLarge {
        width: width as u64,
        height: height as u64,
        limit: MAX_SIDE,
    };
    if width > f64::from(MAX_SIDE)
        || height > f64::from(MAX_SIDE)
        || width * height > MAX_PIXELS as f64
    {
        return Err(too_large());
    }
    let mut pixmap = tiny_skia::Pixmap::new(width as u32, height as u32).ok_or_else(too_large)?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}

/// A one-page PDF of `svg`, the page the size of the picture (one canvas unit is one
/// point at 72 dpi, as a browser prints an SVG at 96 dpi scaled to fit).
pub fn pdf(svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree = parse(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| RenderError::Pdf(e.to_string()))
}
