//! What the app calls each frame: the review side panel, the work after the canvas is drawn
//! (recording clicks, marks, camera moves, the playback caption), the presentation frame, and
//! the review commands.

use egui::{
    Align2, Area, Context, Frame, Key, LayerId, Modifiers, Order, Pos2, Rect, RichText, Ui,
};

use crate::edit::flows;
use crate::model::{Architecture, FlowStep};
use crate::ui::actions::Actions;
use crate::ui::app::App;
use crate::ui::canvas::Canvas;
use crate::ui::canvas::hit::{Hit, hit_test};
use crate::ui::selection::Selection;
use crate::ui::style::{color, palette_of};

use super::playback::Playback;
use super::presentation::{Presentation, Slide};
use super::{CameraGoal, Review, flows_panel, shown_by, views_panel};

/// Layer names in the canvas marks.
const VIEW_LAYER: &str = "view";
const FLOW_LAYER: &str = "flow";
const PRESENT_LAYER: &str = "present";

impl App {
    /// The review side panel: Views above, Flows below.
    pub(in crate::ui) fn review_panel_ui(&mut self, ui: &mut Ui) {
        if !self.review.show_panel {
            return;
        }
        egui::Panel::left("archcanvas-review")
            .resizable(true)
            .default_size(270.0)
            .min_size(200.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    views_panel::ui(
                        ui,
                        &mut self.review,
                        views_panel::ViewsInput {
                            arch: &self.doc.arch,
                            selection: &self.selection,
                            canvas: &self.canvas,
                            actions: &mut self.actions,
                        },
                    );
                    ui.separator();
                    flows_panel::ui(ui, &mut self.review, &self.doc.arch, &mut self.actions);
                });
            });
    }

    /// After the canvas is drawn: a click on a connection while recording, the marks of the
    /// active view and of the playing flow, a pending camera move, and the caption.
    pub(in crate::ui) fn review_after_canvas(&mut self, ui: &Ui, canvas_rect: Rect) {
        let ctx = ui.ctx().clone();
        if self.review.recording {
            self.record_click(&ctx, canvas_rect, ui.layer_id());
        }
        update_marks(
            &mut self.review,
            &mut self.canvas,
            &self.doc.arch,
            self.doc.generation,
            &ctx,
        );
        apply_camera_goal(&mut self.review, &mut self.canvas);
        if let Some(p) = self.review.playback.clone() {
            let now = ctx.input(|i| i.time);
            match caption_ui(&ctx, canvas_rect, &self.doc.arch, &p) {
                Some(0) => self.stop_playback(),
                Some(delta) => self.step_flow_by(delta, now),
                None => {}
            }
        }
    }

    fn record_click(&mut self, ctx: &Context, canvas_rect: Rect, canvas_layer: LayerId) {
        let Some(flow) = self.review.selected(&self.doc.arch).map(|f| f.id.clone()) else {
            return;
        };
        let Some(pos) = ctx.input(|i| {
            i.pointer
                .primary_clicked()
                .then(|| i.pointer.interact_pos())
                .flatten()
        }) else {
            return;
        };
        // Only clicks on the canvas itself, not on a popup or window over it.
        let on_canvas_layer = ctx.layer_id_at(pos).is_none_or(|l| l == canvas_layer);
        if !canvas_rect.contains(pos) || !on_canvas_layer {
            return;
        }
        let pos_in_canvas = self.canvas.camera.canvas_from_screen(canvas_rect, pos);
        let scene = self.canvas.scene();
        let Some(Hit::Edge(e)) = hit_test(scene, pos_in_canvas, self.canvas.camera.zoom, None)
        else {
            return;
        };
        let Some(edge) = scene.edges.get(e as usize) else {
            return;
        };
        let id = edge.id.clone();
        if let Some(edit) = flows::append_step(&self.doc.arch, &flow, FlowStep::new(id.clone(), ""))
        {
            self.actions.edit(format!("add step {id} to {flow}"), edit);
        }
    }

    /// Moves the playing flow `delta` steps.
    pub(in crate::ui) fn step_flow_by(&mut self, delta: isize, now: f64) {
        if let Some(p) = &mut self.review.playback {
            p.advance(&self.doc.arch, delta, now);
        }
    }

    /// Stops playback (the caption's Stop button).
    fn stop_playback(&mut self) {
        self.review.playback = None;
    }

    /// F5: full screen, panels hidden, slides.
    pub(in crate::ui) fn start_presenting(&mut self, ctx: &Context) {
        if self.review.presenting() {
            return;
        }
        self.review.before_presenting = Some((
            self.review.active_view.clone(),
            self.review.playback.clone(),
            self.canvas.camera,
        ));
        self.review.recording = false;
        self.review.active_view = None;
        self.review.playback = None;
        self.review.camera_goal = Some(CameraGoal::FitAll);
        self.review.presentation = Some(Presentation::default());
        self.canvas.close_popups();
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    /// Esc: back to editing as it was.
    pub(in crate::ui) fn stop_presenting(&mut self, ctx: &Context) {
        self.review.presentation = None;
        if let Some((view, playback, camera)) = self.review.before_presenting.take() {
            self.review.active_view = view;
            self.review.playback = playback;
            self.canvas.camera = camera;
        }
        self.review.view_marks_for = None;
        self.review.camera_goal = None;
        self.canvas.marks.clear(PRESENT_LAYER);
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
    }

    /// One frame of presentation mode: only the canvas and a caption; arrows, Space and Page
    /// keys step through the slides, Esc (or F5) leaves.
    pub(in crate::ui) fn presentation_frame(&mut self, ui: &mut Ui, ctx: &Context) {
        let (next, previous, leave) = ctx.input_mut(|i| {
            let mut key = |k| i.consume_key(Modifiers::NONE, k);
            let next =
                key(Key::ArrowRight) | key(Key::ArrowDown) | key(Key::Space) | key(Key::PageDown);
            let previous =
                key(Key::ArrowLeft) | key(Key::ArrowUp) | key(Key::PageUp) | key(Key::Backspace);
            let leave = key(Key::Escape) | key(Key::F5);
            (next, previous, leave)
        });
        if leave {
            self.stop_presenting(ctx);
            ctx.request_repaint();
            return;
        }
        let arch = &self.doc.arch;
        if let Some(p) = &mut self.review.presentation {
            if next {
                p.advance(arch, 1);
            }
            if previous {
                p.advance(arch, -1);
            }
        }
        self.show_slide(ctx);

        let mut canvas_rect = Rect::NOTHING;
        // The presented model is read-only: gestures may pan and zoom, edits are dropped.
        let mut dropped = Actions::default();
        egui::CentralPanel::default()
            .frame(Frame::NONE)
            .show(ui, |ui| {
                canvas_rect = ui.max_rect();
                self.canvas
                    .ui(ui, &self.doc, &Selection::default(), &mut dropped);
            });
        self.canvas.close_popups();
        hover_marks(&mut self.canvas, canvas_rect, ctx);
        update_marks(
            &mut self.review,
            &mut self.canvas,
            &self.doc.arch,
            self.doc.generation,
            ctx,
        );
        apply_camera_goal(&mut self.review, &mut self.canvas);
        present_caption_ui(ctx, canvas_rect, &self.doc.arch, &self.review);
    }

    /// Sets the view or the playing step of the current slide, moving the camera when the
    /// slide changed.
    fn show_slide(&mut self, ctx: &Context) {
        let arch = &self.doc.arch;
        let Some(p) = &mut self.review.presentation else {
            return;
        };
        let slide = p.slide(arch);
        if slide == p.shown {
            return;
        }
        let before = std::mem::replace(&mut p.shown, slide);
        let now = ctx.input(|i| i.time);
        match slide {
            Some(Slide::View(i)) => {
                let id = arch.views.get(i).map(|v| v.id.clone());
                self.review.playback = None;
                self.review.switch_view(id, arch, &self.canvas);
            }
            Some(Slide::Step { flow, step }) => {
                let Some(f) = arch.flows.get(flow) else {
                    return;
                };
                self.review.active_view = None;
                self.review.playback = Some(Playback::at(f.id.clone(), step, now));
                let same_flow = matches!(before, Some(Slide::Step { flow: g, .. }) if g == flow);
                if !same_flow {
                    self.review.camera_goal = Some(CameraGoal::FitAll);
                }
            }
            None => {
                self.review.active_view = None;
                self.review.playback = None;
                self.review.camera_goal = Some(CameraGoal::FitAll);
            }
        }
    }

    /// The review commands (F5, next and previous step).
    pub(in crate::ui) fn review_command(&mut self, ctx: &Context, delta: Option<isize>) {
        match delta {
            None => self.start_presenting(ctx),
            Some(d) => {
                let now = ctx.input(|i| i.time);
                self.step_flow_by(d, now);
            }
        }
    }
}

/// Rewrites the `"view"` layer when the view or the model changed, and the `"flow"` layer
/// every frame while a flow plays (asking for the next frame, for the pulse).
fn update_marks(
    review: &mut Review,
    canvas: &mut Canvas,
    arch: &Architecture,
    generation: u64,
    ctx: &Context,
) {
    match review.active(arch) {
        Some(view) => {
            let key = (generation, view.id.clone());
            if review.view_marks_for.as_ref() != Some(&key) {
                canvas.marks.layer(VIEW_LAYER).focus = Some(shown_by(arch, view));
                review.view_marks_for = Some(key);
            }
        }
        None => {
            canvas.marks.clear(VIEW_LAYER);
            review.view_marks_for = None;
        }
    }
    match &review.playback {
        Some(p) if p.current(arch).is_some() => {
            let now = ctx.input(|i| i.time);
            p.mark(arch, now, canvas.marks.layer(FLOW_LAYER));
            ctx.request_repaint();
        }
        Some(_) => {
            // The flow or the step is gone (deleted, undone): stop.
            review.playback = None;
            canvas.marks.clear(FLOW_LAYER);
        }
        None => canvas.marks.clear(FLOW_LAYER),
    }
}

fn apply_camera_goal(review: &mut Review, canvas: &mut Canvas) {
    if !canvas.screen_rect().is_positive() {
        return;
    }
    match review.camera_goal.take() {
        Some(CameraGoal::Look(centre, zoom)) => canvas.look_at(centre, zoom),
        Some(CameraGoal::Fit(bounds)) => canvas.fit_to(bounds),
        Some(CameraGoal::FitAll) => canvas.fit(),
        None => {}
    }
}

/// In presentation, the component under the pointer is outlined (with its connections).
fn hover_marks(canvas: &mut Canvas, canvas_rect: Rect, ctx: &Context) {
    let pointer = ctx.input(|i| i.pointer.latest_pos());
    let hovered = pointer.filter(|p| canvas_rect.contains(*p)).and_then(|p| {
        let pc = canvas.camera.canvas_from_screen(canvas_rect, p);
        match hit_test(canvas.scene(), pc, canvas.camera.zoom, None) {
            Some(Hit::Node(n) | Hit::Handle(n)) => {
                canvas.scene().nodes.get(n as usize).map(|n| n.id.clone())
            }
            _ => None,
        }
    });
    let tint = color(palette_of(ctx).selection);
    let layer = canvas.marks.layer(PRESENT_LAYER);
    layer.tints.clear();
    if let Some(id) = hovered {
        layer.tints.insert(id, tint);
    }
}

/// The playback caption at the bottom of the canvas; returns a step asked for by its buttons
/// (or `0` for Stop).
fn caption_ui(
    ctx: &Context,
    canvas_rect: Rect,
    arch: &Architecture,
    playback: &Playback,
) -> Option<isize> {
    let (flow, step) = playback.current(arch)?;
    let mut asked = None;
    Area::new(egui::Id::unique("archcanvas-flow-caption"))
        .order(Order::Foreground)
        .pivot(Align2::CENTER_BOTTOM)
        .fixed_pos(Pos2::new(
            canvas_rect.center().x,
            canvas_rect.bottom() - 16.0,
        ))
        .show(ctx, |ui| {
            Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width((canvas_rect.width() * 0.7).max(200.0));
                ui.label(
                    RichText::new(format!(
                        "{} · step {} of {}",
                        flow.name,
                        playback.step + 1,
                        flow.steps.len()
                    ))
                    .weak(),
                );
                let narration = if step.narration.is_empty() {
                    flows_panel::describe_connection(arch, &step.connection)
                } else {
                    step.narration.clone()
                };
                ui.label(RichText::new(narration).size(18.0));
                let together = playback.together(arch);
                if together.len() > 1 {
                    ui.label(
                        RichText::new(format!(
                            "Steps {}–{} happen at the same time.",
                            together.start + 1,
                            together.end
                        ))
                        .weak(),
                    );
                }
                {
                    ui.horizontal(|ui| {
                        let first = playback.step == 0;
                        let last = playback.step + 1 >= flow.steps.len();
                        if ui
                            .add_enabled(!first, egui::Button::new("« Previous step"))
                            .clicked()
                        {
                            asked = Some(-1);
                        }
                        if ui
                            .add_enabled(!last, egui::Button::new("Next step »"))
                            .clicked()
                        {
                            asked = Some(1);
                        }
                        if ui.button("Stop playback").clicked() {
                            asked = Some(0);
                        }
                    });
                }
            });
        });
    asked
}

/// The presentation caption: what the slide is and its narration, with the slide counter.
fn present_caption_ui(ctx: &Context, canvas_rect: Rect, arch: &Architecture, review: &Review) {
    let Some(p) = &review.presentation else {
        return;
    };
    let total = super::slides(arch).len();
    let (title, text) = match p.slide(arch) {
        Some(Slide::View(i)) => match arch.views.get(i) {
            Some(v) => (v.name.clone(), v.description.clone()),
            None => return,
        },
        Some(Slide::Step { flow, step }) => {
            let Some(f) = arch.flows.get(flow) else {
                return;
            };
            let Some(s) = f.steps.get(step) else { return };
            let narration = if s.narration.is_empty() {
                flows_panel::describe_connection(arch, &s.connection)
            } else {
                s.narration.clone()
            };
            (
                format!("{} · step {} of {}", f.name, step + 1, f.steps.len()),
                narration,
            )
        }
        None => (
            arch.name.clone(),
            "Nothing to present: add views or flows.".to_owned(),
        ),
    };
    Area::new(egui::Id::unique("archcanvas-present-caption"))
        .order(Order::Foreground)
        .pivot(Align2::CENTER_BOTTOM)
        .fixed_pos(Pos2::new(
            canvas_rect.center().x,
            canvas_rect.bottom() - 24.0,
        ))
        .show(ctx, |ui| {
            Frame::popup(ui.style()).inner_margin(12.0).show(ui, |ui| {
                ui.set_max_width((canvas_rect.width() * 0.7).max(240.0));
                ui.label(RichText::new(title).strong().size(16.0));
                if !text.is_empty() {
                    ui.label(RichText::new(text).size(22.0));
                }
                ui.label(
                    RichText::new(format!(
                        "{} / {total} · arrow keys or Space to step · Esc to leave",
                        (p.index + 1).min(total.max(1))
                    ))
                    .weak()
                    .small(),
                );
            });
        });
}
