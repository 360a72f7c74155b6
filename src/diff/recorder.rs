//! Records the changes inside one item while the comparison walks its properties.
//!
//! The comparison code reads like the model: `at.prop("port", &a.port, &b.port)`,
//! `at.keyed("endpoints", …)`. [`At`] carries the path walked so far, so each recorded change
//! names its property (`kind.endpoints[POST /orders].auth`) without the callers building
//! strings, and only builds one when something differs.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use serde::Serialize;

use super::value::show;
use super::{Change, Op};

/// A place in an item's properties, and the list the changes found there go to.
pub(crate) struct At<'a> {
    out: &'a mut Vec<Change>,
    path: String,
}

impl<'a> At<'a> {
    /// The item itself; changes go to `out`.
    pub(crate) fn root(out: &'a mut Vec<Change>) -> Self {
        Self {
            out,
            path: String::new(),
        }
    }

    /// The property `name` of this place (`kind` → `kind.port`).
    pub(crate) fn field(&mut self, name: &str) -> At<'_> {
        let path = if self.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.path)
        };
        At {
            out: self.out,
            path,
        }
    }

    /// The element with `key` of the list at this place (`endpoints` → `endpoints[GET /]`).
    pub(crate) fn element(&mut self, key: &str) -> At<'_> {
        At {
            path: format!("{}[{key}]", self.path),
            out: self.out,
        }
    }

    /// Records a change of the value at this place, if `a` and `b` differ.
    pub(crate) fn value<T: PartialEq + Serialize + Debug + ?Sized>(&mut self, a: &T, b: &T) {
        if a != b {
            self.push(Op::Changed, Some(show(a)), Some(show(b)));
        }
    }

    /// Records a change of the property `name`, if `a` and `b` differ.
    pub(crate) fn prop<T: PartialEq + Serialize + Debug + ?Sized>(
        &mut self,
        name: &str,
        a: &T,
        b: &T,
    ) {
        if a != b {
            self.field(name).value(a, b);
        }
    }

    /// Records that `value` is new at this place.
    pub(crate) fn added<T: Serialize + Debug + ?Sized>(&mut self, value: &T) {
        self.push(Op::Added, None, Some(show(value)));
    }

    /// Records that `value` is gone from this place.
    pub(crate) fn removed<T: Serialize + Debug + ?Sized>(&mut self, value: &T) {
        self.push(Op::Removed, Some(show(value)), None);
    }

    /// Records the elements added to and removed from the set `name` (tags, members, …),
    /// each as its own change at the set's path, in the set's order.
    pub(crate) fn set<T: Ord + Serialize + Debug>(
        &mut self,
        name: &str,
        a: &BTreeSet<T>,
        b: &BTreeSet<T>,
    ) {
        if a == b {
            return;
        }
        let mut at = self.field(name);
        for element in a.union(b) {
            match (a.contains(element), b.contains(element)) {
                (true, false) => at.removed(element),
                (false, true) => at.added(element),
                _ => {}
            }
        }
    }

    /// Compares the map `name` entry by entry (keys shown in brackets).
    pub(crate) fn map<K, V>(&mut self, name: &str, a: &BTreeMap<K, V>, b: &BTreeMap<K, V>)
    where
        K: Ord + std::fmt::Display,
        V: PartialEq + Serialize + Debug,
    {
        if a == b {
            return;
        }
        let mut at = self.field(name);
        for key in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
            let mut element = at.element(&key.to_string());
            match (a.get(key), b.get(key)) {
                (Some(x), Some(y)) => element.value(x, y),
                (Some(x), None) => element.removed(x),
                (None, Some(y)) => element.added(y),
                (None, None) => {}
            }
        }
    }

    /// Compares the list `name` element by element, matching elements by `key` rather than by
    /// position, so that reordering the list is not a change. Elements only in `a` are
    /// removed, only in `b` added; `each` compares the properties of matched elements (its
    /// [`At`] is the element's place). A key used twice in one list (which the checks
    /// report) gets a counter (`POST /orders #2`), so no element is lost.
    pub(crate) fn keyed<T: PartialEq + Serialize + Debug>(
        &mut self,
        name: &str,
        a: &[T],
        b: &[T],
        key: impl Fn(&T) -> String,
        mut each: impl FnMut(&mut At<'_>, &T, &T),
    ) {
        if a == b {
            return;
        }
        let old = keyed(a, &key);
        let new = keyed(b, &key);
        let mut at = self.field(name);
        let mut old = old.into_iter().peekable();
        let mut new = new.into_iter().peekable();
        loop {
            let order = match (old.peek(), new.peek()) {
                (Some((k, _)), Some((l, _))) => k.cmp(l),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => break,
            };
            match order {
                std::cmp::Ordering::Less => {
                    if let Some((k, x)) = old.next() {
                        at.element(&k).removed(x);
                    }
                }
                std::cmp::Ordering::Greater => {
                    if let Some((k, y)) = new.next() {
                        at.element(&k).added(y);
                    }
                }
                std::cmp::Ordering::Equal => {
                    if let (Some((k, x)), Some((_, y))) = (old.next(), new.next())
                        && x != y
                    {
                        each(&mut at.element(&k), x, y);
                    }
                }
            }
        }
    }

    fn push(&mut self, op: Op, before: Option<String>, after: Option<String>) {
        self.out.push(Change {
            op,
            path: self.path.clone(),
            before,
            after,
        });
    }
}

/// The elements of `list` with their labels, sorted by label; repeated keys get `#2`, `#3`…
fn keyed<'t, T>(list: &'t [T], key: &impl Fn(&T) -> String) -> Vec<(String, &'t T)> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out: Vec<(String, &T)> = list
        .iter()
        .map(|item| {
            let k = key(item);
            let n = seen.entry(k.clone()).or_insert(0);
            *n += 1;
            let label = if *n == 1 { k } else { format!("{k} #{n}") };
            (label, item)
        })
        .collect();
    out.sort_by(|x, y| x.0.cmp(&y.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(f: impl FnOnce(&mut At<'_>)) -> Vec<(Op, String, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        f(&mut At::root(&mut out));
        out.into_iter()
            .map(|c| (c.op, c.path, c.before, c.after))
            .collect()
    }

    #[test]
    fn props_record_only_what_differs_under_their_path() {
        let changes = record(|at| {
            at.prop("name", "A", "A");
            at.field("kind").prop("port", &Some(80u16), &Some(81u16));
        });
        assert_eq!(
            changes,
            [(
                Op::Changed,
                "kind.port".into(),
                Some("80".into()),
                Some("81".into())
            )]
        );
    }

    #[test]
    fn sets_list_each_added_and_removed_element() {
        let a: BTreeSet<String> = ["core", "pci"].map(String::from).into();
        let b: BTreeSet<String> = ["core", "edge"].map(String::from).into();
        let changes = record(|at| at.set("tags", &a, &b));
        assert_eq!(
            changes,
            [
                (Op::Added, "tags".into(), None, Some(r#""edge""#.into())),
                (Op::Removed, "tags".into(), Some(r#""pci""#.into()), None),
            ]
        );
    }

    #[test]
    fn keyed_lists_ignore_order_and_match_by_key() {
        let a = [("x", 1), ("y", 2), ("z", 3)];
        let b = [("z", 3), ("y", 20), ("w", 4)];
        let changes = record(|at| {
            at.keyed(
                "items",
                &a,
                &b,
                |(k, _)| (*k).to_owned(),
                |at, x, y| at.prop("n", &x.1, &y.1),
            )
        });
        let paths: Vec<_> = changes.iter().map(|c| (c.0, c.1.as_str())).collect();
        assert_eq!(
            paths,
            [
                (Op::Added, "items[w]"),
                (Op::Removed, "items[x]"),
                (Op::Changed, "items[y].n"),
            ]
        );
        let reordered = [("z", 3), ("x", 1), ("y", 2)];
        assert!(
            record(|at| at.keyed(
                "items",
                &a,
                &reordered,
                |(k, _)| (*k).to_owned(),
                |_, _, _| {}
            ))
            .is_empty()
        );
    }

    #[test]
    fn repeated_keys_are_counted_not_lost() {
        let a = [("k", 1), ("k", 2)];
        let b = [("k", 1)];
        let changes = record(|at| at.keyed("l", &a, &b, |(k, _)| (*k).to_owned(), |_, _, _| {}));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].0, Op::Removed);
        assert_eq!(changes[0].1, "l[k #2]");
    }

    #[test]
    fn maps_compare_by_key() {
        let a: BTreeMap<String, u32> = [("a".to_owned(), 1), ("b".to_owned(), 2)].into();
        let b: BTreeMap<String, u32> = [("b".to_owned(), 3), ("c".to_owned(), 4)].into();
        let changes = record(|at| at.map("levels", &a, &b));
        let paths: Vec<_> = changes.iter().map(|c| (c.0, c.1.as_str())).collect();
        assert_eq!(
            paths,
            [
                (Op::Removed, "levels[a]"),
                (Op::Changed, "levels[b]"),
                (Op::Added, "levels[c]"),
            ]
        );
    }
}
