//! The library on the fixture pairs and on generated models: what the editor's overlay and a
//! CI bot rely on.

use archcanvas::diff::{self, Anchor, Op, Options, Status, Subject};
use archcanvas::id;
use archcanvas::model::generate::generate;
use archcanvas::model::{Architecture, Spec};
use proptest::prelude::*;

use super::load;

#[test]
fn the_shop_pull_request_marks_the_canvas() {
    let diff = diff::compare(
        &load("shop", "old"),
        &load("shop", "new"),
        &Options::default(),
    );
    let marks = diff.canvas_marks();
    assert_eq!(
        marks.get(&Anchor::Component(id!("fraud-check"))),
        Some(&Status::Added)
    );
    assert_eq!(
        marks.get(&Anchor::Component(id!("mobile"))),
        Some(&Status::Removed)
    );
    assert_eq!(
        marks.get(&Anchor::Component(id!("gateway"))),
        Some(&Status::Changed)
    );
    assert_eq!(
        marks.get(&Anchor::Connection(id!("mobile-to-gateway"))),
        Some(&Status::Removed)
    );
    assert_eq!(
        marks.get(&Anchor::Connection(id!("payments-to-fraud"))),
        Some(&Status::Added)
    );
    // Untouched items are not marked; moved ones only when layout is compared.
    assert_eq!(marks.get(&Anchor::Component(id!("web"))), None);
    assert_eq!(marks.get(&Anchor::Component(id!("stripe"))), None);
    assert_eq!(diff.hidden_moves, 2);
    let with_layout = diff::compare(
        &load("shop", "old"),
        &load("shop", "new"),
        &Options { layout: true },
    );
    assert_eq!(
        with_layout
            .canvas_marks()
            .get(&Anchor::Component(id!("stripe"))),
        Some(&Status::Moved)
    );
    // The payments service changed and moved: one entry, amber, with a layout line last.
    let payments = with_layout
        .entry(&Subject::Component(id!("payments")))
        .expect("payments changed");
    assert_eq!(payments.status, Status::Changed);
    assert!(payments.changes.last().is_some_and(|c| c.is_layout()));

    // A note is anchored to what it is pinned to.
    let note = diff
        .entry(&Subject::Note(id!("refund-window")))
        .expect("the new note");
    assert_eq!(
        note.anchor,
        Some(Anchor::Connection(id!("payments-to-fraud")))
    );
}

#[test]
fn reordered_endpoints_in_the_shop_are_no_change() {
    // The pull request swaps the gateway's first two endpoints; only the new endpoint and the
    // rate limit may show.
    let diff = diff::compare(
        &load("shop", "old"),
        &load("shop", "new"),
        &Options::default(),
    );
    let gateway = diff
        .entry(&Subject::Component(id!("gateway")))
        .expect("gateway changed");
    let paths: Vec<&str> = gateway.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "kind.rate_limit",
            "kind.endpoints[POST /orders/{id}/refund]"
        ]
    );
}

/// Edits a generated model in one of several ways; returns the subject the edit must show up
/// under, or `None` for an edit that changes nothing (reordering endpoints, adding a member
/// that was one already).
fn edit(arch: &mut Architecture, which: usize, pick: usize) -> Option<Subject> {
    let ids: Vec<_> = arch.components.ids().cloned().collect();
    let id = ids.get(pick % ids.len().max(1))?.clone();
    let subject = Subject::Component(id.clone());
    match which % 6 {
        0 => arch.components.get_mut(id.as_str())?.name.push('!'),
        1 => {
            arch.components
                .get_mut(id.as_str())?
                .tags
                .insert("x".into());
        }
        2 => {
            let c = arch.components.get_mut(id.as_str())?;
            match &mut c.spec {
                Spec::Service(s) => s.replicas += 1,
                Spec::Api(s) => s.endpoints.reverse(), // no change, on purpose
                Spec::Database(s) => {
                    let e = s.entities.first_mut()?;
                    e.fields.first_mut()?.nullable ^= true;
                }
                Spec::Queue(s) => s.topics.first_mut()?.partitions = Some(3),
                _ => c.description.push('.'),
            }
            if let Spec::Api(_) = c.spec {
                return None;
            }
        }
        3 => {
            arch.components.remove(id.as_str());
        }
        4 => {
            let conn = arch.connections.iter().next()?.id.clone();
            arch.connections.get_mut(conn.as_str())?.label.push('~');
            return Some(Subject::Connection(conn));
        }
        _ => {
            let g = arch.groups.iter().next()?.id.clone();
            if !arch.groups.get_mut(g.as_str())?.members.insert(id) {
                return None; // already a member: no change
            }
            return Some(Subject::Group(g));
        }
    }
    Some(subject)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever is edited shows up under its own item, and nothing else does; the reverse
    /// comparison swaps added and removed.
    #[test]
    fn edits_show_up_under_their_item(
        size in 2usize..60,
        seed in 1u64..1000,
        which in 0usize..6,
        pick in 0usize..1000,
    ) {
        let old = generate(size, size * 2, seed);
        let mut new = old.clone();
        let expected = edit(&mut new, which, pick);
        let diff = diff::compare(&old, &new, &Options::default());
        match expected {
            None => prop_assert!(diff.is_empty(), "{:?}", diff.entries),
            Some(subject) => {
                let entry = diff.entry(&subject);
                prop_assert!(entry.is_some(), "{subject:?} missing from {:?}", diff.entries);
                // Nothing else is listed (a removed component's connections stay and dangle).
                prop_assert_eq!(diff.entries.len(), 1, "{:?}", diff.entries);
            }
        }
        let back = diff::compare(&new, &old, &Options::default());
        prop_assert_eq!(back.entries.len(), diff.entries.len());
        for (f, b) in diff.entries.iter().zip(&back.entries) {
            prop_assert_eq!(&f.subject, &b.subject);
            let swapped = match f.status {
                Status::Added => Status::Removed,
                Status::Removed => Status::Added,
                other => other,
            };
            prop_assert_eq!(swapped, b.status);
            for (fc, bc) in f.changes.iter().zip(&b.changes) {
                if fc.op == Op::Changed {
                    prop_assert_eq!(&fc.before, &bc.after);
                    prop_assert_eq!(&fc.after, &bc.before);
                }
            }
        }
    }

    /// A model equals a copy of itself, with or without layout.
    #[test]
    fn a_copy_is_equal(size in 0usize..80, seed in 1u64..1000) {
        let a = generate(size, size * 2, seed);
        let options = Options { layout: true };
        let diff = diff::compare(&a, &a.clone(), &options);
        prop_assert!(diff.is_empty(), "{:?}", diff.entries);
    }
}

#[test]
fn json_entries_all_have_the_same_keys() {
    let diff = diff::compare(
        &load("shop", "old"),
        &load("shop", "new"),
        &Options { layout: true },
    );
    let text = diff::json::render(&diff).expect("serialises");
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["version"], diff::json::VERSION);
    let entries = value["entries"].as_array().expect("a list");
    assert_eq!(entries.len(), diff.entries.len());
    for entry in entries {
        // (serde_json's Value sorts keys; the text keeps the documented order, see the
        // snapshots.)
        let keys: Vec<&str> = entry
            .as_object()
            .expect("object")
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(
            keys,
            [
                "anchor", "changes", "detail", "id", "name", "status", "subject"
            ]
        );
        for change in entry["changes"].as_array().expect("a list") {
            let keys: Vec<&str> = change
                .as_object()
                .expect("object")
                .keys()
                .map(|k| k.as_str())
                .collect();
            assert_eq!(keys, ["after", "before", "op", "path"]);
        }
    }
}
