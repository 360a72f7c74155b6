//! Connections and plain boxes built straight into meshes.
//!
//! A view of thousands of components and connections would otherwise be thousands of
//! egui shapes a frame, each tessellated on its own. The batch writes the triangles
//! directly, anti-aliased the way egui's tessellator does it (a one-pixel fade at every
//! edge), into one mesh per texture: solid lines and boxes use the font atlas's white
//! texel, dashed lines the texture of their pattern (see [`dashes`](super::dashes)).

use std::sync::Arc;

use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, Pos2, Rect, Shape, TextureId, Vec2};

/// Meshes kept from frame to frame: once egui has drawn a frame and dropped its shapes, the
/// canvas owns its meshes alone again and refills them, so their memory is reused instead
/// of allocated (and faulted in) anew every frame.
#[derive(Debug, Default)]
pub struct MeshPool {
    kept: Vec<Arc<Mesh>>,
}

/// Meshes kept at most.
const POOL_SIZE: usize = 16;

impl MeshPool {
    /// An empty mesh for `texture`, reusing the memory of a kept one nobody else holds: the
    /// one kept last for the same texture if there is one, else the one kept last. So a
    /// frame refills the meshes the previous frame filled, whose memory is still in the
    /// processor's cache, and not, one after another, every mesh a busier frame left (after
    /// a zoom out, a frame would otherwise go through all of them in turn).
    fn take(&mut self, texture: TextureId) -> Mesh {
        let free = |m: &Arc<Mesh>| Arc::strong_count(m) == 1;
        while let Some(i) = self
            .kept
            .iter()
            .rposition(|m| free(m) && m.texture_id == texture)
            .or_else(|| self.kept.iter().rposition(free))
        {
            if let Ok(mut m) = Arc::try_unwrap(self.kept.remove(i)) {
                m.vertices.clear();
                m.indices.clear();
                m.texture_id = texture;
                return m;
            }
        }
        Mesh::with_texture(texture)
    }

    /// Keeps `mesh` for a later frame.
    fn keep(&mut self, mesh: Arc<Mesh>) {
        if self.kept.len() >= POOL_SIZE {
            self.kept.remove(0);
        }
        self.kept.push(mesh);
    }
}

/// A repeating texture along a line.
#[derive(Clone, Copy, Debug)]
pub struct Pattern {
    /// The pattern's texture.
    pub texture: TextureId,
    /// Screen distance from where the pattern starts to the line's start, so dashes do not
    /// slide when the start of a connection is clipped away.
    pub phase: f32,
    /// Length of one period (dash and gap) on screen.
    pub period: f32,
}

/// Triangles of one frame, one mesh per texture, in the order first used. The meshes are
/// owned while they fill (shared with egui only at [`Batch::finish`]), so adding a line
/// touches no reference count.
pub struct Batch<'a> {
    pool: &'a mut MeshPool,
    meshes: Vec<Mesh>,
    /// Lines or boxes expected, to size each new mesh once.
    expected: usize,
}

/// The most vertices one item takes (a wide line or a box).
const ITEM_VERTICES: usize = 8;
/// The most indices one item takes (a box: its inside and its soft edge).
const ITEM_INDICES: usize = 30;

impl<'a> Batch<'a> {
    /// A batch for about `items` lines or boxes, with meshes from `pool` (sized for the
    /// items at once, so they never grow by copying).
    pub fn new(pool: &'a mut MeshPool, items: usize) -> Self {
        Batch {
            pool,
            meshes: Vec::new(),
            expected: items,
        }
    }

    fn mesh(&mut self, texture: TextureId) -> &mut Mesh {
        let i = match self.meshes.iter().position(|m| m.texture_id == texture) {
            Some(i) => i,
            None => {
                let mut mesh = self.pool.take(texture);
                mesh.vertices.reserve(self.expected * ITEM_VERTICES);
                mesh.indices.reserve(self.expected * ITEM_INDICES);
                self.meshes.push(mesh);
                self.meshes.len() - 1
            }
        };
        &mut self.meshes[i]
    }

    /// A line from `from` to `to`, `width` pixels wide, solid or with `pattern`.
    pub fn line(
        &mut self,
        from: Pos2,
        to: Pos2,
        width: f32,
        color: Color32,
        pattern: Option<Pattern>,
    ) {
        let d = to - from;
        let len = d.length_sq().sqrt();
        if !(len > 0.0 && len.is_finite() && width > 0.0 && width.is_finite()) {
            return;
        }
        let dir = d / len;
        let normal = Vec2::new(-dir.y, dir.x);
        // Like egui: a line thinner than a pixel is a pixel wide and fainter.
        let (width, color) = if width < 1.0 {
            (1.0, color.gamma_multiply(width))
        } else {
            (width, color)
        };
        let inner = width / 2.0 - 0.5;
        let outer = width / 2.0 + 0.5;
        let (texture, u0, u1, v) = match pattern {
            Some(p) if p.period > 0.0 && p.period.is_finite() => (
                p.texture,
                p.phase / p.period,
                (p.phase + len) / p.period,
                0.5,
            ),
            _ => (TextureId::default(), WHITE_UV.x, WHITE_UV.x, WHITE_UV.y),
        };
        // Across the line: transparent, colour (one row, or two apart for a wide line),
        // transparent.
        let across: &[(f32, Color32)] = if inner > 0.0 {
            &[
                (outer, Color32::TRANSPARENT),
                (inner, color),
                (-inner, color),
                (-outer, Color32::TRANSPARENT),
            ]
        } else {
            &[
                (outer, Color32::TRANSPARENT),
                (0.0, color),
                (-outer, Color32::TRANSPARENT),
            ]
        };
        let rows = across.len() as u32;
        let mesh = self.mesh(texture);
        let base = mesh.vertices.len() as u32;
        for (end, u) in [(from, u0), (to, u1)] {
            for &(offset, c) in across {
                mesh.vertices.push(Vertex {
                    pos: end + normal * offset,
                    uv: Pos2::new(u, v),
                    color: c,
                });
            }
        }
        for k in 0..rows - 1 {
            let (s, e) = (base + k, base + rows + k);
            mesh.add_triangle(s, s + 1, e + 1);
            mesh.add_triangle(s, e + 1, e);
        }
    }

    /// A filled rectangle with a one-pixel soft edge.
    pub fn rect(&mut self, r: Rect, color: Color32) {
        if !r.is_finite() || !r.is_positive() {
            return;
        }
        let (inner, outer) = (r.shrink(0.5), r.expand(0.5));
        let mesh = self.mesh(TextureId::default());
        let base = mesh.vertices.len() as u32;
        for (rect, c) in [(inner, color), (outer, Color32::TRANSPARENT)] {
            for pos in [
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
            ] {
                mesh.vertices.push(Vertex {
                    pos,
                    uv: WHITE_UV,
                    color: c,
                });
            }
        }
        mesh.add_triangle(base, base + 1, base + 2);
        mesh.add_triangle(base, base + 2, base + 3);
        for k in 0..4 {
            let next = (k + 1) % 4;
            let (i0, i1, o0, o1) = (base + k, base + next, base + 4 + k, base + 4 + next);
            mesh.add_triangle(i0, o0, o1);
            mesh.add_triangle(i0, o1, i1);
        }
    }

    /// Appends the meshes to `out`, and keeps them for a later frame.
    pub fn finish(self, out: &mut Vec<Shape>) {
        for mesh in self.meshes {
            let mesh = Arc::new(mesh);
            if !mesh.vertices.is_empty() {
                out.push(Shape::Mesh(Arc::clone(&mesh)));
            }
            self.pool.keep(mesh);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern() -> Pattern {
        Pattern {
            texture: TextureId::Managed(7),
            phase: 26.0,
            period: 13.0,
        }
    }

    #[test]
    fn a_line_costs_the_same_whatever_its_length() {
        let mut pool = MeshPool::default();
        let mut batch = Batch::new(&mut pool, 0);
        for len in [10.0, 10_000.0] {
            batch.line(
                Pos2::ZERO,
                Pos2::new(len, 0.0),
                2.0,
                Color32::RED,
                Some(pattern()),
            );
        }
        assert_eq!(batch.meshes.len(), 1);
        let mesh = &batch.meshes[0];
        assert_eq!(mesh.texture_id, TextureId::Managed(7));
        assert_eq!(mesh.vertices.len(), 16);
        assert!(mesh.is_valid());
        // The texture runs from the phase (two periods in) for the length of the line.
        let second = &mesh.vertices[8..];
        assert_eq!(second[0].uv.x, 2.0);
        assert!((second[4].uv.x - (2.0 + 10_000.0 / 13.0)).abs() < 1e-3);
        // Anti-aliased: the outer edge is transparent, the core has the colour, and the
        // core is the line's width less half a pixel on each side.
        assert_eq!(second[0].color, Color32::TRANSPARENT);
        assert_eq!(second[1].color, Color32::RED);
        assert_eq!(second[0].pos.y - second[3].pos.y, 3.0);
        assert_eq!(second[1].pos.y - second[2].pos.y, 1.0);
    }

    #[test]
    fn solid_lines_and_boxes_share_the_white_texel() {
        let mut pool = MeshPool::default();
        let mut batch = Batch::new(&mut pool, 0);
        batch.line(Pos2::ZERO, Pos2::new(5.0, 5.0), 0.5, Color32::BLACK, None);
        batch.rect(
            Rect::from_min_size(Pos2::ZERO, Vec2::new(4.0, 3.0)),
            Color32::BLUE,
        );
        assert_eq!(batch.meshes.len(), 1);
        let mesh = &batch.meshes[0];
        assert!(mesh.is_valid());
        assert_eq!(
            mesh.vertices.len(),
            6 + 8,
            "a thin line has three rows, a box eight corners"
        );
        assert!(mesh.vertices.iter().all(|v| v.uv == WHITE_UV));
        // A half-pixel line is drawn a pixel wide at half strength.
        assert_eq!(mesh.vertices[1].color, Color32::BLACK.gamma_multiply(0.5));
        let mut out = Vec::new();
        batch.finish(&mut out);
        assert_eq!(out.len(), 1);
        // While egui holds the mesh, the next frame gets a new one; once it let go, the
        // same memory is filled again.
        let held = Batch::new(&mut pool, 0)
            .mesh(TextureId::default())
            .vertices
            .capacity();
        assert_eq!(held, 0);
        drop(out);
        let reused = Batch::new(&mut pool, 0)
            .mesh(TextureId::default())
            .vertices
            .capacity();
        assert!(reused >= 14);
    }

    #[test]
    fn a_frame_refills_the_meshes_the_last_one_filled() {
        let mut pool = MeshPool::default();
        let line = |batch: &mut Batch<'_>, texture: u64| {
            let pattern = Pattern {
                texture: TextureId::Managed(texture),
                ..pattern()
            };
            batch.line(
                Pos2::ZERO,
                Pos2::new(9.0, 0.0),
                2.0,
                Color32::RED,
                Some(pattern),
            );
        };
        // A busy frame leaves eight meshes.
        let mut batch = Batch::new(&mut pool, 1);
        for texture in 0..8 {
            line(&mut batch, texture);
        }
        batch.finish(&mut Vec::new());
        // Quiet frames with one texture use one mesh, the same every frame.
        let mut used = Vec::new();
        for _ in 0..5 {
            let mut batch = Batch::new(&mut pool, 1);
            line(&mut batch, 3);
            used.push(batch.meshes[0].vertices.as_ptr());
            batch.finish(&mut Vec::new());
        }
        assert!(used.iter().all(|p| *p == used[0]), "{used:?}");
        // A new texture takes the mesh kept last.
        let mut batch = Batch::new(&mut pool, 1);
        line(&mut batch, 42);
        assert_eq!(batch.meshes[0].vertices.as_ptr(), used[0]);
        assert_eq!(pool_len(&batch), 7);
    }

    fn pool_len(batch: &Batch<'_>) -> usize {
        batch.pool.kept.len()
    }

    #[test]
    fn bad_geometry_adds_nothing() {
        let mut pool = MeshPool::default();
        let mut batch = Batch::new(&mut pool, 0);
        batch.line(Pos2::ZERO, Pos2::ZERO, 2.0, Color32::RED, None);
        batch.line(
            Pos2::ZERO,
            Pos2::new(f32::NAN, 1.0),
            2.0,
            Color32::RED,
            None,
        );
        batch.line(
            Pos2::ZERO,
            Pos2::new(1.0, 1.0),
            f32::INFINITY,
            Color32::RED,
            None,
        );
        batch.rect(Rect::NAN, Color32::RED);
        batch.rect(
            Rect::from_min_max(Pos2::new(1e9, 0.0), Pos2::new(f32::INFINITY, 1.0)),
            Color32::RED,
        );
        let mut out = Vec::new();
        batch.finish(&mut out);
        assert!(out.is_empty());
    }
}
