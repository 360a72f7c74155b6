//! Integration tests of automatic layout: the `archcanvas layout` command, and properties of
//! `archcanvas::layout` on random and generated models.

mod cli;
mod groups;
mod properties;
