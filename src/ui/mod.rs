//! The editor (egui/eframe).
//!
//! [`App`] is the whole editor and can run inside any `egui::Ui` (the tests drive it with
//! `egui_kittest`); [`run`] opens it in a native window through [`NativeApp`], which adds
//! what only a real window has: remembered settings and the window's size.
//!
//! Files: `app` (shell and frame order), `commands` (the command table) with `run_command`,
//! `menu` (menu bar, status bar, help), `command_palette`, `find`, `palette` (kinds to add),
//! `inspector/` (properties), `canvas/` (drawing and gestures), `file_ops` with `dialogs`,
//! `prompts`, `recovery` and `watcher` (files), `document`, `selection`, `actions` (the
//! queue of edits), `panels` (the dock other areas add panels to), `style`, `toasts`; `review` (state of
//! the review tools) with `notes`, `compare`, `changes` and `git_revision`.

pub mod actions;
mod app;
mod auto_layout;
pub mod canvas;
pub mod changes;
pub mod code_panel;
pub mod command_palette;
pub mod commands;
pub mod compare;
mod config;
pub mod dialogs;
mod document;
mod export_diagram;
pub mod export_dialog;
mod file_ops;
pub mod find;
pub mod git_revision;
mod inspector;
mod layout_animation;
mod layout_job;
mod menu;
pub mod notes;
pub mod notes_review;
mod palette;
pub mod panels;
pub mod problems;
pub mod prompts;
pub mod recovery;
pub mod review;
mod run_command;
pub mod selection;
pub mod style;
mod toasts;
pub mod watcher;

use std::path::PathBuf;

pub use app::App;
pub use config::AppConfig;
pub use document::Document;

/// The app's id for settings and recovery files.
pub const APP_ID: &str = "ArchCanvas";

/// Gestures that are not commands, for the shortcut list and the README.
pub const GESTURES: &[(&str, &str)] = &[
    (
        "Pan",
        "Drag with the middle button or with Space held; scroll",
    ),
    ("Zoom around the pointer", "Ctrl+scroll, pinch"),
    (
        "Select",
        "Click; Shift/Ctrl+click adds; drag on empty canvas for a rectangle",
    ),
    ("Move", "Drag a component (all selected move together)"),
    (
        "Connect",
        "Drag from a handle on a component's border to another component",
    ),
    ("Quick add", "Double-click empty canvas, type a kind, Enter"),
    ("Rename in place", "Double-click a component (or F2)"),
    ("Change a connection's type", "Double-click it"),
    (
        "Context menu",
        "Right-click a component, connection, group or empty canvas",
    ),
];

/// Settings kept between runs.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
struct Settings {
    recent: Vec<PathBuf>,
    theme: Option<String>,
    grid: Option<bool>,
    snap: Option<bool>,
    minimap: Option<bool>,
    #[serde(default)]
    note_author: Option<String>,
}

const SETTINGS_KEY: &str = "archcanvas-settings";

/// The editor in a native window.
#[derive(Debug)]
pub struct NativeApp {
    app: App,
}

impl NativeApp {
    /// The editor on `path`, with settings from the last run.
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let mut app = App::open(AppConfig::native(), path);
        if let Some(settings) = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY))
        {
            app.recent = settings.recent;
            app.canvas.grid = settings.grid.unwrap_or(true);
            app.canvas.snap = settings.snap.unwrap_or(true);
            app.canvas.minimap = settings.minimap.unwrap_or(true);
            if let Some(author) = settings.note_author {
                app.notes_review.author = author;
            }
            app.set_theme(match settings.theme.as_deref() {
                Some("light") => egui::ThemePreference::Light,
                Some("dark") => egui::ThemePreference::Dark,
                _ => egui::ThemePreference::System,
            });
        }
        Self { app }
    }
}

impl eframe::App for NativeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let theme = match self.app.theme_preference() {
            egui::ThemePreference::Light => "light",
            egui::ThemePreference::Dark => "dark",
            egui::ThemePreference::System => "system",
        };
        let settings = Settings {
            recent: self.app.recent.clone(),
            theme: Some(theme.to_owned()),
            grid: Some(self.app.canvas.grid),
            snap: Some(self.app.canvas.snap),
            minimap: Some(self.app.canvas.minimap),
            note_author: Some(self.app.notes_review.author.clone()),
        };
        eframe::set_value(storage, SETTINGS_KEY, &settings);
    }
}

/// Opens the editor window on `path` (or an empty model) and returns when it closes.
pub fn run(path: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_app_id(APP_ID)
            .with_inner_size([1400.0, 860.0])
            // A design tool wants the whole screen; later starts restore the last window.
            .with_maximized(true)
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true)
            .with_title("ArchCanvas"),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| Ok(Box::new(NativeApp::new(cc, path)))),
    )
}
