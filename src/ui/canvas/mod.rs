//! The canvas: the model drawn as boxes and lines, and the gestures that edit it.
//!
//! Split by job: [`scene`] resolves the model once per change; [`spatial`] finds what is near
//! a point or in view; [`paint`] (with [`shapes`], [`lod`] and [`text_cache`]) draws what is
//! visible at the detail the zoom allows; [`interaction`] turns pointer input into gestures
//! and gestures into edits; [`overlays`], [`context_menu`] and [`minimap`] are the small
//! floating parts. The canvas never changes the document: it pushes edits into
//! [`Actions`](crate::ui::actions::Actions).

pub mod batch;
pub mod camera;
mod context_menu;
pub mod dashes;
pub mod geometry;
pub mod hit;
mod interaction;
pub mod lod;
pub mod marks;
mod minimap;
mod overlays;
pub mod paint;
mod review;
pub mod scene;
mod scene_update;
pub mod shapes;
pub mod spatial;
pub mod text_cache;

use std::collections::HashSet;

use egui::{Pos2, Rect, Role, Sense, Ui, Vec2, WidgetInfo};

use crate::model::{ConnectionType, Id};
use crate::theme::metrics;

use super::actions::Actions;
use super::document::Document;
use super::selection::Selection;
use super::style::mode_of;

use camera::Camera;
use hit::Hit;
pub use marks::{Badge, Ghost, Layer, Marks};
use scene::Scene;
use text_cache::TextCache;

/// A drag in progress.
#[derive(Clone, Debug, Default)]
pub enum Gesture {
    /// Nothing.
    #[default]
    None,
    /// Moving the view.
    Pan,
    /// Moving components: shown offset, applied as one edit on release.
    Move {
        /// The nodes moving.
        nodes: HashSet<u32>,
        /// The node grabbed (snapping follows it).
        anchor: u32,
        /// Where the drag started (canvas).
        start: Pos2,
        /// Current offset (canvas).
        offset: Vec2,
    },
    /// Selecting with a rectangle.
    Rubber {
        /// Where it started (canvas).
        start: Pos2,
        /// Where the pointer is (canvas).
        now: Pos2,
        /// Add to the selection rather than replace it.
        additive: bool,
    },
    /// Drawing a new connection from a handle.
    Connect {
        /// The node it starts from.
        from: u32,
        /// Where the pointer is (canvas).
        now: Pos2,
    },
}

/// What a context menu was opened on.
#[derive(Clone, Debug, PartialEq)]
pub enum ContextTarget {
    /// A component.
    Component(Id),
    /// A connection.
    Connection(Id),
    /// A group.
    Group(Id),
    /// Empty canvas at this canvas point.
    Empty(Pos2),
}

/// The canvas's view state (never saved in the model).
#[derive(Debug)]
pub struct Canvas {
    /// Current camera.
    pub camera: Camera,
    target: Option<Camera>,
    scene: Scene,
    /// The document version ([`Document::version`]) the scene shows.
    scene_version: (u64, u64),
    text: TextCache,
    dashes: dashes::DashTextures,
    meshes: batch::MeshPool,
    density_texture: minimap::DensityTexture,
    gesture: Gesture,
    hover: Option<Hit>,
    handles_of: Option<u32>,
    /// The handles shown when the button went down: a drag is recognised only after the
    /// pointer moved away from them.
    press_handles_of: Option<u32>,
    /// Draw the grid.
    pub grid: bool,
    /// Snap to the grid.
    pub snap: bool,
    /// Show the minimap.
    pub minimap: bool,
    /// The type new connections get (`None`: the matrix's default for the pair).
    pub connect_as: Option<ConnectionType>,
    rename: Option<overlays::Rename>,
    quick_add: Option<overlays::QuickAdd>,
    type_popup: Option<overlays::TypePopup>,
    context: Option<ContextTarget>,
    fit_pending: bool,
    /// The camera the last automatic fit set; while the camera is still there, a canvas that
    /// changes size (panels appearing after a file opens) is fitted again.
    auto_fit: Option<Camera>,
    rect: Rect,
    /// Visible components and connections in the last frame.
    pub last_visible: (usize, usize),
    /// Badges, tints, dimming and pulses laid over the drawing by other parts of the editor.
    pub marks: Marks,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            camera: Camera::default(),
            target: None,
            scene: Scene::default(),
            scene_version: (0, 0),
            text: TextCache::default(),
            dashes: dashes::DashTextures::default(),
            meshes: batch::MeshPool::default(),
            density_texture: minimap::DensityTexture::default(),
            gesture: Gesture::None,
            hover: None,
            handles_of: None,
            press_handles_of: None,
            grid: true,
            snap: true,
            minimap: true,
            connect_as: None,
            rename: None,
            quick_add: None,
            type_popup: None,
            context: None,
            fit_pending: true,
            auto_fit: None,
            rect: Rect::ZERO,
            last_visible: (0, 0),
            marks: Marks::default(),
        }
    }
}

impl Canvas {
    /// The scene of the current document (rebuilt when it changed).
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// Brings the scene up to date if the document changed since the last frame: in place
    /// after moves and the like, else built anew.
    pub fn sync(&mut self, doc: &Document) {
        let version = doc.version();
        if self.scene_version != version {
            let updated = doc
                .changes_since(self.scene_version)
                .is_some_and(|touched| self.scene.update(&doc.arch, &touched));
            if !updated {
                self.scene = Scene::build(&doc.arch);
            }
            self.scene_version = version;
            // Popups about things that may be gone.
            if let Some(r) = &self.rename
                && self.scene.node(r.id.as_str()).is_none()
            {
                self.rename = None;
            }
            if let Some(t) = &self.type_popup
                && !self.scene.edge_by_id.contains_key(&t.connection)
            {
                self.type_popup = None;
            }
            self.handles_of = None;
            self.hover = None;
        }
    }

    /// Shows everything on the next frame (after a file is opened).
    pub fn fit_next_frame(&mut self) {
        self.fit_pending = true;
    }

    /// Animates to show everything.
    pub fn fit(&mut self) {
        if self.rect.is_positive() {
            self.target = Some(Camera::fit(self.rect, self.scene.bounds));
        } else {
            self.fit_pending = true;
        }
    }

    /// Animates to show the canvas point `centre` in the middle at `zoom` (a saved viewport).
    pub fn look_at(&mut self, centre: Pos2, zoom: f32) {
        self.fit_pending = false;
        self.target = Some(Camera::centred_on(self.rect, centre, zoom));
    }

    /// Animates to show the canvas rectangle `bounds` (what a view shows).
    pub fn fit_to(&mut self, bounds: Rect) {
        self.fit_pending = false;
        self.target = Some(Camera::fit(self.rect, bounds));
    }

    /// The screen rectangle the canvas was drawn in last frame.
    pub fn screen_rect(&self) -> Rect {
        self.rect
    }

    /// Animates a zoom by `factor` around the centre of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        let mut t = self.target.unwrap_or(self.camera);
        t.zoom_around(self.rect, self.rect.center(), factor);
        self.target = Some(t);
    }

    /// Animates to 100 %, keeping the centre.
    pub fn zoom_reset(&mut self) {
        let centre = self
            .camera
            .canvas_from_screen(self.rect, self.rect.center());
        self.target = Some(Camera::centred_on(self.rect, centre, 1.0));
    }

    /// Animates to centre the component `id`.
    pub fn centre_on(&mut self, id: &str) {
        if let Some(n) = self.scene.node(id) {
            let zoom = self.camera.zoom.max(0.6);
            self.target = Some(Camera::centred_on(self.rect, n.rect.center(), zoom));
        }
    }

    /// Animates to show `rect_in_canvas`: centred at the current zoom (at least 60 %) when it
    /// fits, else zoomed out until it does.
    pub fn show_rect(&mut self, rect_in_canvas: Rect) {
        if !self.rect.is_positive() || !rect_in_canvas.is_finite() {
            return;
        }
        let zoom = self.camera.zoom.max(0.6);
        let room = self.rect.shrink(40.0).size();
        let size = rect_in_canvas.size() * zoom;
        self.target = Some(if size.x <= room.x && size.y <= room.y {
            Camera::centred_on(self.rect, rect_in_canvas.center(), zoom)
        } else {
            Camera::fit(self.rect, rect_in_canvas)
        });
    }

    /// The canvas point in the middle of the view.
    pub fn view_centre(&self) -> Pos2 {
        self.camera
            .canvas_from_screen(self.rect, self.rect.center())
    }

    /// Opens the in-place rename field on component `id`.
    pub fn start_rename(&mut self, id: &Id, name: &str) {
        self.rename = Some(overlays::Rename::new(id.clone(), name));
    }

    /// Closes popups (Escape).
    pub fn close_popups(&mut self) -> bool {
        let any = self.rename.is_some() || self.quick_add.is_some() || self.type_popup.is_some();
        self.rename = None;
        self.quick_add = None;
        self.type_popup = None;
        any
    }

    /// Whether a popup of the canvas has the keyboard.
    pub fn popup_open(&self) -> bool {
        self.rename.is_some() || self.quick_add.is_some()
    }

    /// Rounds to the grid when snapping is on.
    pub fn snap(&self, v: f32) -> f32 {
        if self.snap {
            (v / metrics::GRID).round() * metrics::GRID
        } else {
            v
        }
    }

    /// Whether a gesture or camera animation is running.
    pub fn is_busy(&self) -> bool {
        !matches!(self.gesture, Gesture::None) || self.target.is_some()
    }

    /// Draws the canvas in all of `ui`'s remaining space and handles its input.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        selection: &Selection,
        actions: &mut Actions,
    ) {
        self.sync(doc);
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, "canvas"));
        let resized = self.rect.size() != rect.size();
        self.rect = rect;
        let refit = resized && self.target.is_none() && self.auto_fit == Some(self.camera);
        if (self.fit_pending || refit) && rect.is_positive() {
            self.camera = Camera::fit(rect, self.scene.bounds);
            self.fit_pending = false;
            self.auto_fit = Some(self.camera);
        }
        self.animate(ui);
        self.text.begin_frame();

        self.handle_input(ui, &response, doc, selection, actions);

        let mode = mode_of(ui.ctx());
        let (moving, offset) = match &self.gesture {
            Gesture::Move { nodes, offset, .. } => (nodes.clone(), *offset),
            _ => (HashSet::new(), Vec2::ZERO),
        };
        let renaming = self
            .rename
            .as_ref()
            .and_then(|r| self.scene.node_by_id.get(&r.id).copied());
        self.dashes.load(
            ui.ctx(),
            ConnectionType::ALL
                .iter()
                .filter_map(|&ty| crate::theme::edge_style(ty).dash),
        );
        let painter = ui.painter_at(rect);
        let painted = paint::paint(
            &painter,
            &mut self.text,
            &mut self.meshes,
            &paint::PaintInput {
                scene: &self.scene,
                camera: self.camera,
                rect,
                mode,
                selection,
                hover: self.hover,
                moving: &moving,
                offset,
                grid: self.grid,
                handles_of: self.handles_of,
                renaming,
                marks: &self.marks,
                dashes: &self.dashes,
            },
        );
        self.last_visible = (painted.nodes.len(), painted.edges.len());
        if painted.lod.is_some_and(|l| l.names) && accessibility_on(ui, response.id) {
            self.register_widgets(ui, rect, &painted);
        }
        self.paint_gesture(&painter, mode);
        if self.minimap {
            minimap::ui(self, ui, rect, mode);
        }
        self.overlays_ui(ui, doc, actions);
        self.context_menu(&response, doc, selection, actions);
        if self.text.end_frame() {
            ui.ctx().request_repaint();
        }
    }

    /// Gives every visible component and connection an accessibility node named by its id,
    /// so screen readers and `egui_kittest` can find and click them. Only called while
    /// an accessibility tree is built: each node is an egui widget, and a view crossed by
    /// hundreds of connections would otherwise spend more on them than on drawing.
    fn register_widgets(&self, ui: &mut Ui, rect: Rect, painted: &paint::Painted) {
        for &n in &painted.nodes {
            let Some(node) = self.scene.nodes.get(n as usize) else {
                continue;
            };
            let r = self.camera.screen_rect(rect, node.rect).intersect(rect);
            if !r.is_positive() {
                continue;
            }
            let resp = ui.interact(
                r,
                ui.scope_id().with(("component", &node.id)),
                Sense::hover(),
            );
            let label = node.id.to_string();
            resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        }
        for &(e, mid) in &painted.edge_mids {
            let Some(edge) = self.scene.edges.get(e as usize) else {
                continue;
            };
            if !rect.contains(mid) {
                continue;
            }
            let r = Rect::from_center_size(mid, Vec2::splat(8.0));
            let resp = ui.interact(
                r,
                ui.scope_id().with(("connection", &edge.id)),
                Sense::hover(),
            );
            let label = edge.id.to_string();
            resp.widget_info(|| WidgetInfo::labeled(Role::Link, true, &label));
        }
    }

    fn animate(&mut self, ui: &Ui) {
        let Some(target) = self.target else { return };
        let dt = ui.input(|i| i.stable_dt).clamp(0.001, 0.1);
        let t = 1.0 - (-dt * 14.0).exp();
        if self.camera.approach(&target, t) {
            self.target = None;
        } else {
            ui.ctx().request_repaint();
        }
    }
}

/// Whether egui builds an accessibility tree this frame (a screen reader or a test asked for
/// one): then the canvas's own widget, `canvas`, has a node in it.
fn accessibility_on(ui: &Ui, canvas: egui::Id) -> bool {
    ui.ctx().accesskit_node_builder(canvas, |_| ()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_document_at_the_same_generation_is_drawn() {
        // The untitled document at start and a file opened next are both at generation 1.
        let mut canvas = Canvas::default();
        canvas.sync(&Document::untitled());
        assert!(canvas.scene().nodes.is_empty());
        let arch = crate::file::parse(include_str!("../../../examples/shop.ron")).unwrap();
        let opened = Document::with(arch, None);
        assert_eq!(opened.generation, 1);
        canvas.sync(&opened);
        assert_eq!(canvas.scene().nodes.len(), opened.arch.components.len());
    }

    /// The labels of the accessibility nodes of one frame of the canvas on the shop example,
    /// with an accessibility tree asked for or not.
    fn accessible_labels(accesskit: bool) -> Vec<String> {
        let arch = crate::file::parse(include_str!("../../../examples/shop.ron")).unwrap();
        let doc = Document::with(arch, None);
        let ctx = egui::Context::default();
        if accesskit {
            ctx.enable_accesskit();
        }
        let mut canvas = Canvas::default();
        let mut labels = Vec::new();
        for _ in 0..2 {
            let raw = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1400.0, 860.0))),
                ..Default::default()
            };
            let mut out = ctx.run_ui(raw, |ui| {
                canvas.ui(ui, &doc, &Selection::default(), &mut Actions::default());
            });
            out.textures_delta.clear();
            labels = out
                .platform_output
                .accesskit_update
                .map(|u| {
                    u.nodes
                        .iter()
                        .filter_map(|(_, n)| n.label().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
        }
        labels
    }

    #[test]
    fn components_and_connections_are_accessible_while_a_tree_is_built() {
        let labels = accessible_labels(true);
        for id in ["web-to-gateway", "payments"] {
            assert!(labels.iter().any(|l| l == id), "{id} in {labels:?}");
        }
        assert!(accessible_labels(false).is_empty());
    }
}
