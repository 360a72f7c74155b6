//! The inspector of one group.

use egui::{Grid, Ui};

use crate::edit::ops;
use crate::model::{Architecture, Group, GroupKind, Id, Zone};
use crate::ui::actions::Actions;
use crate::ui::selection::Selection;

use super::push;
use super::widgets::{self, row};

const KINDS: [GroupKind; 4] = [
    GroupKind::BoundedContext,
    GroupKind::TrustZone(Zone::Public),
    GroupKind::TrustZone(Zone::Private),
    GroupKind::DeploymentUnit,
];

/// Whether making `parent` the parent of `group` would close a loop.
fn would_cycle(arch: &Architecture, group: &Id, parent: &Id) -> bool {
    let mut cur = Some(parent.clone());
    let mut guard = 0;
    while let Some(g) = cur {
        if &g == group {
            return true;
        }
        guard += 1;
        if guard > 64 {
            return true;
        }
        cur = arch.groups.get(g.as_str()).and_then(|x| x.parent.clone());
    }
    false
}

/// Draws the group editor.
pub fn ui(ui: &mut Ui, arch: &Architecture, g: &Group, actions: &mut Actions) {
    ui.heading(format!("Group · {}", g.id));
    let mut edited = g.clone();
    Grid::new("group-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .min_col_width(80.0)
        .show(ui, |ui| {
            widgets::text(ui, "Name", &mut edited.name);
            widgets::combo(ui, "Kind", &mut edited.kind, &KINDS, |k| {
                k.label().to_owned()
            });
            row(ui, "Inside", |ui| {
                egui::ComboBox::from_id_salt("group-parent")
                    .selected_text(
                        g.parent
                            .as_ref()
                            .and_then(|p| arch.groups.get(p.as_str()))
                            .map_or_else(|| "nothing".to_owned(), |p| p.name.clone()),
                    )
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut edited.parent, None, "nothing");
                        for other in arch.groups.iter() {
                            if !would_cycle(arch, &g.id, &other.id) {
                                ui.selectable_value(
                                    &mut edited.parent,
                                    Some(other.id.clone()),
                                    &other.name,
                                );
                            }
                        }
                    });
            });
        });
    widgets::multiline(ui, "Description", &mut edited.description);
    ui.separator();
    ui.strong(format!("Members ({})", g.members.len()));
    let mut remove = None;
    for m in &g.members {
        ui.horizontal(|ui| {
            let name = arch
                .components
                .get(m.as_str())
                .map_or(m.as_str(), |c| c.name.as_str());
            if ui.link(name).clicked() {
                actions.select = Some(Selection::component(m.clone()));
            }
            if ui
                .small_button("x")
                .on_hover_text("take out of the group")
                .clicked()
            {
                remove = Some(m.clone());
            }
        });
    }
    if let Some(m) = remove {
        edited.members.remove(&m);
    }
    widgets::hint(
        ui,
        "Drag a component into or out of the boundary to change members.",
    );
    if edited.name.trim().is_empty() {
        widgets::error(ui, "a group needs a name; the old one is kept");
        edited.name = g.name.clone();
    }
    if edited != *g {
        push(
            ui,
            actions,
            g.id.as_str(),
            format!("edit {}", g.id),
            ops::put_group(edited),
        );
    }
}
