//! File and resource names made from ids.
//!
//! Ids are already `[a-z][a-z0-9-]*`, so no id can climb out of a folder; what remains is
//! what some systems refuse: Windows' reserved device names (`con`, `nul`, `com1`…, with any
//! extension), very long names, and Kubernetes' 63-character DNS labels that may not end in
//! `-`. The escapes use `_`, which no id contains, so an escaped name never equals another id.

use sha2::{Digest, Sha256};

/// Longest file stem written; longer ids are cut and get a hash of the whole id.
pub const MAX_STEM: usize = 64;

const WINDOWS_RESERVED: &[&str] = &[
    "aux", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "con",
    "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "nul", "prn",
];

/// Whether Windows refuses a file whose name starts with `stem` (before the first dot).
pub fn is_windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    WINDOWS_RESERVED.contains(&stem.to_ascii_lowercase().as_str())
}

/// 16 hex digits of the SHA-256 of `text`.
pub(crate) fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Shortens `text` to `max` bytes, replacing the tail with `_` and a hash of the whole.
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let hash = short_hash(text);
    let keep = max.saturating_sub(hash.len() + 1);
    let head: String = text.chars().take(keep).collect();
    format!("{head}_{hash}")
}

/// A file (or folder) name for `text`: ASCII letters, digits, `-`, `_` and `.` only, not a
/// reserved device name, at most [`MAX_STEM`] bytes. Meant for ids; any other text is first
/// made into an id-like slug.
pub fn file_stem(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let mut stem = if clean.is_empty() || clean != text {
        // Not an id: keep what is safe and add a hash so different texts stay different.
        format!("{}_{}", clean.trim_matches('_'), short_hash(text))
    } else {
        clean
    };
    if is_windows_reserved(&stem) {
        stem.push('_');
    }
    shorten(&stem, MAX_STEM)
}

/// A Kubernetes resource name (an RFC 1035 label: `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63
/// characters) for an id. Ids that already are one are kept; others are cut and end in a hash.
pub fn dns_label(id: &str) -> String {
    let valid = id.len() <= 63
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        return id.to_owned();
    }
    let hash = short_hash(id);
    let head: String = id
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        .take(63 - hash.len() - 2)
        .collect();
    let head = head.trim_end_matches('-');
    let head = if head.starts_with(|c: char| c.is_ascii_lowercase()) {
        head.to_owned()
    } else {
        format!("x{head}")
    };
    // `-h-` + hash: an id ending in `-` is not a valid label, so no valid id looks like this.
    format!("{head}-h{hash}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_as_they_are() {
        assert_eq!(file_stem("orders-api"), "orders-api");
        assert_eq!(dns_label("orders-api"), "orders-api");
    }

    #[test]
    fn dangerous_names_become_safe_and_distinct() {
        for reserved in ["con", "CON", "nul", "com1", "lpt9", "aux"] {
            let stem = file_stem(reserved);
            assert!(!is_windows_reserved(&stem), "{reserved} → {stem}");
        }
        assert_eq!(file_stem("con"), "con_");
        let up = file_stem("../../x");
        assert!(!up.contains('/') && !up.contains(".."), "{up}");
        assert!(!file_stem("/abs").contains('/'));
        assert!(!file_stem("a/b").contains('/'));
        assert!(!file_stem("").is_empty());
        assert_ne!(file_stem("Orders"), file_stem("orders"));
        assert_ne!(
            file_stem("Orders").to_lowercase(),
            file_stem("orders").to_lowercase()
        );
        let long = "a".repeat(300);
        let longer = format!("{long}b");
        assert!(file_stem(&long).len() <= MAX_STEM);
        assert_ne!(file_stem(&long), file_stem(&longer));
    }

    #[test]
    fn dns_labels_are_valid() {
        for id in ["a-", &"x".repeat(300), "a--b-"] {
            let label = dns_label(id);
            assert!(label.len() <= 63, "{label}");
            assert!(label.starts_with(|c: char| c.is_ascii_lowercase()));
            assert!(label.ends_with(|c: char| c.is_ascii_alphanumeric()));
        }
        assert_ne!(dns_label("a-"), dns_label("a"));
    }
}
