//! What each command does: the one `match` behind the menus, shortcuts and palette.

use std::collections::BTreeSet;

use egui::Context;

use crate::edit::clipboard::{self, PasteAt};
use crate::edit::{arrange, ops};
use crate::model::Id;

use super::actions::Level;
use super::app::App;
use super::commands::Command;
use super::prompts::Then;
use super::selection::Selection;

/// Offset of a duplicate or a paste from its original.
const COPY_OFFSET: f32 = 40.0;

impl App {
    /// Runs a command now.
    pub fn run_command(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::New => self.confirm_then(Then::New),
            Command::Open => self.confirm_then(Then::PickOpen),
            Command::Save => self.save(None),
            Command::SaveAs => self.save_as(None),
            Command::ExportDiagram => self.open_export_diagram(ctx),
            Command::CompareWith => self.open_compare_form(),
            Command::CloseComparison => self.close_comparison(),
            Command::NextChange => self.step_change(true),
            Command::PreviousChange => self.step_change(false),
            Command::AddNote => self.start_note(ctx),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo => match self.doc.undo() {
                Ok(Some(label)) => {
                    self.toasts.last = Some((Level::Info, format!("Undid {label}")));
                }
                Ok(None) => {}
                Err(e) => self
                    .toasts
                    .push(ctx, Level::Error, format!("cannot undo: {e}")),
            },
            Command::Redo => match self.doc.redo() {
                Ok(Some(label)) => {
                    self.toasts.last = Some((Level::Info, format!("Redid {label}")));
                }
                Ok(None) => {}
                Err(e) => self
                    .toasts
                    .push(ctx, Level::Error, format!("cannot redo: {e}")),
            },
            Command::Copy => {
                self.copy(ctx);
            }
            Command::Cut => {
                if self.copy(ctx) {
                    self.delete_selection();
                }
            }
            Command::Paste => {
                // The text comes with the paste event; from the menu, ask the platform for it.
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            }
            Command::Duplicate => {
                let ids = self.selection.components.clone();
                if ids.is_empty() {
                    return;
                }
                let (edit, new_ids) =
                    ops::duplicate(&self.doc.arch, &ids, COPY_OFFSET, COPY_OFFSET);
                self.actions.edit_and_select(
                    format!("duplicate {} components", new_ids.len()),
                    edit,
                    Selection::components(new_ids),
                );
            }
            Command::Delete => self.delete_selection(),
            Command::SelectAll => {
                self.selection = Selection::components(self.doc.arch.components.ids().cloned());
            }
            Command::Deselect => {
                if !self.canvas.close_popups() {
                    self.selection = Selection::default();
                }
            }
            Command::Rename => {
                if let Some(id) = self.selection.components.iter().next().cloned()
                    && let Some(c) = self.doc.arch.components.get(id.as_str())
                {
                    let name = c.name.clone();
                    self.canvas.centre_on(id.as_str());
                    self.canvas.start_rename(&id, &name);
                }
            }
            Command::Find => self.find.open(),
            Command::CommandPalette => self.palette_cmd.open(),
            Command::ZoomIn => self.canvas.zoom_by(1.25),
            Command::ZoomOut => self.canvas.zoom_by(0.8),
            Command::ZoomFit => self.canvas.fit(),
            Command::ZoomReset => self.canvas.zoom_reset(),
            Command::ToggleGrid => self.canvas.grid = !self.canvas.grid,
            Command::ToggleSnap => self.canvas.snap = !self.canvas.snap,
            Command::ToggleMinimap => self.canvas.minimap = !self.canvas.minimap,
            Command::ThemeSystem => self.set_theme(egui::ThemePreference::System),
            Command::ThemeLight => self.set_theme(egui::ThemePreference::Light),
            Command::ThemeDark => self.set_theme(egui::ThemePreference::Dark),
            Command::Align(how) => {
                let edit = arrange::align(&self.doc.arch, &self.selection.components, how);
                self.arrange_edit(ctx, "align", edit, 2);
            }
            Command::Distribute(axis) => {
                let edit = arrange::distribute(&self.doc.arch, &self.selection.components, axis);
                self.arrange_edit(ctx, "distribute", edit, 3);
            }
            Command::GroupSelection => {
                let ids = self.selection.components.clone();
                if ids.is_empty() {
                    self.toasts.push(
                        ctx,
                        Level::Error,
                        "select the components to group first".into(),
                    );
                    return;
                }
                let (edit, gid) = ops::new_group(&self.doc.arch, &ids, "New group");
                self.actions
                    .edit_and_select("group selection", edit, Selection::group(gid));
            }
            Command::Ungroup => {
                let ids = self.selection.components.clone();
                self.actions.edit(
                    "remove from group",
                    ops::set_group(&self.doc.arch, &ids, None),
                );
            }
            Command::AutoLayout(direction) => self.start_auto_layout(ctx, direction),
            Command::ToggleReviewPanel => self.review.show_panel = !self.review.show_panel,
            Command::Present => self.review_command(ctx, None),
            Command::NextStep => self.review_command(ctx, Some(1)),
            Command::PreviousStep => self.review_command(ctx, Some(-1)),
            Command::Shortcuts => self.show_shortcuts = true,
            Command::About => self.show_about = true,
            // These change what the next frame draws: ask for it.
            Command::ShowSelection => {
                self.show_selection();
                ctx.request_repaint();
            }
            Command::ShowProblems => {
                self.show_panel(super::problems::TITLE);
                ctx.request_repaint();
            }
            Command::NextProblem | Command::PreviousProblem => {
                self.go_to_problem(command == Command::NextProblem);
                ctx.request_repaint();
            }
            Command::ShowCode => {
                self.show_panel(super::code_panel::TITLE);
                ctx.request_repaint();
            }
            Command::ExportCode => {
                self.export.open();
                ctx.request_repaint();
            }
        }
    }

    fn arrange_edit(&mut self, ctx: &Context, what: &str, edit: crate::edit::Edit, needs: usize) {
        if self.selection.components.len() < needs {
            self.toasts.push(
                ctx,
                Level::Error,
                format!("select at least {needs} components to {what}"),
            );
            return;
        }
        self.actions.edit(
            format!("{what} {} components", self.selection.components.len()),
            edit,
        );
    }

    fn delete_selection(&mut self) {
        if self.selection.is_empty() {
            return;
        }
        let s = &self.selection;
        let edit = ops::delete(&self.doc.arch, &s.components, &s.connections, &s.groups);
        self.actions.edit_and_select(
            format!("delete {} items", s.len()),
            edit,
            Selection::default(),
        );
    }

    /// Puts the selected components on the clipboard as model text. Returns whether
    /// something was copied.
    fn copy(&mut self, ctx: &Context) -> bool {
        let ids: BTreeSet<Id> = self.selection.components.clone();
        if ids.is_empty() {
            return false;
        }
        match clipboard::copy(&self.doc.arch, &ids) {
            Ok(text) => {
                ctx.copy_text(text);
                self.toasts.last = Some((Level::Info, format!("Copied {} components", ids.len())));
                true
            }
            Err(e) => {
                self.toasts
                    .push(ctx, Level::Error, format!("cannot copy: {e}"));
                false
            }
        }
    }

    /// Pastes model text (from the clipboard) into the model, near the view's centre.
    pub fn paste_text(&mut self, text: String) {
        let centre = self.canvas.view_centre();
        let at = if self.selection.components.is_empty() {
            PasteAt::Centre(self.canvas.snap(centre.x), self.canvas.snap(centre.y))
        } else {
            PasteAt::Offset(COPY_OFFSET, COPY_OFFSET)
        };
        match clipboard::paste(&self.doc.arch, &text, at) {
            Ok((edit, ids)) => {
                self.actions.edit_and_select(
                    format!("paste {} components", ids.len()),
                    edit,
                    Selection::components(ids),
                );
            }
            Err(e) => self.actions.error(e.to_string()),
        }
    }
}
