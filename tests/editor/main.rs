//! The editor driven as a user would, through `egui_kittest`: clicks, drags, keys and the
//! accessibility tree (every component and connection is a node named by its id).

mod code;
mod editing;
mod export;
mod files;
mod problems;
mod robustness;
mod snapshots;
mod support;
