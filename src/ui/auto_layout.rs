//! Arrange → Auto layout, and the layout of files opened without positions.
//!
//! Both go through the layout engine ([`crate::layout`]). Up to
//! [`ENGINE_LIMIT`] components it runs within the frame; above, on a worker thread
//! ([`LayoutJob`]) with a progress window and a Cancel button. Auto layout then glides the
//! boxes to their new places ([`LayoutAnimation`]) and lands as one undoable move edit. A
//! file opened without positions is laid out before it is shown and is not marked as changed:
//! the positions are what the file implies, not an edit by the user (they are written by the
//! next save).

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::Context;

use crate::edit::place::ENGINE_LIMIT;
use crate::layout::{self, Direction, Options};
use crate::model::{Architecture, Id};

use super::actions::Level;
use super::app::App;
use super::document::Document;
use super::layout_animation::LayoutAnimation;
use super::layout_job::LayoutJob;

/// What a running layout is for.
#[derive(Debug)]
enum Purpose {
    /// Arrange → Auto layout of the document at this generation.
    Arrange { generation: u64, label: String },
    /// A file being opened; shown once laid out.
    Open {
        arch: Box<Architecture>,
        path: PathBuf,
    },
}

/// The automatic layout's state in the editor: a worker running, boxes gliding, or nothing.
#[derive(Debug, Default)]
pub struct AutoLayout {
    job: Option<(LayoutJob, Purpose)>,
    animation: Option<LayoutAnimation>,
    /// The animation's edit was queued; drop the animation next frame.
    landed: bool,
}

impl AutoLayout {
    /// The document the canvas should draw while boxes glide.
    pub fn preview(&self) -> Option<&Document> {
        self.animation.as_ref().map(LayoutAnimation::preview)
    }
}

/// The options for laying out the components of `arch` that have no position.
fn missing_options(arch: &Architecture) -> (Options, usize) {
    let missing: BTreeSet<Id> = arch
        .components
        .ids()
        .filter(|id| !arch.layout.contains_key(*id))
        .cloned()
        .collect();
    let count = missing.len();
    let all = count == arch.components.len();
    let options = Options {
        direction: if all {
            Direction::default()
        } else {
            layout::infer_direction(arch, &arch.layout)
        },
        only: (!all).then_some(missing),
        ..Options::default()
    };
    (options, count)
}

impl App {
    /// Lays out the selection (or everything when nothing is selected) in `direction`.
    pub fn start_auto_layout(&mut self, ctx: &Context, direction: Direction) {
        if self.auto_layout.job.is_some() {
            self.toasts
                .push(ctx, Level::Error, "a layout is already running".into());
            return;
        }
        self.auto_layout.animation = None;
        let arch = &self.doc.arch;
        let selected: BTreeSet<Id> = self
            .selection
            .components
            .iter()
            .filter(|id| arch.components.contains(id.as_str()))
            .cloned()
            .collect();
        let count = if selected.is_empty() {
            arch.components.len()
        } else {
            selected.len()
        };
        if count == 0 {
            self.toasts
                .push(ctx, Level::Error, "there is nothing to lay out".into());
            return;
        }
        let label = if selected.is_empty() {
            format!("auto layout {count} components")
        } else {
            format!("auto layout {count} selected components")
        };
        let options = Options {
            direction,
            only: (!selected.is_empty()).then_some(selected),
            ..Options::default()
        };
        if count <= ENGINE_LIMIT {
            match layout::auto(arch, &options) {
                Ok(target) => self.animate_to(ctx, &target, label),
                Err(e) => self.toasts.push(ctx, Level::Error, e.to_string()),
            }
            return;
        }
        let purpose = Purpose::Arrange {
            generation: self.doc.generation,
            label,
        };
        self.start_layout_job(ctx, arch.clone(), options, count, purpose);
    }

    fn start_layout_job(
        &mut self,
        ctx: &Context,
        arch: Architecture,
        options: Options,
        count: usize,
        purpose: Purpose,
    ) {
        match LayoutJob::start(arch, options, count, Some(ctx.clone())) {
            Ok(job) => self.auto_layout.job = Some((job, purpose)),
            Err(e) => self.toasts.push(
                ctx,
                Level::Error,
                format!("could not start the layout: {e}"),
            ),
        }
    }

    fn animate_to(&mut self, ctx: &Context, target: &crate::model::Layout, label: String) {
        match LayoutAnimation::new(&self.doc, target, label) {
            Some(animation) => {
                self.auto_layout.animation = Some(animation);
                self.auto_layout.landed = false;
                ctx.request_repaint();
            }
            None => self.toasts.last = Some((Level::Info, "The layout is already tidy".into())),
        }
    }

    /// Lays out a freshly loaded model whose components lack positions. Returns the model to
    /// show now, or `None` when it is being laid out on a worker (it opens when done).
    pub(super) fn layout_on_open(
        &mut self,
        mut arch: Architecture,
        path: &std::path::Path,
    ) -> Option<Architecture> {
        let (options, missing) = missing_options(&arch);
        if missing == 0 {
            return Some(arch);
        }
        if missing <= ENGINE_LIMIT {
            arch.layout = layout::complete(&arch);
            return Some(arch);
        }
        let Some(ctx) = self.ctx.clone() else {
            // No window yet (start-up before the first frame): lay out here.
            arch.layout = layout::auto(&arch, &options).unwrap_or_else(|_| arch.layout.clone());
            return Some(arch);
        };
        if let Some((job, _)) = self.auto_layout.job.take() {
            job.cancel();
        }
        self.auto_layout.animation = None;
        let purpose = Purpose::Open {
            arch: Box::new(arch.clone()),
            path: path.to_owned(),
        };
        self.start_layout_job(&ctx, arch, options, missing, purpose);
        None
    }

    /// Results of a running layout, and the next frame of an animation. Runs before the
    /// panels draw.
    pub(super) fn poll_auto_layout(&mut self, ctx: &Context) {
        if let Some(result) = self
            .auto_layout
            .job
            .as_ref()
            .and_then(|(job, _)| job.poll())
            && let Some((_, purpose)) = self.auto_layout.job.take()
        {
            match (purpose, result) {
                (Purpose::Arrange { generation, label }, Ok(target)) => {
                    if generation == self.doc.generation {
                        self.animate_to(ctx, &target, label);
                    } else {
                        self.toasts.push(
                            ctx,
                            Level::Error,
                            "the model changed while it was laid out; run Auto layout again".into(),
                        );
                    }
                }
                (Purpose::Arrange { .. }, Err(_)) => {
                    self.toasts.last = Some((Level::Info, "Auto layout cancelled".into()));
                }
                (Purpose::Open { mut arch, path }, result) => {
                    let laid_out = result.is_ok();
                    if let Ok(layout) = result {
                        arch.layout = layout;
                    }
                    self.show_opened(*arch, path);
                    if !laid_out {
                        self.toasts.push(
                            ctx,
                            Level::Info,
                            "Layout cancelled: unplaced components are shown on a grid \
                             (Arrange > Auto layout lays them out)"
                                .into(),
                        );
                    }
                }
            }
        }
        let Some(animation) = self.auto_layout.animation.as_mut() else {
            return;
        };
        if self.auto_layout.landed || animation.generation != self.doc.generation {
            // Landed last frame (the edit changed the generation), or the user changed the
            // model meanwhile: the computed positions no longer apply.
            let interrupted = !self.auto_layout.landed;
            self.auto_layout.animation = None;
            self.auto_layout.landed = false;
            if interrupted {
                self.toasts.push(
                    ctx,
                    Level::Error,
                    "auto layout stopped: the model changed while the boxes moved".into(),
                );
            }
            return;
        }
        let now = ctx.input(|i| i.time);
        if animation.step(now) {
            let edit = animation.edit(&self.doc);
            let label = animation.label.clone();
            self.actions.edit(label, edit);
            self.auto_layout.landed = true;
        }
        ctx.request_repaint();
    }

    /// The progress window of a layout on a worker thread.
    pub(super) fn auto_layout_ui(&mut self, ctx: &Context) {
        let Some((job, purpose)) = &self.auto_layout.job else {
            return;
        };
        let what = match purpose {
            Purpose::Arrange { .. } => format!("Laying out {} components…", job.count),
            Purpose::Open { path, .. } => format!(
                "Opening {}: laying out {} components…",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into()
                ),
                job.count
            ),
        };
        let mut cancel = false;
        egui::Window::new("Auto layout")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(what);
                ui.add(
                    egui::ProgressBar::new(job.progress())
                        .show_percentage()
                        .desired_width(280.0),
                );
                ui.add_enabled_ui(!job.is_cancelling(), |ui| {
                    cancel = ui.button("Cancel").clicked();
                });
            });
        if cancel {
            job.cancel();
        }
    }
}
