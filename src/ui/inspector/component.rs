//! The inspector of one component: identity, description, groups, and its kind's
//! properties.

use egui::{Grid, Ui};

use crate::edit::{Edit, ops};
use crate::model::{Architecture, Component, Id, Kind, Spec};
use crate::ui::actions::Actions;
use crate::ui::selection::Selection;

use super::widgets::{self, row};
use super::{Inspector, push};

/// Draws the component editor.
pub fn ui(
    inspector: &mut Inspector,
    ui: &mut Ui,
    arch: &Architecture,
    c: &Component,
    actions: &mut Actions,
) {
    ui.heading(format!("{} · {}", c.kind().label(), c.id));
    ui.add_space(4.0);
    let mut edited = c.clone();
    Grid::new("component-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .min_col_width(80.0)
        .show(ui, |ui| {
            let key = format!("id:{}", c.id);
            if let Some(new_id) =
                inspector.validated_on_commit(ui, &key, "Id", c.id.as_str(), |t| {
                    ops::check_new_component_id(arch, &c.id, t)
                })
                && new_id != c.id
            {
                actions.edit_and_select(
                    format!("change id of {} to {new_id}", c.id),
                    Edit::RekeyComponent {
                        from: c.id.clone(),
                        to: new_id.clone(),
                    },
                    Selection::component(new_id),
                );
            }
            widgets::text(ui, "Name", &mut edited.name);
            let mut kind = c.kind();
            widgets::combo(ui, "Kind", &mut kind, &Kind::ALL, |k| k.label().to_owned());
            if kind != c.kind() {
                edited.spec = Spec::default_for(kind);
            }
            widgets::text(ui, "Owner", &mut edited.owner);
            let mut tags = c.tags.iter().cloned().collect::<Vec<_>>().join(", ");
            let before = tags.clone();
            widgets::text(ui, "Tags", &mut tags);
            if tags != before {
                edited.tags = tags
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            group_row(ui, arch, &c.id, actions);
        });
    widgets::multiline(ui, "Description", &mut edited.description);
    if edited.name.trim().is_empty() && !c.name.trim().is_empty() {
        widgets::error(ui, "a component needs a name; the old one is kept");
        edited.name = c.name.clone();
    }
    ui.separator();
    super::spec::ui(inspector, ui, arch, &c.id, &mut edited.spec);
    if edited != *c {
        push(
            ui,
            actions,
            c.id.as_str(),
            format!("edit {}", c.id),
            ops::put_component(edited),
        );
    }
    ui.separator();
    connections_list(ui, arch, &c.id, actions);
}

fn group_row(ui: &mut Ui, arch: &Architecture, id: &Id, actions: &mut Actions) {
    let current: Option<Id> = arch.groups_of(id).next().map(|g| g.id.clone());
    let mut chosen = current.clone();
    row(ui, "Group", |ui| {
        egui::ComboBox::from_id_salt("component-group")
            .selected_text(
                current
                    .as_ref()
                    .and_then(|g| arch.groups.get(g.as_str()))
                    .map_or_else(|| "none".to_owned(), |g| g.name.clone()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "none");
                for g in arch.groups.iter() {
                    ui.selectable_value(
                        &mut chosen,
                        Some(g.id.clone()),
                        format!("{} ({})", g.name, g.kind.label()),
                    );
                }
            })
            .response
            .on_hover_text("group");
    });
    if chosen != current {
        let ids = std::collections::BTreeSet::from([id.clone()]);
        actions.edit(
            format!("move {id} to another group"),
            ops::set_group(arch, &ids, chosen.as_ref()),
        );
    }
}

fn connections_list(ui: &mut Ui, arch: &Architecture, id: &Id, actions: &mut Actions) {
    let conns: Vec<_> = arch.connections_of(id.as_str()).collect();
    ui.strong(format!("Connections ({})", conns.len()));
    for conn in conns.iter().take(200) {
        let other = if &conn.from == id {
            &conn.to
        } else {
            &conn.from
        };
        let other_name = arch
            .components
            .get(other.as_str())
            .map_or(other.as_str(), |c| c.name.as_str());
        let text = if &conn.from == id {
            format!("{} {other_name}", conn.ty().label())
        } else {
            format!("{other_name} {} this", conn.ty().label())
        };
        if ui.link(text).clicked() {
            actions.select = Some(Selection::connection(conn.id.clone()));
        }
    }
    if conns.len() > 200 {
        widgets::hint(ui, &format!("and {} more", conns.len() - 200));
    }
}
