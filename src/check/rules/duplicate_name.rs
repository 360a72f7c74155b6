//! `duplicate-name` (error): two components whose names give the same identifier or file
//! name in code export.
//!
//! Why it matters: code export turns names into identifiers and file names (`OrdersApi`,
//! `orders_api.py`, `orders-api/`). Names that differ only in case, spaces or punctuation
//! (`Orders API`, `orders_api`, `OrdersApi`) become the same identifier in at least one target
//! language, so one generated module would overwrite the other or fail to compile — and for
//! people, two boxes that read the same are confusing anyway.
//!
//! How to fix: rename one of them so the names differ in their letters or digits.
//!
//! Two names collide when they have the same `model::identifier_key` (letters and digits,
//! lowercased): the export sanitizers are built so that names with different keys never
//! collide, so this rule and the exports agree on what a collision is.

use std::collections::BTreeMap;
use std::hash::Hasher;

use rustc_hash::{FxHashSet, FxHasher};

use crate::check::warm::{first_byte, in_batches};
use crate::check::{Context, Rule, Sink};
use crate::model::{Component, Severity, identifier_key};

pub(crate) const RULE: Rule = Rule {
    id: "duplicate-name",
    default_severity: Severity::Error,
    summary: "two components whose names give the same identifier or file name in code export",
    help: "rename one of them so the names differ in letters or digits, not only in case, \
           spaces or punctuation",
    run,
};

/// A hash of the name's letters and digits in lower case: equal for names whose
/// [`identifier_key`]s are equal. ASCII names (nearly all) skip Unicode case folding; an
/// ASCII character hashes the same either way.
fn key_hash(name: &str) -> u64 {
    let mut hasher = FxHasher::default();
    if name.is_ascii() {
        for b in name.bytes().filter(u8::is_ascii_alphanumeric) {
            hasher.write_u32(u32::from(b.to_ascii_lowercase()));
        }
    } else {
        for ch in name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
        {
            hasher.write_u32(u32::from(ch));
        }
    }
    hasher.finish()
}

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    // Hash the key first, without building a string per component, and sort the hashes:
    // only components whose hashes are equal get their real keys compared.
    // Components numbered here rather than by the index: this rule needs no index, so it can
    // run while another thread builds it.
    let components: Vec<&Component> = cx.arch.components.iter().collect();
    let component = |n: u32| components.get(n as usize).copied();
    let mut hashed: Vec<(u64, u32)> = Vec::with_capacity(components.len());
    // Each component's name sits somewhere else in memory: they are read ahead a batch at a
    // time. More than u32::MAX components cannot be loaded; numbering stops there.
    let numbered = components.iter().copied().zip(0..=u32::MAX);
    let touch = |(c, _): (&Component, u32)| first_byte(&c.name);
    in_batches(numbered, touch, |(c, i)| {
        hashed.push((key_hash(&c.name), i))
    });
    // Almost every name is unique: find the hashes that repeat first, and sort only the
    // names that have them (sorting every name cost more than the rest of the rule).
    let mut seen = FxHashSet::with_capacity_and_hasher(hashed.len(), Default::default());
    let mut repeated = FxHashSet::default();
    for &(hash, _) in &hashed {
        if !seen.insert(hash) {
            repeated.insert(hash);
        }
    }
    hashed.retain(|(hash, _)| repeated.contains(hash));
    hashed.sort_unstable();
    let mut clashes: Vec<(String, Vec<u32>)> = Vec::new();
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
        let mut by_key: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for &(_, n) in run {
            if let Some(c) = component(n) {
                by_key.entry(identifier_key(&c.name)).or_default().push(n);
            }
        }
        clashes.extend(by_key.into_iter().filter(|(_, v)| v.len() > 1));
    }
    clashes.sort_unstable();
    for (key, nodes) in clashes {
        let components: Vec<_> = nodes.iter().filter_map(|n| component(*n)).collect();
        let names: Vec<String> = components
            .iter()
            .map(|c| format!("`{}` ({:?})", c.id, c.name))
            .collect();
        let message = format!(
            "{} components have names that become the same identifier in exported code \
             (`{key}`): {}",
            components.len(),
            super::sentence(names)
        );
        sink.report(components.iter().map(|c| c.id.clone()).collect(), message);
    }
}

#[cfg(test)]
mod tests {
    use std::hash::Hasher;

    use proptest::prelude::*;
    use rustc_hash::FxHasher;

    use super::key_hash;
    use crate::check::testing::{findings, model};
    use crate::model::identifier_key;

    proptest! {
        /// The quick hash is the hash of the identifier key, ASCII or not, so equal keys
        /// always land side by side.
        #[test]
        fn the_hash_is_that_of_the_identifier_key(name in "\\PC{0,24}|[ -~]{0,24}") {
            let mut hasher = FxHasher::default();
            for ch in identifier_key(&name).chars() {
                hasher.write_u32(u32::from(ch));
            }
            prop_assert_eq!(key_hash(&name), hasher.finish());
        }
    }

    #[test]
    fn names_that_differ_only_in_case_and_punctuation_collide() {
        let arch = model()
            .services(&["a", "b", "c", "d"])
            .with("a", |c| c.name = "Orders API".into())
            .with("b", |c| c.name = "orders_api".into())
            .with("c", |c| c.name = "OrdersApi".into())
            .with("d", |c| c.name = "Orders API v2".into())
            .build();
        let found = findings(&arch, "duplicate-name");
        assert_eq!(found.len(), 1);
        let subjects: Vec<&str> = found[0].subjects.iter().map(|s| s.as_str()).collect();
        assert_eq!(subjects, ["a", "b", "c"]);
        assert_eq!(
            found[0].message,
            "3 components have names that become the same identifier in exported code \
             (`ordersapi`): `a` (\"Orders API\"), `b` (\"orders_api\") and `c` (\"OrdersApi\")"
        );
    }

    #[test]
    fn distinct_names_are_fine() {
        let arch = model()
            .services(&["a", "b"])
            .with("a", |c| c.name = "Orders".into())
            .with("b", |c| c.name = "Order".into())
            .build();
        assert!(findings(&arch, "duplicate-name").is_empty());
    }
}
