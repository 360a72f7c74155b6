//! A fast reader for the forms of RON the canonical writer produces.
//!
//! ron reads the whole language — comments, raw strings, every number syntax, struct names,
//! any value of any type — at about 16 ns a byte, and a saved model of 10 000 components is
//! 7 MB. This reader knows only what [`super::writer`] writes: `(field: value, …)` structs,
//! `Variant(field: …)` newtype variants, `[…]` lists, `{…}` maps, implicit and explicit
//! `Some`, plain decimal numbers, `true`/`false` and strings with the writer's escapes. Any
//! other form it refuses, without a message: the caller then reads the same text with ron,
//! which stays the reference and gives every error message. It accepts a strict subset of what
//! [`super::ron_options`] accepts, and reads it to the same value; the tests hold it to that
//! on every example, on generated and random models, and on texts broken at random.
//!
//! Nesting is refused at [`MAX_DEPTH`] levels, well before ron's recursion limit (ron counts
//! at most three of its levels for one of ours), so a text that is too deep for the loader
//! is always judged by ron.
//!
//! What ron does for types the model does not have (flattened structs, internally tagged
//! enums, `deserialize_any`) is not imitated: those calls are refused.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Visitor};

/// Levels of nesting this reader follows before it leaves the text to ron.
const MAX_DEPTH: u32 = 40;

/// Reads the whole of `text` as one `T`; `None` when it is not in the canonical forms.
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
    let mut reader = Reader::new(text);
    let value = T::deserialize(&mut reader).ok()?;
    reader.at_end().then_some(value)
}

/// Reads `run`, the items of a list or the entries of a map without their brackets (each item
/// followed by a comma, as the writer writes them), as a `T` that is read as a list or map.
pub fn from_run<'de, T: Deserialize<'de>>(run: &'de str) -> Option<T> {
    let mut reader = Reader::new(run);
    let value = T::deserialize(Run(&mut reader)).ok()?;
    reader.at_end().then_some(value)
}

/// Why a text was refused. Never shown: the caller reads the text again with ron.
#[derive(Debug)]
pub struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not in the canonical forms")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Refused
    }
}

type Result<T> = std::result::Result<T, Refused>;

/// The text and where reading is.
struct Reader<'de> {
    text: &'de str,
    at: usize,
    depth: u32,
    /// Just inside `Variant(` or `Some(`: a struct here has no brackets of its own
    /// (`unwrap_variant_newtypes`).
    inline: bool,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

impl<'de> Reader<'de> {
    fn new(text: &'de str) -> Self {
        Self {
            text,
            at: 0,
            depth: 0,
            inline: false,
        }
    }

    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after white space.
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes().get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        if self.eat(b) { Ok(()) } else { Err(Refused) }
    }

    fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    /// Enters one level of nesting.
    fn deeper(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Refused);
        }
        Ok(())
    }

    /// Reads `open`, the items `read` takes up to `close`, and `close`.
    fn within<T>(
        &mut self,
        open: u8,
        close: u8,
        read: impl for<'a> FnOnce(Commas<'a, 'de>) -> Result<T>,
    ) -> Result<T> {
        self.expect(open)?;
        let value = self.nested(Some(close), read)?;
        self.expect(close)?;
        Ok(value)
    }

    /// The items `read` takes up to `close` (left for the caller) or the end, one level deeper.
    fn nested<T>(
        &mut self,
        close: Option<u8>,
        read: impl for<'a> FnOnce(Commas<'a, 'de>) -> Result<T>,
    ) -> Result<T> {
        self.deeper()?;
        let value = read(Commas::new(self, close))?;
        self.depth -= 1;
        Ok(value)
    }

    /// The plain ASCII identifier here; refused when it runs into anything ron might read as
    /// part of an identifier or a raw identifier.
    fn ident(&mut self) -> Result<&'de str> {
        self.skip_ws();
        let bytes = self.bytes();
        let start = self.at;
        if !bytes
            .get(start)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        {
            return Err(Refused);
        }
        let mut end = start + 1;
        while bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            end += 1;
        }
        if bytes.get(end).is_some_and(|b| *b >= 0x80 || *b == b'#') {
            return Err(Refused);
        }
        self.at = end;
        self.text.get(start..end).ok_or(Refused)
    }

    /// Whether the identifier `word` comes next (and not a longer one that starts with it).
    fn at_word(&mut self, word: &str) -> bool {
        self.skip_ws();
        let rest = self.bytes().get(self.at..).unwrap_or_default();
        rest.starts_with(word.as_bytes())
            && !rest.get(word.len()).is_some_and(|b| is_ident_byte(*b))
    }

    /// A number token: the bytes a number may hold, not followed by a suffix.
    fn number(&mut self) -> Result<&'de str> {
        self.skip_ws();
        let bytes = self.bytes();
        let start = self.at;
        let mut end = start;
        while bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        {
            end += 1;
        }
        let token = self.text.get(start..end).ok_or(Refused)?;
        let digits = token.strip_prefix('-').unwrap_or(token);
        let leading_zero = digits.len() > 1
            && digits.starts_with('0')
            && digits.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
        if !digits.starts_with(|c: char| c.is_ascii_digit())
            || leading_zero
            || token.contains("..")
            || bytes.get(end).is_some_and(|b| is_ident_byte(*b))
        {
            return Err(Refused);
        }
        self.at = end;
        Ok(token)
    }

    fn integer<T: TryFrom<i128>>(&mut self) -> Result<T> {
        let token = self.number()?;
        let n: i128 = token.parse().map_err(|_| Refused)?;
        if n == 0 && token.starts_with('-') {
            return Err(Refused); // `-0`: left to ron
        }
        T::try_from(n).map_err(|_| Refused)
    }

    fn float<T: std::str::FromStr>(&mut self) -> Result<T> {
        self.number()?.parse().map_err(|_| Refused)
    }

    /// A string in quotes, borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<Cow<'de, str>> {
        self.expect(b'"')?;
        let bytes = self.bytes();
        let start = self.at;
        let mut i = start;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => {
                    self.at = i + 1;
                    return self.text.get(start..i).map(Cow::Borrowed).ok_or(Refused);
                }
                b'\\' => break,
                _ => i += 1,
            }
        }
        let mut out = String::from(self.text.get(start..i).ok_or(Refused)?);
        loop {
            let rest = self.text.get(i..).ok_or(Refused)?;
            let mut chars = rest.chars();
            match chars.next().ok_or(Refused)? {
                '"' => {
                    self.at = i + 1;
                    return Ok(Cow::Owned(out));
                }
                '\\' => {
                    let (c, len) = escape(chars.as_str())?;
                    out.push(c);
                    i += 1 + len;
                }
                c => {
                    out.push(c);
                    i += c.len_utf8();
                }
            }
        }
    }
}

/// The character an escape stands for (the text after the backslash) and the escape's length.
fn escape(rest: &str) -> Result<(char, usize)> {
    let simple = match rest.as_bytes().first() {
        Some(b'"') => '"',
        Some(b'\'') => '\'',
        Some(b'\\') => '\\',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'0') => '\0',
        Some(b'u') => {
            let hex = rest.strip_prefix("u{").ok_or(Refused)?;
            let close = hex.find('}').ok_or(Refused)?;
            let digits = hex.get(..close).ok_or(Refused)?;
            if digits.is_empty() || digits.len() > 6 {
                return Err(Refused);
            }
            let code = u32::from_str_radix(digits, 16).map_err(|_| Refused)?;
            return Ok((char::from_u32(code).ok_or(Refused)?, 3 + close));
        }
        _ => return Err(Refused),
    };
    Ok((simple, 1))
}

/// Items separated by commas up to a closing byte (or the end of a run, for `None`).
struct Commas<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: Option<u8>,
    /// Whether another item may follow: at the start, or after a comma.
    open: bool,
}

impl<'a, 'de> Commas<'a, 'de> {
    fn new(reader: &'a mut Reader<'de>, close: Option<u8>) -> Self {
        Self {
            reader,
            close,
            open: true,
        }
    }

    /// Whether an item comes next; refused when one comes without a comma before it.
    fn has_item(&mut self) -> Result<bool> {
        if self.reader.peek() == self.close {
            return Ok(false);
        }
        if self.open { Ok(true) } else { Err(Refused) }
    }

    fn after_item(&mut self) {
        self.open = self.reader.eat(b',');
    }
}

impl<'de> de::SeqAccess<'de> for Commas<'_, 'de> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.has_item()? {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.after_item();
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Commas<'_, 'de> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.has_item()? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.expect(b':')?;
        let value = seed.deserialize(&mut *self.reader)?;
        self.after_item();
        Ok(value)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = Refused;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let variant = seed.deserialize(&mut *self)?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = Refused;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.expect(b'(')?;
        self.inline = true;
        let value = seed.deserialize(&mut *self)?;
        self.inline = false;
        self.eat(b',');
        self.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(Refused)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.within(b'(', b')', |items| visitor.visit_map(items))
    }
}

/// The forms this reader does not read: refused.
macro_rules! refuse {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $name<V: Visitor<'de>>(self, $(_: $ty,)* _visitor: V) -> Result<V::Value> {
            Err(Refused)
        }
    )*};
}

/// Numbers and truth values; like ron, they leave the inline flag to their variant.
macro_rules! scalars {
    ($($name:ident => $visit:ident($read:expr)),* $(,)?) => {$(
        fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let read: fn(&mut Reader<'de>) -> Result<_> = $read;
            visitor.$visit(read(self)?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Refused;

    scalars!(
        deserialize_i8 => visit_i8(Reader::integer),
        deserialize_i16 => visit_i16(Reader::integer),
        deserialize_i32 => visit_i32(Reader::integer),
        deserialize_i64 => visit_i64(Reader::integer),
        deserialize_u8 => visit_u8(Reader::integer),
        deserialize_u16 => visit_u16(Reader::integer),
        deserialize_u32 => visit_u32(Reader::integer),
        deserialize_u64 => visit_u64(Reader::integer),
        deserialize_f32 => visit_f32(Reader::float),
        deserialize_f64 => visit_f64(Reader::float),
    );

    refuse!(
        deserialize_any(),
        deserialize_ignored_any(),
        deserialize_char(),
        deserialize_bytes(),
        deserialize_byte_buf(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
    );

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Refused),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.inline {
            return Err(Refused);
        }
        if self.at_word("None") {
            self.at += "None".len();
            return visitor.visit_none();
        }
        self.deeper()?;
        let value = if self.at_word("Some") {
            self.at += "Some".len();
            self.expect(b'(')?;
            self.inline = true;
            let value = visitor.visit_some(&mut *self)?;
            self.inline = false;
            self.eat(b',');
            self.expect(b')')?;
            value
        } else {
            // implicit_some: the value stands for itself.
            visitor.visit_some(&mut *self)?
        };
        self.depth -= 1;
        Ok(value)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.inline {
            return Err(Refused);
        }
        self.expect(b'(')?;
        self.expect(b')')?;
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.inline = false;
        self.within(b'[', b']', |items| visitor.visit_seq(items))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.inline = false;
        self.within(b'{', b'}', |items| visitor.visit_map(items))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if std::mem::take(&mut self.inline) {
            // The variant's brackets are the struct's.
            self.nested(Some(b')'), |fields| visitor.visit_map(fields))
        } else {
            // A struct name before the bracket is left to ron.
            self.within(b'(', b')', |fields| visitor.visit_map(fields))
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.inline = false;
        self.deeper()?;
        let value = visitor.visit_enum(&mut *self)?;
        self.depth -= 1;
        Ok(value)
    }
}

/// The top of a run: a list or map whose brackets the caller cut off.
struct Run<'a, 'de>(&'a mut Reader<'de>);

impl<'de> de::Deserializer<'de> for Run<'_, 'de> {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Refused)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.0.nested(None, |items| visitor.visit_seq(items))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.0.nested(None, |items| visitor.visit_map(items))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct tuple tuple_struct struct enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::file::{ron_options, to_canonical_string, v2::Document};
    use crate::model::{Architecture, Component, Placement, generate::generate};

    const EXAMPLES: [&str; 3] = [
        include_str!("../../examples/shop.ron"),
        include_str!("../../examples/newsfeed.ron"),
        include_str!("../../examples/rides.ron"),
    ];

    /// What ron makes of `text`, read the way the plain loader reads it.
    fn by_ron(text: &str) -> Option<Architecture> {
        ron_options()
            .from_str::<Document>(text)
            .ok()
            .map(Architecture::from)
    }

    fn by_fast(text: &str) -> Option<Architecture> {
        from_str::<Document>(text).map(Architecture::from)
    }

    #[test]
    fn every_example_is_read_as_ron_reads_it() {
        for text in EXAMPLES {
            let fast = by_fast(text).expect("the examples are canonical");
            assert_eq!(Some(fast), by_ron(text));
        }
    }

    #[test]
    fn generated_models_are_read_as_written() {
        let arch = generate(300, 600, 7);
        let text = to_canonical_string(&arch).expect("writes");
        assert_eq!(by_fast(&text).as_ref(), Some(&arch));
    }

    #[test]
    fn a_run_of_items_is_read_without_its_brackets() {
        let arch = generate(20, 30, 3);
        let items: Vec<&Component> = arch.components.iter().collect();
        let mut run = String::new();
        for c in &items {
            run.push_str(&crate::file::writer::to_string(c, 0, false).expect("writes"));
            run.push_str(",\n");
        }
        let read: Vec<Component> = from_run(&run).expect("a run of canonical items");
        assert_eq!(read.iter().collect::<Vec<_>>(), items);
        // A run that stops inside an item, or items without a comma between them, is refused.
        assert!(from_run::<Vec<Component>>(&run[..run.len() - 4]).is_none());
        assert!(from_run::<Vec<Component>>(&run.replacen("),\n", ")\n", 1)).is_none());
    }

    #[test]
    fn forms_the_writer_does_not_write_are_left_to_ron() {
        for text in [
            "Placement(x: 1.0, y: 2.0)", // a struct name
            "(x: 1.0, y: 2.0) // a comment",
            "(x: 1_0.0, y: 2.0)",
            "(x: 1.0f32, y: 2.0)",
            "(x: inf, y: 2.0)",
            "(x: .5, y: 2.0)",
            "(x: 01.5, y: 2.0)",
            "(r#x: 1.0, y: 2.0)",
            "(x: 1.0 y: 2.0)",
        ] {
            assert!(from_str::<Placement>(text).is_none(), "{text}");
        }
        assert!(from_str::<Placement>("(x: 1.0, y: -2.5e3, pinned: true,)").is_some());
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_left_to_ron() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        type Nested = Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<()>>>>>>>>>>;
        assert!(from_str::<Nested>(&deep(3)).is_some());
        // Past the limit the answer is ron's, whatever the type.
        let text = deep(MAX_DEPTH as usize + 1);
        assert!(from_str::<serde::de::IgnoredAny>(&text).is_none());
    }

    /// Texts of the model's strings: quotes, escapes, controls, bidi marks, non-Latin.
    fn any_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("\"".to_owned()),
                Just("\\\\".to_owned()),
                Just("\\n".to_owned()),
                Just("\n\r\t\0".to_owned()),
                Just("\u{202e}\u{feff}\u{7f}".to_owned()),
                Just("日本語 ü".to_owned()),
                Just("None Some( ) , : ] } /* // r#\"x\"#".to_owned()),
                "[a-z 0-9]{0,8}",
                any::<char>().prop_map(String::from),
            ],
            0..6,
        )
        .prop_map(|parts| parts.concat())
    }

    /// One edit of a text: a few bytes cut out, or a snippet put in.
    fn edit(text: &str, at: usize, cut: usize, put: &str) -> String {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        format!("{}{put}{}", &text[..at], &text[end..])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn strings_and_numbers_are_read_as_ron_reads_them(
            name in any_text(),
            description in any_text(),
            x in prop::num::f32::NORMAL | prop::num::f32::ZERO | prop::num::f32::SUBNORMAL,
            y in -1e9f32..1e9,
            seed in 0u64..1000,
        ) {
            let mut arch = generate(5, 6, seed);
            arch.name = name;
            if let Some(c) = arch.components.iter_mut().next() {
                c.description = description;
            }
            if let Some(p) = arch.layout.values_mut().next() {
                p.x = x;
                p.y = y;
            }
            let text = to_canonical_string(&arch).expect("writes");
            prop_assert_eq!(by_fast(&text), Some(arch.clone()));
            prop_assert_eq!(by_ron(&text), Some(arch));
        }

        /// The heart of it: whatever this reader accepts, ron accepts, with the same value.
        #[test]
        fn a_broken_text_it_accepts_is_one_ron_reads_the_same(
            example in 0usize..EXAMPLES.len(),
            at in any::<usize>(),
            cut in 0usize..4,
            put in prop::sample::select(vec![
                "", ",", "(", ")", "[", "]", "{", "}", ":", "\"", "\\", "\\u{41}", " ", "\n",
                "0", "-", "-0", ".", "e", "1e9", "99999999999", "None", "Some(", "x", "r#", "#",
                "é", "/*", "//", "true", "Get", "_",
            ]),
            second_at in any::<usize>(),
            second_cut in 0usize..3,
        ) {
            let text = edit(EXAMPLES[example], at, cut, put);
            let text = edit(&text, second_at, second_cut, "");
            if let Some(fast) = by_fast(&text) {
                prop_assert_eq!(Some(fast), by_ron(&text), "accepted by the fast reader:\n{}", text);
            }
        }
    }
}
