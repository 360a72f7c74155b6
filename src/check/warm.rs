//! Bringing ids into the cache before a rule clones them, many at a time.
//!
//! Findings carry their subjects as cloned [`Id`]s, and cloning one increments a count that
//! sits with the id's text: on a large model that text is rarely in the cache, so each clone
//! waits for memory. It waits alone, too: the increment is atomic, and the processor starts
//! no later read before an atomic write completes, so thousands of clones in a row cost
//! thousands of trips to memory one after the other. Plain reads have no such rule: the
//! processor runs dozens ahead of the one it waits for. So a rule that is about to clone (or
//! write into messages) many ids reads one byte of each first, with plain reads, and the
//! clones that follow find their text in the cache.

use crate::model::Id;

/// Reads the first byte of each id's text (and, on the way, the id itself, wherever the
/// component or connection holding it sits), so that cloning or printing them next reads
/// from the cache.
pub(crate) fn warm<'x>(ids: impl IntoIterator<Item = &'x Id>) {
    let mut seen = 0u8;
    for id in ids {
        seen ^= id.as_str().as_bytes().first().copied().unwrap_or(0);
    }
    // Keeps the reads: without a use of what they read, the compiler drops them.
    std::hint::black_box(seen);
}
