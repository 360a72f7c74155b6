//! A comparison of the open model with another version of it (File → Compare with…): the
//! semantic diff (`crate::diff`), the list of changes to step through, and how it is laid
//! over the canvas (added in green, changed in amber, removed as red ghosts where they were).
//!
//! The open model is the new side, the other version the old one; the diff is recomputed
//! whenever the open model changes, so the overlay follows editing.

use std::path::PathBuf;

use egui::Color32;

use crate::diff::{self, Anchor, Diff, Op, Status};
use crate::model::Architecture;

use super::canvas::geometry::edge_segment;
use super::canvas::scene::Scene;
use super::canvas::{Ghost, Layer};

/// Added items.
pub const ADDED: Color32 = Color32::from_rgb(46, 160, 67);
/// Changed items.
pub const CHANGED: Color32 = Color32::from_rgb(214, 150, 0);
/// Removed items (ghosts).
pub const REMOVED: Color32 = Color32::from_rgb(218, 54, 51);

/// The colour of an item with `status`.
pub fn status_color(status: Status) -> Color32 {
    match status {
        Status::Added => ADDED,
        Status::Removed => REMOVED,
        Status::Changed | Status::Moved => CHANGED,
    }
}

/// One line of the Changes list: a whole item added or removed, or one changed property.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeRow {
    /// The item's status (the row's colour).
    pub status: Status,
    /// Where the canvas shows it, if anywhere.
    pub anchor: Option<Anchor>,
    /// What people read: `+ component ledger (service) added`, `~ component gateway ·
    /// kind.rate_limit: 600 → 1200`.
    pub text: String,
}

/// The open model compared with another version.
#[derive(Debug)]
pub struct Comparison {
    /// What the open model is compared with, for people (`HEAD~1`, `shop-v1.ron`).
    pub against: String,
    /// The other version (the old side).
    pub old: Architecture,
    /// The difference from `old` to the open model.
    pub diff: Diff,
    /// The rows of the Changes list, in review order.
    pub rows: Vec<ChangeRow>,
    /// The row stepped to last.
    pub current: Option<usize>,
    /// The document generation the diff was computed for.
    pub(super) generation: u64,
    /// The open file when the comparison started; opening another file ends it.
    pub(super) doc_path: Option<PathBuf>,
    old_scene: Scene,
}

impl Comparison {
    /// Compares `new` (the open model) with `old`.
    pub fn new(
        against: String,
        old: Architecture,
        new: &Architecture,
        generation: u64,
        doc_path: Option<PathBuf>,
    ) -> Self {
        let old_scene = Scene::build(&old);
        let mut c = Self {
            against,
            old,
            diff: Diff::default(),
            rows: Vec::new(),
            current: None,
            generation,
            doc_path,
            old_scene,
        };
        c.refresh(new, generation);
        c
    }

    /// Recomputes the difference with the open model as it is now.
    pub fn refresh(&mut self, new: &Architecture, generation: u64) {
        self.diff = diff::compare(&self.old, new, &diff::Options { layout: false });
        self.rows = rows(&self.diff);
        self.generation = generation;
        if self.current.is_some_and(|i| i >= self.rows.len()) {
            self.current = self.rows.len().checked_sub(1);
        }
    }

    /// The row after the current one (the first if none), wrapping around.
    pub fn next_row(&mut self) -> Option<usize> {
        let n = self.rows.len();
        if n == 0 {
            return None;
        }
        let i = self.current.map_or(0, |i| (i + 1) % n);
        self.current = Some(i);
        Some(i)
    }

    /// The row before the current one (the last if none), wrapping around.
    pub fn previous_row(&mut self) -> Option<usize> {
        let n = self.rows.len();
        if n == 0 {
            return None;
        }
        let i = self.current.map_or(n - 1, |i| (i + n - 1) % n);
        self.current = Some(i);
        Some(i)
    }

    /// Fills the canvas layer: tints for added and changed components, connections and
    /// groups; ghosts for removed components, connections and groups, where the old model
    /// drew them.
    pub fn fill(&self, layer: &mut Layer) {
        *layer = Layer::default();
        for (anchor, status) in self.diff.canvas_marks() {
            match (status, &anchor) {
                (Status::Removed, Anchor::Component(id)) => {
                    if let Some(n) = self.old_scene.node(id.as_str()) {
                        layer.ghosts.push((
                            Ghost::Box {
                                rect: n.rect,
                                label: n.name.clone(),
                            },
                            REMOVED,
                        ));
                    }
                }
                (Status::Removed, Anchor::Connection(id)) => {
                    if let Some((from, to)) = self.old_line(id.as_str()) {
                        layer.ghosts.push((Ghost::Line { from, to }, REMOVED));
                    }
                }
                (Status::Removed, Anchor::Group(id)) => {
                    if let Some(g) = self.old_scene.groups.iter().find(|g| &g.id == id) {
                        layer.ghosts.push((
                            Ghost::Frame {
                                rect: g.rect,
                                label: g.name.clone(),
                            },
                            REMOVED,
                        ));
                    }
                }
                (status, anchor) => {
                    layer
                        .tints
                        .insert(anchor.id().clone(), status_color(status));
                }
            }
        }
    }

    /// Where the old model drew the connection `id`.
    fn old_line(&self, id: &str) -> Option<(egui::Pos2, egui::Pos2)> {
        let s = &self.old_scene;
        let edge = s.edges.get(*s.edge_by_id.get(id)? as usize)?;
        let a = s.nodes.get(edge.from as usize)?.rect;
        let b = s.nodes.get(edge.to as usize)?.rect;
        edge_segment(a, b, edge.lane)
    }

    /// Where the old model drew a removed item (to centre on its ghost), in canvas units.
    pub fn old_centre(&self, anchor: &Anchor) -> Option<egui::Pos2> {
        match anchor {
            Anchor::Component(id) => self.old_scene.node(id.as_str()).map(|n| n.rect.center()),
            Anchor::Connection(id) => self.old_line(id.as_str()).map(|(a, b)| a + (b - a) / 2.0),
            Anchor::Group(id) => self
                .old_scene
                .groups
                .iter()
                .find(|g| g.id == *id)
                .map(|g| g.rect.center()),
        }
    }
}

fn rows(diff: &Diff) -> Vec<ChangeRow> {
    diff.steps()
        .map(|(entry, change)| {
            let mut text = format!("{} {}", entry.status.marker(), entry.subject.noun());
            if let Some(id) = entry.subject.id() {
                text.push(' ');
                text.push_str(id.as_str());
            }
            match change {
                None => {
                    if !entry.detail.is_empty() {
                        text.push_str(&format!(" ({})", entry.detail));
                    }
                    text.push(' ');
                    text.push_str(entry.status.word());
                }
                Some(c) => {
                    let before = c.before.as_deref().unwrap_or("");
                    let after = c.after.as_deref().unwrap_or("");
                    text.push_str(&match c.op {
                        Op::Changed => format!(" · {}: {before} → {after}", c.path),
                        Op::Added => format!(" · + {}: {after}", c.path),
                        Op::Removed => format!(" · - {}: {before}", c.path),
                    });
                }
            }
            ChangeRow {
                status: entry.status,
                anchor: entry.anchor.clone(),
                text,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Group, GroupKind, Kind, Placement};

    fn model(ids: &[&str]) -> Architecture {
        let mut a = Architecture::new("m");
        for (i, id) in ids.iter().enumerate() {
            let id = crate::model::Id::new(*id).unwrap();
            a.components
                .insert(Component::new(id.clone(), id.as_str(), Kind::Service));
            a.layout.insert(id, Placement::at(300.0 * i as f32, 0.0));
        }
        a
    }

    #[test]
    fn a_removed_group_is_a_ghost_frame_around_where_its_members_were() {
        let mut old = model(&["a", "b"]);
        let mut g = Group::new(id!("team"), "Team", GroupKind::BoundedContext);
        g.members.insert(id!("a"));
        g.members.insert(id!("b"));
        old.groups.insert(g);
        let new = model(&["a", "b"]);
        let cmp = Comparison::new("old".into(), old, &new, 1, None);
        let mut layer = Layer::default();
        cmp.fill(&mut layer);
        let [(Ghost::Frame { rect, label }, REMOVED)] = &layer.ghosts[..] else {
            panic!("one ghost frame: {:?}", layer.ghosts);
        };
        assert_eq!(label, "Team");
        assert!(rect.contains(egui::pos2(0.0, 0.0)) && rect.contains(egui::pos2(300.0, 0.0)));
    }

    #[test]
    fn overlay_colours_added_and_changed_and_ghosts_removed() {
        let old = model(&["a", "b", "c"]);
        let mut new = model(&["a", "b", "d"]);
        if let Some(b) = new.components.get_mut("b") {
            b.name = "Bee".into();
        }
        let cmp = Comparison::new("old".into(), old, &new, 1, None);
        let mut layer = Layer::default();
        cmp.fill(&mut layer);
        assert_eq!(layer.tints.get(&id!("d")), Some(&ADDED));
        assert_eq!(layer.tints.get(&id!("b")), Some(&CHANGED));
        assert!(!layer.tints.contains_key(&id!("a")));
        assert!(
            matches!(&layer.ghosts[..], [(Ghost::Box { label, .. }, REMOVED)] if label == "c"),
            "{:?}",
            layer.ghosts
        );
        let texts: Vec<&str> = cmp.rows.iter().map(|r| r.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.starts_with("~ component b · name")),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.starts_with("- component c")),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.starts_with("+ component d")),
            "{texts:?}"
        );
    }

    #[test]
    fn stepping_wraps_both_ways() {
        let cmp_old = model(&["a"]);
        let new = model(&["a", "b", "c"]);
        let mut cmp = Comparison::new("old".into(), cmp_old, &new, 1, None);
        assert_eq!(cmp.rows.len(), 2);
        assert_eq!(cmp.next_row(), Some(0));
        assert_eq!(cmp.next_row(), Some(1));
        assert_eq!(cmp.next_row(), Some(0));
        assert_eq!(cmp.previous_row(), Some(1));
        cmp.refresh(&model(&["a"]), 2);
        assert!(cmp.rows.is_empty());
        assert_eq!(cmp.current, None);
        assert_eq!(cmp.next_row(), None);
    }
}
