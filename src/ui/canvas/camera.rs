//! The canvas camera: which canvas point is where on screen.
//!
//! `screen = canvas_rect.min + pan + canvas * zoom`. Names say which space a value is in
//! (`pos_in_canvas`, `screen_from_canvas`).

use egui::{Pos2, Rect, Vec2};

/// Smallest zoom (screen pixels per canvas unit).
pub const MIN_ZOOM: f32 = 0.01;
/// Largest zoom.
pub const MAX_ZOOM: f32 = 4.0;

/// Pan and zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Screen offset (from the canvas rect's corner) of canvas point (0, 0).
    pub pan: Vec2,
    /// Screen pixels per canvas unit.
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            pan: Vec2::new(200.0, 200.0),
            zoom: 1.0,
        }
    }
}

/// Clamps a zoom into range (NaN gives 1).
pub fn clamp_zoom(z: f32) -> f32 {
    if z.is_finite() {
        z.clamp(MIN_ZOOM, MAX_ZOOM)
    } else {
        1.0
    }
}

impl Camera {
    /// Where a canvas point is on screen.
    pub fn screen_from_canvas(&self, canvas_rect: Rect, pos_in_canvas: Pos2) -> Pos2 {
        canvas_rect.min + self.pan + pos_in_canvas.to_vec2() * self.zoom
    }

    /// Which canvas point is under a screen point.
    pub fn canvas_from_screen(&self, canvas_rect: Rect, pos_on_screen: Pos2) -> Pos2 {
        ((pos_on_screen - canvas_rect.min - self.pan) / self.zoom).to_pos2()
    }

    /// A canvas rectangle on screen.
    pub fn screen_rect(&self, canvas_rect: Rect, rect_in_canvas: Rect) -> Rect {
        Rect::from_min_max(
            self.screen_from_canvas(canvas_rect, rect_in_canvas.min),
            self.screen_from_canvas(canvas_rect, rect_in_canvas.max),
        )
    }

    /// The canvas area visible in `canvas_rect`.
    pub fn visible(&self, canvas_rect: Rect) -> Rect {
        Rect::from_min_max(
            self.canvas_from_screen(canvas_rect, canvas_rect.min),
            self.canvas_from_screen(canvas_rect, canvas_rect.max),
        )
    }

    /// Zooms by `factor` keeping the canvas point under `anchor_on_screen` still.
    pub fn zoom_around(&mut self, canvas_rect: Rect, anchor_on_screen: Pos2, factor: f32) {
        let anchor = self.canvas_from_screen(canvas_rect, anchor_on_screen);
        self.zoom = clamp_zoom(self.zoom * factor);
        self.pan = anchor_on_screen - canvas_rect.min - anchor.to_vec2() * self.zoom;
        self.sanitize();
    }

    /// A camera showing `bounds` (canvas) in `canvas_rect`, with a margin.
    pub fn fit(canvas_rect: Rect, bounds: Rect) -> Camera {
        if !bounds.is_finite() || bounds.width() <= 0.0 || bounds.height() <= 0.0 {
            return Camera::centred_on(canvas_rect, Pos2::ZERO, 1.0);
        }
        let margin = 40.0;
        let avail = (canvas_rect.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(10.0));
        let zoom = clamp_zoom(
            (avail.x / bounds.width())
                .min(avail.y / bounds.height())
                .min(1.5),
        );
        Camera::centred_on(canvas_rect, bounds.center(), zoom)
    }

    /// A camera with `centre` (canvas) in the middle of `canvas_rect`.
    pub fn centred_on(canvas_rect: Rect, centre: Pos2, zoom: f32) -> Camera {
        let zoom = clamp_zoom(zoom);
        let mut c = Camera {
            pan: canvas_rect.size() / 2.0 - centre.to_vec2() * zoom,
            zoom,
        };
        c.sanitize();
        c
    }

    /// Replaces non-finite values so a bad number can never reach the painter.
    pub fn sanitize(&mut self) {
        self.zoom = clamp_zoom(self.zoom);
        if !self.pan.x.is_finite() {
            self.pan.x = 0.0;
        }
        if !self.pan.y.is_finite() {
            self.pan.y = 0.0;
        }
        let limit = 1.0e12;
        self.pan = self.pan.clamp(Vec2::splat(-limit), Vec2::splat(limit));
    }

    /// Moves a step of the way to `target`; returns whether it arrived.
    pub fn approach(&mut self, target: &Camera, t: f32) -> bool {
        let t = t.clamp(0.0, 1.0);
        // Zoom moves geometrically, so zooming in and out feel the same.
        let ln = self.zoom.ln() + (target.zoom.ln() - self.zoom.ln()) * t;
        self.zoom = clamp_zoom(ln.exp());
        self.pan += (target.pan - self.pan) * t;
        self.sanitize();
        // Far from the origin an f32 step can be larger than half a pixel: count a distance
        // below the precision of the numbers involved as arrived, or the animation never ends.
        let precision = 1e-5 * self.pan.length().max(target.pan.length());
        let close = (self.zoom / target.zoom - 1.0).abs() < 0.002
            && (self.pan - target.pan).length() < precision.max(0.5);
        if close {
            *self = *target;
        }
        close
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_and_canvas_round_trip_and_zoom_keeps_the_anchor() {
        let r = Rect::from_min_size(Pos2::new(10.0, 20.0), Vec2::new(800.0, 600.0));
        let mut c = Camera::default();
        let p = Pos2::new(123.0, -45.0);
        let s = c.screen_from_canvas(r, p);
        assert!((c.canvas_from_screen(r, s) - p).length() < 1e-3);
        c.zoom_around(r, s, 2.0);
        assert!((c.screen_from_canvas(r, p) - s).length() < 1e-3);
    }

    #[test]
    fn bad_numbers_never_escape() {
        let r = Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0));
        let c = Camera::fit(
            r,
            Rect::from_min_max(Pos2::new(f32::NAN, 0.0), Pos2::new(1.0, 1.0)),
        );
        assert!(c.zoom.is_finite() && c.pan.is_finite());
        let c = Camera::fit(r, Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0e9, 1.0e9)));
        assert_eq!(c.zoom, MIN_ZOOM);
        assert!(c.pan.is_finite());
    }
}
