//! Right-click menus on components, connections, groups and empty canvas.

use std::collections::BTreeSet;

use egui::{Response, Ui};

use crate::edit::ops;
use crate::model::{Id, Kind, matrix};
use crate::ui::actions::Actions;
use crate::ui::commands::Command;
use crate::ui::document::Document;
use crate::ui::selection::Selection;

use super::{Canvas, ContextTarget};

impl Canvas {
    pub(super) fn context_menu(
        &mut self,
        response: &Response,
        doc: &Document,
        selection: &Selection,
        actions: &mut Actions,
    ) {
        let Some(target) = self.context.clone() else {
            return;
        };
        let shown = response.context_menu(|ui| match &target {
            ContextTarget::Component(id) => self.component_menu(ui, doc, selection, id, actions),
            ContextTarget::Connection(id) => connection_menu(ui, doc, id, actions),
            ContextTarget::Group(id) => group_menu(ui, doc, id, actions),
            ContextTarget::Empty(at) => self.empty_menu(ui, doc, *at, actions),
        });
        if shown.is_none() {
            self.context = None;
        }
    }

    fn component_menu(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        selection: &Selection,
        id: &Id,
        actions: &mut Actions,
    ) {
        if ui.button("Rename").clicked() {
            if let Some(c) = doc.arch.components.get(id.as_str()) {
                self.start_rename(id, &c.name);
            }
            ui.close();
        }
        for (name, cmd) in [
            ("Duplicate", Command::Duplicate),
            ("Copy", Command::Copy),
            ("Cut", Command::Cut),
            ("Delete", Command::Delete),
        ] {
            if ui.button(name).clicked() {
                actions.command(cmd);
                ui.close();
            }
        }
        ui.separator();
        let ids: BTreeSet<Id> = if selection.components.contains(id) {
            selection.components.clone()
        } else {
            BTreeSet::from([id.clone()])
        };
        ui.menu_button("Move to group", |ui| {
            if ui.button("No group").clicked() {
                actions.edit("remove from group", ops::set_group(&doc.arch, &ids, None));
                ui.close();
            }
            for g in doc.arch.groups.iter() {
                if ui
                    .button(format!("{} ({})", g.name, g.kind.label()))
                    .clicked()
                {
                    actions.edit(
                        format!("move to {}", g.id),
                        ops::set_group(&doc.arch, &ids, Some(&g.id)),
                    );
                    ui.close();
                }
            }
        });
        if ui.button("New group from selection").clicked() {
            actions.command(Command::GroupSelection);
            ui.close();
        }
        ui.separator();
        if ui.button("Add note…").clicked() {
            actions.select = Some(Selection::component(id.clone()));
            actions.command(Command::AddNote);
            ui.close();
        }
    }

    fn empty_menu(&mut self, ui: &mut Ui, doc: &Document, at: egui::Pos2, actions: &mut Actions) {
        ui.menu_button("Add", |ui| {
            for kind in Kind::ALL {
                if ui.button(kind.label()).clicked() {
                    self.add_at(kind, at, doc, actions);
                    ui.close();
                }
            }
        });
        for (name, cmd) in [
            ("Paste", Command::Paste),
            ("Select all", Command::SelectAll),
            ("Zoom to fit", Command::ZoomFit),
        ] {
            if ui.button(name).clicked() {
                actions.command(cmd);
                ui.close();
            }
        }
    }
}

fn connection_menu(ui: &mut Ui, doc: &Document, id: &Id, actions: &mut Actions) {
    let Some(conn) = doc.arch.connections.get(id.as_str()) else {
        return;
    };
    let kinds = (
        doc.arch
            .components
            .get(conn.from.as_str())
            .map(|c| c.kind()),
        doc.arch.components.get(conn.to.as_str()).map(|c| c.kind()),
    );
    if let (Some(a), Some(b)) = kinds {
        ui.menu_button("Type", |ui| {
            for ty in matrix::allowed(a, b) {
                if ui.radio(conn.ty() == *ty, ty.label()).clicked() {
                    match ops::set_connection_type(&doc.arch, id, *ty) {
                        Ok(edit) => actions.edit(format!("make {id} {}", ty.label()), edit),
                        Err(e) => actions.error(e.to_string()),
                    }
                    ui.close();
                }
            }
        });
    }
    if ui.button("Add note…").clicked() {
        actions.select = Some(Selection::connection(id.clone()));
        actions.command(Command::AddNote);
        ui.close();
    }
    if ui.button("Select both ends").clicked() {
        actions.select = Some(Selection::components([conn.from.clone(), conn.to.clone()]));
        ui.close();
    }
    if ui.button("Delete").clicked() {
        actions.command(Command::Delete);
        ui.close();
    }
}

fn group_menu(ui: &mut Ui, doc: &Document, id: &Id, actions: &mut Actions) {
    let Some(group) = doc.arch.groups.get(id.as_str()) else {
        return;
    };
    if ui.button("Select members").clicked() {
        actions.select = Some(Selection::components(group.members.iter().cloned()));
        ui.close();
    }
    if ui.button("Delete group (keep members)").clicked() {
        actions.command(Command::Delete);
        ui.close();
    }
}
