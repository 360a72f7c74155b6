//! Dash patterns as textures, so a dashed connection is one strip, not one shape per dash.
//!
//! egui draws a dashed line as one shape per dash, so a view crossed by thousands of long
//! asynchronous connections would hand the tessellator a hundred thousand shapes a frame.
//! Here each dash pattern is a one-texel-high texture that repeats along the line; the
//! [`Batch`](super::batch::Batch) draws the connection as one strip whose texture
//! coordinate runs with the distance from the connection's start, so the cost no longer
//! grows with the length of lines and the dashes stay put while the view pans.

use egui::{Color32, ColorImage, Context, TextureHandle, TextureId, TextureOptions};

/// Texels per canvas unit along the pattern.
const TEXELS_PER_UNIT: f32 = 2.0;

/// A dash pattern, in tenths of a canvas unit (so it can be a key).
type Pattern = (u16, u16);

fn pattern(dash: f32, gap: f32) -> Pattern {
    let tenth = |v: f32| (v * 10.0).round().clamp(1.0, f32::from(u16::MAX)) as u16;
    (tenth(dash), tenth(gap))
}

/// The textures of the dash patterns used so far (made once, on first use).
#[derive(Default)]
pub struct DashTextures {
    loaded: Vec<(Pattern, TextureHandle)>,
}

impl std::fmt::Debug for DashTextures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DashTextures")
            .field("patterns", &self.loaded.len())
            .finish()
    }
}

impl DashTextures {
    /// Makes sure the textures of `patterns` (dash, gap in canvas units) exist.
    pub fn load(&mut self, ctx: &Context, patterns: impl IntoIterator<Item = (f32, f32)>) {
        for (dash, gap) in patterns {
            let key = pattern(dash, gap);
            if self.loaded.iter().any(|(k, _)| *k == key) {
                continue;
            }
            let texture = ctx.load_texture(
                format!("dash-{}-{}", key.0, key.1),
                image(dash, gap),
                TextureOptions::LINEAR_REPEAT,
            );
            self.loaded.push((key, texture));
        }
    }

    /// The texture of a loaded pattern.
    pub fn texture(&self, dash: f32, gap: f32) -> Option<TextureId> {
        let key = pattern(dash, gap);
        self.loaded
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, t)| t.id())
    }
}

/// One period of the pattern: opaque white dash, then transparent gap.
fn image(dash: f32, gap: f32) -> ColorImage {
    let along = (((dash + gap) * TEXELS_PER_UNIT).round() as usize).clamp(2, 512);
    let on = ((dash / (dash + gap)) * along as f32).round() as usize;
    let pixels = (0..along)
        .map(|x| {
            if x < on {
                Color32::WHITE
            } else {
                Color32::TRANSPARENT
            }
        })
        .collect();
    ColorImage::new([along, 1], pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_is_dash_then_gap() {
        let img = image(8.0, 5.0);
        assert_eq!(img.size, [26, 1]);
        let at = |x: usize| img.pixels[x].a();
        assert_eq!(at(0), 255, "the dash starts the period");
        assert_eq!(at(15), 255, "8 of 13 units are dash");
        assert_eq!(at(16), 0, "then the gap");
        assert_eq!(at(25), 0, "to the end of the period");
    }

    #[test]
    fn patterns_are_keyed_to_a_tenth_of_a_unit() {
        assert_eq!(pattern(8.0, 5.0), (80, 50));
        assert_eq!(pattern(8.01, 5.0), (80, 50));
        assert_ne!(pattern(8.1, 5.0), (80, 50));
        assert_eq!(
            pattern(f32::NAN, 1e9),
            (0, u16::MAX),
            "bad input stays in range"
        );
    }
}
