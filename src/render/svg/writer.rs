//! A small SVG (XML) writer that escapes every value it is given.
//!
//! Hand-written rather than a crate because the ones at hand leave `&` unescaped; names in
//! a model are free text, and one `&` or `<` would make the whole picture unreadable. Numbers
//! are written to a tenth of a unit, which is finer than any screen shows and keeps files
//! small and stable.

use std::fmt::{Display, Write};

use crate::theme::Rgba;

/// Writes an SVG document into a string.
#[derive(Debug, Default)]
pub struct SvgWriter {
    out: String,
    open: Vec<&'static str>,
    scratch: String,
}

/// An element whose start tag is being written; finish it with [`Element::end`] (empty
/// element), [`Element::open`] (children follow) or [`Element::text`].
pub struct Element<'w> {
    w: &'w mut SvgWriter,
    tag: &'static str,
}

impl SvgWriter {
    /// An empty document with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
            open: Vec::new(),
            scratch: String::new(),
        }
    }

    /// Starts element `tag`.
    pub fn el(&mut self, tag: &'static str) -> Element<'_> {
        self.indent();
        self.out.push('<');
        self.out.push_str(tag);
        Element { w: self, tag }
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if let Some(tag) = self.open.pop() {
            self.indent();
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push_str(">\n");
        }
    }

    /// Closes every open element and returns the document.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push(' ');
        }
    }
}

impl Element<'_> {
    /// An attribute with any displayable value, escaped.
    pub fn attr(self, name: &str, value: impl Display) -> Self {
        self.w.scratch.clear();
        let _ = write!(self.w.scratch, "{value}");
        self.w.out.push(' ');
        self.w.out.push_str(name);
        self.w.out.push_str("=\"");
        escape_into(&mut self.w.out, &self.w.scratch, true);
        self.w.out.push('"');
        self
    }

    /// A numeric attribute, to a tenth.
    pub fn num(self, name: &str, value: f32) -> Self {
        self.w.out.push(' ');
        self.w.out.push_str(name);
        self.w.out.push_str("=\"");
        push_num(&mut self.w.out, value);
        self.w.out.push('"');
        self
    }

    /// A colour attribute (`fill`, `stroke`), with `NAME-opacity` when it is translucent.
    pub fn paint(self, name: &str, colour: Rgba) -> Self {
        let el = self.attr(name, colour.css_hex());
        if colour.a == 255 {
            return el;
        }
        el.w.out.push(' ');
        el.w.out.push_str(name);
        el.w.out.push_str("-opacity=\"");
        push_num_fine(&mut el.w.out, colour.opacity());
        el.w.out.push('"');
        el
    }

    /// Ends the start tag of an element without children.
    pub fn end(self) {
        self.w.out.push_str("/>\n");
    }

    /// Ends the start tag; children follow until [`SvgWriter::close`].
    pub fn open(self) {
        self.w.out.push_str(">\n");
        self.w.open.push(self.tag);
    }

    /// Ends the element with `text` as its only content, escaped.
    pub fn text(self, text: &str) {
        self.w.out.push('>');
        escape_into(&mut self.w.out, text, false);
        self.w.out.push_str("</");
        self.w.out.push_str(self.tag);
        self.w.out.push_str(">\n");
    }
}

/// Appends a number between 0 and 1 to a hundredth (opacities).
fn push_num_fine(out: &mut String, value: f32) {
    let hundredths = (value.clamp(0.0, 1.0) * 100.0).round() as u32;
    let _ = write!(out, "{}", f64::from(hundredths) / 100.0);
}

/// Appends `value` rounded to a tenth, without a trailing `.0`; non-finite numbers as 0.
pub fn push_num(out: &mut String, value: f32) {
    let tenths = (f64::from(value) * 10.0).round();
    if !tenths.is_finite() {
        out.push('0');
        return;
    }
    let tenths = tenths as i64;
    if tenths < 0 {
        out.push('-');
    }
    let abs = tenths.unsigned_abs();
    let _ = write!(out, "{}", abs / 10);
    if !abs.is_multiple_of(10) {
        let _ = write!(out, ".{}", abs % 10);
    }
}

/// Appends `text` escaped for XML content (or an attribute value when `attribute`): the
/// markup characters become entities, line breaks become spaces (a diagram label is one
/// line), and characters XML 1.0 forbids are dropped.
pub fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_finite() {
        let mut s = String::new();
        for v in [0.0, 1.0, -2.5, 4.26, -0.04, f32::NAN, 1234.96] {
            push_num(&mut s, v);
            s.push(' ');
        }
        assert_eq!(s, "0 1 -2.5 4.3 0 0 1235 ");
    }

    #[test]
    fn values_and_text_are_escaped() {
        let mut w = SvgWriter::default();
        w.el("g").attr("id", "a\"b&c<d>").open();
        w.el("text").num("x", 1.25).text("R&D <team>\n\u{1}\"ok\"");
        w.el("rect")
            .paint("fill", Rgba::hex(0x102030).with_alpha(64))
            .end();
        let doc = w.finish();
        assert_eq!(
            doc,
            "<g id=\"a&quot;b&amp;c&lt;d&gt;\">\n \
             <text x=\"1.3\">R&amp;D &lt;team&gt; \"ok\"</text>\n \
             <rect fill=\"#102030\" fill-opacity=\"0.25\"/>\n</g>\n"
        );
    }
}
