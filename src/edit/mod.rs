//! Edits: the only way the document changes, and the undo history.
//!
//! The editor (and any other front end) never mutates an [`Architecture`] directly: it builds an
//! [`Edit`], and [`History::apply`] applies it and records its inverse. An edit applied to a
//! model returns the edit that undoes it, so undo and redo are the same operation in both
//! directions and need no snapshots of the whole model.
//!
//! The primitive edits are small "put" operations (set or remove one component, connection,
//! group, placement…) whose inverse is the put of the old value; a gesture that changes many
//! things is one [`Edit::Batch`], so one gesture is one undo step. The functions in [`ops`],
//! [`arrange`] and [`clipboard`] turn an intent ("delete these", "align left", "paste this
//! text") into such a batch; they only read the model.
//!
//! # Adding a kind of edit
//!
//! Other areas (automatic layout, flows, views, notes) extend this module the same way:
//!
//! 1. add a variant to [`Edit`] holding the new value (prefer "put id → `Option<value>`", whose
//!    inverse is obvious and exact);
//! 2. add its arm to `Edit::apply_one` in `edit.rs`, returning the inverse edit, to
//!    `Edit::describe`, and to `Touched::add_edit` (what it changes, for the canvas);
//! 3. add a round-trip test (apply, then apply the inverse, and compare with the original);
//! 4. write an intent function beside `ops` that builds it, and let the UI push it.
//!
//! The history never needs to change: it only stores edits.

pub mod arrange;
pub mod clipboard;
// `edit::Edit` is the type the whole module is about; the file is named after it.
#[allow(clippy::module_inception)]
mod edit;
mod error;
pub mod flows;
pub mod geometry;
mod history;
pub mod notes;
pub mod ops;
pub mod place;
mod touched;
pub mod views;

pub use edit::Edit;
pub use error::EditError;
pub use history::{History, Step};
pub use touched::Touched;
