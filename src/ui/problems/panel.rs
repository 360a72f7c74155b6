//! The Problems panel: every finding of the open model, most severe first.
//!
//! Clicking a finding selects its subjects and asks the canvas to show them (through the
//! action queue, like every other panel); the finding whose subjects are the selection is
//! highlighted, so F8 and clicks agree on where the user is.

use crate::check::Finding;
use crate::model::{Architecture, Severity};
use crate::ui::commands::Command;
use crate::ui::panels::{DockPanel, PanelContext};
use crate::ui::selection::Selection;

use super::checks::severity_icon_ui;
use super::text::drawable;

/// The tab title, also how commands find the panel.
pub const TITLE: &str = "Problems";

/// The Problems dock panel.
#[derive(Debug, Default)]
pub struct ProblemsPanel {
    /// Hide info-level findings.
    hide_info: bool,
}

/// The selection a finding stands for: its subjects that still exist.
pub fn selection_of(arch: &Architecture, finding: &Finding) -> Selection {
    let mut sel = Selection::default();
    for s in &finding.subjects {
        if arch.components.contains(s.as_str()) {
            sel.components.insert(s.clone());
        } else if arch.connections.contains(s.as_str()) {
            sel.connections.insert(s.clone());
        }
    }
    sel
}

/// A one-line summary of counts ("2 errors, 1 warning").
pub fn counts_text(errors: usize, warnings: usize, infos: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(infos, "info", "infos")
    )
}

impl DockPanel for ProblemsPanel {
    fn title(&self) -> String {
        TITLE.to_owned()
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut PanelContext<'_>) {
        // The same height as the Code panel, so the canvas does not jump between tabs.
        ui.set_min_height(crate::ui::code_panel::DOCK_HEIGHT);
        let report = ctx.checks.report();
        ui.horizontal(|ui| {
            ui.label(counts_text(
                report.count(Severity::Error),
                report.count(Severity::Warning),
                report.count(Severity::Info),
            ));
            if report.suppressed() > 0 {
                ui.weak(format!("({} suppressed in the model)", report.suppressed()));
            }
            if ctx.checks.is_stale(ctx.generation) {
                ui.spinner();
                ui.weak("checking…");
            }
            ui.separator();
            ui.checkbox(&mut self.hide_info, "Hide infos");
            ui.weak("F8: next problem");
        });
        ui.separator();
        if report.is_clean() {
            ui.label("No problems found.");
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for finding in report.findings() {
                    if self.hide_info && finding.severity == Severity::Info {
                        continue;
                    }
                    let target = selection_of(ctx.arch, finding);
                    let current = !target.is_empty() && &target == ctx.selection;
                    ui.horizontal(|ui| {
                        severity_icon_ui(ui, finding.severity);
                        ui.monospace(finding.rule);
                        let message =
                            drawable(ui.ctx(), egui::FontFamily::Proportional, &finding.message);
                        let hint =
                            drawable(ui.ctx(), egui::FontFamily::Proportional, &finding.hint);
                        let row = ui
                            .selectable_label(current, message.as_ref())
                            .on_hover_text(format!("How to fix: {hint}"));
                        if row.clicked() {
                            if target.is_empty() {
                                ctx.actions
                                    .info("this finding names nothing on the canvas".to_owned());
                            } else {
                                ctx.actions.select = Some(target);
                                ctx.actions.command(Command::ShowSelection);
                            }
                        }
                    });
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(counts_text(1, 0, 2), "1 error, 0 warnings, 2 infos");
        assert_eq!(counts_text(0, 1, 1), "0 errors, 1 warning, 1 info");
    }
}
