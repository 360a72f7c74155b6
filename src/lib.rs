//! ArchCanvas: a backend architecture drawn as a typed model.
//!
//! The library holds everything the CLI and the editor share. Data flows one way:
//! [`file`] loads a [`model::Architecture`], and every other module reads it. Only `ui`
//! (behind the `gui` feature) knows about egui.

use std::ffi::{c_int, c_long};

pub mod check;
pub mod diff;
pub mod edit;
pub mod export;
pub mod file;
pub mod layout;
pub mod model;
pub mod render;
pub mod theme;

#[cfg(feature = "gui")]
pub mod ui;

/// The memory allocator the `archcanvas` binary installs, and the benches with it, so they
/// measure what ships.
///
/// mimalloc rather than the system's: the editor builds and drops megabytes of meshes every
/// frame, and the checks and the loader make millions of small allocations. glibc's malloc
/// hands large freed blocks back to the kernel at once, so every frame paid again for
/// zeroed pages (a third of a frame at 5 000 components); mimalloc keeps and reuses them, and
/// its small allocations are cheaper too.
pub type Allocator = mimalloc::MiMalloc;

/// Tells the allocator to keep the memory the program frees rather than hand it back to the
/// system: the binary and the benches call it first thing.
///
/// mimalloc returns ("purges") memory that has stayed free for a second. The editor and the
/// checks free and allocate the same amounts again and again (a check after every edit, a
/// mesh every frame), so memory handed back was soon faulted in again, page by page, each
/// zeroed by the system: a few per cent of a check on 10 000 components, and 96 % of the
/// page faults of the check bench. Kept, it is reused at once. The cost is that the process
/// stays at the size of its largest moment.
pub fn keep_freed_memory() {
    const NEVER: c_long = -1;
    mi_option_set(PURGE_DELAY, NEVER);
}

/// mimalloc's `mi_option_purge_delay` (`include/mimalloc.h`, version 3): how many
/// milliseconds freed memory waits before it goes back to the system; -1 is never.
const PURGE_DELAY: c_int = 15;

// The allocator's settings. `libmimalloc-sys` declares these behind its `extended` feature
// (which needs another crate and lacks the purge delay's number); the functions are in the
// library it links either way. Safe to call: an unknown option number is ignored.
unsafe extern "C" {
    safe fn mi_option_set(option: c_int, value: c_long);
    #[cfg(test)]
    safe fn mi_option_get(option: c_int) -> c_long;
}

#[cfg(test)]
mod tests {
    #[test]
    fn freed_memory_is_kept() {
        // Option 15 is the purge delay: its default is mimalloc's one second.
        assert_eq!(super::mi_option_get(super::PURGE_DELAY), 1_000);
        super::keep_freed_memory();
        assert_eq!(super::mi_option_get(super::PURGE_DELAY), -1);
    }
}
