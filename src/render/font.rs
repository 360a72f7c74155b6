//! The font every diagram is drawn with, embedded in the binary.
//!
//! PNG and PDF output must be the same on every machine, so resvg and svg2pdf get a font
//! database holding only the files under `assets/fonts/`, never the system's fonts: Open Sans
//! (Apache-2.0, Latin, Greek and Cyrillic) and, for the characters it lacks, a subset of Noto
//! Sans CJK SC (SIL OFL 1.1: the common Chinese, Japanese and Korean characters, 1.5 MB
//! instead of the full font's 16; `scripts/subset-cjk-font.sh` rebuilds it). usvg falls back
//! from the first to the second character by character. The SVG names the same families
//! first, so a browser with them shows exactly what the PNG shows. Text widths are measured
//! from the same files, to elide names that do not fit their box.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// Open Sans Regular.
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/OpenSans-Regular.ttf");
/// Open Sans Semibold (component names).
pub const SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/OpenSans-Semibold.ttf");
/// The fallback for Chinese, Japanese and Korean: a subset of Noto Sans CJK SC Regular.
pub const CJK: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Subset.otf");
/// The family name both Open Sans files carry.
pub const FAMILY: &str = "Open Sans";
/// The family name of [`CJK`].
pub const CJK_FAMILY: &str = "Noto Sans CJK SC";
/// The `font-family` the SVG asks for: the embedded fonts first, then look-alikes.
pub const CSS_FAMILY: &str =
    "'Open Sans', 'Noto Sans CJK SC', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";

/// The weight of a piece of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Normal text (400).
    Regular,
    /// Component names (600).
    Semibold,
}

impl Weight {
    /// The CSS weight.
    pub fn css(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::Semibold => 600,
        }
    }
}

/// The font database resvg and svg2pdf use: the embedded files only, the CJK fallback last
/// (usvg takes a character it cannot find in Open Sans from the first other face that has
/// it).
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = latin_database();
        db.load_font_data(CJK.to_vec());
        Arc::new(db)
    })
    .clone()
}

/// Open Sans alone, as the generic families too.
fn latin_database() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    db.load_font_data(REGULAR.to_vec());
    db.load_font_data(SEMIBOLD.to_vec());
    db.set_sans_serif_family(FAMILY);
    db.set_serif_family(FAMILY);
    db.set_monospace_family(FAMILY);
    db.set_cursive_family(FAMILY);
    db.set_fantasy_family(FAMILY);
    db
}

/// The font database without the CJK fallback, for tests that compare with and without it.
#[cfg(test)]
pub(crate) fn database_without_fallback() -> Arc<fontdb::Database> {
    Arc::new(latin_database())
}

/// Advance widths of one face, in ems; ASCII looked up in a table, the rest in the face.
struct Metrics {
    face: Option<ttf_parser::Face<'static>>,
    ascii: [f32; 128],
    fallback: f32,
}

impl Metrics {
    fn new(data: &'static [u8]) -> Self {
        let face = ttf_parser::Face::parse(data, 0).ok();
        let mut metrics = Self {
            face,
            ascii: [0.0; 128],
            fallback: 0.6,
        };
        metrics.fallback = metrics.lookup('\u{fffd}').unwrap_or(0.6);
        let mut ascii = [0.0; 128];
        for (code, slot) in ascii.iter_mut().enumerate() {
            let c = char::from(code as u8);
            *slot = metrics.lookup(c).unwrap_or(metrics.fallback);
        }
        metrics.ascii = ascii;
        metrics
    }

    fn lookup(&self, c: char) -> Option<f32> {
        advance_in(self.face.as_ref()?, c)
    }

    /// The advance of `c` in this face, else in the CJK fallback (as usvg draws it), else
    /// the replacement character's.
    fn advance(&self, c: char) -> f32 {
        match self.ascii.get(c as usize) {
            Some(w) => *w,
            None => self
                .lookup(c)
                .or_else(|| advance_in(cjk_face().as_ref()?, c))
                .unwrap_or(self.fallback),
        }
    }
}

fn advance_in(face: &ttf_parser::Face<'_>, c: char) -> Option<f32> {
    let glyph = face.glyph_index(c)?;
    let advance = face.glyph_hor_advance(glyph)?;
    Some(f32::from(advance) / f32::from(face.units_per_em().max(1)))
}

fn cjk_face() -> &'static Option<ttf_parser::Face<'static>> {
    static FACE: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(CJK, 0).ok())
}

fn metrics(weight: Weight) -> &'static Metrics {
    static REGULAR_METRICS: OnceLock<Metrics> = OnceLock::new();
    static SEMIBOLD_METRICS: OnceLock<Metrics> = OnceLock::new();
    match weight {
        Weight::Regular => REGULAR_METRICS.get_or_init(|| Metrics::new(REGULAR)),
        Weight::Semibold => SEMIBOLD_METRICS.get_or_init(|| Metrics::new(SEMIBOLD)),
    }
}

/// The width of `text` set in the embedded font at `size` (kerning ignored).
pub fn text_width(text: &str, size: f32, weight: Weight) -> f32 {
    let m = metrics(weight);
    text.chars().map(|c| m.advance(c)).sum::<f32>() * size
}

/// `text` as it fits in `max_width`: whole, or cut with an ellipsis.
pub fn elide(text: &str, size: f32, weight: Weight, max_width: f32) -> Cow<'_, str> {
    if text_width(text, size, weight) <= max_width {
        return Cow::Borrowed(text);
    }
    let m = metrics(weight);
    let budget = max_width / size - m.advance('…');
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        used += m.advance(c);
        if used > budget {
            break;
        }
        end = i + c.len_utf8();
    }
    let kept = text.get(..end).unwrap_or("").trim_end();
    Cow::Owned(format!("{kept}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_load_with_the_fallback_last() {
        let db = database();
        assert_eq!(db.len(), 3);
        let families: Vec<&str> = db
            .faces()
            .map(|f| f.families.first().map_or("", |(name, _)| name.as_str()))
            .collect();
        assert_eq!(families, [FAMILY, FAMILY, CJK_FAMILY]);
        assert!(CSS_FAMILY.contains(CJK_FAMILY));
    }

    #[test]
    fn cjk_widths_come_from_the_fallback() {
        // Ideographs and kana are one em wide in Noto Sans CJK, Hangul syllables 0.92 em;
        // Open Sans's replacement character, used before, is 0.6 em.
        for text in ["订单服务", "注文サービス", "주문서비스"] {
            let per_char = text_width(text, 10.0, Weight::Regular) / text.chars().count() as f32;
            assert!(
                (9.0..=10.0).contains(&per_char),
                "{text}: {per_char} per character"
            );
        }
    }

    #[test]
    fn widths_come_from_the_font() {
        let narrow = text_width("iiii", 10.0, Weight::Regular);
        let wide = text_width("MMMM", 10.0, Weight::Regular);
        assert!(narrow > 0.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        assert!(
            text_width("Orders", 15.0, Weight::Semibold)
                > text_width("Orders", 15.0, Weight::Regular)
        );
        assert_eq!(text_width("", 12.0, Weight::Regular), 0.0);
    }

    #[test]
    fn elide_cuts_only_what_does_not_fit() {
        assert_eq!(elide("Orders", 15.0, Weight::Regular, 500.0), "Orders");
        let cut = elide(
            "A very long component name indeed",
            15.0,
            Weight::Regular,
            100.0,
        );
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 15.0, Weight::Regular) <= 100.0);
        assert!(cut.len() > 3);
        // Multi-byte characters are never split.
        let cut = elide("日本語の名前がとても長い", 15.0, Weight::Regular, 40.0);
        assert!(cut.ends_with('…'));
    }
}
