//! Values as a person reads them in the model file.
//!
//! A difference shows the old and the new value in the file's own spelling (RON on one line:
//! `8080`, `"API gateway"`, `Jwt`, `(x: 300.0, y: 150.0)`), so that a reviewer can find it in
//! the file and the JSON output needs no second vocabulary. Fields at their default are left
//! out, as the file leaves them out.

use std::fmt::Debug;

use serde::Serialize;

/// `value` as one line of RON, as the model file would spell it.
pub(crate) fn show<T: Serialize + Debug + ?Sized>(value: &T) -> String {
    // A depth limit of 0 keeps every level on one line, with ", " and ": " separators.
    let config = ron::ser::PrettyConfig::new().depth_limit(0);
    match crate::file::ron_options().to_string_pretty(value, config) {
        Ok(text) => unescape_single_quotes(&text),
        // Every model type serialises (the file writer relies on it); Debug is a readable
        // fallback should that ever change, rather than a lost difference.
        Err(_) => format!("{value:?}"),
    }
}

/// RON escapes `'` inside strings as `\'`, which reads badly in a review ("customer\'s") and
/// is not needed: RON reads a bare `'` inside a double-quoted string just as well.
fn unescape_single_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\'') => out.push('\''),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Endpoint, GroupKind, Method, Placement, Zone};

    #[test]
    fn values_read_as_in_the_file() {
        assert_eq!(show(&Some(8080u16)), "8080");
        assert_eq!(show(&None::<u16>), "None");
        assert_eq!(show("API gateway"), r#""API gateway""#);
        assert_eq!(
            show(&GroupKind::TrustZone(Zone::Public)),
            "TrustZone(Public)"
        );
        assert_eq!(show(&Placement::at(300.0, -20.5)), "(x: 300.0, y: -20.5)");
        let endpoint = Endpoint {
            method: Method::Post,
            path: "/orders".into(),
            auth: true,
            ..Endpoint::default()
        };
        assert_eq!(
            show(&endpoint),
            r#"(method: Post, path: "/orders", auth: true)"#
        );
    }

    #[test]
    fn quotes_stay_readable_and_the_text_still_parses() {
        assert_eq!(show("customer's"), r#""customer's""#);
        for text in [
            "customer's",
            r"back\slash",
            r"odd \' pair",
            "say \"hi\"\n",
            "é ü",
        ] {
            let shown = show(text);
            let back: String = crate::file::ron_options()
                .from_str(&shown)
                .unwrap_or_else(|e| panic!("{shown} does not parse: {e}"));
            assert_eq!(back, text);
        }
    }
}
