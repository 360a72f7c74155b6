//! The inspector when nothing is selected: the model itself.

use egui::{Grid, Ui};

use crate::edit::Edit;
use crate::model::Architecture;
use crate::ui::actions::Actions;

use super::widgets;

/// Draws the model's name and description.
pub fn ui(ui: &mut Ui, arch: &Architecture, actions: &mut Actions) {
    ui.heading("Model");
    let mut name = arch.name.clone();
    let mut description = arch.description.clone();
    Grid::new("model-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            widgets::text(ui, "Name", &mut name);
        });
    widgets::multiline(ui, "Description", &mut description);
    if name != arch.name || description != arch.description {
        super::push(
            ui,
            actions,
            "model",
            "edit model info".into(),
            Edit::SetInfo { name, description },
        );
    }
    ui.separator();
    ui.label(format!(
        "{} components, {} connections, {} groups, {} schemas",
        arch.components.len(),
        arch.connections.len(),
        arch.groups.len(),
        arch.schemas.len()
    ));
    widgets::hint(ui, "Select a component, connection or group to edit it.");
}
