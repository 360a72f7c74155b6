//! Find (Ctrl+F): components by name, id, technology or tag; Enter centres on the match.

use egui::{Context, Key, TextEdit};

use crate::model::{Architecture, Id};

use super::app::App;
use super::selection::Selection;

/// Results shown at most.
const MAX_RESULTS: usize = 50;

/// The find box's state.
#[derive(Debug, Default)]
pub struct Find {
    open: bool,
    query: String,
    chosen: usize,
    focus: bool,
}

impl Find {
    /// Opens the find box.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }
}

/// Components matching `query` in name, id, technology, description or tags, best first
/// (name or id starting with the query before mere containment).
pub fn search(arch: &Architecture, query: &str) -> Vec<Id> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u8, &Id)> = arch
        .components
        .iter()
        .filter_map(|c| {
            let name = c.name.to_lowercase();
            let id = c.id.as_str();
            let score = if name.starts_with(&q) || id.starts_with(&q) {
                0
            } else if name.contains(&q) || id.contains(&q) {
                1
            } else if c.spec.technology_label().to_lowercase().contains(&q)
                || c.kind().label().to_lowercase().contains(&q)
            {
                2
            } else if c.tags.iter().any(|t| t.to_lowercase().contains(&q)) {
                3
            } else {
                return None;
            };
            Some((score, &c.id))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(MAX_RESULTS)
        .map(|(_, id)| id.clone())
        .collect()
}

impl App {
    pub(super) fn find_ui(&mut self, ctx: &Context) {
        if !self.find.open {
            return;
        }
        let results = search(&self.doc.arch, &self.find.query);
        let mut go: Option<Id> = None;
        let mut open = true;
        egui::Window::new("Find")
            .open(&mut open)
            .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-340.0, 40.0))
            .default_width(300.0)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                let f = &mut self.find;
                let resp = ui.add(
                    TextEdit::singleline(&mut f.query)
                        .hint_text("name, id, technology or tag")
                        .desired_width(280.0),
                );
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "find"));
                if f.focus {
                    resp.request_focus();
                    f.focus = false;
                }
                if resp.changed() {
                    f.chosen = 0;
                }
                if ui.input(|i| i.key_pressed(Key::ArrowDown)) {
                    f.chosen = (f.chosen + 1).min(results.len().saturating_sub(1));
                }
                if ui.input(|i| i.key_pressed(Key::ArrowUp)) {
                    f.chosen = f.chosen.saturating_sub(1);
                }
                if resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    go = results.get(f.chosen).cloned();
                    resp.request_focus();
                }
                if !f.query.trim().is_empty() && results.is_empty() {
                    ui.weak("no component matches");
                }
                egui::ScrollArea::vertical()
                    .max_height(260.0)
                    .show(ui, |ui| {
                        for (i, id) in results.iter().enumerate() {
                            let Some(c) = self.doc.arch.components.get(id.as_str()) else {
                                continue;
                            };
                            let text = format!("{}  ·  {}  ·  {}", c.name, c.id, c.kind().label());
                            if ui.selectable_label(i == f.chosen, text).clicked() {
                                f.chosen = i;
                                go = Some(id.clone());
                            }
                        }
                    });
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    f.open = false;
                }
            });
        if !open {
            self.find.open = false;
        }
        if let Some(id) = go {
            self.canvas.centre_on(id.as_str());
            self.selection = Selection::component(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_name_id_technology_and_tag() {
        let arch = crate::file::parse(include_str!("../../examples/shop.ron")).unwrap();
        assert_eq!(
            search(&arch, "orders").first().map(Id::as_str),
            Some("orders")
        );
        assert!(
            search(&arch, "postgres")
                .iter()
                .any(|i| i.as_str() == "orders-db")
        );
        assert!(
            search(&arch, "core")
                .iter()
                .any(|i| i.as_str() == "catalog")
        );
        assert!(search(&arch, "").is_empty());
    }
}
