//! Level of detail: what is worth drawing at a zoom.
//!
//! Text that would be a few pixels high cannot be read and costs the most to lay out, and
//! at a fit-all zoom of thousands of components, dashes and arrow heads are sub-pixel noise.
//! So below these thresholds the canvas draws less.

use crate::theme::metrics;

/// What to draw at one zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lod {
    /// Component names.
    pub names: bool,
    /// The technology line.
    pub details: bool,
    /// Kind icons.
    pub icons: bool,
    /// Kind shapes (otherwise plain boxes).
    pub shapes: bool,
    /// Dashes and arrow heads (otherwise thin plain lines).
    pub edge_styles: bool,
    /// Connection labels.
    pub edge_labels: bool,
    /// Group titles.
    pub group_titles: bool,
}

/// Smallest text height in screen pixels worth drawing.
const MIN_TEXT_PX: f32 = 5.5;

impl Lod {
    /// The detail for `zoom` (screen pixels per canvas unit).
    pub fn for_zoom(zoom: f32) -> Lod {
        let px = |size: f32| size * zoom;
        Lod {
            names: px(metrics::NAME_SIZE) >= MIN_TEXT_PX,
            details: px(metrics::DETAIL_SIZE) >= MIN_TEXT_PX + 1.0,
            icons: px(metrics::ICON_SIZE) >= 8.0,
            shapes: zoom >= 0.15,
            edge_styles: zoom >= 0.3,
            edge_labels: px(metrics::EDGE_LABEL_SIZE) >= MIN_TEXT_PX + 1.0,
            group_titles: px(metrics::GROUP_TITLE_SIZE) >= MIN_TEXT_PX - 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn less_detail_when_zoomed_out() {
        let near = Lod::for_zoom(1.0);
        assert!(near.names && near.details && near.icons && near.edge_styles);
        let far = Lod::for_zoom(0.07);
        assert!(!far.names && !far.edge_labels && !far.edge_styles && !far.shapes);
    }
}
