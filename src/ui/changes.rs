//! Comparisons in the editor: the Changes panel (the list of changes to step through) and
//! the "Compare with" window (another model file, or a git revision of the open one).

use std::cell::RefCell;
use std::rc::Rc;

use egui::{Context, Key, RichText, Role, TextEdit, Ui, WidgetInfo};

use super::app::App;
use super::commands::Command;
use super::compare::{ADDED, CHANGED, REMOVED, status_color};
use super::notes_review::Shared;
use super::panels::{DockPanel, PanelContext};

/// The Changes panel.
#[derive(Debug)]
pub struct ChangesPanel {
    shared: Rc<RefCell<Shared>>,
    /// The row the list last scrolled to, so it scrolls once per step.
    scrolled_to: Option<usize>,
}

impl ChangesPanel {
    /// A panel listing the comparison in `shared`.
    pub fn new(shared: Rc<RefCell<Shared>>) -> Self {
        Self {
            shared,
            scrolled_to: None,
        }
    }
}

impl DockPanel for ChangesPanel {
    fn title(&self) -> String {
        "Changes".into()
    }

    fn ui(&mut self, ui: &mut Ui, ctx: &mut PanelContext<'_>) {
        let Ok(shared) = self.shared.try_borrow() else {
            return;
        };
        let Some(cmp) = &shared.comparison else {
            ui.horizontal(|ui| {
                ui.weak("No comparison.");
                if ui.button("Compare with…").clicked() {
                    ctx.actions.command(Command::CompareWith);
                }
            });
            return;
        };
        let counts = cmp.diff.counts();
        let mut clicked = None;
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Compared with {}", cmp.against)).strong());
            ui.label(RichText::new(format!("{} added", counts.added)).color(ADDED));
            ui.label(RichText::new(format!("{} changed", counts.changed)).color(CHANGED));
            ui.label(RichText::new(format!("{} removed", counts.removed)).color(REMOVED));
            ui.separator();
            let any = !cmp.rows.is_empty();
            if ui
                .add_enabled(any, egui::Button::new("Previous"))
                .on_hover_text("Shift+F7")
                .clicked()
            {
                ctx.actions.command(Command::PreviousChange);
            }
            if ui
                .add_enabled(any, egui::Button::new("Next"))
                .on_hover_text("F7")
                .clicked()
            {
                ctx.actions.command(Command::NextChange);
            }
            if let Some(i) = cmp.current {
                ui.weak(format!("{} of {}", i + 1, cmp.rows.len()));
            }
            if ui.button("Close comparison").on_hover_text("Esc").clicked() {
                ctx.actions.command(Command::CloseComparison);
            }
        });
        ui.separator();
        if cmp.rows.is_empty() {
            ui.weak(format!("No differences from {}.", cmp.against));
            if cmp.diff.hidden_moves > 0 {
                ui.weak(format!(
                    "({} components only moved on the canvas.)",
                    cmp.diff.hidden_moves
                ));
            }
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, row) in cmp.rows.iter().enumerate() {
                    let current = cmp.current == Some(i);
                    let text = RichText::new(&row.text)
                        .monospace()
                        .color(status_color(row.status));
                    let r = ui.selectable_label(current, text);
                    if current && self.scrolled_to != Some(i) {
                        r.scroll_to_me(Some(egui::Align::Center));
                        self.scrolled_to = Some(i);
                    }
                    if r.clicked() {
                        clicked = Some(i);
                    }
                }
            });
        drop(shared);
        if let Some(i) = clicked
            && let Ok(mut s) = self.shared.try_borrow_mut()
        {
            s.go_to_row = Some(i);
            ui.ctx().request_repaint();
        }
    }
}

impl App {
    /// The "Compare with" window, while it is open.
    pub(super) fn compare_window(&mut self, ctx: &Context) {
        let Some(form) = &mut self.notes_review.form else {
            return;
        };
        let mut open = true;
        let mut pick = false;
        let mut revision = None;
        let mut cancel = false;
        let saved = self.doc.path.is_some();
        egui::Window::new("Compare with")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(380.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                ui.label(
                    "Show what changed since another version of this model: added items in \
                     green, changed in amber, removed as red ghosts.",
                );
                ui.add_space(6.0);
                pick = ui.button("Another model file…").clicked();
                ui.add_space(6.0);
                ui.label("Or a git revision of the open file:");
                ui.horizontal(|ui| {
                    let r = ui.add_enabled(
                        saved,
                        TextEdit::singleline(&mut form.revision)
                            .hint_text("HEAD~1, main, a tag or commit")
                            .desired_width(200.0),
                    );
                    r.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, "git revision"));
                    if form.focus && saved {
                        r.request_focus();
                        form.focus = false;
                    }
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    let button = ui.add_enabled(
                        saved && !form.revision.trim().is_empty(),
                        egui::Button::new("Compare with revision"),
                    );
                    if button.clicked() || enter {
                        revision = Some(form.revision.clone());
                    }
                });
                if !saved {
                    ui.weak("Save the model in a git repository to compare with its history.");
                }
                if let Some(e) = &form.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.add_space(6.0);
                cancel = ui.button("Cancel").clicked();
            });
        if cancel || !open {
            self.notes_review.form = None;
        } else if pick {
            if let Some(form) = &mut self.notes_review.form {
                form.error = None;
            }
            self.pick_compare_file();
        } else if let Some(rev) = revision {
            self.compare_with_revision(ctx, &rev);
        }
    }
}
