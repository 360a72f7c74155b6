//! The Flows section of the review panel: list and create flows, record steps by clicking
//! connections, write each step's narration, mark steps parallel, replies or branches,
//! reorder and delete them, and play the flow.
//!
//! Every change to a flow is one undoable [`Edit::PutFlow`](crate::edit::Edit::PutFlow);
//! typing in a field merges into one undo step per field. Recording and playing are view
//! state held in [`Review`].

use egui::{RichText, Role, Ui, WidgetInfo};

use crate::edit::flows;
use crate::model::{Architecture, Flow, FlowStep, Id};
use crate::ui::actions::Actions;

use super::Review;
use super::playback::Playback;
use super::widgets::{icon_button, text_field};

pub(super) fn ui(ui: &mut Ui, review: &mut Review, arch: &Architecture, actions: &mut Actions) {
    let now = ui.input(|i| i.time);
    ui.horizontal(|ui| {
        ui.heading("Flows");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("New flow").clicked() {
                let name = format!("Flow {}", arch.flows.len() + 1);
                let (edit, id) = flows::add_flow(arch, &name);
                actions.edit(format!("add flow {id}"), edit);
                review.selected_flow = Some(id);
                review.recording = true;
            }
        });
    });
    let selected = review.selected(arch).map(|f| f.id.clone());
    let last = arch.flows.len().saturating_sub(1);
    for (i, flow) in arch.flows.iter().enumerate() {
        ui.horizontal(|ui| {
            let id = flow.id.as_str();
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if icon_button(ui, "×", &format!("delete flow {id}"), true).clicked()
                    && let Some(edit) = flows::delete_flow(arch, &flow.id)
                {
                    actions.edit(format!("delete flow {id}"), edit);
                }
                if icon_button(ui, "down", &format!("move flow {id} down"), i < last).clicked()
                    && let Some(edit) = flows::move_flow(arch, &flow.id, 1)
                {
                    actions.edit(format!("move flow {id}"), edit);
                }
                if icon_button(ui, "up", &format!("move flow {id} up"), i > 0).clicked()
                    && let Some(edit) = flows::move_flow(arch, &flow.id, -1)
                {
                    actions.edit(format!("move flow {id}"), edit);
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    let on = selected.as_ref() == Some(&flow.id);
                    let text = format!("{} ({})", flow.name, flow.steps.len());
                    let resp = ui.selectable_label(on, text);
                    let label = flow.name.clone();
                    resp.widget_info(|| WidgetInfo::selected(Role::Button, true, on, &label));
                    if resp.clicked() && !on {
                        review.selected_flow = Some(flow.id.clone());
                        review.recording = false;
                    }
                });
            });
        });
    }
    let Some(flow) = review.selected(arch).cloned() else {
        if arch.flows.is_empty() {
            ui.label(
                RichText::new("No flows yet. Press New flow, then click connections in order.")
                    .weak()
                    .small(),
            );
        }
        return;
    };
    ui.add_space(4.0);
    ui.label(RichText::new("Name").weak());
    if let Some(name) = text_field(ui, &flow.name, "flow name", "A name for the flow")
        && let Some(edit) = flows::rename_flow(arch, &flow.id, &name)
    {
        actions.edit_merged(
            format!("rename flow {}", flow.id),
            edit,
            format!("rename-flow-{}", flow.id),
        );
    }
    ui.horizontal(|ui| {
        let playing = review.playback.as_ref().is_some_and(|p| p.flow == flow.id);
        if playing {
            if ui.button("Stop").clicked() {
                review.playback = None;
            }
        } else if ui
            .add_enabled(!flow.steps.is_empty(), egui::Button::new("Play"))
            .clicked()
        {
            review.recording = false;
            review.playback = Some(Playback::new(flow.id.clone(), now));
        }
        let recording = review.recording;
        let text = if recording {
            "Stop recording"
        } else {
            "Record"
        };
        if ui
            .selectable_label(recording, text)
            .on_hover_text("Click connections on the canvas, in order, to add steps")
            .clicked()
        {
            review.recording = !recording;
            if review.recording {
                review.playback = None;
            }
        }
    });
    if review.recording {
        ui.label(
            RichText::new("Recording: click connections on the canvas in order.")
                .color(ui.visuals().warn_fg_color)
                .small(),
        );
    }
    steps_ui(ui, review, arch, &flow, actions, now);
}

fn steps_ui(
    ui: &mut Ui,
    review: &mut Review,
    arch: &Architecture,
    flow: &Flow,
    actions: &mut Actions,
    now: f64,
) {
    let playing_step = review
        .playback
        .as_ref()
        .filter(|p| p.flow == flow.id)
        .map(|p| p.step);
    let last = flow.steps.len().saturating_sub(1);
    for (i, step) in flow.steps.iter().enumerate() {
        let n = i + 1;
        let frame = egui::Frame::group(ui.style()).inner_margin(4.0);
        let frame = if playing_step == Some(i) {
            frame.stroke(egui::Stroke::new(1.5, ui.visuals().selection.stroke.color))
        } else {
            frame
        };
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{n}.")).strong());
                ui.add(egui::Label::new(describe_connection(arch, &step.connection)).truncate())
                    .on_hover_text(step.connection.as_str());
            });
            ui.horizontal(|ui| {
                if icon_button(ui, "play", &format!("play from step {n}"), true).clicked() {
                    review.recording = false;
                    review.playback = Some(Playback::at(flow.id.clone(), i, now));
                }
                if icon_button(ui, "up", &format!("move step {n} up"), i > 0).clicked()
                    && let Some(edit) = flows::move_step(arch, &flow.id, i, -1)
                {
                    actions.edit(format!("move step {n} of {}", flow.id), edit);
                }
                if icon_button(ui, "down", &format!("move step {n} down"), i < last).clicked()
                    && let Some(edit) = flows::move_step(arch, &flow.id, i, 1)
                {
                    actions.edit(format!("move step {n} of {}", flow.id), edit);
                }
                if icon_button(ui, "×", &format!("delete step {n}"), true).clicked()
                    && let Some(edit) = flows::delete_step(arch, &flow.id, i)
                {
                    actions.edit(format!("delete step {n} of {}", flow.id), edit);
                }
            });
            let label = format!("narration of step {n}");
            if let Some(text) = text_field(ui, &step.narration, &label, "What happens here") {
                let mut changed = step.clone();
                changed.narration = text;
                push_step(
                    actions,
                    arch,
                    flow,
                    i,
                    changed,
                    Some(format!("narrate-{}-{i}", flow.id)),
                );
            }
            ui.horizontal(|ui| {
                let mut parallel = step.parallel;
                let resp = ui
                    .checkbox(&mut parallel, "parallel")
                    .on_hover_text("Happens at the same time as the step before");
                let name = format!("step {n} parallel");
                resp.widget_info(|| WidgetInfo::selected(Role::CheckBox, true, parallel, &name));
                if resp.changed() {
                    let mut changed = step.clone();
                    changed.parallel = parallel;
                    push_step(actions, arch, flow, i, changed, None);
                }
                let mut reply = step.reply;
                let resp = ui
                    .checkbox(&mut reply, "reply")
                    .on_hover_text("The message goes back against the arrow");
                let name = format!("step {n} reply");
                resp.widget_info(|| WidgetInfo::selected(Role::CheckBox, true, reply, &name));
                if resp.changed() {
                    let mut changed = step.clone();
                    changed.reply = reply;
                    push_step(actions, arch, flow, i, changed, None);
                }
            });
            ui.horizontal(|ui| {
                ui.label(RichText::new("branch").weak()).on_hover_text(
                    "Steps with different branches are alternatives (\"card declined\")",
                );
                let current = step.branch.clone().unwrap_or_default();
                let label = format!("branch of step {n}");
                if let Some(text) = text_field(ui, &current, &label, "none") {
                    let mut changed = step.clone();
                    changed.branch = (!text.trim().is_empty()).then_some(text);
                    push_step(
                        actions,
                        arch,
                        flow,
                        i,
                        changed,
                        Some(format!("branch-{}-{i}", flow.id)),
                    );
                }
            });
        });
    }
}

fn push_step(
    actions: &mut Actions,
    arch: &Architecture,
    flow: &Flow,
    index: usize,
    step: FlowStep,
    merge_key: Option<String>,
) {
    let Some(edit) = flows::set_step(arch, &flow.id, index, step) else {
        return;
    };
    let label = format!("change step {} of {}", index + 1, flow.id);
    match merge_key {
        Some(key) => actions.edit_merged(label, edit, key),
        None => actions.edit(label, edit),
    }
}

/// "orders -> orders-db", or the id and "(missing)" when the connection is gone.
pub(super) fn describe_connection(arch: &Architecture, id: &Id) -> String {
    match arch.connections.get(id.as_str()) {
        Some(c) => format!("{} -> {}", c.from, c.to),
        None => format!("{id} (missing)"),
    }
}
