//! The editor's live findings: re-checks the model after every change and keeps the newest
//! report for the Problems panel, the canvas badges and the status bar.
//!
//! Small models are checked on the UI thread the frame after an edit (a few hundred
//! components take well under a millisecond), so what is shown is never stale; larger ones go
//! to [`check::Background`], and the last report stays on screen until the newer one arrives.

use std::collections::HashMap;
use std::sync::Arc;

use egui::Color32;

use crate::check::{self, Report};
use crate::model::{Architecture, Id, Severity};

use crate::ui::canvas::marks::{Badge, Layer};

/// Models with more components than this are checked off the UI thread.
pub const INLINE_LIMIT: usize = 2_000;

/// The canvas layer the findings' badges go to.
pub const LAYER: &str = "problems";

/// The newest findings of the open model.
#[derive(Default)]
pub struct Checks {
    report: Report,
    /// The document generation `report` is for.
    checked: Option<u64>,
    /// The document generation last submitted to the worker, by submission number.
    submitted: Option<(u64, u64)>,
    worker: Option<check::Background>,
}

impl std::fmt::Debug for Checks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checks")
            .field("findings", &self.report.findings().len())
            .field("checked", &self.checked)
            .finish_non_exhaustive()
    }
}

impl Checks {
    /// The newest report.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Whether the report is older than the model (a check is running).
    pub fn is_stale(&self, generation: u64) -> bool {
        self.checked != Some(generation)
    }

    /// Brings the report up to date with `arch` at `generation`. Returns whether the report
    /// changed (so the badges need redrawing).
    pub fn update(&mut self, ctx: &egui::Context, arch: &Architecture, generation: u64) -> bool {
        let mut changed = false;
        if let Some(worker) = &mut self.worker
            && let Some((number, report)) = worker.poll()
        {
            if let Some((submitted_number, doc_generation)) = self.submitted
                && submitted_number == number
            {
                self.checked = Some(doc_generation);
            }
            self.report = report;
            changed = true;
        }
        if self.checked == Some(generation) || self.submitted.is_some_and(|(_, g)| g == generation)
        {
            return changed;
        }
        if arch.components.len() <= INLINE_LIMIT {
            self.report = check::run(arch);
            self.checked = Some(generation);
            self.submitted = None;
            return true;
        }
        let worker = self.worker.get_or_insert_with(|| {
            let ctx = ctx.clone();
            check::Background::new(move || ctx.request_repaint())
        });
        let number = worker.submit(Arc::new(arch.clone()));
        self.submitted = Some((number, generation));
        changed
    }

    /// The worst severity of the findings about each component of `arch`.
    pub fn worst_by_component(&self, arch: &Architecture) -> HashMap<Id, (Severity, usize)> {
        let mut worst: HashMap<Id, (Severity, usize)> = HashMap::new();
        for f in self.report.findings() {
            for s in &f.subjects {
                if !arch.components.contains(s.as_str()) {
                    continue;
                }
                let e = worst.entry(s.clone()).or_insert((f.severity, 0));
                e.0 = e.0.max(f.severity);
                e.1 += 1;
            }
        }
        worst
    }

    /// Rewrites the canvas layer of badges: one per component with findings, coloured by
    /// the worst one, showing how many there are.
    pub fn fill_layer(&self, arch: &Architecture, visuals: &egui::Visuals, layer: &mut Layer) {
        layer.badges = self
            .worst_by_component(arch)
            .into_iter()
            .map(|(id, (severity, count))| {
                let glyph = if count > 9 {
                    "9+".to_owned()
                } else {
                    count.to_string()
                };
                let badge = Badge {
                    color: severity_color(visuals, severity),
                    glyph,
                };
                (id, badge)
            })
            .collect();
    }
}

/// The colour of a severity, from the theme's error and warning colours.
pub fn severity_color(visuals: &egui::Visuals, severity: Severity) -> Color32 {
    match severity {
        Severity::Error => visuals.error_fg_color,
        Severity::Warning => visuals.warn_fg_color,
        Severity::Info => {
            if visuals.dark_mode {
                Color32::from_rgb(90, 160, 255)
            } else {
                Color32::from_rgb(30, 100, 200)
            }
        }
    }
}

/// Draws the icon of a severity: a dot in its colour with a sign (`×`, `!`, `i`) inside,
/// painted rather than typed so it needs no symbol font.
pub fn severity_icon_ui(ui: &mut egui::Ui, severity: Severity) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let color = severity_color(ui.visuals(), severity);
        let painter = ui.painter();
        painter.circle_filled(rect.center(), size * 0.45, color);
        let sign = match severity {
            Severity::Error => "×",
            Severity::Warning => "!",
            Severity::Info => "i",
        };
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            sign,
            egui::FontId::proportional(size * 0.8),
            contrast_text(color),
        );
    }
    response.on_hover_text(severity.keyword())
}

/// Black or white, whichever reads better on `fill`.
pub fn contrast_text(fill: Color32) -> Color32 {
    let luma =
        0.299 * f32::from(fill.r()) + 0.587 * f32::from(fill.g()) + 0.114 * f32::from(fill.b());
    if luma > 140.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Kind};

    fn lonely() -> Architecture {
        let mut a = Architecture::new("Lonely");
        let id = Id::new("lonely").unwrap();
        a.components
            .insert(Component::new(id, "Lonely", Kind::Service));
        a
    }

    #[test]
    fn small_models_are_checked_at_once_and_only_when_they_change() {
        let ctx = egui::Context::default();
        let mut checks = Checks::default();
        let arch = lonely();
        assert!(checks.is_stale(1));
        assert!(checks.update(&ctx, &arch, 1));
        assert!(!checks.is_stale(1));
        assert!(
            checks
                .report()
                .findings()
                .iter()
                .any(|f| f.rule == "orphan")
        );
        assert!(
            !checks.update(&ctx, &arch, 1),
            "same generation: no re-check"
        );
        let empty = Architecture::new("Empty");
        assert!(checks.update(&ctx, &empty, 2));
        assert!(checks.report().is_clean());
    }

    #[test]
    fn badges_carry_the_worst_severity_and_the_count() {
        let ctx = egui::Context::default();
        let mut checks = Checks::default();
        let arch = lonely();
        checks.update(&ctx, &arch, 1);
        let visuals = egui::Visuals::dark();
        let mut layer = Layer::default();
        checks.fill_layer(&arch, &visuals, &mut layer);
        let badge = layer.badges.get("lonely").expect("a badge on the orphan");
        let worst = checks
            .report()
            .about("lonely")
            .map(|f| f.severity)
            .max()
            .unwrap();
        assert_eq!(badge.color, severity_color(&visuals, worst));
        assert_eq!(
            badge.glyph,
            checks.report().about("lonely").count().to_string()
        );
    }
}
