//! The app shell: owns the document and the view state, lays out the panels, and applies
//! what they asked for at the end of each frame.
//!
//! Frame order: background results (dialogs, file watcher) → dropped files and close
//! requests → shortcuts → panels (menu, status bar, palette, inspector, dock, canvas) →
//! floating windows (find, command palette, prompts, messages) → queued edits and commands
//! → window title and autosave. Drawing never changes the document.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use egui::{Context, Ui};

use super::actions::{Actions, Level};
use super::canvas::Canvas;
use super::command_palette::CommandPalette;
use super::commands::{self, Command};
use super::config::AppConfig;
use super::document::Document;
use super::find::Find;
use super::inspector::Inspector;
use super::panels::{DockPanel, PanelContext};
use super::prompts::Prompt;
use super::selection::Selection;
use super::toasts::Toasts;
use super::watcher::Watcher;

/// Most recent files remembered.
pub const MAX_RECENT: usize = 10;

/// An answer from a file dialog running on its thread.
#[derive(Debug)]
pub enum DialogAnswer {
    /// A file to open (or cancelled).
    Open(Option<PathBuf>),
    /// A place to save (or cancelled); then continue with `after`.
    Save(Option<PathBuf>, Option<super::prompts::Then>),
}

/// The editor.
pub struct App {
    /// The open document.
    pub doc: Document,
    /// What is selected.
    pub selection: Selection,
    /// The canvas's view state.
    pub canvas: Canvas,
    pub(super) inspector: Inspector,
    pub(super) find: Find,
    pub(super) palette_cmd: CommandPalette,
    pub(super) prompt: Option<Prompt>,
    pub(super) toasts: Toasts,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    pub(super) config: AppConfig,
    pub(super) dialog: Option<Receiver<DialogAnswer>>,
    pub(super) watcher: Option<Watcher>,
    pub(super) last_edit_time: f64,
    pub(super) autosaved_generation: u64,
    pub(super) allow_close: bool,
    pub(super) title_sent: String,
    pub(super) show_shortcuts: bool,
    pub(super) show_about: bool,
    pub(super) theme: egui::ThemePreference,
    theme_applied: bool,
    pub(super) panels: Vec<Box<dyn DockPanel>>,
    pub(super) active_panel: usize,
    pub(super) actions: Actions,
    pub(super) auto_layout: super::auto_layout::AutoLayout,
    pub(super) export_diagram: super::export_diagram::ExportDiagram,
    /// Review notes and comparisons.
    pub notes_review: super::notes_review::NotesReview,
    last_focus: Option<egui::Id>,
    pub(super) ctx: Option<Context>,
    pub(super) checks: super::problems::Checks,
    pub(super) checks_layer_dark: Option<bool>,
    pub(super) export: super::export_dialog::ExportDialog,
    /// Views, flows, playback and presentation mode (view state).
    pub review: super::review::Review,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("path", &self.doc.path)
            .field("dirty", &self.doc.is_dirty())
            .finish_non_exhaustive()
    }
}

impl App {
    /// An editor on an empty model.
    pub fn new(config: AppConfig) -> Self {
        let mut app = Self {
            doc: Document::untitled(),
            selection: Selection::default(),
            canvas: Canvas::default(),
            inspector: Inspector::default(),
            find: Find::default(),
            palette_cmd: CommandPalette::default(),
            prompt: None,
            toasts: Toasts::default(),
            recent: Vec::new(),
            config,
            dialog: None,
            watcher: None,
            last_edit_time: 0.0,
            autosaved_generation: 0,
            allow_close: false,
            title_sent: String::new(),
            show_shortcuts: false,
            show_about: false,
            theme: egui::ThemePreference::System,
            theme_applied: false,
            panels: Vec::new(),
            active_panel: 0,
            actions: Actions::default(),
            auto_layout: Default::default(),
            export_diagram: Default::default(),
            notes_review: super::notes_review::NotesReview::default(),
            last_focus: None,
            ctx: None,
            checks: super::problems::Checks::default(),
            checks_layer_dark: None,
            export: super::export_dialog::ExportDialog::default(),
            review: super::review::Review::default(),
        };
        app.add_panel(Box::new(super::problems::ProblemsPanel::default()));
        app.add_panel(Box::new(super::code_panel::CodePanel::default()));
        app.check_recovery();
        app.install_review();
        app
    }

    /// An editor on `path` (a file that cannot be loaded gives an empty model and a message
    /// saying why; the file is not touched).
    pub fn open(config: AppConfig, path: Option<PathBuf>) -> Self {
        let mut app = Self::new(config);
        if let Some(p) = path {
            app.open_path(p);
        }
        app
    }

    /// Adds a panel to the bottom dock (Problems, Code, …).
    pub fn add_panel(&mut self, panel: Box<dyn DockPanel>) {
        self.panels.push(panel);
    }

    /// Queues a command, as a menu click would.
    pub fn queue(&mut self, command: Command) {
        self.actions.command(command);
    }

    /// The last message shown to the user.
    pub fn last_message(&self) -> Option<&(Level, String)> {
        self.toasts.last.as_ref()
    }

    /// Whether a file dialog is open.
    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }

    /// Sets the theme preference (system, light, dark).
    pub fn set_theme(&mut self, theme: egui::ThemePreference) {
        self.theme = theme;
        self.theme_applied = false;
    }

    /// The theme preference.
    pub fn theme_preference(&self) -> egui::ThemePreference {
        self.theme
    }

    /// Draws one frame of the whole editor in `ui`.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
            self.start_watching();
        }
        if !self.theme_applied {
            ctx.set_theme(self.theme);
            self.theme_applied = true;
        }
        self.poll_background(&ctx);
        self.poll_auto_layout(&ctx);
        self.update_checks(&ctx);
        self.review_frame(&ctx);
        self.handle_window_events(&ctx);
        if self.review.presenting() {
            self.presentation_frame(ui, &ctx);
            return;
        }
        self.handle_shortcuts(&ctx);

        egui::Panel::top("archcanvas-menu").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("archcanvas-status").show(ui, |ui| self.status_bar_ui(ui));
        egui::Panel::left("archcanvas-palette")
            .resizable(false)
            .default_size(150.0)
            .show(ui, |ui| {
                super::palette::ui(ui, &mut self.canvas, &self.doc, &mut self.actions);
            });
        self.review_panel_ui(ui);
        egui::Panel::right("archcanvas-inspector")
            .resizable(true)
            .default_size(320.0)
            .min_size(240.0)
            .show(ui, |ui| {
                self.inspector
                    .ui(ui, &self.doc, &self.selection, &mut self.actions);
            });
        if !self.panels.is_empty() {
            egui::Panel::bottom("archcanvas-dock")
                .resizable(true)
                .default_size(180.0)
                .show(ui, |ui| self.dock_ui(ui));
        }
        let mut canvas_rect = egui::Rect::NOTHING;
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                canvas_rect = ui.max_rect();
                // While auto layout glides the boxes, the canvas draws its preview.
                let doc = self.auto_layout.preview().unwrap_or(&self.doc);
                self.canvas.ui(ui, doc, &self.selection, &mut self.actions);
            });
        self.review_after_canvas(ui, canvas_rect);

        self.find_ui(&ctx);
        self.command_palette_ui(&ctx);
        self.prompts_ui(&ctx);
        self.help_windows_ui(&ctx);
        self.auto_layout_ui(&ctx);
        self.export_diagram_ui(&ctx);
        self.export_dialog_ui(&ctx);
        self.toasts.ui(ui, canvas_rect);

        self.apply_actions(&ctx);
        self.seal_history_on_focus_change(&ctx);
        self.update_title(&ctx);
        self.autosave(&ctx);
    }

    fn dock_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            for (i, p) in self.panels.iter().enumerate() {
                if ui
                    .selectable_label(i == self.active_panel, p.title())
                    .clicked()
                {
                    self.active_panel = i;
                }
            }
        });
        ui.separator();
        if let Some(panel) = self.panels.get_mut(self.active_panel) {
            let mut pc = PanelContext {
                arch: &self.doc.arch,
                generation: self.doc.generation,
                selection: &self.selection,
                actions: &mut self.actions,
                checks: &self.checks,
            };
            panel.ui(ui, &mut pc);
        }
    }

    fn handle_shortcuts(&mut self, ctx: &Context) {
        if self.prompt.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input() || self.canvas.popup_open();
        // Clipboard keys arrive as events (egui-winit turns Ctrl+C/X/V into them).
        let events = ctx.input(|i| i.events.clone());
        if !typing {
            for e in &events {
                match e {
                    egui::Event::Copy => self.actions.command(Command::Copy),
                    egui::Event::Cut => self.actions.command(Command::Cut),
                    egui::Event::Paste(text) => self.paste_text(text.clone()),
                    _ => {}
                }
            }
        }
        for (shortcut, command) in commands::shortcuts_by_specificity() {
            if typing && commands::conflicts_with_typing(&shortcut) {
                continue;
            }
            if matches!(command, Command::Copy | Command::Cut | Command::Paste) {
                // Handled through the events above; a Ctrl+V key event carries no text.
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.actions.command(command);
            }
        }
    }

    fn seal_history_on_focus_change(&mut self, ctx: &Context) {
        let focus = ctx.memory(|m| m.focused());
        if focus != self.last_focus {
            self.doc.history.seal();
            self.last_focus = focus;
        }
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = self.doc.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// Applies the frame's queued selection, edits and commands, in that order.
    pub(super) fn apply_actions(&mut self, ctx: &Context) {
        let actions = std::mem::take(&mut self.actions);
        if let Some(sel) = actions.select {
            self.selection = sel;
        }
        for pending in actions.edits {
            match self
                .doc
                .apply(&pending.label, pending.edit, pending.merge_key)
            {
                Ok(()) => {
                    if let Some(sel) = pending.select {
                        self.selection = sel;
                    }
                    self.last_edit_time = ctx.input(|i| i.time);
                    ctx.request_repaint_after_secs(super::recovery::AUTOSAVE_DELAY_SECS + 0.2);
                }
                Err(e) => self.toasts.push(ctx, Level::Error, e.to_string()),
            }
        }
        self.selection.retain_existing(&self.doc.arch);
        for (level, text) in actions.messages {
            self.toasts.push(ctx, level, text);
        }
        for command in actions.commands {
            self.run_command(ctx, command);
        }
        // Commands may queue more (a paste from the menu); apply them now, not next frame.
        if !self.actions.edits.is_empty()
            || self.actions.select.is_some()
            || !self.actions.messages.is_empty()
            || !self.actions.commands.is_empty()
        {
            self.apply_actions(ctx);
        }
    }
}
