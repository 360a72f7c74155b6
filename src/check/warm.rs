//! Bringing ids and texts into the cache before a rule uses them, many at a time.
//!
//! Findings carry their subjects as cloned [`Id`]s, and cloning one increments a count that
//! sits with the id's text: on a large model that text is rarely in the cache, so each clone
//! waits for memory. It waits alone, too: the increment is atomic, and the processor does
//! not overlap an atomic write with the reads around it, so thousands of clones in a row cost
//! thousands of trips to memory one after the other. Plain reads have no such rule: the
//! processor runs dozens ahead of the one it waits for. So a rule that is about to clone (or
//! write into messages) many ids reads one byte of each first, with plain reads, and the
//! clones that follow find their text in the cache.
//!
//! Walks over the whole model have the same trouble for another reason: their loop bodies are
//! long (a text is copied, a hash computed, a finding checked), so the processor cannot run
//! far enough ahead to start the next component's reads while it works on this one, and
//! every component costs a trip to memory. [`in_batches`] takes components a batch at a
//! time and first reads, in one short loop, what the long loop will read of each.

use crate::model::{Component, Id};

/// Reads the first byte of each id's text (and, on the way, the id itself, wherever the
/// component or connection holding it sits), so that cloning or printing them next reads
/// from the cache.
pub(crate) fn warm<'x>(ids: impl IntoIterator<Item = &'x Id>) {
    let mut seen = 0u8;
    for id in ids {
        seen ^= first_byte(id.as_str());
    }
    // Keeps the reads: without a use of what they read, the compiler drops them.
    std::hint::black_box(seen);
}

/// How many items [`in_batches`] reads ahead: enough reads in flight to keep memory busy,
/// few enough that what they bring is still in the cache when the items are used.
const BATCH: usize = 32;

/// Calls `each` with every item of `items`, in order, a batch at a time: for each batch,
/// `touch` first reads what `each` will read of every item, in one short loop whose reads
/// overlap (what it returns only keeps the reads from being optimised away).
pub(crate) fn in_batches<T: Copy>(
    items: impl Iterator<Item = T>,
    touch: impl Fn(T) -> u8,
    mut each: impl FnMut(T),
) {
    let mut items = items.peekable();
    let mut batch = Vec::with_capacity(BATCH);
    while items.peek().is_some() {
        batch.clear();
        batch.extend(items.by_ref().take(BATCH));
        let mut seen = 0u8;
        for &item in &batch {
            seen ^= touch(item);
        }
        std::hint::black_box(seen);
        for &item in &batch {
            each(item);
        }
    }
}

/// Reads the component's id (and the component, on the way): for [`in_batches`] over
/// components the findings will name.
pub(crate) fn touch_id(c: &Component) -> u8 {
    first_byte(c.id.as_str())
}

/// The first byte of `text`, or 0: reading it brings the text into the cache.
pub(crate) fn first_byte(text: &str) -> u8 {
    text.as_bytes().first().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_once_in_order_across_batch_boundaries() {
        for n in [0, 1, BATCH - 1, BATCH, BATCH + 1, 3 * BATCH + 5] {
            let mut seen = Vec::new();
            in_batches(0..n, |i| i as u8, |i| seen.push(i));
            assert_eq!(seen, (0..n).collect::<Vec<_>>(), "{n} items");
        }
    }
}
