//! Building YAML documents as values, in the key order people expect to read them.
//!
//! Every YAML file of an export (OpenAPI, AsyncAPI, docker-compose, Kubernetes, CI workflows)
//! is built as a [`Value`] (`serde_norway`'s, which keeps key order) and written by
//! [`to_yaml`], so model text is never pasted into YAML by hand.
//!
//! The writer is our own because the readers of these files disagree about YAML: Kubernetes
//! and PyYAML read YAML 1.1, where a plain `yes`, `on`, `n`, `2001-12-14` or `1_000` is not a
//! string, while `serde_norway` writes for YAML 1.2 and leaves those plain. Here a string is
//! written plain only when it is plainly a word, a path or a version in every YAML version;
//! everything else is double-quoted with every non-ASCII character escaped (so no
//! bidirectional control reaches the file either).

use serde_norway::Mapping;
pub use serde_norway::Value;

/// A mapping with keys in the given order.
pub fn map<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(Value::String(k.into()), v);
    }
    Value::Mapping(m)
}

/// A string.
pub fn s(text: impl Into<String>) -> Value {
    Value::String(text.into())
}

/// A number.
pub fn n(number: impl Into<i64>) -> Value {
    Value::Number(number.into().into())
}

/// A boolean.
pub fn b(value: bool) -> Value {
    Value::Bool(value)
}

/// A sequence.
pub fn seq(items: impl IntoIterator<Item = Value>) -> Value {
    Value::Sequence(items.into_iter().collect())
}

/// Adds `key: value` to a mapping value (does nothing to other values).
pub fn put(target: &mut Value, key: impl Into<String>, value: Value) {
    if let Value::Mapping(m) = target {
        m.insert(Value::String(key.into()), value);
    }
}

/// The document as YAML text, ending in a newline; `header` lines go first as comments.
pub fn to_yaml(value: &Value, header: &[&str]) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(&super::escape::comment(line));
        out.push('\n');
    }
    match value {
        Value::Mapping(m) if !m.is_empty() => write_mapping(&mut out, m, 0),
        Value::Sequence(items) if !items.is_empty() => write_sequence(&mut out, items, 0),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

/// Words every YAML version reads as something other than a string.
const SPECIAL: &[&str] = &[
    "false", "n", "no", "null", "off", "on", "true", "y", "yes", "~",
];

/// Whether `text` can be written without quotes and read back as the same string by YAML 1.1
/// and 1.2 readers alike: starts with a letter or `/`, holds only letters, digits and
/// `_./@+-` (single spaces between words), and is no special word.
pub fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '/')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '@' | '+' | '-' | ' ')
        })
        && !SPECIAL.contains(&text.to_ascii_lowercase().as_str())
}

/// A YAML double-quoted string: ASCII only, every special character escaped.
pub fn quoted(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if u32::from(c) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if u32::from(c) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\U{:08x}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(text) if is_plain_safe(text) => text.clone(),
        Value::String(text) => quoted(text),
        Value::Mapping(_) => "{}".to_owned(),
        Value::Sequence(_) => "[]".to_owned(),
        Value::Tagged(t) => scalar(&t.value),
    }
}

fn key(value: &Value) -> String {
    match value {
        Value::String(text) if is_plain_safe(text) => text.clone(),
        Value::String(text) => quoted(text),
        other => quoted(&scalar(other)),
    }
}

fn is_block(value: &Value) -> bool {
    match value {
        Value::Mapping(m) => !m.is_empty(),
        Value::Sequence(s) => !s.is_empty(),
        _ => false,
    }
}

fn write_mapping(out: &mut String, m: &Mapping, indent: usize) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&key(k));
        out.push(':');
        write_value(out, v, indent);
    }
}

fn write_sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match item {
            Value::Mapping(m) if !m.is_empty() => write_mapping(out, m, indent + 2),
            Value::Sequence(s) if !s.is_empty() => {
                out.push('\n');
                write_sequence(out, s, indent + 2);
            }
            other => {
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

fn write_value(out: &mut String, value: &Value, indent: usize) {
    if !is_block(value) {
        out.push(' ');
        out.push_str(&scalar(value));
        out.push('\n');
        return;
    }
    out.push('\n');
    match value {
        Value::Mapping(m) => write_mapping(out, m, indent + 2),
        Value::Sequence(s) => write_sequence(out, s, indent + 2),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_strings_round_trip() {
        let hostile = "a: b\n- c\n'\"${x}*/'; DROP\u{202e}#d\u{1f600}";
        let doc = map([
            ("k", s(hostile)),
            ("on", s("yes")),
            (
                "list",
                seq([s("a"), map([("x", n(1)), ("y", seq([]))]), seq([b(true)])]),
            ),
            ("empty", map::<String>([])),
            ("date", s("2001-12-14")),
            ("/orders/{id}", map([("get", s("x y"))])),
        ]);
        let text = to_yaml(&doc, &["generated\nby: archcanvas"]);
        let back: Value = serde_norway::from_str(&text).unwrap();
        assert_eq!(back, doc, "{text}");
        assert!(text.starts_with("# generated by: archcanvas\n"));
        assert!(text.is_ascii());
        assert!(text.contains("\"on\": \"yes\""), "{text}");
        assert!(text.contains("date: \"2001-12-14\""), "{text}");
    }

    #[test]
    fn plain_only_when_safe() {
        assert!(is_plain_safe("application/json"));
        assert!(is_plain_safe("Place an order"));
        for bad in [
            "yes",
            "On",
            "n",
            "",
            "1.0",
            "2001-12-14",
            "a: b",
            "x #y",
            " a",
            "<<",
            "1_000",
        ] {
            assert!(!is_plain_safe(bad), "{bad}");
        }
    }
}
