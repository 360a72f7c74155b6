//! The menu bar, built from the command table, the status bar, and the help windows.

use egui::{Button, Context, Ui};

use super::app::App;
use super::commands::{self, COMMANDS, Command, Menu};
use super::prompts::Then;

impl App {
    /// Whether a command can run now (greys out menu items).
    pub fn enabled(&self, command: Command) -> bool {
        let s = &self.selection;
        match command {
            Command::Undo => self.doc.history.can_undo(),
            Command::Redo => self.doc.history.can_redo(),
            Command::Cut
            | Command::Copy
            | Command::Duplicate
            | Command::Ungroup
            | Command::GroupSelection => !s.components.is_empty(),
            Command::Delete => !s.is_empty(),
            Command::Rename => s.components.len() == 1,
            Command::ShowSelection => !s.components.is_empty() || !s.connections.is_empty(),
            Command::Align(_) => s.components.len() >= 2,
            Command::Distribute(_) => s.components.len() >= 3,
            Command::CloseComparison | Command::NextChange | Command::PreviousChange => {
                self.comparing()
            }
            Command::AddNote => s.len() == 1 && s.groups.is_empty(),
            _ => true,
        }
    }

    fn checked(&self, command: Command) -> Option<bool> {
        match command {
            Command::ToggleGrid => Some(self.canvas.grid),
            Command::ToggleSnap => Some(self.canvas.snap),
            Command::ToggleMinimap => Some(self.canvas.minimap),
            Command::ToggleReviewPanel => Some(self.review.show_panel),
            Command::ThemeSystem => Some(self.theme == egui::ThemePreference::System),
            Command::ThemeLight => Some(self.theme == egui::ThemePreference::Light),
            Command::ThemeDark => Some(self.theme == egui::ThemePreference::Dark),
            _ => None,
        }
    }

    fn menu_label(&self, command: Command, name: &str) -> String {
        match command {
            Command::Undo => self
                .doc
                .history
                .undo_label()
                .map_or_else(|| name.to_owned(), |l| format!("Undo {l}")),
            Command::Redo => self
                .doc
                .history
                .redo_label()
                .map_or_else(|| name.to_owned(), |l| format!("Redo {l}")),
            _ => name.to_owned(),
        }
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(menu.title(), |ui| {
                    for spec in COMMANDS.iter().filter(|s| s.menu == menu) {
                        if spec.separator_before {
                            ui.separator();
                        }
                        let mut label = self.menu_label(spec.command, spec.name);
                        if let Some(on) = self.checked(spec.command) {
                            label = format!("{} {label}", if on { "•" } else { "  " });
                        }
                        let mut button = Button::new(label);
                        if let Some(sc) = spec.shortcuts.first() {
                            button = button.shortcut_text(ui.ctx().format_shortcut(sc));
                        }
                        if ui.add_enabled(self.enabled(spec.command), button).clicked() {
                            self.actions.command(spec.command);
                            ui.close();
                        }
                        if spec.command == Command::Open {
                            self.recent_menu_ui(ui);
                        }
                    }
                });
            }
        });
    }

    fn recent_menu_ui(&mut self, ui: &mut Ui) {
        ui.add_enabled_ui(!self.recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                let mut open = None;
                for p in &self.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        open = Some(p.clone());
                        ui.close();
                    }
                }
                if ui.button("Clear the list").clicked() {
                    self.recent.clear();
                    ui.close();
                }
                if let Some(p) = open {
                    self.confirm_then(Then::OpenPath(p));
                }
            });
        });
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let a = &self.doc.arch;
            ui.label(format!(
                "{} components · {} connections · {} groups",
                a.components.len(),
                a.connections.len(),
                a.groups.len()
            ));
            ui.separator();
            self.problems_status_ui(ui);
            ui.separator();
            ui.label(format!("zoom {:.0} %", self.canvas.camera.zoom * 100.0));
            if !self.selection.is_empty() {
                ui.separator();
                ui.label(format!("{} selected", self.selection.len()));
            }
            ui.separator();
            let path = self
                .doc
                .path
                .as_deref()
                .map_or_else(|| "not saved yet".to_owned(), |p| p.display().to_string());
            let dirty = if self.doc.is_dirty() {
                " (unsaved changes)"
            } else {
                ""
            };
            ui.label(format!("{path}{dirty}"));
            if let Some((level, text)) = &self.toasts.last {
                ui.separator();
                let color = match level {
                    super::actions::Level::Error => ui.visuals().error_fg_color,
                    super::actions::Level::Info => ui.visuals().weak_text_color(),
                };
                ui.add(egui::Label::new(egui::RichText::new(text).color(color)).truncate());
            }
        });
    }

    pub(super) fn help_windows_ui(&mut self, ctx: &Context) {
        egui::Window::new("Keyboard shortcuts")
            .open(&mut self.show_shortcuts)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for spec in COMMANDS.iter().filter(|s| !s.shortcuts.is_empty()) {
                        ui.label(spec.name);
                        let keys: Vec<String> =
                            spec.shortcuts.iter().map(commands::describe).collect();
                        ui.monospace(keys.join(", "));
                        ui.end_row();
                    }
                    for (what, how) in super::GESTURES {
                        ui.label(*what);
                        ui.monospace(*how);
                        ui.end_row();
                    }
                });
            });
        egui::Window::new("About ArchCanvas")
            .open(&mut self.show_about)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(format!("ArchCanvas {}", env!("CARGO_PKG_VERSION")));
                ui.label(env!("CARGO_PKG_DESCRIPTION"));
            });
    }
}
