//! PNG and PDF, both from the SVG.
//!
//! The SVG is parsed once more with usvg, with the embedded fonts as the only font database
//! (see [`super::font`]), so the picture is the same on every machine: resvg rasterises it
//! to PNG at the requested scale, svg2pdf turns it into a one-page PDF with the text
//! embedded as text. Characters Open Sans lacks (Chinese, Japanese, Korean) come from the
//! embedded CJK fallback, in PNG and PDF alike.

use std::sync::Arc;

use resvg::tiny_skia;
use resvg::usvg;

use super::{RenderError, font};

/// The largest side of a PNG, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels a PNG may have (about 400 MB of memory while drawing).
pub const MAX_PIXELS: u64 = 100_000_000;

/// The usvg tree of an SVG made by [`super::svg::render`].
pub fn parse(svg: &str) -> Result<usvg::Tree, RenderError> {
    parse_with(svg, font::database())
}

/// [`parse`] with another font database.
fn parse_with(svg: &str, fontdb: Arc<usvg::fontdb::Database>) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        font_family: font::FAMILY.to_owned(),
        fontdb,
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
}

/// A PNG of `svg`, `scale` pixels per canvas unit.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    png_of(&parse(svg)?, scale)
}

/// A PNG of a parsed SVG.
fn png_of(tree: &usvg::Tree, scale: f32) -> Result<Vec<u8>, RenderError> {
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
        tree,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Names in the scripts the fallback is for, and in two that Open Sans covers itself.
    const NAMES: [(&str, &str); 5] = [
        ("订单服务", font::CJK_FAMILY),
        ("注文サービス", font::CJK_FAMILY),
        ("주문서비스", font::CJK_FAMILY),
        ("Παραγγελίες", font::FAMILY),
        ("Заказы", font::FAMILY),
    ];

    fn label(text: &str) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40"><rect width="200" height="40" fill="white"/><text x="10" y="28" font-family="{}" font-size="20" font-weight="600" fill="black">{text}</text></svg>"#,
            font::CSS_FAMILY
        )
    }

    /// The family and glyph of every glyph usvg laid out for the text of `tree`.
    fn glyphs(tree: &usvg::Tree) -> Vec<(String, String, u16)> {
        let mut out = Vec::new();
        for node in tree.root().children() {
            let usvg::Node::Text(text) = node else {
                continue;
            };
            for span in text.layouted() {
                for glyph in &span.positioned_glyphs {
                    let family = tree
                        .fontdb()
                        .face(glyph.font)
                        .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
                        .unwrap_or_default();
                    out.push((glyph.text.clone(), family, glyph.id.0));
                }
            }
        }
        out
    }

    fn dark_pixels(png: &[u8]) -> usize {
        let pixmap = tiny_skia::Pixmap::decode_png(png).unwrap();
        pixmap.pixels().iter().filter(|p| p.red() < 128).count()
    }

    #[test]
    fn every_character_is_drawn_from_a_font_that_has_it() {
        for (text, family) in NAMES {
            let tree = parse(&label(text)).unwrap();
            let glyphs = glyphs(&tree);
            assert_eq!(glyphs.len(), text.chars().count(), "{text}");
            for (c, face, id) in glyphs {
                assert_ne!(id, 0, "{c} of {text} is the missing-glyph box");
                assert_eq!(face, family, "{c} of {text}");
            }
        }
    }

    #[test]
    fn without_the_fallback_cjk_would_be_missing_glyph_boxes() {
        for (text, family) in NAMES {
            let tree = parse_with(&label(text), font::database_without_fallback()).unwrap();
            let missing = glyphs(&tree).iter().filter(|(_, _, id)| *id == 0).count();
            if family == font::CJK_FAMILY {
                assert_eq!(missing, text.chars().count(), "{text}");
            } else {
                assert_eq!(missing, 0, "{text}");
            }
        }
    }

    #[test]
    fn cjk_glyphs_put_ink_where_boxes_were() {
        for (text, family) in NAMES {
            let with = png(&label(text), 2.0).unwrap();
            let tree = parse_with(&label(text), font::database_without_fallback()).unwrap();
            let without = png_of(&tree, 2.0).unwrap();
            let (ink, box_ink) = (dark_pixels(&with), dark_pixels(&without));
            assert!(ink > 200, "{text}: only {ink} dark pixels");
            if family == font::CJK_FAMILY {
                // Glyphs differ from empty boxes: another shape, another amount of ink.
                assert_ne!(with, without, "{text}");
                assert_ne!(ink, box_ink, "{text}");
            } else {
                assert_eq!(with, without, "{text}: the fallback is not used");
            }
        }
    }

    #[test]
    fn the_pdf_embeds_the_fallback_for_cjk_names() {
        let pdf = pdf(&label("订单 注文 주문")).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("NotoSansCJK"), "the CJK font is in the PDF");
        let latin = pdf_of_latin();
        assert!(!String::from_utf8_lossy(&latin).contains("NotoSansCJK"));
    }

    fn pdf_of_latin() -> Vec<u8> {
        pdf(&label("Orders")).unwrap()
    }
}
