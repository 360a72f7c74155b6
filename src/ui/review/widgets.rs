//! Small widgets shared by the Views and Flows panels.

use egui::{Response, Role, Ui, WidgetInfo};

/// A small icon button whose tooltip and accessible name is `label` (so each row's buttons
/// have names of their own: "move view data up").
pub fn icon_button(ui: &mut Ui, icon: &str, label: &str, enabled: bool) -> Response {
    let resp = ui
        .add_enabled(enabled, egui::Button::new(icon).small())
        .on_hover_text(label);
    let label = label.to_owned();
    resp.widget_info(move || WidgetInfo::labeled(Role::Button, enabled, &label));
    resp
}

/// A one-line text field for `text` named `label` for screen readers and tests; returns the
/// new text when the user changed it.
pub fn text_field(ui: &mut Ui, text: &str, label: &str, hint: &str) -> Option<String> {
    let mut buffer = text.to_owned();
    let resp = ui.add(
        egui::TextEdit::singleline(&mut buffer)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    );
    let name = label.to_owned();
    resp.widget_info(move || WidgetInfo::labeled(Role::TextInput, true, &name));
    (resp.changed() && buffer != text).then_some(buffer)
}
