//! Walking two sorted collections side by side, pairing items with the same id.

use std::cmp::Ordering;

/// One id's items in the old and the new collection.
pub(crate) enum Pair<'a, T> {
    /// Only in the old collection.
    Old(&'a T),
    /// Only in the new collection.
    New(&'a T),
    /// In both.
    Both(&'a T, &'a T),
}

/// Calls `f` for every key of two iterators sorted by key (each key at most once per side),
/// in key order: one linear pass, no lookups, which keeps the diff of two large models fast.
pub(crate) fn merge<'a, K: Ord + 'a, T: 'a>(
    old: impl Iterator<Item = (&'a K, &'a T)>,
    new: impl Iterator<Item = (&'a K, &'a T)>,
    mut f: impl FnMut(&'a K, Pair<'a, T>),
) {
    let mut old = old.peekable();
    let mut new = new.peekable();
    loop {
        let order = match (old.peek(), new.peek()) {
            (Some((a, _)), Some((b, _))) => a.cmp(b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => return,
        };
        match order {
            Ordering::Less => {
                if let Some((k, a)) = old.next() {
                    f(k, Pair::Old(a));
                }
            }
            Ordering::Greater => {
                if let Some((k, b)) = new.next() {
                    f(k, Pair::New(b));
                }
            }
            Ordering::Equal => {
                if let (Some((k, a)), Some((_, b))) = (old.next(), new.next()) {
                    f(k, Pair::Both(a, b));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_every_key_once_in_order() {
        let a = [(1, 'a'), (2, 'b'), (4, 'd')];
        let b = [(2, 'B'), (3, 'C'), (4, 'd')];
        let mut seen = Vec::new();
        merge(
            a.iter().map(|(k, v)| (k, v)),
            b.iter().map(|(k, v)| (k, v)),
            |k, pair| {
                seen.push(match pair {
                    Pair::Old(a) => format!("{k}-{a}"),
                    Pair::New(b) => format!("{k}+{b}"),
                    Pair::Both(a, b) => format!("{k}={a}{b}"),
                })
            },
        );
        assert_eq!(seen, ["1-a", "2=bB", "3+C", "4=dd"]);
    }
}
