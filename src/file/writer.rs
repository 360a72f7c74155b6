//! The canonical RON writer.
//!
//! ron's own pretty printer puts every field of every struct on a line of its own, which
//! makes a database entity field five lines long. This writer keeps a value on one line when
//! that line fits in [`WIDTH`] columns and opens it up otherwise, so small things (a field, a
//! position, a connection kind) read as one line and a change to them is a one-line diff.
//! The top-level collections are always opened up, one item per line or block.
//!
//! It works in two passes over an arena: serde fills a tree of nodes (atoms are written into
//! one shared text buffer; each composite records the length of its one-line form), then the
//! printer walks the tree choosing one-line or opened-up form per node. The output reads back
//! with [`super::ron_options`]: optional values are written without `Some(…)`
//! (`implicit_some`) and a variant holding a struct is written `Variant(field: …)`
//! (`unwrap_variant_newtypes`).

use std::fmt::Write as _;

use serde::ser::{self, Serialize};

/// Lines are kept within this many columns where the content allows.
pub const WIDTH: usize = 100;
const INDENT: &str = "    ";

/// Writes `value` as canonical RON, starting at indentation level `level` (the first line is
/// not indented; the caller has written whatever precedes it). Collections at the top of the
/// value are opened up when `expand_top` is set.
pub fn to_string<T: Serialize + ?Sized>(
    value: &T,
    level: usize,
    expand_top: bool,
) -> Result<String, Error> {
    let mut tree = Tree::default();
    let root = value.serialize(&mut tree)?;
    let mut out = String::with_capacity(tree.text.len() * 2);
    let start_col = level * INDENT.len();
    tree.print(root, level, start_col, expand_top, &mut out);
    Ok(out)
}

/// Writes each item of a list on its own line(s) at indentation `level`, each followed by
/// `,` and a newline: the inside of an opened-up list.
pub fn items<'a, T: Serialize + 'a>(
    mut items: impl Iterator<Item = &'a T>,
    level: usize,
) -> Result<String, Error> {
    let mut tree = Tree::default();
    let mut out = String::new();
    let mut first = true;
    while let Some(item) = items.next() {
        tree.nodes.clear();
        tree.text.clear();
        let node = item.serialize(&mut tree)?;
        indent(&mut out, level);
        tree.print(node, level, level * INDENT.len(), false, &mut out);
        out.push_str(",\n");
        reserve_like_first(&mut out, &mut first, items.size_hint().0);
    }
    Ok(out)
}

/// Writes map entries `key: value,` one per line(s) at indentation `level`: the inside of an
/// opened-up map.
pub fn entries<'a, K: Serialize + 'a, V: Serialize + 'a>(
    mut entries: impl Iterator<Item = (&'a K, &'a V)>,
    level: usize,
) -> Result<String, Error> {
    let mut tree = Tree::default();
    let mut out = String::new();
    let mut first = true;
    while let Some((key, value)) = entries.next() {
        tree.nodes.clear();
        tree.text.clear();
        let key = key.serialize(&mut tree)?;
        let value = value.serialize(&mut tree)?;
        indent(&mut out, level);
        let before = out.len();
        tree.print_compact(key, &mut out);
        out.push_str(": ");
        let col = level * INDENT.len() + (out.len() - before);
        tree.print(value, level, col, false, &mut out);
        out.push_str(",\n");
        reserve_like_first(&mut out, &mut first, entries.size_hint().0);
    }
    Ok(out)
}

/// After the first item, makes room for `left` more of about its size (plus a quarter), so
/// a long list is not copied each time its text outgrows its buffer. A first item much larger
/// than the rest cannot make it reserve more than [`MAX_RESERVE`].
fn reserve_like_first(out: &mut String, first: &mut bool, left: usize) {
    if std::mem::take(first) {
        let estimate = (out.len() + out.len() / 4).saturating_mul(left);
        out.reserve(estimate.min(MAX_RESERVE));
    }
}

/// The most [`reserve_like_first`] reserves: a quarter of the largest file the loader reads.
const MAX_RESERVE: usize = 64 * 1024 * 1024;

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str(INDENT);
    }
}

/// Why a value cannot be written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

impl Error {
    /// An error with this message.
    pub fn custom_msg(msg: &str) -> Self {
        Error(msg.to_owned())
    }
}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Atom,
    /// `( … )`: struct, tuple, variant payload.
    Paren,
    /// `[ … ]`.
    Bracket,
    /// `{ … }`.
    Brace,
}

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy)]
enum Key {
    None,
    Field(&'static str),
    Node(u32),
}

#[derive(Clone, Copy)]
struct Node {
    shape: Shape,
    /// Atom text, or the variant name before the bracket; a range of `Tree::text`.
    text: (u32, u32),
    key: Key,
    first_child: u32,
    last_child: u32,
    next: u32,
    /// Length of the one-line form, key excluded.
    len: u32,
    /// A struct written without a name; a newtype variant may adopt it.
    plain_struct: bool,
}

#[derive(Default)]
struct Tree {
    nodes: Vec<Node>,
    text: String,
}

impl Tree {
    fn push_text(&mut self, f: impl FnOnce(&mut String)) -> (u32, u32) {
        let start = self.text.len() as u32;
        f(&mut self.text);
        (start, self.text.len() as u32)
    }

    fn atom(&mut self, f: impl FnOnce(&mut String)) -> u32 {
        let text = self.push_text(f);
        self.node(Shape::Atom, text)
    }

    fn node(&mut self, shape: Shape, text: (u32, u32)) -> u32 {
        let index = self.nodes.len() as u32;
        self.nodes.push(Node {
            shape,
            text,
            key: Key::None,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            len: text.1 - text.0,
            plain_struct: false,
        });
        index
    }

    fn composite(&mut self, shape: Shape, prefix: &str) -> u32 {
        let text = self.push_text(|t| t.push_str(prefix));
        self.node(shape, text)
    }

    fn get(&self, i: u32) -> Option<&Node> {
        self.nodes.get(i as usize)
    }

    fn add_child(&mut self, parent: u32, child: u32, key: Key) {
        let Some(last) = self.get(parent).map(|p| p.last_child) else {
            return;
        };
        if let Some(c) = self.nodes.get_mut(child as usize) {
            c.key = key;
        }
        if last == NONE {
            if let Some(p) = self.nodes.get_mut(parent as usize) {
                p.first_child = child;
            }
        } else if let Some(l) = self.nodes.get_mut(last as usize) {
            l.next = child;
        }
        if let Some(p) = self.nodes.get_mut(parent as usize) {
            p.last_child = child;
        }
    }

    fn key_len(&self, key: Key) -> u32 {
        match key {
            Key::None => 0,
            Key::Field(name) => name.len() as u32 + 2,
            Key::Node(k) => self.get(k).map_or(0, |k| k.len) + 2,
        }
    }

    /// Closes a composite: computes the length of its one-line form.
    fn finish(&mut self, index: u32) -> u32 {
        let Some(node) = self.get(index).copied() else {
            return index;
        };
        let mut len = (node.text.1 - node.text.0) + 2;
        let mut child = node.first_child;
        let mut count = 0u32;
        while let Some(c) = self.get(child) {
            len = len.saturating_add(c.len + self.key_len(c.key));
            count += 1;
            child = c.next;
        }
        len = len.saturating_add(2 * count.saturating_sub(1));
        if let Some(n) = self.nodes.get_mut(index as usize) {
            n.len = len;
        }
        index
    }

    fn slice(&self, range: (u32, u32)) -> &str {
        self.text
            .get(range.0 as usize..range.1 as usize)
            .unwrap_or("")
    }

    fn brackets(shape: Shape) -> (char, char) {
        match shape {
            Shape::Atom | Shape::Paren => ('(', ')'),
            Shape::Bracket => ('[', ']'),
            Shape::Brace => ('{', '}'),
        }
    }

    fn print_key(&self, key: Key, out: &mut String) {
        match key {
            Key::None => {}
            Key::Field(name) => {
                out.push_str(name);
                out.push_str(": ");
            }
            Key::Node(k) => {
                self.print_compact(k, out);
                out.push_str(": ");
            }
        }
    }

    fn print_compact(&self, index: u32, out: &mut String) {
        let Some(node) = self.get(index) else { return };
        out.push_str(self.slice(node.text));
        if node.shape == Shape::Atom {
            return;
        }
        let (open, close) = Self::brackets(node.shape);
        out.push(open);
        let mut child = node.first_child;
        let mut first = true;
        while let Some(c) = self.get(child) {
            if !first {
                out.push_str(", ");
            }
            first = false;
            self.print_key(c.key, out);
            self.print_compact(child, out);
            child = c.next;
        }
        out.push(close);
    }

    /// Prints node `index` whose first character lands in column `col` at nesting `level`.
    fn print(&self, index: u32, level: usize, col: usize, expand: bool, out: &mut String) {
        let Some(node) = self.get(index) else { return };
        // One more column for the comma that follows every item inside a parent.
        let fits = col + (node.len as usize) < WIDTH;
        if node.shape == Shape::Atom || node.first_child == NONE || (fits && !expand) {
            self.print_compact(index, out);
            return;
        }
        let (open, close) = Self::brackets(node.shape);
        out.push_str(self.slice(node.text));
        out.push(open);
        out.push('\n');
        let inner = level + 1;
        let mut child = node.first_child;
        while let Some(c) = self.get(child) {
            for _ in 0..inner {
                out.push_str(INDENT);
            }
            let before = out.len();
            self.print_key(c.key, out);
            let key_len = out.len() - before;
            self.print(child, inner, inner * INDENT.len() + key_len, false, out);
            out.push_str(",\n");
            child = c.next;
        }
        for _ in 0..level {
            out.push_str(INDENT);
        }
        out.push(close);
    }
}

/// Writes `s` as a RON string literal. Quotes, backslashes and every control or invisible
/// formatting character (including bidirectional overrides) are escaped, so the text of the
/// file shows exactly what the string holds.
fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

fn write_float(out: &mut String, v: f64) -> Result<(), Error> {
    if !v.is_finite() {
        return Err(Error(format!(
            "cannot write the number {v}: only finite numbers are saved"
        )));
    }
    let _ = write!(out, "{v:?}");
    Ok(())
}

macro_rules! atom_display {
    ($($name:ident: $ty:ty),*) => {$(
        fn $name(self, v: $ty) -> Result<u32, Error> {
            Ok(self.atom(|t| { let _ = write!(t, "{v}"); }))
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Tree {
    type Ok = u32;
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    atom_display!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128
    );

    fn serialize_f32(self, v: f32) -> Result<u32, Error> {
        let mut s = String::new();
        // Through f32's own shortest form, so 0.1f32 is written 0.1 and not 0.10000000149.
        if !v.is_finite() {
            return Err(Error(format!(
                "cannot write the number {v}: only finite numbers are saved"
            )));
        }
        let _ = write!(s, "{v:?}");
        Ok(self.atom(|t| t.push_str(&s)))
    }

    fn serialize_f64(self, v: f64) -> Result<u32, Error> {
        let mut s = String::new();
        write_float(&mut s, v)?;
        Ok(self.atom(|t| t.push_str(&s)))
    }

    fn serialize_char(self, v: char) -> Result<u32, Error> {
        Ok(self.atom(|t| {
            t.push('\'');
            match v {
                '\'' => t.push_str("\\'"),
                '\\' => t.push_str("\\\\"),
                c if needs_escape(c) => {
                    let _ = write!(t, "\\u{{{:x}}}", c as u32);
                }
                c => t.push(c),
            }
            t.push('\'');
        }))
    }

    fn serialize_str(self, v: &str) -> Result<u32, Error> {
        Ok(self.atom(|t| write_str(t, v)))
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<u32, Error> {
        let seq = self.composite(Shape::Bracket, "");
        for b in v {
            let child = self.atom(|t| {
                let _ = write!(t, "{b}");
            });
            self.add_child(seq, child, Key::None);
        }
        Ok(self.finish(seq))
    }

    fn serialize_none(self) -> Result<u32, Error> {
        Ok(self.atom(|t| t.push_str("None")))
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<u32, Error> {
        // implicit_some: the value stands for itself.
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<u32, Error> {
        Ok(self.atom(|t| t.push_str("()")))
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<u32, Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<u32, Error> {
        Ok(self.atom(|t| t.push_str(variant)))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<u32, Error> {
        let node = self.composite(Shape::Paren, "");
        let child = value.serialize(&mut *self)?;
        self.add_child(node, child, Key::None);
        Ok(self.finish(node))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<u32, Error> {
        let child = value.serialize(&mut *self)?;
        if self.get(child).is_some_and(|c| c.plain_struct) {
            // unwrap_variant_newtypes: `Variant(field: …)` rather than `Variant((field: …))`.
            let text = self.push_text(|t| t.push_str(variant));
            if let Some(c) = self.nodes.get_mut(child as usize) {
                c.text = text;
                c.plain_struct = false;
            }
            return Ok(self.finish(child));
        }
        let node = self.composite(Shape::Paren, variant);
        self.add_child(node, child, Key::None);
        Ok(self.finish(node))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        let node = self.composite(Shape::Bracket, "");
        Ok(Compound {
            tree: self,
            node,
            key: None,
        })
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Error> {
        let node = self.composite(Shape::Paren, "");
        Ok(Compound {
            tree: self,
            node,
            key: None,
        })
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_tuple(_len)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        let node = self.composite(Shape::Paren, variant);
        Ok(Compound {
            tree: self,
            node,
            key: None,
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        let node = self.composite(Shape::Brace, "");
        Ok(Compound {
            tree: self,
            node,
            key: None,
        })
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        let node = self.composite(Shape::Paren, "");
        if let Some(n) = self.nodes.get_mut(node as usize) {
            n.plain_struct = true;
        }
        Ok(Compound {
            tree: self,
            node,
            key: None,
        })
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        let node = self.composite(Shape::Paren, variant);
        Ok(Compound {
            tree: self,
            node,
            key: None,
        })
    }
}

/// A composite being filled.
pub struct Compound<'a> {
    tree: &'a mut Tree,
    node: u32,
    /// A map key waiting for its value.
    key: Option<u32>,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T, key: Key) -> Result<(), Error> {
        let child = value.serialize(&mut *self.tree)?;
        self.tree.add_child(self.node, child, key);
        Ok(())
    }

    fn done(self) -> Result<u32, Error> {
        Ok(self.tree.finish(self.node))
    }
}

macro_rules! seq_like {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = u32;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value, Key::None)
            }
            fn end(self) -> Result<u32, Error> {
                self.done()
            }
        }
    )*};
}

seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

macro_rules! struct_like {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = u32;
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.element(value, Key::Field(key))
            }
            fn end(self) -> Result<u32, Error> {
                self.done()
            }
        }
    )*};
}

struct_like!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = u32;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(&mut *self.tree)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let Some(key) = self.key.take() else {
            return Err(Error("a map value came without its key".into()));
        };
        self.element(value, Key::Node(key))
    }

    fn end(self) -> Result<u32, Error> {
        self.done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Connection, ConnectionKind, Kind, Placement};

    #[test]
    fn short_values_stay_on_one_line() {
        let p = Placement {
            x: 1.5,
            y: -2.0,
            width: Some(200.0),
            ..Placement::default()
        };
        assert_eq!(
            to_string(&p, 0, false).unwrap(),
            "(x: 1.5, y: -2.0, width: 200.0)"
        );
        let c = Connection::new(id!("a-b"), id!("a"), id!("b"), ConnectionKind::Reads);
        assert_eq!(
            to_string(&c, 0, false).unwrap(),
            r#"(id: "a-b", from: "a", to: "b", kind: Reads)"#
        );
    }

    #[test]
    fn long_values_open_up_and_variants_unwrap_their_struct() {
        let mut c = Component::new(id!("orders"), "Orders", Kind::Service);
        c.description = "x".repeat(90);
        let text = to_string(&c, 0, false).unwrap();
        let expected = format!(
            "(\n    id: \"orders\",\n    name: \"Orders\",\n    description: \"{}\",\n    \
             kind: Service(language: Rust),\n)",
            "x".repeat(90)
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn strings_escape_what_would_hide_or_break() {
        let mut out = String::new();
        write_str(&mut out, "a\"b\\c\nd\u{202e}e\u{7}é");
        assert_eq!(out, r#""a\"b\\c\nd\u{202e}e\u{7}é""#);
    }

    #[test]
    fn non_finite_numbers_are_refused() {
        let p = Placement::at(f32::NAN, 0.0);
        assert!(
            to_string(&p, 0, false)
                .unwrap_err()
                .to_string()
                .contains("finite")
        );
    }
}
