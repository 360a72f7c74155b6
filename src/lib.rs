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
