//! Review notes in the editor: the Notes panel (a list with a filter, resolve and reopen,
//! edit, delete, and going to what a note is about) and the "New note" window.
//!
//! Every change to a note is an edit from [`crate::edit::notes`], queued like any other, so
//! it is one undo step; the markers on the canvas come from `App::review_frame`.

use std::cell::RefCell;
use std::rc::Rc;

use egui::{Context, Key, Modifiers, RichText, Role, TextEdit, Ui, WidgetInfo};

use crate::diff::Anchor;
use crate::edit::notes;
use crate::model::{Architecture, Id, Note, NoteTarget};

use super::app::App;
use super::notes_review::{NOTE_COLOR, Shared};
use super::panels::{DockPanel, PanelContext};
use super::selection::Selection;

/// A note being edited in place in the panel.
#[derive(Clone, Debug)]
struct Editing {
    id: Id,
    author: String,
    text: String,
}

/// The Notes panel.
#[derive(Debug)]
pub struct NotesPanel {
    shared: Rc<RefCell<Shared>>,
    show_all: bool,
    editing: Option<Editing>,
}

impl NotesPanel {
    /// A panel that asks the app to go to notes' targets through `shared`.
    pub fn new(shared: Rc<RefCell<Shared>>) -> Self {
        Self {
            shared,
            show_all: false,
            editing: None,
        }
    }
}

/// "component payments", "connection web-to-gateway".
pub fn describe_target(target: &NoteTarget) -> String {
    match target {
        NoteTarget::Component(id) => format!("component {id}"),
        NoteTarget::Connection(id) => format!("connection {id}"),
    }
}

fn target_exists(arch: &Architecture, target: &NoteTarget) -> bool {
    match target {
        NoteTarget::Component(id) => arch.components.contains(id.as_str()),
        NoteTarget::Connection(id) => arch.connections.contains(id.as_str()),
    }
}

impl DockPanel for NotesPanel {
    fn title(&self) -> String {
        "Notes".into()
    }

    fn ui(&mut self, ui: &mut Ui, ctx: &mut PanelContext<'_>) {
        let arch = ctx.arch;
        let open = arch.notes.iter().filter(|n| !n.resolved).count();
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.show_all, false, format!("Open ({open})"));
            ui.selectable_value(
                &mut self.show_all,
                true,
                format!("All ({})", arch.notes.len()),
            );
            ui.separator();
            let one = ctx.selection.len() == 1 && ctx.selection.groups.is_empty();
            if ui
                .add_enabled(one, egui::Button::new("Add note…"))
                .on_disabled_hover_text("Select one component or connection first")
                .clicked()
            {
                ctx.actions.command(super::commands::Command::AddNote);
            }
        });
        ui.separator();
        let shown: Vec<&Note> = arch
            .notes
            .iter()
            .filter(|n| self.show_all || !n.resolved)
            .collect();
        if shown.is_empty() {
            ui.weak(if self.show_all {
                "No notes yet. Select a component or connection and press Ctrl+Alt+M."
            } else {
                "No open notes."
            });
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for note in shown {
                    self.note_row(ui, arch, note, ctx);
                    ui.separator();
                }
            });
    }
}

impl NotesPanel {
    fn note_row(
        &mut self,
        ui: &mut Ui,
        arch: &Architecture,
        note: &Note,
        ctx: &mut PanelContext<'_>,
    ) {
        if let Some(e) = self.editing.as_mut().filter(|e| e.id == note.id) {
            let mut save = false;
            let mut cancel = false;
            ui.horizontal(|ui| {
                ui.label("Author");
                let r = ui.add(TextEdit::singleline(&mut e.author).desired_width(160.0));
                r.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, "edit note author"));
            });
            let r = ui.add(
                TextEdit::multiline(&mut e.text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            );
            r.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, "edit note text"));
            ui.horizontal(|ui| {
                save = ui.button("Save note").clicked();
                cancel = ui.button("Cancel").clicked();
            });
            if save {
                match notes::set_text(arch, &note.id, &e.author, &e.text) {
                    Ok(edit) => {
                        ctx.actions.edit(format!("edit note {}", note.id), edit);
                        self.editing = None;
                    }
                    Err(err) => ctx.actions.error(err.to_string()),
                }
            } else if cancel {
                self.editing = None;
            }
            return;
        }
        ui.horizontal(|ui| {
            let mut resolved = note.resolved;
            let r = ui.checkbox(&mut resolved, "");
            let label = format!("resolved {}", note.id);
            r.widget_info(|| WidgetInfo::selected(Role::CheckBox, true, note.resolved, &label));
            let r = r.on_hover_text(if note.resolved {
                "Resolved; untick to reopen"
            } else {
                "Tick when settled"
            });
            if r.changed() {
                match notes::set_resolved(arch, &note.id, resolved) {
                    Ok(edit) => ctx.actions.edit(
                        format!(
                            "{} note {}",
                            if resolved { "resolve" } else { "reopen" },
                            note.id
                        ),
                        edit,
                    ),
                    Err(err) => ctx.actions.error(err.to_string()),
                }
            }
            let on = describe_target(&note.target);
            if target_exists(arch, &note.target) {
                if ui.link(&on).on_hover_text("Select and show it").clicked() {
                    let sel = match &note.target {
                        NoteTarget::Component(id) => Selection::component(id.clone()),
                        NoteTarget::Connection(id) => Selection::connection(id.clone()),
                    };
                    ctx.actions.select = Some(sel);
                    if let Ok(mut s) = self.shared.try_borrow_mut() {
                        s.go_to = Some(Anchor::from(&note.target));
                    }
                    ui.ctx().request_repaint();
                }
            } else {
                ui.label(
                    RichText::new(format!("{on} (missing)")).color(ui.visuals().error_fg_color),
                );
            }
            if !note.author.is_empty() {
                ui.label(RichText::new(&note.author).strong().color(NOTE_COLOR));
            }
            let text = RichText::new(&note.text);
            ui.add(egui::Label::new(if note.resolved { text.weak() } else { text }).wrap());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let delete = ui.small_button("Delete");
                let label = format!("Delete {}", note.id);
                delete.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                if delete.clicked() {
                    match notes::delete_note(arch, &note.id) {
                        Ok(edit) => ctx.actions.edit(format!("delete note {}", note.id), edit),
                        Err(err) => ctx.actions.error(err.to_string()),
                    }
                }
                let edit = ui.small_button("Edit");
                let label = format!("Edit {}", note.id);
                edit.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                if edit.clicked() {
                    self.editing = Some(Editing {
                        id: note.id.clone(),
                        author: note.author.clone(),
                        text: note.text.clone(),
                    });
                }
            });
        });
    }
}

impl App {
    /// The "New note" window, while a note is being written.
    pub(super) fn note_window(&mut self, ctx: &Context) {
        let Some(draft) = &mut self.notes_review.draft else {
            return;
        };
        let mut open = true;
        let mut add = false;
        let mut cancel = false;
        let on = describe_target(&draft.target);
        let author = &mut self.notes_review.author;
        egui::Window::new("New note")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(360.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                ui.label(format!("On {on}"));
                egui::Grid::new("new-note").num_columns(2).show(ui, |ui| {
                    ui.label("Author");
                    let r = ui.add(TextEdit::singleline(author).desired_width(260.0));
                    r.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, "note author"));
                    ui.end_row();
                    ui.label("Note");
                    let r = ui.add(
                        TextEdit::multiline(&mut draft.text)
                            .desired_rows(3)
                            .desired_width(260.0)
                            .hint_text("What should be looked at?"),
                    );
                    r.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, "note text"));
                    if draft.focus {
                        r.request_focus();
                        draft.focus = false;
                    }
                    if r.has_focus()
                        && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter))
                    {
                        add = true;
                    }
                    ui.end_row();
                });
                ui.horizontal(|ui| {
                    add |= ui
                        .add_enabled(!draft.text.trim().is_empty(), egui::Button::new("Add note"))
                        .on_hover_text("Ctrl+Enter")
                        .clicked();
                    cancel = ui.button("Cancel").clicked();
                });
            });
        if add {
            match notes::add_note(&self.doc.arch, draft.target.clone(), author, &draft.text) {
                Ok((edit, id)) => {
                    self.actions.edit(format!("add note {id}"), edit);
                    self.notes_review.draft = None;
                    self.show_panel("Notes");
                }
                Err(e) => self.actions.error(e.to_string()),
            }
        } else if cancel || !open {
            self.notes_review.draft = None;
        }
    }
}
