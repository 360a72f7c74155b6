//! The command palette (Ctrl+K): find any command by typing part of its name.

use egui::{Context, Key, TextEdit};

use super::app::App;
use super::commands::{COMMANDS, CommandSpec, describe};

/// The palette's state.
#[derive(Debug, Default)]
pub struct CommandPalette {
    open: bool,
    query: String,
    chosen: usize,
    focus: bool,
}

impl CommandPalette {
    /// Opens it with an empty query.
    pub fn open(&mut self) {
        self.open = true;
        self.query.clear();
        self.chosen = 0;
        self.focus = true;
    }

    /// Whether it is open.
    pub fn is_open(&self) -> bool {
        self.open
    }
}

/// Commands whose name contains every word of `query` (case-insensitive), in table order.
pub fn matching(query: &str) -> Vec<&'static CommandSpec> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    COMMANDS
        .iter()
        .filter(|c| {
            let name = c.name.to_lowercase();
            words.iter().all(|w| name.contains(w.as_str()))
        })
        .collect()
}

impl App {
    pub(super) fn command_palette_ui(&mut self, ctx: &Context) {
        if !self.palette_cmd.open {
            return;
        }
        let found = matching(&self.palette_cmd.query);
        let mut run = None;
        let mut close = false;
        egui::Window::new("Command palette")
            .title_bar(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
            .fixed_size(egui::vec2(420.0, 320.0))
            .show(ctx, |ui| {
                let p = &mut self.palette_cmd;
                let resp = ui.add(
                    TextEdit::singleline(&mut p.query)
                        .hint_text("Type a command…")
                        .desired_width(f32::INFINITY),
                );
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "command")
                });
                if p.focus {
                    resp.request_focus();
                    p.focus = false;
                }
                if resp.changed() {
                    p.chosen = 0;
                }
                if ui.input(|i| i.key_pressed(Key::ArrowDown)) {
                    p.chosen = (p.chosen + 1).min(found.len().saturating_sub(1));
                }
                if ui.input(|i| i.key_pressed(Key::ArrowUp)) {
                    p.chosen = p.chosen.saturating_sub(1);
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (i, spec) in found.iter().enumerate() {
                        let keys = spec.shortcuts.first().map(describe).unwrap_or_default();
                        let text = if keys.is_empty() {
                            spec.name.to_owned()
                        } else {
                            format!("{}    {keys}", spec.name)
                        };
                        if ui.selectable_label(i == p.chosen, text).clicked() {
                            run = Some(spec.command);
                        }
                    }
                });
                if ui.input(|i| i.key_pressed(Key::Enter)) {
                    run = found.get(p.chosen).map(|s| s.command);
                }
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    close = true;
                }
            });
        if let Some(cmd) = run {
            self.palette_cmd.open = false;
            if self.enabled(cmd) {
                self.actions.command(cmd);
            }
        }
        if close {
            self.palette_cmd.open = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_commands_by_words() {
        let names: Vec<&str> = matching("zoom fit").iter().map(|s| s.name).collect();
        assert_eq!(names, vec!["Zoom to fit"]);
        assert!(matching("").len() == COMMANDS.len());
        assert!(matching("nothing like this").is_empty());
    }
}
