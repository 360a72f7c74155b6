//! Pointer input: hover, pan, zoom, select, rubber band, move, connect, drop from the
//! palette. Gestures are shown while they run and become one edit when they end.

use std::collections::{BTreeSet, HashSet};

use egui::{Color32, Key, Painter, PointerButton, Pos2, Rect, Response, Shape, Stroke, Ui, Vec2};

use crate::edit::ops;
use crate::model::{Id, Kind};
use crate::theme::Mode;
use crate::ui::actions::Actions;
use crate::ui::document::Document;
use crate::ui::selection::Selection;
use crate::ui::style::color;

use super::hit::{Hit, group_at, hit_test};
use super::{Canvas, Gesture, overlays};

impl Canvas {
    pub(super) fn handle_input(
        &mut self,
        ui: &Ui,
        response: &Response,
        doc: &Document,
        selection: &Selection,
        actions: &mut Actions,
    ) {
        let rect = self.rect;
        let pointer = ui.input(|i| i.pointer.latest_pos());
        let over_canvas = pointer.is_some_and(|p| rect.contains(p)) && response.contains_pointer();
        let pointer_canvas = pointer.map(|p| self.camera.canvas_from_screen(rect, p));

        // Wheel: scroll pans, Ctrl+wheel and pinch zoom around the pointer.
        if over_canvas && !self.popup_open() {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            if zoom != 1.0
                && let Some(p) = pointer
            {
                self.target = None;
                self.camera.zoom_around(rect, p, zoom);
            }
            if scroll != Vec2::ZERO {
                self.target = None;
                self.camera.pan += scroll;
                self.camera.sanitize();
            }
        }

        // Hover and handles.
        if matches!(self.gesture, Gesture::None) {
            if let Some(pc) = pointer_canvas.filter(|_| over_canvas) {
                let keep = self.handles_of.filter(|n| {
                    self.scene.nodes.get(*n as usize).is_some_and(|node| {
                        node.rect
                            .expand(12.0 / self.camera.zoom.max(1e-6))
                            .contains(pc)
                    })
                });
                self.hover = hit_test(&self.scene, pc, self.camera.zoom, keep);
                self.handles_of = match self.hover {
                    Some(Hit::Node(n) | Hit::Handle(n)) => Some(n),
                    _ => keep,
                };
                if !super::lod::Lod::for_zoom(self.camera.zoom).shapes {
                    self.handles_of = None;
                }
            } else {
                self.hover = None;
                self.handles_of = None;
            }
        }

        if ui.input(|i| i.pointer.any_pressed()) {
            self.press_handles_of = self.handles_of;
        }
        let modifiers = ui.input(|i| i.modifiers);
        let additive = modifiers.shift || modifiers.command || modifiers.ctrl;

        // Drags.
        if response.drag_started() {
            let space =
                ui.input(|i| i.key_down(Key::Space)) && !ui.ctx().egui_wants_keyboard_input();
            let middle = ui.input(|i| i.pointer.button_down(PointerButton::Middle));
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .map(|p| self.camera.canvas_from_screen(rect, p));
            self.close_transient();
            self.gesture = if middle || space || response.dragged_by(PointerButton::Secondary) {
                Gesture::Pan
            } else if let Some(origin) = origin {
                match hit_test(&self.scene, origin, self.camera.zoom, self.press_handles_of) {
                    Some(Hit::Handle(n)) => Gesture::Connect {
                        from: n,
                        now: origin,
                    },
                    Some(Hit::Node(n)) => self.start_move(n, origin, selection, additive, actions),
                    _ => Gesture::Rubber {
                        start: origin,
                        now: origin,
                        additive,
                    },
                }
            } else {
                Gesture::None
            };
        }
        if response.dragged() {
            match &mut self.gesture {
                Gesture::Pan => {
                    self.target = None;
                    self.camera.pan += response.drag_delta();
                    self.camera.sanitize();
                }
                Gesture::Move {
                    anchor,
                    start,
                    offset,
                    ..
                } => {
                    if let Some(pc) = pointer_canvas {
                        let raw = pc - *start;
                        let anchor_centre = self
                            .scene
                            .nodes
                            .get(*anchor as usize)
                            .map_or(Pos2::ZERO, |n| n.rect.center());
                        let want = anchor_centre + raw;
                        let snapped = if self.snap {
                            let g = crate::theme::metrics::GRID;
                            Pos2::new((want.x / g).round() * g, (want.y / g).round() * g)
                        } else {
                            want
                        };
                        *offset = snapped - anchor_centre;
                    }
                }
                Gesture::Rubber { now, .. } | Gesture::Connect { now, .. } => {
                    if let Some(pc) = pointer_canvas {
                        *now = pc;
                    }
                }
                Gesture::None => {}
            }
        }
        if response.drag_stopped() {
            let gesture = std::mem::take(&mut self.gesture);
            self.finish(gesture, pointer_canvas, doc, selection, actions);
        }

        // Clicks.
        if response.clicked()
            && let Some(pc) = pointer_canvas
        {
            self.close_transient();
            self.click(pc, selection, additive, actions);
        }
        if response.double_clicked()
            && let Some(pc) = pointer_canvas
        {
            match hit_test(&self.scene, pc, self.camera.zoom, None) {
                Some(Hit::Node(n)) => {
                    if let Some(node) = self.scene.nodes.get(n as usize) {
                        self.rename = Some(overlays::Rename::new(node.id.clone(), &node.name));
                    }
                }
                Some(Hit::Edge(e)) => {
                    if let Some(edge) = self.scene.edges.get(e as usize) {
                        self.type_popup = Some(overlays::TypePopup {
                            connection: edge.id.clone(),
                        });
                    }
                }
                Some(Hit::Group(_) | Hit::Handle(_)) => {}
                None => {
                    self.quick_add = Some(overlays::QuickAdd::new(pc));
                }
            }
        }
        if response.secondary_clicked()
            && let Some(pc) = pointer_canvas
        {
            self.close_transient();
            self.context = Some(match hit_test(&self.scene, pc, self.camera.zoom, None) {
                Some(Hit::Node(n) | Hit::Handle(n)) => {
                    let id = self.node_id(n);
                    if let Some(id) = &id
                        && !selection.components.contains(id)
                    {
                        actions.select = Some(Selection::component(id.clone()));
                    }
                    id.map_or(
                        super::ContextTarget::Empty(pc),
                        super::ContextTarget::Component,
                    )
                }
                Some(Hit::Edge(e)) => match self.scene.edges.get(e as usize) {
                    Some(edge) => {
                        actions.select = Some(Selection::connection(edge.id.clone()));
                        super::ContextTarget::Connection(edge.id.clone())
                    }
                    None => super::ContextTarget::Empty(pc),
                },
                Some(Hit::Group(g)) => match self.scene.groups.get(g as usize) {
                    Some(group) => {
                        actions.select = Some(Selection::group(group.id.clone()));
                        super::ContextTarget::Group(group.id.clone())
                    }
                    None => super::ContextTarget::Empty(pc),
                },
                None => super::ContextTarget::Empty(pc),
            });
        }

        // A kind dragged from the palette.
        if let Some(kind) = response.dnd_release_payload::<Kind>()
            && let Some(pc) = pointer_canvas
        {
            self.add_at(*kind, pc, doc, actions);
        }
    }

    fn node_id(&self, n: u32) -> Option<Id> {
        self.scene.nodes.get(n as usize).map(|n| n.id.clone())
    }

    fn close_transient(&mut self) {
        self.type_popup = None;
        self.quick_add = None;
    }

    /// Adds a component of `kind` centred at `pos` (canvas), snapped, and selects it.
    pub fn add_at(&self, kind: Kind, pos: Pos2, doc: &Document, actions: &mut Actions) {
        let (edit, id) = ops::add_component(&doc.arch, kind, self.snap(pos.x), self.snap(pos.y));
        actions.edit_and_select(
            format!("add {}", kind.label()),
            edit,
            Selection::component(id),
        );
    }

    fn start_move(
        &self,
        n: u32,
        origin: Pos2,
        selection: &Selection,
        additive: bool,
        actions: &mut Actions,
    ) -> Gesture {
        let Some(id) = self.node_id(n) else {
            return Gesture::None;
        };
        let ids: Vec<Id> = if selection.components.contains(&id) {
            selection.components.iter().cloned().collect()
        } else {
            let mut s = if additive {
                selection.clone()
            } else {
                Selection::default()
            };
            s.components.insert(id.clone());
            let ids = s.components.iter().cloned().collect();
            actions.select = Some(s);
            ids
        };
        let nodes: HashSet<u32> = ids
            .iter()
            .filter_map(|i| self.scene.node_by_id.get(i).copied())
            .collect();
        Gesture::Move {
            nodes,
            anchor: n,
            start: origin,
            offset: Vec2::ZERO,
        }
    }

    fn click(&mut self, pc: Pos2, selection: &Selection, additive: bool, actions: &mut Actions) {
        let hit = hit_test(&self.scene, pc, self.camera.zoom, None);
        let mut next = if additive {
            selection.clone()
        } else {
            Selection::default()
        };
        match hit {
            Some(Hit::Node(n) | Hit::Handle(n)) => {
                if let Some(id) = self.node_id(n) {
                    if additive {
                        next.toggle_component(&id);
                    } else {
                        next.components.insert(id);
                    }
                }
            }
            Some(Hit::Edge(e)) => {
                if let Some(edge) = self.scene.edges.get(e as usize) {
                    if additive {
                        next.toggle_connection(&edge.id);
                    } else {
                        next.connections.insert(edge.id.clone());
                    }
                }
            }
            Some(Hit::Group(g)) => {
                if let Some(group) = self.scene.groups.get(g as usize) {
                    next.groups.insert(group.id.clone());
                }
            }
            None => {}
        }
        if &next != selection {
            actions.select = Some(next);
        }
    }

    fn finish(
        &mut self,
        gesture: Gesture,
        pointer_canvas: Option<Pos2>,
        doc: &Document,
        selection: &Selection,
        actions: &mut Actions,
    ) {
        match gesture {
            Gesture::None | Gesture::Pan => {}
            Gesture::Move { nodes, offset, .. } => {
                let ids: BTreeSet<Id> = nodes.iter().filter_map(|n| self.node_id(*n)).collect();
                if ids.is_empty() {
                    return;
                }
                let mut edits = Vec::new();
                if offset != Vec2::ZERO {
                    let targets: Vec<(Id, f32, f32)> = nodes
                        .iter()
                        .filter_map(|n| {
                            let node = self.scene.nodes.get(*n as usize)?;
                            let c = node.rect.center() + offset;
                            Some((node.id.clone(), c.x, c.y))
                        })
                        .collect();
                    edits.push(ops::move_to(&doc.arch, &targets));
                    // Dropping into (or out of) a group changes membership.
                    if let Some(pc) = pointer_canvas {
                        let target = group_at(&self.scene, pc)
                            .and_then(|g| self.scene.groups.get(g as usize))
                            .map(|g| g.id.clone());
                        let moved: BTreeSet<Id> = ids
                            .iter()
                            .filter(|id| {
                                let direct: Vec<&Id> =
                                    doc.arch.groups_of(id).map(|g| &g.id).collect();
                                match &target {
                                    Some(t) => !direct.contains(&t),
                                    None => !direct.is_empty(),
                                }
                            })
                            .cloned()
                            .collect();
                        if !moved.is_empty() {
                            edits.push(ops::set_group(&doc.arch, &moved, target.as_ref()));
                        }
                    }
                }
                let edit = crate::edit::Edit::Batch(edits);
                if !edit.is_empty() {
                    let label = if ids.len() == 1 {
                        format!("move {}", ids.iter().next().map(Id::as_str).unwrap_or(""))
                    } else {
                        format!("move {} components", ids.len())
                    };
                    actions.edit(label, edit);
                }
            }
            Gesture::Rubber {
                start,
                now,
                additive,
            } => {
                let band = Rect::from_two_pos(start, now);
                let mut next = if additive {
                    selection.clone()
                } else {
                    Selection::default()
                };
                for n in self.scene.node_index.query(band) {
                    if let Some(node) = self.scene.nodes.get(n as usize)
                        && band.intersects(node.rect)
                    {
                        next.components.insert(node.id.clone());
                    }
                }
                actions.select = Some(next);
            }
            Gesture::Connect { from, now } => {
                let Some(from_id) = self.node_id(from) else {
                    return;
                };
                let target = match hit_test(&self.scene, now, self.camera.zoom, None) {
                    Some(Hit::Node(n) | Hit::Handle(n)) => self.node_id(n),
                    _ => None,
                };
                let Some(to_id) = target else { return };
                match ops::connect(&doc.arch, &from_id, &to_id, self.connect_as) {
                    Ok((edit, id)) => {
                        actions.edit_and_select(
                            format!("connect {from_id} to {to_id}"),
                            edit,
                            Selection::connection(id.clone()),
                        );
                        self.type_popup = Some(overlays::TypePopup { connection: id });
                    }
                    Err(e) => actions.error(e.to_string()),
                }
            }
        }
    }

    pub(super) fn paint_gesture(&self, painter: &Painter, mode: Mode) {
        let p = mode.palette();
        match &self.gesture {
            Gesture::Rubber { start, now, .. } => {
                let r = Rect::from_two_pos(
                    self.camera.screen_from_canvas(self.rect, *start),
                    self.camera.screen_from_canvas(self.rect, *now),
                );
                painter.rect(
                    r,
                    0.0,
                    color(p.selection).gamma_multiply(0.12),
                    Stroke::new(1.0, color(p.selection)),
                    egui::StrokeKind::Inside,
                );
            }
            Gesture::Connect { from, now } => {
                let Some(node) = self.scene.nodes.get(*from as usize) else {
                    return;
                };
                let a = self
                    .camera
                    .screen_from_canvas(self.rect, node.rect.center());
                let b = self.camera.screen_from_canvas(self.rect, *now);
                let ok = matches!(
                    hit_test(&self.scene, *now, self.camera.zoom, None),
                    Some(Hit::Node(n)) if n != *from
                );
                let col = if ok {
                    color(p.selection)
                } else {
                    Color32::from_gray(140)
                };
                painter.extend(Shape::dashed_line(&[a, b], Stroke::new(2.0, col), 6.0, 4.0));
                painter.circle_filled(b, 4.0, col);
            }
            _ => {}
        }
    }
}
