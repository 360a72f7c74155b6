//! Semantic diff: what changed between two versions of a model, item by item.
//!
//! A text diff of two model files shows lines; a reviewer wants to know that the orders API
//! gained an endpoint and the gateway's rate limit went from 600 to 1200. [`compare`] pairs the
//! items of two [`Architecture`](crate::model::Architecture)s by id (endpoints by method and
//! path, entities, schemas, fields and topics by name; never by position, so reordering is not
//! a change unless the order means something, as for flow steps and the list of views) and
//! returns a [`Diff`]: one [`Entry`] per item that differs, grouped under the item it belongs
//! to, each [`Change`] naming the property by a readable path with its old and new value.
//!
//! The structure serves three readers: [`human`] (a review in the terminal), [`json`] (CI
//! bots; the format is documented in the README), and the editor, which overlays a diff on the
//! canvas: [`Diff::canvas_marks`] colours components, connections and groups by [`Status`]
//! (added, removed as ghosts drawn from the old model, changed), [`Diff::steps`] is the list
//! to step through, and each [`Entry::anchor`] names the canvas item to centre on.
//!
//! Positions are a separate concern: moving boxes is not a design change, so moves are listed
//! only with [`Options::layout`].

mod change;
mod entry;
pub mod human;
pub mod json;
mod merge;
mod props;
mod recorder;
mod report;
mod subject;
mod value;
mod walk;

pub use change::{Change, LAYOUT, Op};
pub use entry::{Entry, Status};
pub use report::{Counts, Diff};
pub use subject::{Anchor, Subject};
pub use walk::compare;

/// What to compare besides the design.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Also list components whose position, size or pin on the canvas changed.
    pub layout: bool,
}
