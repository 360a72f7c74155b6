//! The editor driven as a user would, through `egui_kittest`: clicks, drags, keys and the
//! accessibility tree (every component and connection is a node named by its id).

mod editing;
mod files;
mod review;
mod robustness;
mod snapshots;
mod support;
