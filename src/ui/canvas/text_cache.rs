//! Laid-out text kept across frames.
//!
//! egui keeps a galley only while it is used every frame; during a zoom every label changes
//! size, so every label would be laid out again at every step. This cache asks for text at
//! *quantised* sizes (steps of 2^(1/8), about 9 %), so most zoom steps reuse egui's galleys;
//! it lets at most [`BUDGET`] labels per frame be laid out anew, and draws a label whose new
//! size is not ready yet with its last galley, so a zoom animation costs a bounded amount
//! per frame.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Painter};
use rustc_hash::FxHashMap;

/// New layouts per frame.
pub const BUDGET: usize = 160;
/// Characters laid out at most (one line never shows more).
const MAX_CHARS: usize = 160;
/// Entries kept before unused ones are dropped.
const SOFT_LIMIT: usize = 4096;
/// Frames between drops of long-unused entries, however few there are.
const PRUNE_EVERY: u64 = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Key {
    text: u64,
    step: i16,
    width: i32,
}

#[derive(Debug)]
struct Entry {
    used: u64,
}

/// Galleys by text and size.
#[derive(Debug, Default)]
pub struct TextCache {
    // Keys are hashes already: a fast hasher is enough.
    map: FxHashMap<Key, Entry>,
    latest: FxHashMap<u64, Arc<Galley>>,
    frame: u64,
    budget: usize,
    starved: bool,
}

/// A size step and the size it stands for.
pub fn quantize(px: f32) -> (i16, f32) {
    let px = if px.is_finite() {
        px.clamp(1.0, 512.0)
    } else {
        12.0
    };
    let step = (px.log2() * 8.0).round() as i16;
    (step, 2f32.powf(f32::from(step) / 8.0))
}

fn hash_text(text: &str, extra: u32) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    extra.hash(&mut h);
    h.finish()
}

impl TextCache {
    /// Starts a frame: refills the layout budget.
    pub fn begin_frame(&mut self) {
        self.frame += 1;
        self.budget = BUDGET;
        self.starved = false;
    }

    /// Ends a frame: drops long-unused entries. Returns whether some text waited for the
    /// budget (the caller should repaint to finish it).
    pub fn end_frame(&mut self) -> bool {
        if self.map.len() > SOFT_LIMIT {
            let frame = self.frame;
            self.map.retain(|_, e| frame - e.used < 30);
        }
        if self.latest.len() > SOFT_LIMIT {
            self.latest.clear();
        }
        // Now and then, whatever the size: a zoom animation leaves thousands of texts at
        // sizes no longer shown, and every later lookup would go through them.
        if self.frame.is_multiple_of(PRUNE_EVERY) {
            let frame = self.frame;
            self.map.retain(|_, e| frame - e.used < 30);
            let kept: rustc_hash::FxHashSet<u64> = self.map.keys().map(|k| k.text).collect();
            self.latest.retain(|text, _| kept.contains(text));
        }
        self.starved
    }

    /// A one-line galley of `text` about `px` high and at most `max_width` wide (cut with
    /// "…"), with placeholder colour (paint it with a fallback colour). `role` keeps texts
    /// of different roles apart. `None` only when the budget is spent and this text was
    /// never laid out.
    pub fn galley(
        &mut self,
        painter: &Painter,
        text: &str,
        px: f32,
        max_width: f32,
        role: u32,
    ) -> Option<Arc<Galley>> {
        let (step, size) = quantize(px);
        let text_hash = hash_text(text, role);
        let width = if max_width.is_finite() {
            (max_width / 4.0).clamp(1.0, 4096.0) as i32
        } else {
            4096
        };
        let key = Key {
            text: text_hash,
            step,
            width,
        };
        // A text laid out last frame is still in egui's own galley cache, so asking again
        // costs a lookup. Galleys are not kept across frames here: egui may rebuild its font
        // atlas, and an old galley would then point at glyphs that are gone.
        let fresh = match self.map.get_mut(&key) {
            Some(e) if self.frame - e.used <= 1 => {
                e.used = self.frame;
                false
            }
            _ => true,
        };
        if fresh {
            if self.budget == 0 {
                self.starved = true;
                return self.latest.get(&text_hash).cloned();
            }
            self.budget -= 1;
        }
        // A text of at most `MAX_CHARS` bytes has at most as many characters.
        let shown: String = if text.len() <= MAX_CHARS {
            text.to_owned()
        } else {
            text.chars().take(MAX_CHARS).collect()
        };
        let mut job = LayoutJob::single_section(
            shown,
            TextFormat {
                font_id: FontId::proportional(size),
                color: Color32::PLACEHOLDER,
                ..TextFormat::default()
            },
        );
        job.wrap = TextWrapping {
            max_width: width as f32 * 4.0,
            max_rows: 1,
            break_anywhere: true,
            overflow_character: Some('…'),
        };
        let galley = painter.layout_job(job);
        self.latest.insert(text_hash, galley.clone());
        self.map.insert(key, Entry { used: self.frame });
        Some(galley)
    }

    /// Number of cached galleys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_no_longer_shown_are_dropped() {
        let ctx = egui::Context::default();
        let mut cache = TextCache::default();
        let frame = |cache: &mut TextCache, texts: &[String]| {
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                cache.begin_frame();
                for t in texts {
                    assert!(cache.galley(ui.painter(), t, 12.0, 200.0, 1).is_some());
                }
                cache.end_frame();
            });
            out.textures_delta.clear();
        };
        let many: Vec<String> = (0..100).map(|i| format!("label {i}")).collect();
        frame(&mut cache, &many);
        let one = vec!["still shown".to_owned()];
        frame(&mut cache, &one);
        assert!(cache.len() >= 100);
        for _ in 0..2 * PRUNE_EVERY {
            frame(&mut cache, &one);
        }
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.latest.len(), 1);
    }

    #[test]
    fn quantized_sizes_are_close_and_stable() {
        for px in [3.0, 9.5, 15.0, 22.2, 60.0] {
            let (_, q) = quantize(px);
            assert!((q / px - 1.0).abs() < 0.05, "{px} -> {q}");
        }
        assert_eq!(quantize(15.0).0, quantize(15.2).0);
        let (_, q) = quantize(f32::NAN);
        assert!(q.is_finite());
    }
}
