//! Where components sit on the canvas.
//!
//! Positions live in their own section of the file, keyed by component id, so that a change
//! to the design and a change to the drawing are different lines in a diff.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;
use super::finite::{finite, positive};
use super::spec::is_false;

/// A component's box on the canvas, in canvas units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    /// Horizontal position of the box's centre.
    #[serde(deserialize_with = "finite")]
    pub x: f32,
    /// Vertical position of the box's centre (down is positive).
    #[serde(deserialize_with = "finite")]
    pub y: f32,
    /// Width, if not the kind's default.
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub width: Option<f32>,
    /// Height, if not the kind's default.
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub height: Option<f32>,
    /// Pinned boxes are never moved by automatic layout.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
}

impl Placement {
    /// A placement at (`x`, `y`) with the default size.
    pub fn at(x: f32, y: f32) -> Self {
        Self {
            x,
            y,
            ..Self::default()
        }
    }

    /// Replaces non-finite numbers (which only code, never the loader, can produce) by 0 and
    /// drops non-positive sizes. Returns whether anything changed.
    pub fn sanitize(&mut self) -> bool {
        let before = *self;
        if !self.x.is_finite() {
            self.x = 0.0;
        }
        if !self.y.is_finite() {
            self.y = 0.0;
        }
        for size in [&mut self.width, &mut self.height] {
            if size.is_some_and(|s| !(s.is_finite() && s > 0.0)) {
                *size = None;
            }
        }
        before != *self
    }
}

/// Positions by component id.
pub type Layout = BTreeMap<Id, Placement>;
