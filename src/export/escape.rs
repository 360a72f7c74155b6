//! Model text placed inside generated files, escaped for each target.
//!
//! Two kinds of placement:
//!
//! - **literals** keep the exact text (a route, a topic, a wire field name): each target's
//!   string syntax with every quote, backslash and control character escaped, and every
//!   non-ASCII character written as an escape, so generated sources are plain ASCII and a
//!   bidirectional-override character can neither reorder what a reviewer sees nor trip
//!   rustc's `text_direction_codepoint_in_literal` error;
//! - **prose** (comments, descriptions in Markdown) may lose formatting: [`plain_text`] keeps
//!   one line with no control or invisible formatting characters, and the comment helpers
//!   also break the sequences that would end a comment early.
//!
//! YAML and JSON documents are not written by hand: they are built as values and serialized
//! by serde, which escapes for us.

use std::fmt::Write;

/// Whether `c` is an invisible formatting character: bidirectional controls and isolates,
/// zero-width characters, the line and paragraph separators, soft hyphen, byte-order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Prose on one line: control and invisible characters become spaces, runs of spaces one.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_control() || is_invisible(c) {
            ' '
        } else {
            c
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Prose for a line comment in any C-like, Python, SQL, YAML or shell file: [`plain_text`]
/// with `*/` broken up (for block comments and doc tools that scan for it).
pub fn comment(text: &str) -> String {
    plain_text(text).replace("*/", "* /")
}

/// Prose for Markdown: [`plain_text`] with Markdown and HTML punctuation escaped.
pub fn markdown(text: &str) -> String {
    let mut out = String::new();
    for c in plain_text(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '{' | '}' | '!' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes `c` as UTF-16 `\uXXXX` escapes (a surrogate pair above the BMP).
fn push_utf16_escapes(out: &mut String, c: char) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        let _ = write!(out, "\\u{unit:04x}");
    }
}

/// A Rust string literal: `"…"` with `\u{…}` for anything outside printable ASCII.
pub fn rust_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            _ => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// A JSON string (also valid TypeScript, JavaScript, GraphQL and TOML basic strings):
/// `"…"` with `\uXXXX` for anything outside printable ASCII.
pub fn json_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            _ => push_utf16_escapes(&mut out, c),
        }
    }
    out.push('"');
    out
}

/// A TypeScript string literal (double-quoted, so `${` means nothing).
pub fn ts_str(text: &str) -> String {
    json_str(text)
}

/// A GraphQL string value (descriptions, default values).
pub fn graphql_str(text: &str) -> String {
    json_str(text)
}

/// A TOML basic string.
pub fn toml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
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

/// A Python string literal (never an f-string, so `{` means nothing).
pub fn py_str(text: &str) -> String {
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

/// A Go interpreted string literal.
pub fn go_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
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

/// The SQL dialects whose quoting differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlDialect {
    /// PostgreSQL (`"ident"`, standard strings).
    Postgres,
    /// MySQL and MariaDB (`` `ident` ``, backslash escapes in strings).
    Mysql,
    /// SQLite (`"ident"`, standard strings).
    Sqlite,
}

/// A quoted SQL identifier.
pub fn sql_ident(dialect: SqlDialect, name: &str) -> String {
    match dialect {
        SqlDialect::Postgres | SqlDialect::Sqlite => format!("\"{}\"", name.replace('"', "\"\"")),
        SqlDialect::Mysql => format!("`{}`", name.replace('`', "``")),
    }
}

/// A SQL string literal holding prose (a comment on a table or column): one line, quotes
/// doubled, backslashes escaped where the dialect treats them as escapes.
pub fn sql_prose(dialect: SqlDialect, text: &str) -> String {
    let text = plain_text(text);
    let body = match dialect {
        SqlDialect::Postgres | SqlDialect::Sqlite => text.replace('\'', "''"),
        SqlDialect::Mysql => text.replace('\\', "\\\\").replace('\'', "''"),
    };
    format!("'{body}'")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\"b\\c\nd${e}*/f'; DROP TABLE x; --\u{202e}g\u{2066}h`i";

    #[test]
    fn literals_are_ascii_and_closed() {
        for lit in [
            rust_str(HOSTILE),
            json_str(HOSTILE),
            py_str(HOSTILE),
            go_str(HOSTILE),
            toml_str(HOSTILE),
        ] {
            assert!(lit.is_ascii(), "{lit}");
            assert!(!lit.contains('\n'), "{lit}");
            // The only unescaped quotes are the two around the literal.
            let inner = &lit[1..lit.len() - 1];
            let mut escaped = false;
            for c in inner.chars() {
                assert!(escaped || c != '"', "unescaped quote in {lit}");
                escaped = !escaped && c == '\\';
            }
            assert!(!escaped, "literal ends in a lone backslash: {lit}");
        }
    }

    #[test]
    fn json_literal_round_trips() {
        let lit = json_str(HOSTILE);
        let back: String = serde_json::from_str(&lit).unwrap();
        assert_eq!(back, HOSTILE);
        let astral = json_str("😀");
        assert_eq!(astral, "\"\\ud83d\\ude00\"");
        assert_eq!(serde_json::from_str::<String>(&astral).unwrap(), "😀");
    }

    #[test]
    fn rust_literal_escapes_bidi() {
        assert_eq!(rust_str("a\u{202e}b"), "\"a\\u{202e}b\"");
        assert_eq!(py_str("é\u{202e}😀"), "\"\\xe9\\u202e\\U0001f600\"");
        assert_eq!(go_str("\u{202e}"), "\"\\u202e\"");
    }

    #[test]
    fn prose_stays_on_one_line_without_invisibles() {
        let c = comment(HOSTILE);
        assert!(!c.contains('\n') && !c.contains("*/"));
        assert!(!c.chars().any(is_invisible));
        assert_eq!(plain_text("  a \n\n b\t"), "a b");
        assert_eq!(markdown("*x* <b>"), "\\*x\\* \\<b\\>");
    }

    #[test]
    fn sql_quoting() {
        assert_eq!(sql_ident(SqlDialect::Postgres, "a\"b"), "\"a\"\"b\"");
        assert_eq!(sql_ident(SqlDialect::Mysql, "a`b"), "`a``b`");
        assert_eq!(
            sql_prose(SqlDialect::Postgres, "it's\n'; DROP"),
            "'it''s ''; DROP'"
        );
        assert_eq!(sql_prose(SqlDialect::Mysql, "a\\'"), "'a\\\\'''");
    }
}
