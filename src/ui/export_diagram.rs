//! File → Export diagram…: the model as a picture or as text for another tool.
//!
//! A small window takes the options that the file name cannot say (light or dark, the PNG
//! scale, which view), then a save dialog asks where; the format is the chosen file's
//! extension ([`Format::from_path`]), as on the command line. The dialog and the rendering
//! run on one worker thread (`render::render_to_file`, the same call as `archcanvas render`),
//! so a big PNG never freezes the window; the app polls for the outcome and says where the
//! file went, or why it did not.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::Context;

use crate::render::{self, Format, RenderOptions, SCALE_RANGE};
use crate::theme::Mode;

use super::actions::Level;
use super::app::App;

/// The name of each format in the save dialog's filter list.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Svg => "SVG picture",
        Format::Png => "PNG picture",
        Format::Pdf => "PDF document",
        Format::Mermaid => "Mermaid flowchart",
        Format::PlantUml => "PlantUML diagram",
        Format::Dot => "Graphviz DOT",
        Format::D2 => "D2 diagram",
        Format::Structurizr => "Structurizr DSL",
        Format::Markdown => "Markdown document",
        Format::Html => "HTML review pack",
    }
}

/// How an export ended.
#[derive(Debug)]
enum Outcome {
    /// The user closed the dialog.
    Cancelled,
    /// Written.
    Done(PathBuf, Format),
    /// Not written; the message says why.
    Failed(String),
}

/// The Export diagram window and the export running behind it.
#[derive(Debug)]
pub struct ExportDiagram {
    open: bool,
    /// Light or dark; `None` until the window opens, then the editor's current mode.
    mode: Option<Mode>,
    scale: f32,
    /// A view's id; `None` is the whole model.
    view: Option<String>,
    running: Option<Receiver<Outcome>>,
}

impl Default for ExportDiagram {
    fn default() -> Self {
        Self {
            open: false,
            mode: None,
            scale: 2.0,
            view: None,
            running: None,
        }
    }
}

/// Checks the chosen path's extension, renders and writes. Runs on the worker thread.
fn export_to(arch: &crate::model::Architecture, path: &Path, options: RenderOptions) -> Outcome {
    let Some(format) = Format::from_path(path) else {
        return Outcome::Failed(format!(
            "{} has no diagram extension; name the file with one of: {}",
            path.display(),
            Format::ALL.map(Format::keyword).join(", ")
        ));
    };
    let options = RenderOptions { format, ..options };
    match render::render_to_file(arch, path, &options) {
        Ok(()) => Outcome::Done(path.to_owned(), format),
        Err(e) => Outcome::Failed(format!("could not export to {}: {e}", path.display())),
    }
}

impl App {
    /// Opens the Export diagram window (File → Export diagram…).
    pub fn open_export_diagram(&mut self, ctx: &Context) {
        let export = &mut self.export_diagram;
        export.open = true;
        if export.mode.is_none() {
            export.mode = Some(super::style::mode_of(ctx));
        }
        if let Some(v) = &export.view
            && !self.doc.arch.views.iter().any(|view| view.id.as_str() == v)
        {
            export.view = None;
        }
    }

    /// Asks where to export (on a worker thread) and renders there.
    fn start_export(&mut self, ctx: &Context) {
        if self.export_diagram.running.is_some() || self.dialog_open() {
            return;
        }
        let export = &self.export_diagram;
        let options = RenderOptions {
            format: Format::Svg,
            view: export.view.clone(),
            mode: export.mode.unwrap_or(Mode::Light),
            scale: export.scale,
        };
        let dialogs = self.config.dialogs.clone();
        let dir = self
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_owned);
        let name = format!(
            "{}.svg",
            crate::model::Id::slugify(&self.doc.arch.name, "diagram")
        );
        let arch = self.doc.arch.clone();
        let (tx, rx) = channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("archcanvas-export".into())
            .spawn(move || {
                let outcome = match dialogs.pick_export(dir.as_deref(), &name) {
                    None => Outcome::Cancelled,
                    Some(path) => export_to(&arch, &path, options),
                };
                let _ = tx.send(outcome);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.export_diagram.running = Some(rx);
                self.export_diagram.open = false;
            }
            Err(e) => self.toasts.push(
                ctx,
                Level::Error,
                format!("could not start the export: {e}"),
            ),
        }
    }

    /// The options window, and the outcome of a running export.
    pub(super) fn export_diagram_ui(&mut self, ctx: &Context) {
        if let Some(rx) = &self.export_diagram.running {
            let outcome = match rx.try_recv() {
                Ok(outcome) => Some(outcome),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => {
                    Some(Outcome::Failed("the export stopped unexpectedly".into()))
                }
            };
            if let Some(outcome) = outcome {
                self.export_diagram.running = None;
                match outcome {
                    Outcome::Cancelled => {}
                    Outcome::Done(path, format) => self.toasts.push(
                        ctx,
                        Level::Info,
                        format!(
                            "Exported the diagram ({}) to {}",
                            format_name(format),
                            path.display()
                        ),
                    ),
                    Outcome::Failed(why) => self.toasts.push(ctx, Level::Error, why),
                }
            }
        }
        if !self.export_diagram.open {
            return;
        }
        let views: Vec<(String, String)> = self
            .doc
            .arch
            .views
            .iter()
            .map(|v| (v.id.to_string(), v.name.clone()))
            .collect();
        let mut open = true;
        let mut go = false;
        let export = &mut self.export_diagram;
        egui::Window::new("Export diagram")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                let mut mode = export.mode.unwrap_or(Mode::Light);
                ui.horizontal(|ui| {
                    ui.label("Theme:");
                    ui.radio_value(&mut mode, Mode::Light, "Light");
                    ui.radio_value(&mut mode, Mode::Dark, "Dark");
                });
                export.mode = Some(mode);
                ui.horizontal(|ui| {
                    ui.label("PNG scale:");
                    ui.add(
                        egui::DragValue::new(&mut export.scale)
                            .range(SCALE_RANGE.start().max(0.5)..=*SCALE_RANGE.end())
                            .speed(0.05)
                            .suffix(" ×"),
                    );
                });
                if !views.is_empty() {
                    ui.horizontal(|ui| {
                        let shown = export
                            .view
                            .as_ref()
                            .and_then(|id| views.iter().find(|(v, _)| v == id))
                            .map_or("Whole model", |(_, name)| name.as_str());
                        egui::ComboBox::from_label("View")
                            .selected_text(shown)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut export.view, None, "Whole model");
                                for (id, name) in &views {
                                    ui.selectable_value(
                                        &mut export.view,
                                        Some(id.clone()),
                                        name.as_str(),
                                    );
                                }
                            });
                    });
                }
                ui.add_space(4.0);
                ui.label(
                    egui::RichText::new(
                        "The format follows the file's extension: svg, png, pdf, mmd (Mermaid), \
                         puml (PlantUML), dot, d2, dsl (Structurizr), md (Markdown).",
                    )
                    .small()
                    .weak(),
                );
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    go = ui.button("Export…").clicked();
                    if ui.button("Cancel").clicked() {
                        export.open = false;
                    }
                });
            });
        if !open {
            self.export_diagram.open = false;
        }
        if go {
            self.start_export(ctx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_without_a_diagram_extension_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let arch = crate::model::Architecture::new("t");
        for name in ["diagram", "diagram.txt"] {
            let path = dir.path().join(name);
            match export_to(&arch, &path, RenderOptions::new(Format::Svg)) {
                Outcome::Failed(why) => assert!(why.contains("svg, png"), "{why}"),
                other => panic!("{other:?}"),
            }
            assert!(!path.exists());
        }
    }

    #[test]
    fn the_extension_decides_the_format() {
        let dir = tempfile::tempdir().unwrap();
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/shop.ron"))
                .unwrap();
        let arch = crate::file::parse(&text).unwrap();
        let path = dir.path().join("shop.mmd");
        match export_to(&arch, &path, RenderOptions::new(Format::Svg)) {
            Outcome::Done(p, Format::Mermaid) => assert_eq!(p, path),
            other => panic!("{other:?}"),
        }
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("flowchart")
                || std::fs::read_to_string(&path)
                    .unwrap()
                    .contains("flowchart")
        );
    }
}
