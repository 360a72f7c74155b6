//! What a render is asked to produce.

use super::Format;
use crate::theme::Mode;

/// The smallest and largest `--scale` accepted.
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.1..=16.0;

/// How to render a model.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderOptions {
    /// The output format.
    pub format: Format,
    /// Id of the [`crate::model::View`] to render; none renders the whole model.
    pub view: Option<String>,
    /// Light or dark colours (every format that carries colours uses them).
    pub mode: Mode,
    /// Pixels per canvas unit for PNG (PDF and SVG are vector and keep canvas units).
    pub scale: f32,
}

impl RenderOptions {
    /// The whole model in `format`, light, at scale 1.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            view: None,
            mode: Mode::Light,
            scale: 1.0,
        }
    }
}
