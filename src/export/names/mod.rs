//! Names: model text turned into identifiers and file names for each target language.
//!
//! Model names are free text (`Orders API`, `order-item`, `42 things`, `café`, `../../x`);
//! targets accept only narrow alphabets and refuse their keywords. Every sanitizer here is
//! built on one word splitter and one set of escapes so that one promise holds for all of
//! them: **two names whose [`identifier_key`](crate::model::identifier_key) differs never
//! become the same identifier.** The `duplicate-name` check relies on it: only names with
//! the same key can collide, and those are what it reports.
//!
//! How the promise is kept, per case style (the "natural" output is letters and digits of the
//! key, so lowercasing it and dropping separators gives the key back):
//!
//! - snake and screaming snake case join words with one `_` and never write `__` naturally;
//!   a non-ASCII letter becomes `__u` + six hex digits, a name that would not start with a
//!   letter gets the prefix `x__`, a keyword gets a trailing `_`;
//! - Pascal and camel case never write `_` naturally; a non-ASCII letter becomes `_u` + six
//!   hex digits, a name that would not start with a letter gets the prefix `X_`/`x_`, a
//!   keyword a trailing `_`.
//!
//! Each escape is recognisable, so the key can be read back from the output; hence distinct
//! keys give distinct outputs (the property test below checks it). Names that share a key may
//! still meet in one scope (a type `OrderItem` from `order-item` and `orderItem`): [`Scope`]
//! gives the later ones a numbered suffix so the generated code still compiles.

pub(crate) mod file;
mod keywords;
mod scope;

pub use file::{dns_label, file_stem};
pub use keywords::Lang;
pub use scope::Scope;

/// How the words of a name are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    /// `order_item`
    Snake,
    /// `ORDER_ITEM`
    ScreamingSnake,
    /// `OrderItem`
    Pascal,
    /// `orderItem`
    Camel,
}

/// Splits a name into words: runs of letters and digits, also split where a lowercase letter
/// or digit is followed by an uppercase one (`orderItem`, `HTTPServer` → `HTTP`, `Server`).
/// Every character that is not alphanumeric separates words.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if c.is_uppercase() => {
                (p.is_lowercase() || p.is_ascii_digit())
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Writes `word` lowercased with non-ASCII characters escaped by `marker` + six hex digits.
fn push_escaped(out: &mut String, word: &str, marker: &str, capitalize_first: bool) {
    let mut first = true;
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if first && capitalize_first {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
        } else {
            out.push_str(marker);
            out.push_str(&format!("{:06x}", u32::from(c)));
        }
        first = false;
    }
}

/// `name` in `case`, escaped as the module documentation says, without keyword handling.
pub fn to_case(name: &str, case: Case) -> String {
    let words = words(name);
    let mut out = String::with_capacity(name.len() + 4);
    match case {
        Case::Snake | Case::ScreamingSnake => {
            for (i, w) in words.iter().enumerate() {
                let starts_escaped = !w.starts_with(|c: char| c.is_ascii_alphanumeric());
                if i > 0 && !starts_escaped {
                    out.push('_');
                }
                push_escaped(&mut out, w, "__u", false);
            }
            if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
                out.insert_str(0, "x__");
            }
            if case == Case::ScreamingSnake {
                out.make_ascii_uppercase();
            }
        }
        Case::Pascal | Case::Camel => {
            for (i, w) in words.iter().enumerate() {
                let capitalize = !(case == Case::Camel && i == 0);
                push_escaped(&mut out, w, "_u", capitalize);
            }
            if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
                out.insert_str(0, if case == Case::Pascal { "X_" } else { "x_" });
            }
        }
    }
    out
}

/// `name` as an identifier of `lang` in `case`: [`to_case`], then a trailing `_` if the
/// result is a keyword or a name the generated code already uses.
pub fn ident(lang: Lang, name: &str, case: Case) -> String {
    let mut out = to_case(name, case);
    if lang.is_reserved(&out, case) {
        out.push('_');
    }
    out
}

/// Reads the identifier key back from an output of [`to_case`] or [`ident`]; the inverse
/// that proves the sanitizers never merge two keys. Used by tests.
pub fn key_of(ident: &str, case: Case) -> String {
    let (prefix, marker) = match case {
        Case::Snake | Case::ScreamingSnake => ("x__", "__u"),
        Case::Pascal | Case::Camel => ("x_", "_u"),
    };
    let lower = ident.to_ascii_lowercase();
    // The prefix is only ever followed by a digit, an escape or nothing; a natural name that
    // starts with the same letters is followed by anything else.
    let mut rest = match lower.strip_prefix(prefix) {
        Some(after)
            if after.is_empty() || after.starts_with(|c: char| c.is_ascii_digit() || c == '_') =>
        {
            after
        }
        _ => &lower,
    };
    let mut key = String::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(marker)
            && let Some(hex) = after.get(..6)
            && let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        {
            key.push(c);
            rest = after.get(6..).unwrap_or("");
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next()
            && c != '_'
        {
            key.push(c);
        }
        rest = chars.as_str();
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::identifier_key;
    use proptest::prelude::*;

    #[test]
    fn words_split_on_case_and_punctuation() {
        assert_eq!(words("Orders API"), ["Orders", "API"]);
        assert_eq!(words("orderItem"), ["order", "Item"]);
        assert_eq!(words("HTTPServer2Go"), ["HTTP", "Server2", "Go"]);
        assert_eq!(words("../../x"), ["x"]);
        assert!(words("").is_empty());
    }

    #[test]
    fn cases() {
        assert_eq!(to_case("order-item", Case::Snake), "order_item");
        assert_eq!(to_case("order-item", Case::ScreamingSnake), "ORDER_ITEM");
        assert_eq!(to_case("order-item", Case::Pascal), "OrderItem");
        assert_eq!(to_case("order-item", Case::Camel), "orderItem");
        assert_eq!(to_case("42 things", Case::Snake), "x__42_things");
        assert_eq!(to_case("42 things", Case::Pascal), "X_42Things");
        assert_eq!(to_case("café", Case::Snake), "caf__u0000e9");
        assert_eq!(to_case("café", Case::Pascal), "Caf_u0000e9");
        assert_eq!(to_case("", Case::Snake), "x__");
        assert_eq!(to_case("'; DROP TABLE x; --", Case::Snake), "drop_table_x");
    }

    #[test]
    fn keywords_get_a_trailing_underscore() {
        assert_eq!(ident(Lang::Rust, "type", Case::Snake), "type_");
        assert_eq!(ident(Lang::Rust, "self", Case::Snake), "self_");
        assert_eq!(ident(Lang::Rust, "string", Case::Pascal), "String_");
        assert_eq!(ident(Lang::Python, "class", Case::Snake), "class_");
        assert_eq!(ident(Lang::Go, "func", Case::Camel), "func_");
        assert_eq!(ident(Lang::TypeScript, "delete", Case::Camel), "delete_");
        assert_eq!(ident(Lang::Rust, "orders", Case::Snake), "orders");
    }

    #[test]
    fn key_reads_back() {
        for name in [
            "Orders API",
            "42 things",
            "café au lait",
            "日本",
            "",
            "type",
            "a_b-C",
        ] {
            for case in [Case::Snake, Case::ScreamingSnake, Case::Pascal, Case::Camel] {
                for lang in Lang::ALL {
                    let out = ident(lang, name, case);
                    assert_eq!(
                        key_of(&out, case),
                        identifier_key(name),
                        "{name:?} {case:?}"
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn distinct_keys_never_collide(a in "\\PC{0,12}", b in "\\PC{0,12}") {
            prop_assume!(identifier_key(&a) != identifier_key(&b));
            for case in [Case::Snake, Case::ScreamingSnake, Case::Pascal, Case::Camel] {
                for lang in Lang::ALL {
                    prop_assert_ne!(ident(lang, &a, case), ident(lang, &b, case));
                }
            }
        }

        #[test]
        fn identifiers_are_ascii_words(a in "\\PC{0,16}") {
            for case in [Case::Snake, Case::ScreamingSnake, Case::Pascal, Case::Camel] {
                let out = to_case(&a, case);
                prop_assert!(out.starts_with(|c: char| c.is_ascii_alphabetic()));
                prop_assert!(out.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            }
        }
    }
}
