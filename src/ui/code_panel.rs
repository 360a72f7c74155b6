//! The Code panel: what `archcanvas export` would write for the selected component — its
//! project, contract, SQL, workflow — as a file tree and the highlighted text of one file.
//!
//! The files come from `export::plan_component`, the same function the export uses, so the
//! panel never disagrees with the folder. They are recomputed when the selection or the model
//! changes: at once for small models, on a thread for large ones (planning 1 000 services
//! takes about a second), keeping the last files on screen meanwhile.

use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::Ui;
use egui_extras::syntax_highlighting::{CodeTheme, SyntectSettings, highlight_with};
use syntect::highlighting::ThemeSet;

use crate::export::{self, ExportOptions, GeneratedFile};
use crate::model::{Architecture, Id};

use super::panels::{DockPanel, PanelContext};

/// The tab title, also how commands find the panel.
pub const TITLE: &str = "Code";

/// Models with more components than this are planned off the UI thread.
const INLINE_LIMIT: usize = 300;

/// The height the panel asks of the dock.
pub const DOCK_HEIGHT: f32 = 140.0;

type Planned = Result<Vec<GeneratedFile>, String>;

/// The Code dock panel.
#[derive(Default)]
pub struct CodePanel {
    /// The model generation and component the files are for.
    shown: Option<(u64, Id)>,
    files: Option<Planned>,
    pending: Option<((u64, Id), Receiver<Planned>)>,
    /// The file on screen, by path.
    chosen: Option<String>,
    /// Whether the syntaxes are being loaded (or are loaded) on a thread of their own.
    warming: bool,
}

impl std::fmt::Debug for CodePanel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodePanel")
            .field("shown", &self.shown)
            .field("chosen", &self.chosen)
            .finish_non_exhaustive()
    }
}

fn plan_of(arch: &Architecture, id: &Id) -> Planned {
    export::plan_component(arch, id.as_str(), &ExportOptions::default())
        .map_err(|e| format!("this model cannot be exported yet: {e}"))
}

/// The syntaxes the panel colours with: syntect's default set with the extra syntaxes of
/// `two-face` (bat's set), which adds what generated projects need and the defaults lack —
/// TypeScript, TOML, Dockerfile, protobuf, GraphQL. Loaded once, on first use; the address
/// stays the same, which is what egui_extras memoizes highlighted text by.
pub fn syntaxes() -> &'static SyntectSettings {
    static SETTINGS: OnceLock<SyntectSettings> = OnceLock::new();
    SETTINGS.get_or_init(|| SyntectSettings {
        ps: two_face::syntax::extra_newlines(),
        ts: ThemeSet::load_defaults(),
    })
}

/// What the panel asks the syntax set for a generated file by: its extension, or its whole
/// name when it has none (`Dockerfile`). A name the set does not know is shown as plain text.
pub fn syntax_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(_, ext)| ext)
}

impl CodePanel {
    fn refresh(&mut self, ctx: &mut PanelContext<'_>, egui_ctx: &egui::Context) {
        if !self.warming {
            // The first file shown then does not wait for the syntaxes to load.
            self.warming = true;
            std::thread::spawn(syntaxes);
        }
        if let Some((key, rx)) = &self.pending {
            match rx.try_recv() {
                Ok(files) => {
                    self.shown = Some(key.clone());
                    self.files = Some(files);
                    self.pending = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.pending = None,
            }
        }
        let Some(id) = ctx.selection.components.iter().next().cloned() else {
            self.shown = None;
            self.files = None;
            return;
        };
        let key = (ctx.generation, id);
        if self.shown.as_ref() == Some(&key) || self.pending.as_ref().is_some_and(|p| p.0 == key) {
            return;
        }
        if ctx.arch.components.len() <= INLINE_LIMIT {
            self.files = Some(plan_of(ctx.arch, &key.1));
            self.shown = Some(key);
            self.pending = None;
            return;
        }
        let arch = ctx.arch.clone();
        let (tx, rx) = channel();
        let repaint = egui_ctx.clone();
        let id = key.1.clone();
        let spawned = std::thread::Builder::new()
            .name("archcanvas-code".into())
            .spawn(move || {
                let _ = tx.send(plan_of(&arch, &id));
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => self.pending = Some((key, rx)),
            Err(e) => {
                self.files = Some(Err(format!("could not plan the code: {e}")));
                self.shown = Some(key);
            }
        }
    }

    fn tree_ui(&mut self, ui: &mut Ui, files: &[GeneratedFile]) {
        let mut by_dir: BTreeMap<&str, Vec<&GeneratedFile>> = BTreeMap::new();
        for f in files {
            let path = f.path.as_str();
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
            by_dir.entry(dir).or_default().push(f);
        }
        egui::ScrollArea::vertical()
            .id_salt("code-files")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (dir, files) in by_dir {
                    let list = |ui: &mut Ui| {
                        for f in files {
                            let path = f.path.as_str();
                            let name = path.rsplit('/').next().unwrap_or(path);
                            let chosen = self.chosen.as_deref() == Some(path);
                            if ui
                                .selectable_label(chosen, name)
                                .on_hover_text(path)
                                .clicked()
                            {
                                self.chosen = Some(path.to_owned());
                            }
                        }
                    };
                    if dir.is_empty() {
                        list(ui);
                    } else {
                        egui::CollapsingHeader::new(format!("{dir}/"))
                            .default_open(true)
                            .show(ui, list);
                    }
                }
            });
    }
}

impl DockPanel for CodePanel {
    fn title(&self) -> String {
        TITLE.to_owned()
    }

    fn ui(&mut self, ui: &mut Ui, ctx: &mut PanelContext<'_>) {
        // Room for a file list and some code, whatever height the dock had before.
        ui.set_min_height(DOCK_HEIGHT);
        let egui_ctx = ui.ctx().clone();
        self.refresh(ctx, &egui_ctx);
        let Some(files) = self.files.take() else {
            if self.pending.is_some() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Generating…");
                });
            } else {
                ui.label("Select a component to see the code `Export code…` writes for it.");
            }
            return;
        };
        match &files {
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            Ok(list) if list.is_empty() => {
                ui.label("Nothing is generated for this component on its own (it appears in docker-compose.yml and k8s/).");
            }
            Ok(list) => {
                if !self
                    .chosen
                    .as_deref()
                    .is_some_and(|c| list.iter().any(|f| f.path.as_str() == c))
                {
                    self.chosen = list.first().map(|f| f.path.as_str().to_owned());
                }
                egui::Panel::left("code-panel-files")
                    .resizable(true)
                    .default_size(240.0)
                    .min_size(140.0)
                    .show(ui, |ui| self.tree_ui(ui, list));
                let file = list
                    .iter()
                    .find(|f| Some(f.path.as_str()) == self.chosen.as_deref());
                if let Some(file) = file {
                    ui.horizontal(|ui| {
                        ui.strong(file.path.as_str());
                        if self.pending.is_some() {
                            ui.spinner();
                        }
                        if ui.small_button("Copy").clicked() {
                            ui.ctx().copy_text(file.contents.clone());
                        }
                    });
                    let theme = CodeTheme::from_memory(ui.ctx(), ui.style());
                    let code = super::problems::drawable(
                        ui.ctx(),
                        egui::FontFamily::Monospace,
                        &file.contents,
                    );
                    let job = highlight_with(
                        ui.ctx(),
                        ui.style(),
                        &theme,
                        &code,
                        syntax_of(file.path.as_str()),
                        syntaxes(),
                    );
                    egui::ScrollArea::both()
                        .id_salt("code-text")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            ui.add(egui::Label::new(job).selectable(true).extend());
                        });
                }
            }
        }
        self.files = Some(files);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The syntax egui_extras would pick for `path`: by name, then by extension.
    fn syntax_name(path: &str) -> Option<&'static str> {
        let ps = &syntaxes().ps;
        let token = syntax_of(path);
        ps.find_syntax_by_name(token)
            .or_else(|| ps.find_syntax_by_extension(token))
            .map(|s| s.name.as_str())
    }

    #[test]
    fn the_languages_of_generated_projects_have_their_own_syntax() {
        for (path, syntax) in [
            ("services/a/src/main.rs", "Rust"),
            ("services/a/src/index.ts", "TypeScript"),
            ("services/a/app/main.py", "Python"),
            ("services/a/main.go", "Go"),
            ("services/a/Cargo.toml", "TOML"),
            ("services/a/Dockerfile", "Dockerfile"),
            ("api/a.openapi.yaml", "YAML"),
            ("sql/db.sql", "SQL"),
            ("api/a.proto", "Protocol Buffer"),
            ("api/a.graphql", "GraphQL"),
            ("services/a/package.json", "JSON"),
            ("README.md", "Markdown"),
        ] {
            assert_eq!(syntax_name(path), Some(syntax), "{path}");
        }
    }

    #[test]
    fn every_file_an_export_writes_is_coloured() {
        let arch = crate::file::parse(include_str!("../../examples/shop.ron")).expect("parses");
        let mut plain = std::collections::BTreeSet::new();
        for language in crate::model::Language::ALL {
            let options = ExportOptions {
                language: Some(language),
                ..ExportOptions::default()
            };
            let plan = export::plan(&arch, &options).expect("plans");
            for file in plan.files() {
                let path = file.path.as_str();
                if syntax_name(path).is_none_or(|s| s == "Plain Text") {
                    plain.insert(path.rsplit('/').next().unwrap_or(path).to_owned());
                }
            }
        }
        // Lists of names, patterns and settings, with little to colour.
        let expected: std::collections::BTreeSet<String> = [
            ".dockerignore",
            ".env.example",
            "go.mod",
            "requirements.txt",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(plain, expected, "files shown as plain text");
    }
}
