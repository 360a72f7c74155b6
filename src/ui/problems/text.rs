//! Text from the library (finding messages, generated code) made drawable by the fonts the
//! editor has: egui's bundled fonts lack arrows and many symbols, which would otherwise
//! show as empty boxes (or stop a test that forbids them).

use std::borrow::Cow;

use egui::{Context, FontFamily, FontId};

/// `text` with the characters `family` cannot draw replaced: arrows by their ASCII forms,
/// anything else by `?`. Borrows when nothing needs replacing (the common case).
pub fn drawable<'a>(ctx: &Context, family: FontFamily, text: &'a str) -> Cow<'a, str> {
    let font = FontId::new(12.0, family);
    if ctx.fonts_mut(|f| f.has_glyphs(&font, text)) {
        return Cow::Borrowed(text);
    }
    ctx.fonts_mut(|f| {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_control() || f.has_glyph(&font, c) {
                out.push(c);
                continue;
            }
            out.push_str(match c {
                '→' | '⟶' => "->",
                '←' | '⟵' => "<-",
                '↔' => "<->",
                '⇒' => "=>",
                '≤' => "<=",
                '≥' => ">=",
                '–' | '—' => "-",
                _ => "?",
            });
        }
        Cow::Owned(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_become_ascii_and_plain_text_is_kept() {
        let ctx = Context::default();
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
        let text = drawable(&ctx, FontFamily::Proportional, "a → b");
        assert_eq!(text, "a -> b");
        assert!(matches!(
            drawable(&ctx, FontFamily::Proportional, "plain"),
            Cow::Borrowed("plain")
        ));
    }
}
