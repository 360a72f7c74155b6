//! Field widgets shared by the inspector's editors.

use egui::{Color32, ComboBox, RichText, TextEdit, Ui};

use super::Inspector;

/// A labelled row in a two-column grid.
pub fn row<R>(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.label(label);
    let r = add(ui);
    ui.end_row();
    r
}

/// A one-line text field bound to `value`.
pub fn text(ui: &mut Ui, label: &str, value: &mut String) {
    row(ui, label, |ui| {
        ui.add(TextEdit::singleline(value).desired_width(f32::INFINITY))
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
    });
}

/// A multi-line text field bound to `value`, full width under its label. Call it outside a
/// grid: a grid sizes its rows from the previous frame, and a multi-line field that grows
/// would overlap the next row until something else repaints.
pub fn multiline(ui: &mut Ui, label: &str, value: &mut String) {
    ui.label(label);
    ui.add(
        TextEdit::multiline(value)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, label));
}

/// A combo box over `options`.
pub fn combo<T: PartialEq + Copy>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[T],
    name: impl Fn(T) -> String,
) {
    row(ui, label, |ui| {
        ComboBox::from_id_salt(label)
            .selected_text(name(*value))
            .show_ui(ui, |ui| {
                for o in options {
                    ui.selectable_value(value, *o, name(*o));
                }
            })
            .response
            .on_hover_text(label);
    });
}

/// A whole number from `min`.
pub fn number(ui: &mut Ui, label: &str, value: &mut u32, min: u32) {
    row(ui, label, |ui| {
        ui.add(egui::DragValue::new(value).range(min..=100_000))
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::SpinButton, true, label));
    });
}

/// A message in the error colour.
pub fn error(ui: &mut Ui, text: &str) {
    ui.label(
        RichText::new(text)
            .color(ui.visuals().error_fg_color)
            .small(),
    );
}

/// A hint in the weak colour.
pub fn hint(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(Color32::GRAY).small());
}

impl Inspector {
    /// A text field checked by `parse`: the model changes only when the text is valid;
    /// otherwise the message stays beside the field. `key` names the field.
    pub fn validated<T>(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        current: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let buffer = self
            .buffers
            .entry(key.to_owned())
            .or_insert_with(|| current.to_owned());
        let mut out = None;
        row(ui, label, |ui| {
            ui.vertical(|ui| {
                let resp = ui.add(TextEdit::singleline(buffer).desired_width(f32::INFINITY));
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
                if resp.changed() {
                    match parse(buffer) {
                        Ok(v) => {
                            self.errors.remove(key);
                            out = Some(v);
                        }
                        Err(e) => {
                            self.errors.insert(key.to_owned(), e);
                        }
                    }
                }
                if !resp.has_focus() && !self.errors.contains_key(key) && *buffer != current {
                    *buffer = current.to_owned();
                }
                if let Some(e) = self.errors.get(key) {
                    error(ui, e);
                }
            });
        });
        out
    }

    /// Like [`Inspector::validated`], but the value is taken only when the field is left
    /// or Enter is pressed (ids: a half-typed id must not rename everything at each key).
    pub fn validated_on_commit<T>(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        current: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let buffer = self
            .buffers
            .entry(key.to_owned())
            .or_insert_with(|| current.to_owned());
        let mut out = None;
        row(ui, label, |ui| {
            ui.vertical(|ui| {
                let resp = ui.add(TextEdit::singleline(buffer).desired_width(f32::INFINITY));
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
                if resp.lost_focus() && buffer.as_str() != current {
                    match parse(buffer) {
                        Ok(v) => {
                            self.errors.remove(key);
                            out = Some(v);
                        }
                        Err(e) => {
                            self.errors.insert(key.to_owned(), e);
                        }
                    }
                }
                if resp.changed() {
                    self.errors.remove(key);
                }
                if !resp.has_focus()
                    && !self.errors.contains_key(key)
                    && out.is_none()
                    && *buffer != current
                {
                    *buffer = current.to_owned();
                }
                if let Some(e) = self.errors.get(key) {
                    error(ui, e);
                }
            });
        });
        out
    }
}

/// Parses a port: empty means "the default", otherwise 1–65535.
pub fn parse_port(text: &str) -> Result<Option<u16>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(p) if (1..=65535).contains(&p) => Ok(u16::try_from(p).ok()),
        _ => Err(format!(
            "`{t}` is not a port: use a whole number from 1 to 65535, or leave it empty for the default"
        )),
    }
}

/// Parses an optional whole number.
pub fn parse_optional_u32(text: &str) -> Result<Option<u32>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>()
        .map(Some)
        .map_err(|_| format!("`{t}` is not a whole number; leave it empty for none"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports() {
        assert_eq!(parse_port(""), Ok(None));
        assert_eq!(parse_port(" 8080 "), Ok(Some(8080)));
        assert!(parse_port("0").is_err());
        assert!(parse_port("70000").is_err());
        assert!(parse_port("http").is_err());
    }
}
