//! Live checks in the editor: the findings of `crate::check` as a Problems panel, badges on
//! the canvas, a count in the status bar, and F8 to walk through them.
//!
//! The app owns one [`Checks`] (so badges and counts stay current whichever dock tab is
//! open) and hands it to every dock panel through `PanelContext`; the panel itself only
//! draws and queues a selection plus [`Command::ShowSelection`].

mod checks;
mod panel;
mod text;

pub use checks::{Checks, INLINE_LIMIT, LAYER, contrast_text, severity_color, severity_icon_ui};
pub use panel::{ProblemsPanel, TITLE, counts_text, selection_of};
pub use text::drawable;

use egui::{Context, Rect, Ui};

use crate::model::Severity;

use super::app::App;
use super::commands::Command;

impl App {
    /// Re-checks the model if it changed, and redraws the badges when the report (or the
    /// theme) changed.
    pub(super) fn update_checks(&mut self, ctx: &Context) {
        let changed = self.checks.update(ctx, &self.doc.arch, self.doc.generation);
        let dark = ctx.global_style().visuals.dark_mode;
        if changed || self.checks_layer_dark != Some(dark) {
            let visuals = ctx.global_style().visuals.clone();
            let layer = self.canvas.marks.layer(LAYER);
            self.checks.fill_layer(&self.doc.arch, &visuals, layer);
            self.checks_layer_dark = Some(dark);
        }
    }

    /// Makes the dock tab whose title starts with `title` the active one.
    pub(super) fn show_panel(&mut self, title: &str) -> bool {
        match self
            .panels
            .iter()
            .position(|p| p.title().starts_with(title))
        {
            Some(i) => {
                self.active_panel = i;
                true
            }
            None => false,
        }
    }

    /// Moves the camera so the selected components and connections are in view.
    pub(super) fn show_selection(&mut self) {
        let scene = self.canvas.scene();
        let mut bounds = Rect::NOTHING;
        let mut add = |id: &str| {
            if let Some(n) = scene.node(id) {
                bounds = bounds.union(n.rect);
            }
        };
        for id in &self.selection.components {
            add(id.as_str());
        }
        for id in &self.selection.connections {
            if let Some(c) = self.doc.arch.connections.get(id.as_str()) {
                add(c.from.as_str());
                add(c.to.as_str());
            }
        }
        if bounds.is_positive() {
            self.canvas.show_rect(bounds);
        }
    }

    /// Selects the subjects of the next (or previous) finding that names something on the
    /// canvas, shows them, and opens the Problems panel.
    pub(super) fn go_to_problem(&mut self, forward: bool) {
        let report = self.checks.report();
        let targets: Vec<_> = report
            .findings()
            .iter()
            .map(|f| selection_of(&self.doc.arch, f))
            .filter(|s| !s.is_empty())
            .collect();
        if targets.is_empty() {
            self.toasts.last = Some((super::actions::Level::Info, "No problems".to_owned()));
            return;
        }
        let n = targets.len();
        let current = targets.iter().position(|s| s == &self.selection);
        let next = match (current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        if let Some(sel) = targets.into_iter().nth(next) {
            self.selection = sel;
            self.show_selection();
            self.show_panel(TITLE);
        }
    }

    /// The error and warning counts in the status bar; a click opens the Problems panel.
    pub(super) fn problems_status_ui(&mut self, ui: &mut Ui) {
        let report = self.checks.report();
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut clicked = false;
        for (severity, text) in [
            (Severity::Error, plural(errors, "error")),
            (Severity::Warning, plural(warnings, "warning")),
        ] {
            severity_icon_ui(ui, severity);
            clicked |= ui
                .add(egui::Label::new(text).sense(egui::Sense::click()))
                .on_hover_text("Show the Problems panel (F8: next problem)")
                .clicked();
        }
        if self.checks.is_stale(self.doc.generation) {
            ui.spinner();
        }
        if clicked {
            self.actions.command(Command::ShowProblems);
        }
    }
}
