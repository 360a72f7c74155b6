//! Small floating editors on the canvas: rename in place, quick-add, connection type.

use egui::{Area, Frame, Id as EguiId, Key, Order, Pos2, TextEdit, Ui, Vec2};

use crate::edit::ops;
use crate::model::{Id, Kind, matrix};
use crate::ui::actions::Actions;
use crate::ui::document::Document;

use super::Canvas;

/// The rename field over a component.
#[derive(Debug)]
pub struct Rename {
    /// The component.
    pub id: Id,
    text: String,
    focused: bool,
}

impl Rename {
    /// Starts renaming `id`, whose name is `name`.
    pub fn new(id: Id, name: &str) -> Self {
        Self {
            id,
            text: name.to_owned(),
            focused: false,
        }
    }
}

/// The "type a kind" field opened by double-clicking empty canvas.
#[derive(Debug)]
pub struct QuickAdd {
    at: Pos2,
    text: String,
    focused: bool,
}

impl QuickAdd {
    /// Opens at canvas point `at`.
    pub fn new(at: Pos2) -> Self {
        Self {
            at,
            text: String::new(),
            focused: false,
        }
    }
}

/// The list of types a connection may have, shown after connecting.
#[derive(Debug)]
pub struct TypePopup {
    /// The connection.
    pub connection: Id,
}

/// The kinds whose label or keyword matches `text`, best first.
pub fn matching_kinds(text: &str) -> Vec<Kind> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Kind::ALL.to_vec();
    }
    let mut starts: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| k.label().to_lowercase().starts_with(&t) || k.keyword().starts_with(&t))
        .collect();
    if let Some(k) = Kind::parse(&t)
        && !starts.contains(&k)
    {
        starts.insert(0, k);
    }
    for k in Kind::ALL {
        if !starts.contains(&k) && k.label().to_lowercase().contains(&t) {
            starts.push(k);
        }
    }
    starts
}

impl Canvas {
    pub(super) fn overlays_ui(&mut self, ui: &mut Ui, doc: &Document, actions: &mut Actions) {
        self.rename_ui(ui, doc, actions);
        self.quick_add_ui(ui, doc, actions);
        self.type_popup_ui(ui, doc, actions);
    }

    fn rename_ui(&mut self, ui: &mut Ui, doc: &Document, actions: &mut Actions) {
        let Some(rename) = &mut self.rename else {
            return;
        };
        let Some(node) = self.scene.node(rename.id.as_str()) else {
            self.rename = None;
            return;
        };
        let r = self.camera.screen_rect(self.rect, node.rect);
        let width = r.width().clamp(120.0, 400.0);
        let pos = Pos2::new(r.center().x - width / 2.0, r.center().y - 14.0);
        let mut done = None;
        Area::new(EguiId::unique("archcanvas-rename"))
            .order(Order::Foreground)
            .fixed_pos(pos)
            .show(ui.ctx(), |ui| {
                let edit = TextEdit::singleline(&mut rename.text)
                    .desired_width(width)
                    .hint_text("name");
                let resp = ui.add(edit);
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "rename")
                });
                if !rename.focused {
                    resp.request_focus();
                    rename.focused = true;
                }
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    done = Some(false);
                } else if resp.lost_focus() {
                    done = Some(true);
                }
            });
        match done {
            Some(true) => {
                let name = rename.text.trim().to_owned();
                if name.is_empty() {
                    actions.error("a component needs a name; the old one is kept");
                } else if let Some(edit) = ops::rename(&doc.arch, &rename.id, &name) {
                    actions.edit(format!("rename {}", rename.id), edit);
                }
                self.rename = None;
            }
            Some(false) => self.rename = None,
            None => {}
        }
    }

    fn quick_add_ui(&mut self, ui: &mut Ui, doc: &Document, actions: &mut Actions) {
        let Some(quick) = &mut self.quick_add else {
            return;
        };
        let pos = self.camera.screen_from_canvas(self.rect, quick.at);
        let mut chosen: Option<Kind> = None;
        let mut close = false;
        Area::new(EguiId::unique("archcanvas-quick-add"))
            .order(Order::Foreground)
            .fixed_pos(pos - Vec2::new(90.0, 16.0))
            .show(ui.ctx(), |ui| {
                Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(180.0);
                    let resp = ui.add(
                        TextEdit::singleline(&mut quick.text)
                            .hint_text("type a kind: db, queue…")
                            .desired_width(170.0),
                    );
                    resp.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "quick add")
                    });
                    if !quick.focused {
                        resp.request_focus();
                        quick.focused = true;
                    }
                    let kinds = matching_kinds(&quick.text);
                    for k in &kinds {
                        if ui.selectable_label(false, k.label()).clicked() {
                            chosen = Some(*k);
                        }
                    }
                    if kinds.is_empty() {
                        ui.weak("no kind matches");
                    }
                    if resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        chosen = kinds.first().copied();
                        close = true;
                    }
                    if ui.input(|i| i.key_pressed(Key::Escape)) {
                        close = true;
                    }
                });
            });
        let at = quick.at;
        if let Some(kind) = chosen {
            self.add_at(kind, at, doc, actions);
            close = true;
        }
        if close {
            self.quick_add = None;
        }
    }

    fn type_popup_ui(&mut self, ui: &mut Ui, doc: &Document, actions: &mut Actions) {
        let Some(popup) = &self.type_popup else {
            return;
        };
        // A connection drawn this frame is added after the frame; `sync` drops the popup if
        // it never appears.
        let Some(conn) = doc.arch.connections.get(popup.connection.as_str()) else {
            return;
        };
        let (Some(a), Some(b)) = (
            self.scene.node(conn.from.as_str()),
            self.scene.node(conn.to.as_str()),
        ) else {
            self.type_popup = None;
            return;
        };
        let mid = self.camera.screen_from_canvas(
            self.rect,
            a.rect.center() + (b.rect.center() - a.rect.center()) / 2.0,
        );
        let allowed = matrix::allowed(a.kind, b.kind);
        let mut close = false;
        Area::new(EguiId::unique("archcanvas-type-popup"))
            .order(Order::Foreground)
            .fixed_pos(mid + Vec2::new(12.0, 12.0))
            .show(ui.ctx(), |ui| {
                Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(format!("{} to {}", a.name, b.name));
                    for ty in allowed {
                        if ui.radio(conn.ty() == *ty, ty.label()).clicked() {
                            match ops::set_connection_type(&doc.arch, &conn.id, *ty) {
                                Ok(edit) => {
                                    actions.edit(format!("make {} {}", conn.id, ty.label()), edit)
                                }
                                Err(e) => actions.error(e.to_string()),
                            }
                            close = true;
                        }
                    }
                    if ui.small_button("Done").clicked() || ui.input(|i| i.key_pressed(Key::Escape))
                    {
                        close = true;
                    }
                });
            });
        if close {
            self.type_popup = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_by_prefix_and_alias() {
        assert_eq!(matching_kinds("db").first(), Some(&Kind::Database));
        assert_eq!(matching_kinds("que").first(), Some(&Kind::Queue));
        assert_eq!(matching_kinds("").len(), Kind::ALL.len());
        assert!(matching_kinds("zzz").is_empty());
    }
}
