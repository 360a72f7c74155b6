//! Stable identifiers.
//!
//! Every component, connection, group, schema, view, flow and note has an id of the form
//! `[a-z][a-z0-9-]*`. Ids appear in files, connections, CLI output and generated file names,
//! so they are checked once, where they are made, and are never changed by a rename.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A stable identifier such as `orders-api`.
///
/// The only ways to make one check the form, so any `Id` in memory is well-formed. The text
/// is shared: ids are cloned everywhere (findings name their subjects, the editor keeps
/// snapshots for undo), and a clone copies a pointer, not the text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(Arc<str>);

/// Why a string is not a valid [`Id`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The string is empty.
    #[error("an id cannot be empty")]
    Empty,
    /// The first character is not a lowercase ASCII letter.
    #[error("id `{0}` must start with a lowercase letter (a-z)")]
    BadStart(String),
    /// A character other than `a-z`, `0-9` or `-`.
    #[error("id `{id}` has the character {ch:?}; ids use only a-z, 0-9 and '-'")]
    BadChar {
        /// The rejected id.
        id: String,
        /// The first offending character.
        ch: char,
    },
}

impl Id {
    /// Checks `s` and makes an id of it.
    pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
        let s = s.into();
        validate(&s)?;
        Ok(Self(Arc::from(s)))
    }

    /// Where the text lives. Ids cloned from one another share their text and have the same
    /// address; equal ids made separately do not, so a different address proves nothing
    /// (compare the texts then). See [`crate::model::Architecture::share_ids`].
    pub fn text_address(&self) -> usize {
        Arc::as_ptr(&self.0).cast::<u8>() as usize
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Turns any text into a valid id: lowercase, runs of other characters become `-`,
    /// a leading digit or dash gets a letter in front. `fallback` is used when nothing is left.
    pub fn slugify(text: &str, fallback: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        for ch in text.chars().flat_map(char::to_lowercase) {
            if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
                out.push(ch);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        if out.is_empty() {
            out = fallback.to_owned();
        }
        if out.is_empty() {
            out.push('x');
        } else if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
            out.insert_str(0, "x-");
        }
        match validate(&out) {
            Ok(()) => Self(Arc::from(out)),
            Err(_) => Self(Arc::from("x")),
        }
    }

    /// The first id of the form `base`, `base-2`, `base-3`, … for which `taken` is false.
    pub fn unique(base: &Id, mut taken: impl FnMut(&Id) -> bool) -> Id {
        if !taken(base) {
            return base.clone();
        }
        (2u64..)
            .map(|n| Id(Arc::from(format!("{}-{n}", base.0))))
            .find(|id| !taken(id))
            .unwrap_or_else(|| base.clone())
    }
}

/// The part of a name that survives every code-export sanitizer: its letters and digits,
/// lowercased. Two names with the same key may become the same identifier or file name in some
/// target language (`Orders API`, `orders_api` and `OrdersApi` all give `ordersapi`), which is
/// what the `duplicate-name` rule looks for; sanitizers never make names with different keys
/// collide.
pub fn identifier_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn validate(s: &str) -> Result<(), IdError> {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return Err(IdError::Empty);
    };
    if !first.is_ascii_lowercase() {
        return Err(IdError::BadStart(s.to_owned()));
    }
    if let Some(ch) = chars.find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
        return Err(IdError::BadChar {
            id: s.to_owned(),
            ch,
        });
    }
    Ok(())
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Id {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Id::new(s)
    }
}

impl TryFrom<&str> for Id {
    type Error = IdError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Id::new(s)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Takes the text as the reader has it: an id is then allocated once, for its
        /// shared text, not first as a `String`.
        struct IdVisitor;

        impl serde::de::Visitor<'_> for IdVisitor {
            type Value = Id;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id in quotes (a-z, 0-9 and '-')")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Id, E> {
                validate(s).map_err(E::custom)?;
                Ok(Id(Arc::from(s)))
            }
        }

        deserializer.deserialize_str(IdVisitor)
    }
}

/// Makes an id from a literal known to be valid; for tests, examples and generators.
///
/// # Panics
/// If `s` is not a valid id. Use [`Id::new`] for anything that comes from outside.
#[macro_export]
macro_rules! id {
    ($s:expr) => {
        $crate::model::Id::new($s).expect("a valid id literal")
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_kebab_case() {
        for ok in ["a", "orders-api", "db2", "x-1-2", "a--b", "a-"] {
            assert!(Id::new(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        assert_eq!(Id::new(""), Err(IdError::Empty));
        assert!(matches!(Id::new("1abc"), Err(IdError::BadStart(_))));
        assert!(matches!(Id::new("-a"), Err(IdError::BadStart(_))));
        assert!(matches!(Id::new("Orders"), Err(IdError::BadStart(_))));
        assert_eq!(
            Id::new("orders_api"),
            Err(IdError::BadChar {
                id: "orders_api".into(),
                ch: '_'
            })
        );
        assert!(matches!(
            Id::new("a/b"),
            Err(IdError::BadChar { ch: '/', .. })
        ));
        assert!(matches!(Id::new("é"), Err(IdError::BadStart(_))));
    }

    #[test]
    fn slugify_always_gives_a_valid_id() {
        assert_eq!(Id::slugify("Orders API", "c").as_str(), "orders-api");
        assert_eq!(
            Id::slugify("  ../../etc/passwd ", "c").as_str(),
            "etc-passwd"
        );
        assert_eq!(Id::slugify("42 things", "c").as_str(), "x-42-things");
        assert_eq!(Id::slugify("日本", "component").as_str(), "component");
        assert_eq!(Id::slugify("", "").as_str(), "x");
    }

    #[test]
    fn unique_appends_a_counter() {
        let base = Id::new("db").unwrap();
        let taken = ["db", "db-2"];
        assert_eq!(
            Id::unique(&base, |id| taken.contains(&id.as_str())).as_str(),
            "db-3"
        );
        assert_eq!(Id::unique(&base, |_| false).as_str(), "db");
    }
}
