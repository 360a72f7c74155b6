//! The inspector (right panel): every property of what is selected, with the right widget.
//!
//! Each editor works on a copy of the selected item; when the copy differs at the end of the
//! frame, it becomes one `Put…` edit. Typing in a field merges into one undo step per field
//! visit (the merge key is the focused widget; the history is sealed when focus moves).
//! Values that cannot be right (a duplicate id, port 0) stay in the field with a message
//! beside it and never reach the model.

mod component;
mod connection;
mod group;
mod model_info;
mod multi;
mod spec;
mod tables;
mod widgets;

use std::collections::HashMap;

use egui::Ui;

use crate::edit::Edit;

use super::actions::Actions;
use super::document::Document;
use super::selection::Selection;

/// Text being typed into fields that are validated, and their messages.
#[derive(Debug, Default)]
pub struct Inspector {
    buffers: HashMap<String, String>,
    errors: HashMap<String, String>,
}

impl Inspector {
    /// Draws the inspector for `selection`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        selection: &Selection,
        actions: &mut Actions,
    ) {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add_space(4.0);
                let arch = &doc.arch;
                match (
                    selection.components.len(),
                    selection.connections.len(),
                    selection.groups.len(),
                ) {
                    (0, 0, 0) => model_info::ui(ui, arch, actions),
                    (1, 0, 0) => {
                        if let Some(c) = selection
                            .components
                            .iter()
                            .next()
                            .and_then(|id| arch.components.get(id.as_str()))
                        {
                            component::ui(self, ui, arch, c, actions);
                        }
                    }
                    (0, 1, 0) => {
                        if let Some(c) = selection
                            .connections
                            .iter()
                            .next()
                            .and_then(|id| arch.connections.get(id.as_str()))
                        {
                            connection::ui(ui, arch, c, actions);
                        }
                    }
                    (0, 0, 1) => {
                        if let Some(g) = selection
                            .groups
                            .iter()
                            .next()
                            .and_then(|id| arch.groups.get(id.as_str()))
                        {
                            group::ui(ui, arch, g, actions);
                        }
                    }
                    _ => multi::ui(ui, arch, selection, actions),
                }
            });
    }
}

/// The key that merges edits made while one text field keeps the focus.
fn merge_key(ui: &Ui, target: &str) -> Option<String> {
    ui.ctx()
        .memory(|m| m.focused())
        .map(|f| format!("inspector:{target}:{f:?}"))
}

/// Queues `edit` (merging while a field is focused).
fn push(ui: &Ui, actions: &mut Actions, target: &str, label: String, edit: Edit) {
    match merge_key(ui, target) {
        Some(key) => actions.edit_merged(label, edit, key),
        None => actions.edit(label, edit),
    }
}
