//! Reviews in the editor: saved views, flows (recorded by clicking connections, played with a
//! pulse and a caption) and presentation mode.
//!
//! The model holds the views and flows; everything here is view state: which view is active,
//! which flow is selected, recording or playing, and the presentation's current slide. It
//! lives in [`Review`], apart from the document, so switching a view or playing a flow never
//! dirties the file or the history. The canvas is told what to show only through its marks
//! (layers `"view"`, `"flow"` and `"present"`) and camera moves, so the painter does not know
//! about any of this.
//!
//! Files: `views_panel` and `flows_panel` (the two sections of the review side panel),
//! `playback` (the current step and its marks), `presentation` (slides), `frame` (what the
//! app calls each frame), `widgets`.

mod flows_panel;
mod frame;
mod playback;
mod presentation;
mod views_panel;
mod widgets;

use std::collections::HashSet;

use egui::{Pos2, Rect};

use crate::model::{Architecture, Flow, Id, View};

use super::canvas::Canvas;
use super::canvas::camera::Camera;

pub use playback::{PULSE_SECONDS, Playback};
pub use presentation::{Presentation, Slide, slides};

/// Where the camera should go once the canvas knows its size.
#[derive(Clone, Copy, Debug, PartialEq)]
enum CameraGoal {
    /// A saved viewport: centre (canvas) and zoom.
    Look(Pos2, f32),
    /// Fit this canvas rectangle.
    Fit(Rect),
    /// Fit the whole model.
    FitAll,
}

/// The review state of the editor (never saved, never in the history).
#[derive(Debug, Default)]
pub struct Review {
    /// The review panel (Views and Flows) is shown.
    pub show_panel: bool,
    /// The view the canvas shows (`None`: everything).
    pub active_view: Option<Id>,
    /// The flow open in the Flows panel.
    pub selected_flow: Option<Id>,
    /// Clicking a connection on the canvas appends a step to the selected flow.
    pub recording: bool,
    /// The flow being played.
    pub playback: Option<Playback>,
    /// Presentation mode, when on.
    pub presentation: Option<Presentation>,
    camera_goal: Option<CameraGoal>,
    /// The (generation, view) the `"view"` marks were computed for.
    view_marks_for: Option<(u64, Id)>,
    /// What to go back to when the presentation ends.
    before_presenting: Option<(Option<Id>, Option<Playback>, Camera)>,
}

impl Review {
    /// The active view, if it exists in `arch`.
    pub fn active<'a>(&self, arch: &'a Architecture) -> Option<&'a View> {
        let id = self.active_view.as_ref()?;
        arch.views.iter().find(|v| &v.id == id)
    }

    /// The selected flow, if it exists in `arch`.
    pub fn selected<'a>(&self, arch: &'a Architecture) -> Option<&'a Flow> {
        let id = self.selected_flow.as_ref()?;
        arch.flows.iter().find(|f| &f.id == id)
    }

    /// Whether presentation mode is on.
    pub fn presenting(&self) -> bool {
        self.presentation.is_some()
    }

    /// Shows the view `id` (or everything) and moves the camera to it.
    pub fn switch_view(&mut self, id: Option<Id>, arch: &Architecture, canvas: &Canvas) {
        self.active_view = id;
        self.view_marks_for = None;
        self.camera_goal = match self.active(arch) {
            Some(view) => match view.viewport {
                Some(vp) => Some(CameraGoal::Look(Pos2::new(vp.x, vp.y), vp.zoom)),
                None => shown_bounds(arch, view, canvas).map(CameraGoal::Fit),
            },
            None => Some(CameraGoal::FitAll),
        };
    }
}

/// The components and connections `view` shows: connections only when both ends are shown.
pub fn shown_by(arch: &Architecture, view: &View) -> HashSet<Id> {
    let mut shown: HashSet<Id> = arch
        .components
        .iter()
        .filter(|c| view.shows(arch, c))
        .map(|c| c.id.clone())
        .collect();
    let edges: Vec<Id> = arch
        .connections
        .iter()
        .filter(|c| shown.contains(&c.from) && shown.contains(&c.to))
        .map(|c| c.id.clone())
        .collect();
    shown.extend(edges);
    shown
}

fn shown_bounds(arch: &Architecture, view: &View, canvas: &Canvas) -> Option<Rect> {
    let scene = canvas.scene();
    let rect = arch
        .components
        .iter()
        .filter(|c| view.shows(arch, c))
        .filter_map(|c| scene.node(c.id.as_str()).map(|n| n.rect))
        .fold(Rect::NOTHING, |a, b| a.union(b));
    rect.is_positive().then_some(rect)
}
