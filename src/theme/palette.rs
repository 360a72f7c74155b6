//! Colours for light and dark mode.

/// A colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Opacity, 255 opaque.
    pub a: u8,
}

impl Rgba {
    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Self {
        Self {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
            a: 255,
        }
    }

    /// The same colour with opacity `a`.
    pub const fn with_alpha(self, a: u8) -> Self {
        Self { a, ..self }
    }

    /// `#rrggbb` (SVG, CSS); opacity is given separately where needed.
    pub fn css_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Opacity between 0 and 1.
    pub fn opacity(self) -> f32 {
        f32::from(self.a) / 255.0
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f32 {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// WCAG contrast ratio with `other` (1 to 21).
    pub fn contrast(self, other: Rgba) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// Every colour the canvas and the diagrams use, for one mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Canvas and page background.
    pub background: Rgba,
    /// Grid lines.
    pub grid: Rgba,
    /// Main text.
    pub text: Rgba,
    /// Secondary text (technology, labels).
    pub text_muted: Rgba,
    /// Inside of component boxes.
    pub box_fill: Rgba,
    /// Connection lines.
    pub edge: Rgba,
    /// Background behind edge labels.
    pub edge_label_fill: Rgba,
    /// Selection outline and handles.
    pub selection: Rgba,
    /// Bounded-context border.
    pub group_context: Rgba,
    /// Public trust-zone border.
    pub group_public: Rgba,
    /// Private trust-zone border.
    pub group_private: Rgba,
    /// Deployment-unit border.
    pub group_deployment: Rgba,
    /// Error findings.
    pub error: Rgba,
    /// Warning findings.
    pub warning: Rgba,
    /// Info findings.
    pub info: Rgba,
    /// Added things in a comparison.
    pub added: Rgba,
    /// Removed things in a comparison.
    pub removed: Rgba,
    /// Changed things in a comparison.
    pub changed: Rgba,
}

/// Light mode.
pub const LIGHT: Palette = Palette {
    background: Rgba::hex(0xf7f8fa),
    grid: Rgba::hex(0xe3e6eb),
    text: Rgba::hex(0x1a1d23),
    text_muted: Rgba::hex(0x5b6270),
    box_fill: Rgba::hex(0xffffff),
    edge: Rgba::hex(0x4a5160),
    edge_label_fill: Rgba::hex(0xf7f8fa),
    selection: Rgba::hex(0x1a73e8),
    group_context: Rgba::hex(0x5c6bc0),
    group_public: Rgba::hex(0xd84315),
    group_private: Rgba::hex(0x00897b),
    group_deployment: Rgba::hex(0x757575),
    error: Rgba::hex(0xd32f2f),
    warning: Rgba::hex(0xb26a00),
    info: Rgba::hex(0x1565c0),
    added: Rgba::hex(0x2e7d32),
    removed: Rgba::hex(0xc62828),
    changed: Rgba::hex(0xb26a00),
};

/// Dark mode.
pub const DARK: Palette = Palette {
    background: Rgba::hex(0x1b1e24),
    grid: Rgba::hex(0x2a2e36),
    text: Rgba::hex(0xeceff4),
    text_muted: Rgba::hex(0xa3abb9),
    box_fill: Rgba::hex(0x242832),
    edge: Rgba::hex(0xaab2c0),
    edge_label_fill: Rgba::hex(0x1b1e24),
    selection: Rgba::hex(0x64a8ff),
    group_context: Rgba::hex(0x9fa8da),
    group_public: Rgba::hex(0xff8a65),
    group_private: Rgba::hex(0x4db6ac),
    group_deployment: Rgba::hex(0xbdbdbd),
    error: Rgba::hex(0xff6b6b),
    warning: Rgba::hex(0xffb74d),
    info: Rgba::hex(0x64b5f6),
    added: Rgba::hex(0x66bb6a),
    removed: Rgba::hex(0xef5350),
    changed: Rgba::hex(0xffb74d),
};

/// Light mode's palette.
pub fn light() -> &'static Palette {
    &LIGHT
}

/// Dark mode's palette.
pub fn dark() -> &'static Palette {
    &DARK
}
