//! Decorations other parts of the editor lay over the canvas: finding badges, note markers,
//! diff colours, the dimming and pulse of a playing flow.
//!
//! Each part owns one named [`Layer`] in [`Marks`] and rewrites it when its own state changes;
//! the painter combines the layers. So the Problems panel, the Notes panel, flow playback and
//! the diff overlay never touch each other's state, nor the painter.

use std::collections::{BTreeMap, HashMap, HashSet};

use egui::Color32;

use crate::model::Id;

/// A small round marker at the top-right corner of a component.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    /// Fill colour.
    pub color: Color32,
    /// One or two characters drawn inside (`!`, `3`, a note sign).
    pub glyph: String,
}

/// Something no longer in the model, drawn dashed where it was (a removed item in a
/// comparison). Positions are in canvas units.
#[derive(Clone, Debug, PartialEq)]
pub enum Ghost {
    /// A component's box, with its name.
    Box {
        /// Where it was.
        rect: egui::Rect,
        /// Its name.
        label: String,
    },
    /// A group's frame, with its name at the top left (outline only: a frame covers its
    /// members, which may still be there).
    Frame {
        /// Where it was.
        rect: egui::Rect,
        /// Its name.
        label: String,
    },
    /// A connection's line, from its start to its end.
    Line {
        /// Start.
        from: egui::Pos2,
        /// End (the arrow's tip).
        to: egui::Pos2,
    },
}

/// One part's decorations.
#[derive(Clone, Debug, Default)]
pub struct Layer {
    /// Badges per component.
    pub badges: HashMap<Id, Badge>,
    /// A coloured outline around a component or along a connection.
    pub tints: HashMap<Id, Color32>,
    /// When set, everything else (components and connections) is dimmed.
    pub focus: Option<HashSet<Id>>,
    /// Dots travelling along connections (several at once for steps that happen together):
    /// each connection's id and the dot's progress from 0 (at `from`) to 1.
    pub pulses: Vec<(Id, f32)>,
    /// Removed items drawn dashed where they were, in this colour.
    pub ghosts: Vec<(Ghost, Color32)>,
}

/// Every part's decorations, by the part's name (`"problems"`, `"notes"`, `"flow"`, `"diff"`).
#[derive(Clone, Debug, Default)]
pub struct Marks {
    layers: BTreeMap<&'static str, Layer>,
}

impl Marks {
    /// The layer named `name`, created empty if missing.
    pub fn layer(&mut self, name: &'static str) -> &mut Layer {
        self.layers.entry(name).or_default()
    }

    /// Removes the layer named `name`.
    pub fn clear(&mut self, name: &'static str) {
        self.layers.remove(name);
    }

    /// The layer named `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Layer> {
        self.layers.get(name)
    }

    /// Whether no layer has anything to draw.
    pub fn is_empty(&self) -> bool {
        self.layers.values().all(|l| {
            l.badges.is_empty()
                && l.tints.is_empty()
                && l.focus.is_none()
                && l.pulses.is_empty()
                && l.ghosts.is_empty()
        })
    }

    /// Every layer's ghosts.
    pub fn ghosts(&self) -> impl Iterator<Item = &(Ghost, Color32)> {
        self.layers.values().flat_map(|l| l.ghosts.iter())
    }

    /// The badges of component `id`, in layer order.
    pub fn badges<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Badge> + 'a {
        self.layers.values().filter_map(move |l| l.badges.get(id))
    }

    /// The tint of `id` (the last layer that sets one wins).
    pub fn tint(&self, id: &str) -> Option<Color32> {
        self.layers
            .values()
            .rev()
            .find_map(|l| l.tints.get(id).copied())
    }

    /// Whether `id` is dimmed: some layer focuses on a set that does not contain it.
    pub fn dimmed(&self, id: &str) -> bool {
        self.layers
            .values()
            .any(|l| l.focus.as_ref().is_some_and(|f| !f.contains(id)))
    }

    /// Pulses on connections, with their progress.
    pub fn pulses(&self) -> impl Iterator<Item = (&Id, f32)> {
        self.layers
            .values()
            .flat_map(|l| l.pulses.iter().map(|(id, t)| (id, *t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    #[test]
    fn layers_combine_without_touching_each_other() {
        let mut m = Marks::default();
        assert!(m.is_empty());
        m.layer("problems").badges.insert(
            id("a"),
            Badge {
                color: Color32::RED,
                glyph: "!".into(),
            },
        );
        m.layer("notes").badges.insert(
            id("a"),
            Badge {
                color: Color32::YELLOW,
                glyph: "1".into(),
            },
        );
        m.layer("flow").focus = Some([id("a")].into_iter().collect());
        assert_eq!(m.badges("a").count(), 2);
        assert!(!m.dimmed("a"));
        assert!(m.dimmed("b"));
        m.clear("flow");
        assert!(!m.dimmed("b"));
        assert_eq!(m.badges("a").count(), 2);
        m.layer("diff").tints.insert(id("b"), Color32::GREEN);
        assert_eq!(m.tint("b"), Some(Color32::GREEN));
        assert_eq!(m.tint("a"), None);
    }
}
