//! The inspector of one connection.

use egui::{Grid, Ui};

use crate::edit::ops;
use crate::model::{Architecture, CallSpec, Connection, ConnectionKind, Protocol, matrix};
use crate::ui::actions::Actions;
use crate::ui::selection::Selection;

use super::push;
use super::widgets::{self, row};

/// Draws the connection editor.
pub fn ui(ui: &mut Ui, arch: &Architecture, c: &Connection, actions: &mut Actions) {
    let from = arch.components.get(c.from.as_str());
    let to = arch.components.get(c.to.as_str());
    ui.heading(format!("Connection · {}", c.id));
    ui.horizontal(|ui| {
        if ui
            .link(from.map_or(c.from.as_str(), |x| x.name.as_str()))
            .clicked()
        {
            actions.select = Some(Selection::component(c.from.clone()));
        }
        ui.label(c.ty().label());
        if ui
            .link(to.map_or(c.to.as_str(), |x| x.name.as_str()))
            .clicked()
        {
            actions.select = Some(Selection::component(c.to.clone()));
        }
    });
    let mut edited = c.clone();
    Grid::new("connection-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .min_col_width(80.0)
        .show(ui, |ui| {
            if let (Some(a), Some(b)) = (from, to) {
                let allowed = matrix::allowed(a.kind(), b.kind());
                let mut ty = c.ty();
                widgets::combo(ui, "Type", &mut ty, allowed, |t| t.label().to_owned());
                if ty != c.ty() {
                    edited.kind = ty.default_kind();
                }
            } else {
                row(ui, "Type", |ui| ui.label(c.ty().label()));
                row(ui, "", |ui| {
                    widgets::error(ui, "one end of this connection does not exist")
                });
            }
            match &mut edited.kind {
                ConnectionKind::Calls(CallSpec {
                    protocol,
                    timeout_ms,
                    retries,
                    circuit_breaker,
                }) => {
                    widgets::combo(ui, "Protocol", protocol, &Protocol::ALL, |p| {
                        p.label().to_owned()
                    });
                    row(ui, "Timeout", |ui| {
                        ui.horizontal(|ui| {
                            let mut on = timeout_ms.is_some();
                            ui.checkbox(&mut on, "")
                                .on_hover_text("give up after a timeout");
                            let mut ms = timeout_ms.unwrap_or(1000);
                            ui.add_enabled(
                                on,
                                egui::DragValue::new(&mut ms)
                                    .range(1..=600_000)
                                    .suffix(" ms"),
                            );
                            *timeout_ms = on.then_some(ms);
                        })
                    });
                    widgets::number(ui, "Retries", retries, 0);
                    row(ui, "Circuit breaker", |ui| {
                        ui.checkbox(circuit_breaker, "")
                            .on_hover_text("circuit breaker")
                    });
                }
                ConnectionKind::Publishes { topic } | ConnectionKind::Consumes { topic } => {
                    let queue = if to.is_some_and(|t| !t.spec.topics().is_empty()) {
                        to
                    } else {
                        None
                    };
                    row(ui, "Topic", |ui| {
                        ui.horizontal(|ui| {
                            ui.add(egui::TextEdit::singleline(topic).desired_width(140.0))
                                .widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Topic")
                                });
                            if let Some(q) = queue {
                                egui::ComboBox::from_id_salt("topic-pick")
                                    .selected_text("…")
                                    .width(30.0)
                                    .show_ui(ui, |ui| {
                                        for t in q.spec.topics() {
                                            ui.selectable_value(topic, t.name.clone(), &t.name);
                                        }
                                    })
                                    .response
                                    .on_hover_text("pick one of the queue's topics");
                            }
                        })
                    });
                }
                _ => {}
            }
            widgets::text(ui, "Label", &mut edited.label);
        });
    widgets::multiline(ui, "Description", &mut edited.description);
    if edited != *c {
        if let (Some(a), Some(b)) = (from, to)
            && let Some(why) = matrix::refusal(a.kind(), b.kind(), edited.ty())
        {
            actions.error(why);
            return;
        }
        push(
            ui,
            actions,
            c.id.as_str(),
            format!("edit {}", c.id),
            ops::put_connection(edited),
        );
    }
}
