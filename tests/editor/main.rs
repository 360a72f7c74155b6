//! The editor driven as a user would, through `egui_kittest`: clicks, drags, keys and the
//! accessibility tree (every component and connection is a node named by its id).

mod code;
mod editing;
mod export_code;
mod export_diagram;
mod files;
mod layout;
mod notes;
mod problems;
mod review;
mod robustness;
mod snapshots;
mod support;
