//! The Views section of the review panel: list, switch, create, rename, reorder, delete.
//!
//! Switching is view state (the canvas dims what the view does not show and moves to its
//! viewport); everything else is an undoable [`Edit::PutView`](crate::edit::Edit::PutView)
//! pushed to the action queue.

use egui::{RichText, Ui};

use crate::edit::views;
use crate::model::{Architecture, Id, ViewFilter, Viewport};
use crate::ui::actions::Actions;
use crate::ui::canvas::Canvas;
use crate::ui::selection::Selection;

use super::Review;
use super::widgets::{icon_button, text_field};

/// What the Views section needs for one frame.
pub(super) struct ViewsInput<'a> {
    pub arch: &'a Architecture,
    pub selection: &'a Selection,
    pub canvas: &'a Canvas,
    pub actions: &'a mut Actions,
}

/// The filter a new view starts with: the selection as an explicit set (with its groups),
/// else the active view's filter, else everything.
fn filter_for_new_view(review: &Review, input: &ViewsInput<'_>) -> ViewFilter {
    let sel = input.selection;
    if !sel.components.is_empty() || !sel.groups.is_empty() {
        return ViewFilter {
            groups: sel.groups.clone(),
            include: sel.components.clone(),
            ..ViewFilter::default()
        };
    }
    review
        .active(input.arch)
        .map(|v| v.filter.clone())
        .unwrap_or_default()
}

fn current_viewport(canvas: &Canvas) -> Viewport {
    let c = canvas.view_centre();
    Viewport {
        x: c.x,
        y: c.y,
        zoom: canvas.camera.zoom,
    }
}

pub(super) fn ui(ui: &mut Ui, review: &mut Review, input: ViewsInput<'_>) {
    let arch = input.arch;
    let new_filter = filter_for_new_view(review, &input);
    ui.horizontal(|ui| {
        ui.heading("Views");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("New view")
                .on_hover_text("A view of the selection (or of the current view) and this viewport")
                .clicked()
            {
                let name = format!("View {}", arch.views.len() + 1);
                let (edit, id) = views::add_view(
                    arch,
                    &name,
                    new_filter,
                    Some(current_viewport(input.canvas)),
                );
                input.actions.edit(format!("add view {id}"), edit);
                review.active_view = Some(id);
            }
        });
    });
    let active = review.active(arch).map(|v| v.id.clone());
    if ui
        .selectable_label(active.is_none(), "All components")
        .clicked()
    {
        review.switch_view(None, arch, input.canvas);
    }
    let last = arch.views.len().saturating_sub(1);
    let mut switch: Option<Id> = None;
    for (i, view) in arch.views.iter().enumerate() {
        ui.horizontal(|ui| {
            let id = view.id.as_str();
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if icon_button(ui, "×", &format!("delete view {id}"), true).clicked()
                    && let Some(edit) = views::delete_view(arch, &view.id)
                {
                    input.actions.edit(format!("delete view {id}"), edit);
                }
                if icon_button(ui, "down", &format!("move view {id} down"), i < last).clicked()
                    && let Some(edit) = views::move_view(arch, &view.id, 1)
                {
                    input.actions.edit(format!("move view {id}"), edit);
                }
                if icon_button(ui, "up", &format!("move view {id} up"), i > 0).clicked()
                    && let Some(edit) = views::move_view(arch, &view.id, -1)
                {
                    input.actions.edit(format!("move view {id}"), edit);
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    let on = active.as_ref() == Some(&view.id);
                    let resp = ui.selectable_label(on, &view.name);
                    let resp = if view.description.is_empty() {
                        resp
                    } else {
                        resp.on_hover_text(&view.description)
                    };
                    if resp.clicked() {
                        switch = Some(view.id.clone());
                    }
                });
            });
        });
    }
    if let Some(id) = switch {
        review.switch_view(Some(id), arch, input.canvas);
    }
    if let Some(view) = review.active(arch) {
        ui.add_space(4.0);
        ui.label(RichText::new("Name").weak());
        if let Some(name) = text_field(ui, &view.name, "view name", "A name for the view")
            && let Some(edit) = views::rename_view(arch, &view.id, &name)
        {
            input.actions.edit_merged(
                format!("rename view {}", view.id),
                edit,
                format!("rename-view-{}", view.id),
            );
        }
        if ui
            .button("Save viewport")
            .on_hover_text("The view opens where the canvas looks now")
            .clicked()
        {
            let mut changed = view.clone();
            changed.viewport = Some(current_viewport(input.canvas));
            if let Some(edit) = views::update_view(arch, changed) {
                input
                    .actions
                    .edit(format!("save the viewport of view {}", view.id), edit);
            }
        }
    } else if arch.views.is_empty() {
        ui.label(
            RichText::new("No views yet. Select components and press New view.")
                .weak()
                .small(),
        );
    }
}
