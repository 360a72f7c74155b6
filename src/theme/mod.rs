//! The look of a model, as plain data: colours, per-kind shapes and icons, edge styles, sizes.
//!
//! Both the canvas (egui) and the diagram exports (SVG, and through it PNG and PDF) draw from
//! here, so an exported picture looks like the editor. Nothing in this module knows egui:
//! colours are [`Rgba`], geometry is in canvas units, icons are lists of simple strokes.

mod icon;
mod palette;

pub use icon::{Icon, IconPart, icon};
pub use palette::{Palette, Rgba, dark, light};

use crate::model::{ConnectionType, GroupKind, Kind, Style, Zone};

/// Light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

impl Mode {
    /// The palette of this mode.
    pub fn palette(self) -> &'static Palette {
        match self {
            Mode::Light => &palette::LIGHT,
            Mode::Dark => &palette::DARK,
        }
    }
}

/// The outline a kind is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A rounded rectangle (services).
    RoundedRect,
    /// A rectangle with cut corners (APIs and gateways).
    Octagon,
    /// An upright cylinder (databases).
    Cylinder,
    /// A cylinder lying on its side (queues).
    Pipe,
    /// A rounded rectangle with a double border (caches: fast memory).
    DoubleRect,
    /// A rectangle with a folded corner stack (workers: jobs).
    Stacked,
    /// A screen on a stand (clients).
    Device,
    /// A rectangle with a dashed border (external systems).
    DashedRect,
    /// A bucket: wider at the top (storage).
    Bucket,
}

/// How one kind of component is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KindStyle {
    /// Outline.
    pub shape: Shape,
    /// Accent colour (border and icon) in light mode; [`KindStyle::accent`] adapts it.
    pub accent_light: Rgba,
    /// Accent colour in dark mode.
    pub accent_dark: Rgba,
    /// Default box size in canvas units (width, height).
    pub size: (f32, f32),
}

impl KindStyle {
    /// The accent in `mode`.
    pub fn accent(&self, mode: Mode) -> Rgba {
        match mode {
            Mode::Light => self.accent_light,
            Mode::Dark => self.accent_dark,
        }
    }
}

/// The style of `kind`.
pub fn kind_style(kind: Kind) -> KindStyle {
    let (shape, light, dark, size) = match kind {
        Kind::Service => (Shape::RoundedRect, 0x2f6fd6, 0x6ea1ff, (180.0, 72.0)),
        Kind::Api => (Shape::Octagon, 0x7b3fd1, 0xb08cff, (180.0, 72.0)),
        Kind::Database => (Shape::Cylinder, 0x1f8a5b, 0x4cc38a, (160.0, 88.0)),
        Kind::Queue => (Shape::Pipe, 0xc2680a, 0xf0a04b, (180.0, 64.0)),
        Kind::Cache => (Shape::DoubleRect, 0xc0392b, 0xf07167, (160.0, 64.0)),
        Kind::Worker => (Shape::Stacked, 0x3d7d8c, 0x67b8c9, (170.0, 72.0)),
        Kind::Client => (Shape::Device, 0x4a5568, 0xa0aec0, (150.0, 84.0)),
        Kind::External => (Shape::DashedRect, 0x6b6b6b, 0x9a9a9a, (170.0, 72.0)),
        Kind::Storage => (Shape::Bucket, 0x8a6d1f, 0xd6b45a, (150.0, 80.0)),
    };
    KindStyle {
        shape,
        accent_light: Rgba::hex(light),
        accent_dark: Rgba::hex(dark),
        size,
    }
}

/// Where an arrow head sits and how it looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArrowHead {
    /// A filled triangle (synchronous calls).
    Filled,
    /// Two open strokes (asynchronous messages).
    Open,
    /// A small open triangle (data access, dependencies).
    Hollow,
}

/// How a type of connection is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeStyle {
    /// Line width in canvas units.
    pub width: f32,
    /// Dash and gap lengths; `None` is a solid line.
    pub dash: Option<(f32, f32)>,
    /// The head at the `to` end.
    pub head: ArrowHead,
}

/// The style of a connection type.
pub fn edge_style(ty: ConnectionType) -> EdgeStyle {
    match ty.style() {
        Style::Sync => EdgeStyle {
            width: 1.6,
            dash: None,
            head: ArrowHead::Filled,
        },
        Style::Async => EdgeStyle {
            width: 1.6,
            dash: Some((8.0, 5.0)),
            head: ArrowHead::Open,
        },
        Style::Data => EdgeStyle {
            width: 1.6,
            dash: Some((2.0, 4.0)),
            head: ArrowHead::Hollow,
        },
        Style::Dependency => EdgeStyle {
            width: 1.2,
            dash: Some((5.0, 3.0)),
            head: ArrowHead::Hollow,
        },
    }
}

/// How a group boundary is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupStyle {
    /// Border colour.
    pub stroke: Rgba,
    /// Fill colour (translucent).
    pub fill: Rgba,
    /// Dash and gap of the border; `None` is solid.
    pub dash: Option<(f32, f32)>,
}

/// The style of a group kind in `mode`.
pub fn group_style(kind: GroupKind, mode: Mode) -> GroupStyle {
    let p = mode.palette();
    match kind {
        GroupKind::BoundedContext => GroupStyle {
            stroke: p.group_context,
            fill: p.group_context.with_alpha(18),
            dash: None,
        },
        GroupKind::TrustZone(Zone::Public) => GroupStyle {
            stroke: p.group_public,
            fill: p.group_public.with_alpha(16),
            dash: Some((10.0, 6.0)),
        },
        GroupKind::TrustZone(Zone::Private) => GroupStyle {
            stroke: p.group_private,
            fill: p.group_private.with_alpha(12),
            dash: Some((10.0, 6.0)),
        },
        GroupKind::DeploymentUnit => GroupStyle {
            stroke: p.group_deployment,
            fill: p.group_deployment.with_alpha(14),
            dash: Some((3.0, 3.0)),
        },
    }
}

/// Text sizes and spacing in canvas units.
pub mod metrics {
    /// Component name.
    pub const NAME_SIZE: f32 = 15.0;
    /// Technology line under the name.
    pub const DETAIL_SIZE: f32 = 11.5;
    /// Connection labels.
    pub const EDGE_LABEL_SIZE: f32 = 11.0;
    /// Group titles.
    pub const GROUP_TITLE_SIZE: f32 = 13.0;
    /// Space between a group's border and its members.
    pub const GROUP_PADDING: f32 = 24.0;
    /// Extra space above a group's members for its title.
    pub const GROUP_TITLE_HEIGHT: f32 = 22.0;
    /// Corner radius of rounded boxes.
    pub const CORNER_RADIUS: f32 = 8.0;
    /// Side of the icon square in a box's top-left corner.
    pub const ICON_SIZE: f32 = 18.0;
    /// Grid spacing on the canvas, and the snapping step.
    pub const GRID: f32 = 20.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_shape_and_icon() {
        let shapes: std::collections::BTreeSet<String> = Kind::ALL
            .iter()
            .map(|k| format!("{:?}", kind_style(*k).shape))
            .collect();
        assert_eq!(shapes.len(), Kind::ALL.len());
        for kind in Kind::ALL {
            assert!(!icon(kind).parts.is_empty(), "{kind:?}");
            let (w, h) = kind_style(kind).size;
            assert!(w > 0.0 && h > 0.0);
        }
    }

    #[test]
    fn accents_differ_from_the_background_in_both_modes() {
        for mode in [Mode::Light, Mode::Dark] {
            let bg = mode.palette().background;
            for kind in Kind::ALL {
                assert!(
                    kind_style(kind).accent(mode).contrast(bg) > 2.0,
                    "{kind:?} {mode:?}"
                );
            }
            assert!(mode.palette().text.contrast(bg) > 7.0, "{mode:?}");
        }
    }
}
