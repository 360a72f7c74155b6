//! The editor window (egui/eframe). For now a viewer: it shows the model's components and
//! connections where the layout puts them, with pan and zoom.

use std::path::{Path, PathBuf};

use egui::{Color32, Pos2, Rect, Stroke, StrokeKind, Vec2};

use crate::model::{Architecture, Placement};

/// Opens the editor window on `path` (or an empty model) and returns when it closes.
pub fn run(path: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_title(window_title(path.as_deref())),
        ..Default::default()
    };
    eframe::run_native(
        "ArchCanvas",
        options,
        Box::new(move |_cc| Ok(Box::new(ViewerApp::open(path)))),
    )
}

fn window_title(path: Option<&Path>) -> String {
    match path.and_then(Path::file_name) {
        Some(name) => format!("{} — ArchCanvas", name.to_string_lossy()),
        None => "Untitled — ArchCanvas".to_owned(),
    }
}

/// The window's state: the model shown, or the reason it could not be opened.
pub struct ViewerApp {
    arch: Architecture,
    error: Option<String>,
    scene_rect: Rect,
}

impl ViewerApp {
    /// Loads `path`; a file that cannot be loaded gives an empty model and a message.
    pub fn open(path: Option<PathBuf>) -> Self {
        let (arch, error) = match path {
            None => (Architecture::new("Untitled"), None),
            Some(p) => match crate::file::load(&p) {
                Ok(arch) => (arch, None),
                Err(e) => (Architecture::new("Untitled"), Some(e.to_string())),
            },
        };
        Self {
            arch,
            error,
            scene_rect: Rect::ZERO,
        }
    }

    fn placement(&self, index: usize, id: &str) -> Placement {
        self.arch.layout.get(id).copied().unwrap_or_else(|| {
            // Not placed yet: a simple grid, until automatic layout exists.
            let (col, row) = (index % 6, index / 6);
            Placement::at(col as f32 * 220.0, row as f32 * 140.0)
        })
    }
}

impl eframe::App for ViewerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(&self.arch.name);
                ui.label(format!(
                    "{} components · {} connections",
                    self.arch.components.len(),
                    self.arch.connections.len()
                ));
            });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let mut rects = std::collections::BTreeMap::new();
            for (i, c) in self.arch.components.iter().enumerate() {
                let p = self.placement(i, c.id.as_str());
                let size = Vec2::new(p.width.unwrap_or(180.0), p.height.unwrap_or(70.0));
                rects.insert(
                    c.id.clone(),
                    Rect::from_center_size(Pos2::new(p.x, p.y), size),
                );
            }
            let mut scene_rect = self.scene_rect;
            egui::Scene::new()
                .zoom_range(0.05..=4.0)
                .show(ui, &mut scene_rect, |ui| {
                    let painter = ui.painter().clone();
                    let line = Stroke::new(1.5, ui.visuals().weak_text_color());
                    for conn in self.arch.connections.iter() {
                        if let (Some(a), Some(b)) = (rects.get(&conn.from), rects.get(&conn.to)) {
                            painter.arrow(a.center(), b.center() - a.center(), line);
                        }
                    }
                    for c in self.arch.components.iter() {
                        let Some(rect) = rects.get(&c.id) else {
                            continue;
                        };
                        ui.allocate_rect(*rect, egui::Sense::hover());
                        painter.rect(
                            *rect,
                            8.0,
                            ui.visuals().extreme_bg_color,
                            Stroke::new(1.5, Color32::from_rgb(90, 120, 200)),
                            StrokeKind::Inside,
                        );
                        painter.text(
                            rect.center() - Vec2::new(0.0, 10.0),
                            egui::Align2::CENTER_CENTER,
                            &c.name,
                            egui::FontId::proportional(15.0),
                            ui.visuals().strong_text_color(),
                        );
                        painter.text(
                            rect.center() + Vec2::new(0.0, 12.0),
                            egui::Align2::CENTER_CENTER,
                            c.spec.technology_label(),
                            egui::FontId::proportional(12.0),
                            ui.visuals().weak_text_color(),
                        );
                    }
                });
            self.scene_rect = scene_rect;
        });
    }
}
