//! File → Export code…: a window to pick a folder and the parts to generate, run the export
//! off the UI thread with a progress bar, and show what was written.
//!
//! The window does what `archcanvas export` does, with the same library calls: the gate
//! (`export::gate::error_findings`) is shown up front and "Export anyway" is the CLI's
//! `--force` over findings; "Overwrite files edited by hand" is `--force` over the manifest.

mod job;

pub use job::{Finished, Job, Status};

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{Context, RichText, Ui};

use crate::export::gate::{self, BlockingFinding};
use crate::export::{Artifact, ExportOptions, Outcome, WriteOptions};
use crate::model::Language;

use super::actions::Level;
use super::app::App;

/// At most this many blocking findings are listed; the rest are counted.
const LISTED_FINDINGS: usize = 8;

/// The export window's state (view state: nothing here is saved).
#[derive(Debug)]
pub struct ExportDialog {
    open: bool,
    folder: String,
    parts: [bool; Artifact::ALL.len()],
    language: Option<Language>,
    overwrite_edited: bool,
    blocking: Vec<BlockingFinding>,
    blocking_generation: Option<u64>,
    picking: Option<Receiver<Option<PathBuf>>>,
    job: Option<Job>,
    finished: Option<Finished>,
    problem: Option<String>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            folder: String::new(),
            parts: [true; Artifact::ALL.len()],
            language: None,
            overwrite_edited: false,
            blocking: Vec::new(),
            blocking_generation: None,
            picking: None,
            job: None,
            finished: None,
            problem: None,
        }
    }
}

impl ExportDialog {
    /// Opens the window (keeping the last folder and options).
    pub fn open(&mut self) {
        self.open = true;
        self.blocking_generation = None;
        if self.job.is_none() {
            self.finished = None;
            self.problem = None;
        }
    }

    /// Whether the window is open.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Whether an export is running.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    fn options(&self) -> ExportOptions {
        ExportOptions {
            only: Artifact::ALL
                .into_iter()
                .zip(self.parts)
                .filter_map(|(a, on)| on.then_some(a))
                .collect(),
            language: self.language,
        }
    }
}

fn part_label(a: Artifact) -> &'static str {
    match a {
        Artifact::Services => "Services and workers (services/, CI workflows)",
        Artifact::Openapi => "API contracts (api/: OpenAPI, GraphQL, proto)",
        Artifact::Sql => "SQL schemas (sql/)",
        Artifact::Asyncapi => "AsyncAPI for queues (asyncapi/)",
        Artifact::Compose => "docker-compose.yml",
        Artifact::K8s => "Kubernetes manifests (k8s/)",
    }
}

fn language_label(l: Option<Language>) -> &'static str {
    match l {
        None => "each component's own",
        Some(Language::Rust) => "Rust (axum)",
        Some(Language::TypeScript) => "TypeScript (Fastify)",
        Some(Language::Python) => "Python (FastAPI)",
        Some(Language::Go) => "Go (standard library)",
    }
}

impl App {
    /// The export window, if open, and the background work behind it.
    pub(super) fn export_dialog_ui(&mut self, ctx: &Context) {
        self.poll_export(ctx);
        if !self.export.open {
            return;
        }
        if self.export.blocking_generation != Some(self.doc.generation) {
            self.export.blocking = gate::error_findings(&self.doc.arch);
            self.export.blocking_generation = Some(self.doc.generation);
        }
        let mut open = true;
        egui::Window::new("Export code")
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(460.0)
            .show(ctx, |ui| self.export_form_ui(ui));
        if !open && !self.export.is_running() {
            self.export.open = false;
        }
    }

    fn poll_export(&mut self, ctx: &Context) {
        if let Some(rx) = &self.export.picking {
            match rx.try_recv() {
                Ok(answer) => {
                    self.export.picking = None;
                    if let Some(dir) = answer {
                        self.export.folder = dir.display().to_string();
                    }
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.export.picking = None,
            }
        }
        let Some(job) = &self.export.job else {
            return;
        };
        let Some(finished) = job.poll() else {
            return;
        };
        self.export.job = None;
        match &finished {
            Finished::Done { dir, report, .. } => self.toasts.push(
                ctx,
                Level::Info,
                format!(
                    "{} {}: {} written, {} unchanged, {} skipped",
                    if report.stopped {
                        "Export stopped in"
                    } else {
                        "Exported to"
                    },
                    dir.display(),
                    report.written(),
                    report.unchanged(),
                    report.skipped()
                ),
            ),
            Finished::Cancelled => {
                self.toasts
                    .push(ctx, Level::Info, "Export cancelled".to_owned());
            }
            Finished::Failed(e) => self.toasts.push(ctx, Level::Error, e.clone()),
        }
        self.export.finished = Some(finished);
    }

    fn export_form_ui(&mut self, ui: &mut Ui) {
        let running = self.export.is_running();
        ui.add_enabled_ui(!running, |ui| {
            ui.horizontal(|ui| {
                ui.label("Folder:");
                ui.add(
                    egui::TextEdit::singleline(&mut self.export.folder)
                        .hint_text("where the files go")
                        .desired_width(280.0),
                );
                if ui
                    .add_enabled(self.export.picking.is_none(), egui::Button::new("Choose…"))
                    .clicked()
                {
                    self.pick_export_folder();
                }
            });
            ui.label("Parts:");
            for (i, a) in Artifact::ALL.into_iter().enumerate() {
                if let Some(on) = self.export.parts.get_mut(i) {
                    ui.checkbox(on, part_label(a));
                }
            }
            egui::ComboBox::from_label("Language of the services")
                .selected_text(language_label(self.export.language))
                .show_ui(ui, |ui| {
                    let choices = std::iter::once(None).chain(Language::ALL.into_iter().map(Some));
                    for l in choices {
                        ui.selectable_value(&mut self.export.language, l, language_label(l));
                    }
                });
            ui.checkbox(
                &mut self.export.overwrite_edited,
                "Overwrite files edited by hand since the last export",
            );
        });
        ui.separator();
        let blocked = !self.export.blocking.is_empty();
        if blocked {
            self.blocking_findings_ui(ui);
        }
        if let Some(p) = &self.export.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
        if let Some(job) = &self.export.job {
            let s = job.status();
            let (fraction, text) = if s.total == 0 {
                (0.0, "Planning…".to_owned())
            } else {
                (
                    s.done as f32 / s.total as f32,
                    format!("{} / {} files — {}", s.done, s.total, s.path),
                )
            };
            ui.add(egui::ProgressBar::new(fraction).text(text).animate(true));
            let (label, hover) = if job.is_writing() {
                (
                    "Stop",
                    "Stop after the file being written; export again to finish",
                )
            } else {
                ("Cancel", "Stop before anything is written")
            };
            let cancel = ui
                .add_enabled(!job.is_cancelling(), egui::Button::new(label))
                .on_hover_text(hover);
            if cancel.clicked() {
                job.cancel();
            }
        } else {
            ui.horizontal(|ui| {
                let label = if blocked { "Export anyway" } else { "Export" };
                if ui.button(label).clicked() {
                    self.start_code_export(ui.ctx());
                }
                if ui.button("Close").clicked() {
                    self.export.open = false;
                }
            });
        }
        if let Some(finished) = &self.export.finished {
            ui.separator();
            finished_ui(ui, finished);
        }
    }

    fn blocking_findings_ui(&self, ui: &mut Ui) {
        let red = ui.visuals().error_fg_color;
        let n = self.export.blocking.len();
        ui.colored_label(
            red,
            format!(
                "The model has {n} error-level finding{} (see the Problems panel); \
                 `archcanvas export` refuses it without --force:",
                if n == 1 { "" } else { "s" }
            ),
        );
        for f in self.export.blocking.iter().take(LISTED_FINDINGS) {
            let message =
                crate::ui::problems::drawable(ui.ctx(), egui::FontFamily::Proportional, &f.message);
            ui.label(format!("• [{}] {message}", f.rule));
        }
        if n > LISTED_FINDINGS {
            ui.weak(format!("…and {} more", n - LISTED_FINDINGS));
        }
    }

    fn pick_export_folder(&mut self) {
        let dialogs = self.config.dialogs.clone();
        let start = Some(PathBuf::from(self.export.folder.trim()))
            .filter(|p| p.is_dir())
            .or_else(|| {
                self.doc
                    .path
                    .as_deref()
                    .and_then(std::path::Path::parent)
                    .map(std::path::Path::to_owned)
            });
        let (tx, rx) = channel();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("archcanvas-export-dialog".into())
            .spawn(move || {
                let _ = tx.send(dialogs.pick_folder(start.as_deref(), "Export code into"));
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.export.picking = Some(rx),
            Err(e) => self.export.problem = Some(format!("could not open a folder dialog: {e}")),
        }
    }

    fn start_code_export(&mut self, ctx: &Context) {
        self.export.finished = None;
        self.export.problem = None;
        let folder = self.export.folder.trim();
        if folder.is_empty() {
            self.export.problem = Some("Choose a folder to export into first.".to_owned());
            return;
        }
        let mut dir = PathBuf::from(folder);
        if dir.is_relative()
            && let Some(base) = self.doc.path.as_deref().and_then(std::path::Path::parent)
        {
            dir = base.join(dir);
        }
        let options = self.export.options();
        if options.only.is_empty() {
            self.export.problem = Some("Tick at least one part to export.".to_owned());
            return;
        }
        let repaint = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        let write = WriteOptions {
            force: self.export.overwrite_edited,
        };
        match Job::start(self.doc.arch.clone(), options, dir, write, repaint) {
            Ok(job) => self.export.job = Some(job),
            Err(e) => self.export.problem = Some(e),
        }
    }
}

fn finished_ui(ui: &mut Ui, finished: &Finished) {
    match finished {
        Finished::Done {
            dir,
            report,
            warnings,
        } => {
            if report.stopped {
                ui.label(RichText::new(format!("Stopped exporting to {}", dir.display())).strong());
                ui.label(
                    "The files not reached yet are as the last export left them; export \
                     again to finish.",
                );
            } else {
                ui.label(RichText::new(format!("Exported to {}", dir.display())).strong());
            }
            ui.label(format!(
                "{} files written, {} unchanged, {} skipped",
                report.written(),
                report.unchanged(),
                report.skipped()
            ));
            let removed = report.count(Outcome::Removed);
            if removed > 0 {
                ui.label(format!("{removed} files of the last export removed"));
            }
            let skipped: Vec<_> = report
                .files
                .iter()
                .filter(|f| f.outcome.is_skipped() || f.outcome == Outcome::KeptEdited)
                .collect();
            if !skipped.is_empty() {
                egui::CollapsingHeader::new(format!("Left alone ({})", skipped.len()))
                    .default_open(true)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .max_height(120.0)
                            .show(ui, |ui| {
                                for f in skipped {
                                    ui.label(format!("{} — {}", f.path, f.outcome.label()));
                                }
                            });
                        ui.weak("Tick \"Overwrite files edited by hand\" to replace them.");
                    });
            }
            if !warnings.is_empty() {
                egui::CollapsingHeader::new(format!("Warnings ({})", warnings.len())).show(
                    ui,
                    |ui| {
                        for w in warnings {
                            ui.label(w);
                        }
                    },
                );
            }
        }
        Finished::Cancelled => {
            ui.label("Cancelled; nothing was written.");
        }
        Finished::Failed(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }
}
