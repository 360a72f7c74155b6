//! ArchCanvas: a backend architecture drawn as a typed model.
//!
//! The library holds everything the CLI and the editor share. Data flows one way:
//! [`file`] loads a [`model::Architecture`], and every other module reads it. Only `ui`
//! (behind the `gui` feature) knows about egui.

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
