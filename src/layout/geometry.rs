//! Boxes on the canvas: component sizes and group boundaries, computed one way for the
//! layout, the renderers and the tests, so "no overlap" means the same thing everywhere.
//!
//! A component's box is centred on its placement, sized by the placement or else by its
//! kind's default ([`crate::theme::kind_style`]). A group's box holds its members' boxes and
//! its nested groups' boxes with [`metrics::GROUP_PADDING`] around them and
//! [`metrics::GROUP_TITLE_HEIGHT`] more at the top for the title.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Architecture, Component, Id, Layout, Placement};
use crate::theme::{kind_style, metrics};

/// An axis-aligned rectangle in canvas units (y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub min_x: f32,
    /// Top edge.
    pub min_y: f32,
    /// Right edge.
    pub max_x: f32,
    /// Bottom edge.
    pub max_y: f32,
}

impl Rect {
    /// The rectangle of size `w` × `h` centred on (`x`, `y`).
    pub fn centred(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self {
            min_x: x - w / 2.0,
            min_y: y - h / 2.0,
            max_x: x + w / 2.0,
            max_y: y + h / 2.0,
        }
    }

    /// Whether the interiors of the two rectangles meet (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.min_x < other.max_x
            && other.min_x < self.max_x
            && self.min_y < other.max_y
            && other.min_y < self.max_y
    }

    /// Whether `other` lies inside this rectangle (edges may touch).
    pub fn contains(&self, other: &Rect) -> bool {
        self.min_x <= other.min_x
            && self.min_y <= other.min_y
            && other.max_x <= self.max_x
            && other.max_y <= self.max_y
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min_x: self.min_x.min(other.min_x),
            min_y: self.min_y.min(other.min_y),
            max_x: self.max_x.max(other.max_x),
            max_y: self.max_y.max(other.max_y),
        }
    }

    /// This rectangle grown by `left`, `top`, `right` and `bottom`.
    pub fn grow(&self, left: f32, top: f32, right: f32, bottom: f32) -> Rect {
        Rect {
            min_x: self.min_x - left,
            min_y: self.min_y - top,
            max_x: self.max_x + right,
            max_y: self.max_y + bottom,
        }
    }

    /// The centre.
    pub fn centre(&self) -> (f32, f32) {
        (
            (self.min_x + self.max_x) / 2.0,
            (self.min_y + self.max_y) / 2.0,
        )
    }
}

/// Width and height of `component`'s box: the placement's size where it sets one, else the
/// kind's default.
pub fn box_size(component: &Component, placement: Option<&Placement>) -> (f32, f32) {
    let (w, h) = kind_style(component.kind()).size;
    let w = placement.and_then(|p| p.width).unwrap_or(w);
    let h = placement.and_then(|p| p.height).unwrap_or(h);
    (w, h)
}

/// The box of component `id` in `layout`, if the component exists and is placed.
pub fn component_rect(arch: &Architecture, layout: &Layout, id: &str) -> Option<Rect> {
    let component = arch.components.get(id)?;
    let placement = layout.get(id)?;
    let (w, h) = box_size(component, Some(placement));
    Some(Rect::centred(placement.x, placement.y, w, h))
}

/// The box of every group that holds at least one placed component (directly or through
/// nested groups), by group id. Members that do not exist or are not placed are left out;
/// a `parent` cycle in a hand-edited file is cut where it closes.
pub fn group_bounds(arch: &Architecture, layout: &Layout) -> BTreeMap<Id, Rect> {
    let mut out = BTreeMap::new();
    for group in arch.groups.iter() {
        let mut visiting = BTreeSet::new();
        bounds_of(arch, layout, &group.id, &mut visiting, &mut out);
    }
    out
}

fn bounds_of(
    arch: &Architecture,
    layout: &Layout,
    id: &Id,
    visiting: &mut BTreeSet<Id>,
    out: &mut BTreeMap<Id, Rect>,
) -> Option<Rect> {
    if let Some(done) = out.get(id) {
        return Some(*done);
    }
    if !visiting.insert(id.clone()) {
        return None; // a parent cycle
    }
    let group = arch.groups.get(id.as_str())?;
    let mut inner: Option<Rect> = None;
    let mut add = |r: Rect| inner = Some(inner.map_or(r, |i| i.union(&r)));
    for member in &group.members {
        if let Some(r) = component_rect(arch, layout, member.as_str()) {
            add(r);
        }
    }
    for child in arch.groups.iter() {
        if child.parent.as_ref() == Some(id)
            && child.id != *id
            && let Some(r) = bounds_of(arch, layout, &child.id, visiting, out)
        {
            add(r);
        }
    }
    visiting.remove(id);
    let pad = metrics::GROUP_PADDING;
    let rect = inner?.grow(pad, pad + metrics::GROUP_TITLE_HEIGHT, pad, pad);
    out.insert(id.clone(), rect);
    Some(rect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Group, GroupKind, Kind};

    fn model() -> Architecture {
        let mut arch = Architecture::new("t");
        for (name, x) in [("a", 0.0), ("b", 400.0), ("c", 800.0)] {
            arch.components
                .insert(Component::new(id!(name), name, Kind::Service));
            arch.layout.insert(id!(name), Placement::at(x, 0.0));
        }
        let mut outer = Group::new(id!("outer"), "Outer", GroupKind::BoundedContext);
        outer.members.insert(id!("a"));
        let mut inner = Group::new(id!("inner"), "Inner", GroupKind::BoundedContext);
        inner.parent = Some(id!("outer"));
        inner.members.insert(id!("b"));
        arch.groups.insert(outer);
        arch.groups.insert(inner);
        arch
    }

    #[test]
    fn sizes_come_from_the_placement_or_the_kind() {
        let c = Component::new(id!("db"), "DB", Kind::Database);
        assert_eq!(box_size(&c, None), kind_style(Kind::Database).size);
        let p = Placement {
            width: Some(300.0),
            ..Placement::default()
        };
        assert_eq!(box_size(&c, Some(&p)).0, 300.0);
        assert_eq!(box_size(&c, Some(&p)).1, kind_style(Kind::Database).size.1);
    }

    #[test]
    fn group_boxes_hold_members_and_nested_groups() {
        let arch = model();
        let bounds = group_bounds(&arch, &arch.layout);
        let inner = bounds["inner"];
        let outer = bounds["outer"];
        let b = component_rect(&arch, &arch.layout, "b").unwrap();
        let a = component_rect(&arch, &arch.layout, "a").unwrap();
        let c = component_rect(&arch, &arch.layout, "c").unwrap();
        assert!(inner.contains(&b) && !inner.overlaps(&a));
        assert!(outer.contains(&inner) && outer.contains(&a));
        assert!(!outer.overlaps(&c));
        assert_eq!(inner.min_y, b.min_y - 24.0 - 22.0);
    }

    #[test]
    fn parent_cycles_do_not_hang() {
        let mut arch = model();
        let mut outer = arch.groups.get("outer").unwrap().clone();
        outer.parent = Some(id!("inner"));
        arch.groups.insert(outer);
        let bounds = group_bounds(&arch, &arch.layout);
        assert_eq!(bounds.len(), 2);
    }

    #[test]
    fn overlap_ignores_touching_edges() {
        let a = Rect::centred(0.0, 0.0, 10.0, 10.0);
        assert!(!a.overlaps(&Rect::centred(10.0, 0.0, 10.0, 10.0)));
        assert!(a.overlaps(&Rect::centred(9.0, 9.0, 10.0, 10.0)));
    }
}
