//! Property-by-property comparison of each kind of item.
//!
//! One file per kind of item. Each function takes the old and the new item and records what
//! differs at an [`At`](super::recorder::At). Every function destructures its structs in full
//! (`let Endpoint { method, path, … } = a;`), so a field added to the model later does not
//! compile until the diff compares it too.

mod component;
mod connection;
mod flow;
mod group;
mod model;
mod note;
mod schema;
mod spec;
mod view;

pub(crate) use component::component;
pub(crate) use connection::connection;
pub(crate) use flow::flow;
pub(crate) use group::group;
pub(crate) use model::settings;
pub(crate) use note::note;
pub(crate) use schema::schema;
pub(crate) use view::view;
