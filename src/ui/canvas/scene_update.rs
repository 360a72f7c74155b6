//! Updating a scene in place after the common edits, instead of building it anew.
//!
//! A build resolves every id of the model (tens of milliseconds at 5 000 components); a
//! moved or renamed component changes one node, the index entries of its box and of its
//! connections' lines, the boxes of its groups, the bounds and the minimap's density. Those
//! are redone here; the result is exactly what [`Scene::build`] would give (the tests compare
//! the two after random edits). Edits that add, remove or reconnect things, and any edit
//! while some component has no placement of its own (the fallback places it around the
//! others), still rebuild.

use crate::edit::Touched;
use crate::model::Architecture;

use super::scene::{Scene, bounds, density, edge_item, edge_line, group_boxes, node_box};

impl Scene {
    /// Brings the scene up to date with `arch`, which differs from the scene's model by
    /// changes that touched `touched`. Returns `false` when that cannot be done in place:
    /// the scene is then part-updated, and the caller builds it anew.
    pub fn update(&mut self, arch: &Architecture, touched: &Touched) -> bool {
        if touched.structure {
            return false;
        }
        if touched.components.is_empty() && !touched.groups {
            return true;
        }
        if self.unplaced > 0 {
            return false;
        }
        let mut moved = false;
        let mut in_group = touched.groups;
        let mut edges = Vec::new();
        for id in &touched.components {
            let (c, n) = match (arch.components.get(id.as_str()), self.node_by_id.get(id)) {
                (Some(c), Some(&n)) => (c, n),
                // A placement for something that is not a component draws nothing.
                (None, None) => continue,
                // A component came or went.
                _ => return false,
            };
            let Some(p) = arch.layout.get(id) else {
                return false;
            };
            let Some(node) = self.nodes.get_mut(n as usize) else {
                return false;
            };
            node.kind = c.kind();
            if node.name != c.name {
                node.name.clone_from(&c.name);
            }
            node.tech = c.spec.technology_label();
            let rect = node_box(c, p);
            if node.rect != rect {
                node.rect = rect;
                self.node_index.set_rect(n, rect);
                if let Some(list) = self.edges_of.get(n as usize) {
                    edges.extend_from_slice(list);
                }
                moved = true;
                in_group = in_group || arch.groups.iter().any(|g| g.members.contains(id));
            }
        }
        edges.sort_unstable();
        edges.dedup();
        for e in edges {
            if let Some(edge) = self.edges.get(e as usize) {
                self.edge_index.set_segment(e, edge_item(&self.nodes, edge));
                if let Some(line) = self.lines.get_mut(e as usize) {
                    *line = edge_line(&self.nodes, edge);
                }
            }
        }
        if in_group {
            self.groups = group_boxes(arch, &self.nodes, &self.node_by_id);
        }
        if moved || in_group {
            self.bounds = bounds(&self.nodes, &self.groups);
            self.density = density(&self.nodes, self.bounds);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use crate::edit::{Edit, ops};
    use crate::model::generate::generate;
    use crate::model::{Group, GroupKind, Id};
    use crate::ui::Document;

    use super::*;

    /// One edit of the kinds the editor makes, on components picked by number.
    #[derive(Clone, Debug)]
    enum Step {
        /// Move these components by this much (a drag, an arrange command).
        Move(Vec<usize>, f32, f32),
        /// Rename one (a name change resizes nothing but is drawn).
        Rename(usize),
        /// Put a few components in a new group.
        Group(Vec<usize>),
        /// Delete one (a structural edit: rebuilds).
        Delete(usize),
        Undo,
        Redo,
    }

    fn step() -> impl Strategy<Value = Step> {
        let picks = proptest::collection::vec(0usize..1000, 1..6);
        prop_oneof![
            6 => (picks.clone(), -3e3f32..3e3, -3e3f32..3e3).prop_map(|(p, dx, dy)| Step::Move(p, dx, dy)),
            1 => (0usize..1000).prop_map(Step::Rename),
            1 => picks.prop_map(Step::Group),
            1 => (0usize..1000).prop_map(Step::Delete),
            3 => Just(Step::Undo),
            2 => Just(Step::Redo),
        ]
    }

    fn ids(doc: &Document, picks: &[usize]) -> BTreeSet<Id> {
        let all: Vec<&Id> = doc.arch.components.ids().collect();
        picks
            .iter()
            .filter_map(|&i| all.get(i % all.len().max(1)).map(|id| (*id).clone()))
            .collect()
    }

    fn apply(doc: &mut Document, step: &Step, n: usize) {
        match step {
            Step::Move(picks, dx, dy) => {
                let edit = ops::move_by(&doc.arch, &ids(doc, picks), *dx, *dy);
                doc.apply("move", edit, None).unwrap();
            }
            Step::Rename(i) => {
                if let Some(id) = ids(doc, &[*i]).into_iter().next() {
                    let mut c = doc.arch.components.get(id.as_str()).unwrap().clone();
                    c.name = format!("renamed {n}");
                    doc.apply("rename", ops::put_component(c), None).unwrap();
                }
            }
            Step::Group(picks) => {
                let mut g = Group::new(
                    Id::new(format!("test-group-{n}")).unwrap(),
                    "Test",
                    GroupKind::DeploymentUnit,
                );
                g.members = ids(doc, picks);
                let edit = Edit::PutGroup {
                    id: g.id.clone(),
                    value: Some(Box::new(g)),
                };
                doc.apply("group", edit, None).unwrap();
            }
            Step::Delete(i) => {
                let edit = ops::delete(
                    &doc.arch,
                    &ids(doc, &[*i]),
                    &Default::default(),
                    &Default::default(),
                );
                doc.apply("delete", edit, None).unwrap();
            }
            Step::Undo => {
                doc.undo().unwrap();
            }
            Step::Redo => {
                doc.redo().unwrap();
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// After any sequence of edits, a scene kept up to date in place (where it can be)
        /// is exactly the scene built from the model.
        #[test]
        fn an_updated_scene_is_a_built_one(
            steps in proptest::collection::vec(step(), 1..12),
            every in 1usize..4,
        ) {
            let mut doc = Document::with(generate(120, 240, 7), None);
            let mut scene = Scene::build(&doc.arch);
            let mut version = doc.version();
            let mut in_place = 0;
            for (n, step) in steps.iter().enumerate() {
                apply(&mut doc, step, n);
                // The canvas may see several edits at once.
                if n % every != 0 && n + 1 != steps.len() {
                    continue;
                }
                let touched = doc.changes_since(version);
                prop_assert!(touched.is_some(), "the document knows what changed");
                if touched.is_some_and(|t| scene.update(&doc.arch, &t)) {
                    in_place += 1;
                } else {
                    scene = Scene::build(&doc.arch);
                }
                version = doc.version();
                prop_assert_eq!(&scene, &Scene::build(&doc.arch), "after {:?}", step);
            }
            let moves_only = steps.iter().all(|s| matches!(s, Step::Move(..) | Step::Rename(_)));
            prop_assert!(!moves_only || in_place > 0, "moves update in place");
        }
    }

    #[test]
    fn a_move_and_its_undo_update_in_place() {
        let mut doc = Document::with(generate(200, 400, 3), None);
        let mut scene = Scene::build(&doc.arch);
        let before = scene.clone();
        let id = doc.arch.components.ids().next().unwrap().clone();
        let version = doc.version();
        let edit = ops::move_by(&doc.arch, &BTreeSet::from([id.clone()]), 5_000.0, 40.0);
        doc.apply("move", edit, None).unwrap();
        let touched = doc.changes_since(version).unwrap();
        assert_eq!(touched.components, BTreeSet::from([id.clone()]));
        assert!(scene.update(&doc.arch, &touched));
        assert_ne!(scene, before, "the box moved");
        assert_eq!(scene, Scene::build(&doc.arch));
        let version = doc.version();
        doc.undo().unwrap();
        assert!(scene.update(&doc.arch, &doc.changes_since(version).unwrap()));
        assert_eq!(scene, before);
    }

    #[test]
    fn another_document_or_a_structural_edit_is_not_updated() {
        let mut doc = Document::with(generate(50, 80, 1), None);
        let other = Document::with(doc.arch.clone(), None);
        assert_eq!(other.changes_since(doc.version()), None, "another document");
        let version = doc.version();
        let id = doc.arch.components.ids().next().unwrap().clone();
        let edit = ops::delete(
            &doc.arch,
            &BTreeSet::from([id]),
            &Default::default(),
            &Default::default(),
        );
        doc.apply("delete", edit, None).unwrap();
        let touched = doc.changes_since(version).unwrap();
        assert!(touched.structure);
        let mut scene = Scene::build(&doc.arch);
        assert!(!scene.update(&doc.arch, &touched));
    }
}
