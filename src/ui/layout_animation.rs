//! Boxes gliding to the positions an automatic layout gave them.
//!
//! The document must not change while the boxes move (one gesture is one undo step, and the
//! canvas never edits while drawing), so the animation draws a *preview*: a copy of the
//! document whose layout is interpolated each frame, which the app hands to the canvas
//! instead of the real one. When the time is up the app queues one move edit with the final
//! positions ([`LayoutAnimation::edit`]); Undo then puts every box back.

use crate::edit::Edit;
use crate::edit::ops::{move_to, placement_of};
use crate::model::{Id, Layout};

use super::document::Document;

/// How long the boxes take to reach their new places, in seconds.
pub const DURATION: f64 = 0.3;

/// Generations of preview documents count down from here, so they never equal a real
/// document's generation (which counts up from 1) and the canvas rebuilds for each frame.
const PREVIEW_GENERATIONS: u64 = u64::MAX / 2;

/// One component's move: its id, where it was and where it goes (canvas units).
type Move = (Id, (f32, f32), (f32, f32));

/// An automatic layout on its way to the canvas.
#[derive(Debug)]
pub struct LayoutAnimation {
    /// Every component that moves: where it was and where it goes (canvas units).
    moves: Vec<Move>,
    started: Option<f64>,
    /// The real document's generation when the animation began; if it changes, the layout
    /// was computed for a model that is gone.
    pub generation: u64,
    /// The undo label of the edit.
    pub label: String,
    preview: Document,
    frames: u64,
}

impl LayoutAnimation {
    /// The animation from `doc`'s positions to `target`'s, or `None` if nothing moves.
    pub fn new(doc: &Document, target: &Layout, label: String) -> Option<Self> {
        let arch = &doc.arch;
        let moves: Vec<Move> = arch
            .components
            .ids()
            .filter_map(|id| {
                let to = target.get(id)?;
                let from = placement_of(arch, id);
                let moved = from.x != to.x || from.y != to.y || !arch.layout.contains_key(id);
                moved.then(|| (id.clone(), (from.x, from.y), (to.x, to.y)))
            })
            .collect();
        if moves.is_empty() {
            return None;
        }
        let mut preview = Document::with(arch.clone(), None);
        for (id, from, _) in &moves {
            let mut p = placement_of(arch, id);
            (p.x, p.y) = *from;
            preview.arch.layout.insert(id.clone(), p);
        }
        preview.generation = PREVIEW_GENERATIONS;
        Some(Self {
            moves,
            started: None,
            generation: doc.generation,
            label,
            preview,
            frames: 0,
        })
    }

    /// Moves the preview to time `now` (seconds, the UI's clock; the first call starts the
    /// clock). Returns whether the boxes have arrived.
    pub fn step(&mut self, now: f64) -> bool {
        let started = *self.started.get_or_insert(now);
        let t = ((now - started) / DURATION).clamp(0.0, 1.0) as f32;
        let eased = ease(t);
        for (id, (fx, fy), (tx, ty)) in &self.moves {
            if let Some(p) = self.preview.arch.layout.get_mut(id) {
                p.x = fx + (tx - fx) * eased;
                p.y = fy + (ty - fy) * eased;
            }
        }
        self.frames += 1;
        self.preview.generation = PREVIEW_GENERATIONS - self.frames;
        t >= 1.0
    }

    /// The document to draw while the animation runs.
    pub fn preview(&self) -> &Document {
        &self.preview
    }

    /// The one edit that puts every moved component at its new place (sizes and pins kept),
    /// for the model in `doc`.
    pub fn edit(&self, doc: &Document) -> Edit {
        let targets: Vec<(Id, f32, f32)> = self
            .moves
            .iter()
            .map(|(id, _, (x, y))| (id.clone(), *x, *y))
            .collect();
        move_to(&doc.arch, &targets)
    }
}

/// Ease-in-out (smoothstep): starts and arrives gently.
fn ease(t: f32) -> f32 {
    t * t * (3.0 - 2.0 * t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Architecture, Component, Kind, Placement};

    fn doc() -> Document {
        let mut a = Architecture::new("t");
        for n in ["a", "b"] {
            let id = Id::new(n).unwrap();
            a.components
                .insert(Component::new(id.clone(), n, Kind::Service));
            a.layout.insert(id, Placement::at(0.0, 0.0));
        }
        Document::with(a, None)
    }

    #[test]
    fn glides_then_one_edit_lands_and_undoes() {
        let mut doc = doc();
        let mut target = doc.arch.layout.clone();
        target.insert(id!("b"), Placement::at(300.0, 100.0));
        let mut anim = LayoutAnimation::new(&doc, &target, "auto layout".into()).unwrap();
        assert_eq!(anim.moves.len(), 1, "only b moves");
        assert!(!anim.step(10.0));
        assert_eq!(anim.preview().arch.layout["b"], Placement::at(0.0, 0.0));
        let g1 = anim.preview().generation;
        assert!(!anim.step(10.0 + DURATION / 2.0));
        let mid = anim.preview().arch.layout["b"];
        assert_eq!((mid.x, mid.y), (150.0, 50.0));
        assert_ne!(anim.preview().generation, g1, "the canvas redraws");
        assert!(anim.step(10.0 + DURATION));
        assert_eq!(anim.preview().arch.layout, target);
        // The real document did not move until the edit is applied.
        assert_eq!(doc.arch.layout["b"], Placement::at(0.0, 0.0));
        let before = doc.arch.clone();
        let edit = anim.edit(&doc);
        doc.apply(&anim.label, edit, None).unwrap();
        assert_eq!(doc.arch.layout, target);
        doc.undo().unwrap();
        assert_eq!(doc.arch, before);
    }

    #[test]
    fn nothing_to_move_no_animation() {
        let doc = doc();
        assert!(LayoutAnimation::new(&doc, &doc.arch.layout.clone(), "x".into()).is_none());
    }
}
