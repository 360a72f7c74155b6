//! Where a component's box is, in canvas units, without egui: shared by the arrange
//! functions, the canvas and anything else that needs boxes (exports, layout).

use crate::model::{Architecture, Component, Placement};
use crate::theme::kind_style;

/// Canvas coordinates are kept within ±`LIMIT` for drawing and arithmetic; a hand-edited file
/// may hold larger numbers, which are shown at the limit.
pub const LIMIT: f32 = 1.0e9;

/// A box: centre and size, in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoxGeom {
    /// Centre x.
    pub x: f32,
    /// Centre y.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl BoxGeom {
    /// Left edge.
    pub fn left(&self) -> f32 {
        self.x - self.w / 2.0
    }
    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w / 2.0
    }
    /// Top edge.
    pub fn top(&self) -> f32 {
        self.y - self.h / 2.0
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h / 2.0
    }
}

/// A finite number within ±[`LIMIT`] (NaN becomes 0).
pub fn clamp_coord(v: f32) -> f32 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-LIMIT, LIMIT)
    }
}

/// The box of `component` at `placement` (sizes default to the kind's).
pub fn box_of(component: &Component, placement: &Placement) -> BoxGeom {
    let (dw, dh) = kind_style(component.kind()).size;
    let size = |s: Option<f32>, d: f32| match s {
        Some(s) if s.is_finite() && s > 0.0 => s.min(10_000.0),
        _ => d,
    };
    BoxGeom {
        x: clamp_coord(placement.x),
        y: clamp_coord(placement.y),
        w: size(placement.width, dw),
        h: size(placement.height, dh),
    }
}

/// The box of the component `id`, if it exists and has a placement.
pub fn component_box(arch: &Architecture, id: &str) -> Option<BoxGeom> {
    let c = arch.components.get(id)?;
    let p = arch.layout.get(id)?;
    Some(box_of(c, p))
}
