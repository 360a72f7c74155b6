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

use rustc_hash::{FxHashMap, FxHasher};

use crate::check::{Context, Rule, Sink};
use crate::model::{Severity, identifier_key};

pub(crate) const RULE: Rule = Rule {
    id: "duplicate-name",
    default_severity: Severity::Error,
    summary: "two components whose names give the same identifier or file name in code export",
    help: "rename one of them so the names differ in letters or digits, not only in case, \
           spaces or punctuation",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    // Bucket by a hash of the key first, without building a string per component; only
    // components that share a bucket get their real keys compared.
    let mut buckets: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (i, c) in cx.index.components.iter().enumerate() {
        let Ok(i) = u32::try_from(i) else { break };
        let mut hasher = FxHasher::default();
        for ch in c
            .name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
        {
            hasher.write_u32(u32::from(ch));
        }
        buckets.entry(hasher.finish()).or_default().push(i);
    }
    let mut clashes: Vec<(String, Vec<u32>)> = Vec::new();
    for nodes in buckets.into_values().filter(|v| v.len() > 1) {
        let mut by_key: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for n in nodes {
            if let Some(c) = cx.index.component(n) {
                by_key.entry(identifier_key(&c.name)).or_default().push(n);
            }
        }
        clashes.extend(by_key.into_iter().filter(|(_, v)| v.len() > 1));
    }
    clashes.sort_unstable();
    for (key, nodes) in clashes {
        let components: Vec<_> = nodes
            .iter()
            .filter_map(|n| cx.index.component(*n))
            .collect();
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
    use crate::check::testing::{findings, model};

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
