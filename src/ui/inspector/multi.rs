//! The inspector of several things: what they share.

use egui::{Grid, Ui};

use crate::edit::{Edit, ops};
use crate::model::{Architecture, Component};
use crate::ui::actions::Actions;
use crate::ui::commands::Command;
use crate::ui::selection::Selection;

use super::widgets::{self, row};

/// Draws the multi-selection editor.
pub fn ui(ui: &mut Ui, arch: &Architecture, selection: &Selection, actions: &mut Actions) {
    ui.heading(format!("{} selected", selection.len()));
    ui.label(format!(
        "{} components · {} connections · {} groups",
        selection.components.len(),
        selection.connections.len(),
        selection.groups.len()
    ));
    let comps: Vec<&Component> = selection
        .components
        .iter()
        .filter_map(|id| arch.components.get(id.as_str()))
        .collect();
    if comps.is_empty() {
        return;
    }
    ui.separator();
    let shared_owner = comps.iter().all(|c| c.owner == comps[0].owner);
    let mut owner = if shared_owner {
        comps[0].owner.clone()
    } else {
        String::new()
    };
    let before = owner.clone();
    let mut add_tag = String::new();
    Grid::new("multi-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            row(ui, "Owner", |ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut owner)
                        .hint_text(if shared_owner { "" } else { "(differs)" })
                        .desired_width(f32::INFINITY),
                )
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Owner"));
            });
            let shared: Vec<String> = comps[0]
                .tags
                .iter()
                .filter(|t| comps.iter().all(|c| c.tags.contains(*t)))
                .cloned()
                .collect();
            row(ui, "Shared tags", |ui| {
                ui.label(if shared.is_empty() {
                    "none".into()
                } else {
                    shared.join(", ")
                })
            });
            row(ui, "Add tag", |ui| {
                let resp =
                    ui.add(egui::TextEdit::singleline(&mut add_tag).hint_text("tag, then Enter"));
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Add tag")
                });
                if !(resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
                    add_tag.clear();
                }
            });
        });
    let mut edits = Vec::new();
    for c in &comps {
        let mut e = (*c).clone();
        if owner != before {
            e.owner = owner.clone();
        }
        if !add_tag.trim().is_empty() {
            e.tags.insert(add_tag.trim().to_owned());
        }
        if e != **c {
            edits.push(ops::put_component(e));
        }
    }
    if !edits.is_empty() {
        super::push(
            ui,
            actions,
            "multi",
            format!("edit {} components", comps.len()),
            Edit::Batch(edits),
        );
    }
    ui.separator();
    ui.strong("Arrange");
    ui.horizontal_wrapped(|ui| {
        use crate::edit::arrange::{Align, Axis};
        for (label, cmd) in [
            ("Left", Command::Align(Align::Left)),
            ("Centre", Command::Align(Align::CenterX)),
            ("Right", Command::Align(Align::Right)),
            ("Top", Command::Align(Align::Top)),
            ("Middle", Command::Align(Align::CenterY)),
            ("Bottom", Command::Align(Align::Bottom)),
            ("Spread across", Command::Distribute(Axis::Horizontal)),
            ("Spread down", Command::Distribute(Axis::Vertical)),
        ] {
            if ui.button(label).clicked() {
                actions.command(cmd);
            }
        }
    });
    if ui.button("Group selection").clicked() {
        actions.command(Command::GroupSelection);
    }
    widgets::hint(
        ui,
        "Shift-click or drag a rectangle to change the selection.",
    );
}
