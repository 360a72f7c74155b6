//! A uniform grid over the canvas, so hit-testing and culling look at the few items near a
//! point or inside the view instead of scanning all of them.
//!
//! Items are boxes (components) or segments with a margin (connections). A segment sits only
//! in the cells along it, not in every cell of its bounding box: a long diagonal connection
//! would otherwise be "in view" wherever its box is, and at 100 % a view of a large model
//! would look at every long connection that does not even cross it.
//!
//! Items that would fill more than a few hundred cells (a connection to a component at 1e9)
//! go to a short list that every query checks, so no item fills the grid.

use rustc_hash::FxHashMap;

use egui::{Pos2, Rect, Vec2};

use super::geometry::clip;

/// Side of a cell in canvas units.
const CELL: f32 = 400.0;
/// Items covering more cells than this go to the oversize list.
const MAX_CELLS: i64 = 256;

/// One indexed thing.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Item {
    /// A box.
    Rect(Rect),
    /// A segment and everything within `margin` of it.
    Segment { a: Pos2, b: Pos2, margin: f32 },
}

impl Item {
    /// The box around the item.
    fn bounds(&self) -> Rect {
        match *self {
            Item::Rect(r) => r,
            Item::Segment { a, b, margin } => Rect::from_two_pos(a, b).expand(margin),
        }
    }

    /// Whether the item meets `area`.
    fn meets(&self, area: Rect) -> bool {
        match *self {
            Item::Rect(r) => r.is_finite() && r.intersects(area),
            Item::Segment { a, b, margin } => {
                a.is_finite() && b.is_finite() && clip(a, b, area.expand(margin)).is_some()
            }
        }
    }
}

/// Item indices by grid cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpatialIndex {
    /// Cells by their coordinates (a fast hasher: a query looks up every cell of the view).
    cells: FxHashMap<(i32, i32), Vec<u32>>,
    oversize: Vec<u32>,
    items: Vec<Item>,
    /// Cell entries in all (an item is in every cell it covers).
    entries: usize,
}

fn cell_of(v: f32) -> i32 {
    // `as` saturates, so huge or NaN coordinates give a valid cell.
    (v / CELL).floor() as i32
}

/// The cells a box covers, as corner cells and a count.
fn span(r: Rect) -> ((i32, i32, i32, i32), i64) {
    let c = (
        cell_of(r.min.x),
        cell_of(r.min.y),
        cell_of(r.max.x),
        cell_of(r.max.y),
    );
    let count =
        (i64::from(c.2) - i64::from(c.0) + 1).saturating_mul(i64::from(c.3) - i64::from(c.1) + 1);
    (c, count)
}

/// Where an item goes in the index.
enum Cover {
    /// Nowhere (not finite).
    Nowhere,
    /// In the oversize list.
    Oversize,
    /// In the cells written to the caller's vector.
    Cells,
}

/// The cells `item` covers, each once and sorted, into `cells` (cleared first).
fn cover(item: &Item, cells: &mut Vec<(i32, i32)>) -> Cover {
    cells.clear();
    let bounds = item.bounds();
    if !bounds.is_finite() {
        return Cover::Nowhere;
    }
    let mut add = |piece: Rect| {
        let ((x0, y0, x1, y1), _) = span(piece);
        for cx in x0..=x1 {
            for cy in y0..=y1 {
                cells.push((cx, cy));
            }
        }
    };
    match *item {
        Item::Rect(_) => {
            if span(bounds).1 > MAX_CELLS {
                return Cover::Oversize;
            }
            add(bounds);
        }
        Item::Segment { a, b, margin } => {
            // Pieces no longer than a cell, each covering a few cells.
            let n = ((b - a).length() / CELL).ceil().max(1.0);
            if n as i64 > MAX_CELLS {
                return Cover::Oversize;
            }
            let n = n as usize;
            for k in 0..n {
                let (t0, t1) = (k as f32 / n as f32, (k + 1) as f32 / n as f32);
                add(Rect::from_two_pos(a + (b - a) * t0, a + (b - a) * t1).expand(margin));
            }
        }
    }
    // Pieces of one segment overlap; an item is listed once per cell.
    cells.sort_unstable();
    cells.dedup();
    Cover::Cells
}

impl SpatialIndex {
    /// An index of boxes (item `i` is `rects[i]`).
    pub fn build(rects: Vec<Rect>) -> Self {
        Self::of(rects.into_iter().map(Item::Rect).collect())
    }

    /// An index of segments with margins (item `i` is everything within `segments[i].2` of
    /// the segment from `segments[i].0` to `segments[i].1`).
    pub fn build_segments(segments: Vec<(Pos2, Pos2, f32)>) -> Self {
        Self::of(
            segments
                .into_iter()
                .map(|(a, b, margin)| Item::Segment { a, b, margin })
                .collect(),
        )
    }

    fn of(items: Vec<Item>) -> Self {
        let mut index = SpatialIndex::default();
        let mut cells = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            match cover(item, &mut cells) {
                Cover::Nowhere => {}
                Cover::Oversize => index.oversize.push(i),
                Cover::Cells => {
                    for &cell in &cells {
                        // Items come in ascending order, so every list stays sorted.
                        index.cells.entry(cell).or_default().push(i);
                    }
                    index.entries += cells.len();
                }
            }
        }
        index.items = items;
        index
    }

    /// Moves box item `i` to `rect` (the index is then what [`SpatialIndex::build`] would
    /// give for the new boxes). Does nothing if there is no item `i`.
    pub fn set_rect(&mut self, i: u32, rect: Rect) {
        self.set(i, Item::Rect(rect));
    }

    /// Moves segment item `i` (see [`SpatialIndex::build_segments`]).
    pub fn set_segment(&mut self, i: u32, segment: (Pos2, Pos2, f32)) {
        let (a, b, margin) = segment;
        self.set(i, Item::Segment { a, b, margin });
    }

    /// Replaces item `i`: out of the cells of its old place, into those of its new one, each
    /// list kept in ascending order as a build leaves it.
    fn set(&mut self, i: u32, item: Item) {
        let Some(&old) = self.items.get(i as usize) else {
            return;
        };
        if old == item {
            return;
        }
        let mut cells = Vec::new();
        match cover(&old, &mut cells) {
            Cover::Nowhere => {}
            Cover::Oversize => {
                if let Ok(k) = self.oversize.binary_search(&i) {
                    self.oversize.remove(k);
                }
            }
            Cover::Cells => {
                for cell in &cells {
                    let Some(list) = self.cells.get_mut(cell) else {
                        continue;
                    };
                    if let Ok(k) = list.binary_search(&i) {
                        list.remove(k);
                        self.entries -= 1;
                    }
                    if list.is_empty() {
                        self.cells.remove(cell);
                    }
                }
            }
        }
        match cover(&item, &mut cells) {
            Cover::Nowhere => {}
            Cover::Oversize => {
                if let Err(k) = self.oversize.binary_search(&i) {
                    self.oversize.insert(k, i);
                }
            }
            Cover::Cells => {
                for &cell in &cells {
                    let list = self.cells.entry(cell).or_default();
                    if let Err(k) = list.binary_search(&i) {
                        list.insert(k, i);
                        self.entries += 1;
                    }
                }
            }
        }
        if let Some(slot) = self.items.get_mut(i as usize) {
            *slot = item;
        }
    }

    /// The items that meet `area`, in ascending order, each once.
    ///
    /// A long item sits in many cells, so candidates are marked in a bit set (one bit per
    /// item) rather than collected and sorted: a fit-all view would otherwise sort every
    /// cell entry of every connection, each frame.
    pub fn query(&self, area: Rect) -> Vec<u32> {
        let mut out = Vec::new();
        if area.any_nan() {
            return out;
        }
        let ((x0, y0, x1, y1), span) = span(area);
        // A view over much of the index (zoomed out) would visit more cell entries than
        // there are items: then testing every item is cheaper.
        let per_cell = self.entries as f64 / self.cells.len().max(1) as f64;
        if span as f64 * per_cell > self.items.len() as f64 {
            return (0..self.items.len() as u32)
                .filter(|&i| self.items[i as usize].meets(area))
                .collect();
        }
        let mut seen = vec![0u64; self.items.len().div_ceil(64)];
        let mut mark = |items: &[u32]| {
            for &i in items {
                if let Some(word) = seen.get_mut(i as usize / 64) {
                    *word |= 1 << (i % 64);
                }
            }
        };
        if span > self.cells.len() as i64 {
            for ((cx, cy), items) in &self.cells {
                if (x0..=x1).contains(cx) && (y0..=y1).contains(cy) {
                    mark(items);
                }
            }
        } else {
            for cx in x0..=x1 {
                for cy in y0..=y1 {
                    if let Some(items) = self.cells.get(&(cx, cy)) {
                        mark(items);
                    }
                }
            }
        }
        mark(&self.oversize);
        for (w, &word) in seen.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let i = (w * 64) as u32 + bits.trailing_zeros();
                bits &= bits - 1;
                if self
                    .items
                    .get(i as usize)
                    .is_some_and(|item| item.meets(area))
                {
                    out.push(i);
                }
            }
        }
        out
    }

    /// The items within `slack` of `pos` (roughly: the square around it).
    pub fn at(&self, pos: Pos2, slack: f32) -> Vec<u32> {
        self.query(Rect::from_center_size(
            pos,
            Vec2::splat(2.0 * slack.max(0.5)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_overlaps_and_handles_huge_items() {
        let rects = vec![
            Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(10.0, 10.0)),
            Rect::from_min_max(Pos2::new(5000.0, 5000.0), Pos2::new(5010.0, 5010.0)),
            Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(1.0e9, 1.0e9)),
            Rect::from_min_max(Pos2::new(f32::NAN, 0.0), Pos2::new(1.0, 1.0)),
        ];
        let index = SpatialIndex::build(rects);
        assert_eq!(index.at(Pos2::new(5.0, 5.0), 1.0), vec![0, 2]);
        assert_eq!(
            index.query(Rect::from_min_max(
                Pos2::new(4000.0, 4000.0),
                Pos2::new(6000.0, 6000.0)
            )),
            vec![1, 2]
        );
        assert_eq!(index.query(Rect::EVERYTHING), vec![0, 1, 2]);
    }

    proptest::proptest! {
        /// Whichever way a query goes (cells, all cells, or every item), it finds exactly
        /// the finite items that meet the area, in order.
        #[test]
        fn queries_match_a_scan_of_every_item(
            items in proptest::collection::vec((-5e3f32..5e3, -5e3f32..5e3, 0f32..3e3, 0f32..3e3), 0..200),
            area in (-8e3f32..8e3, -8e3f32..8e3, 0f32..2e4, 0f32..2e4),
        ) {
            let rects: Vec<Rect> = items
                .iter()
                .map(|&(x, y, w, h)| Rect::from_min_size(Pos2::new(x, y), egui::vec2(w, h)))
                .collect();
            let area = Rect::from_min_size(Pos2::new(area.0, area.1), egui::vec2(area.2, area.3));
            let expected: Vec<u32> = (0..rects.len() as u32)
                .filter(|&i| rects[i as usize].intersects(area))
                .collect();
            let index = SpatialIndex::build(rects);
            proptest::prop_assert_eq!(index.query(area), expected);
        }
    }

    #[test]
    fn a_long_diagonal_is_only_where_it_runs() {
        // From the top left to the bottom right of a 20 000-unit square: its bounding box
        // covers the whole square, the segment only the diagonal.
        let index = SpatialIndex::build_segments(vec![(
            Pos2::new(0.0, 0.0),
            Pos2::new(20_000.0, 20_000.0),
            5.0,
        )]);
        let on = Rect::from_center_size(Pos2::new(10_000.0, 10_000.0), Vec2::splat(100.0));
        let off = Rect::from_center_size(Pos2::new(15_000.0, 5_000.0), Vec2::splat(100.0));
        let near = Rect::from_center_size(Pos2::new(10_006.0, 9_994.0), Vec2::splat(4.0));
        let beyond = Rect::from_center_size(Pos2::new(10_020.0, 9_980.0), Vec2::splat(4.0));
        assert_eq!(index.query(on), vec![0]);
        assert!(index.query(off).is_empty());
        assert_eq!(
            index.query(near),
            vec![0],
            "within the margin of the segment"
        );
        assert!(index.query(beyond).is_empty(), "past the margin");
        assert_eq!(index.at(Pos2::new(5_000.0, 5_000.0), 1.0), vec![0]);
    }

    proptest::proptest! {
        /// The same for segments: exactly those that come within their margin of the area.
        #[test]
        fn segment_queries_match_a_scan_of_every_item(
            items in proptest::collection::vec((-5e3f32..5e3, -5e3f32..5e3, -5e3f32..5e3, -5e3f32..5e3, 0f32..50.0), 0..100),
            area in (-8e3f32..8e3, -8e3f32..8e3, 0f32..2e4, 0f32..2e4),
        ) {
            let segments: Vec<(Pos2, Pos2, f32)> = items
                .iter()
                .map(|&(ax, ay, bx, by, m)| (Pos2::new(ax, ay), Pos2::new(bx, by), m))
                .collect();
            let area = Rect::from_min_size(Pos2::new(area.0, area.1), egui::vec2(area.2, area.3));
            let expected: Vec<u32> = (0..segments.len() as u32)
                .filter(|&i| {
                    let (a, b, m) = segments[i as usize];
                    clip(a, b, area.expand(m)).is_some()
                })
                .collect();
            let index = SpatialIndex::build_segments(segments);
            proptest::prop_assert_eq!(index.query(area), expected);
        }
    }

    proptest::proptest! {
        /// Moving items one by one leaves the index a build of the new items would give,
        /// boxes and segments alike, long and huge ones too.
        #[test]
        fn moved_items_index_like_a_build(
            items in proptest::collection::vec(
                ((-5e3f32..5e3, -5e3f32..5e3), (-5e3f32..5e3, -5e3f32..5e3), 0f32..50.0),
                1..60,
            ),
            moves in proptest::collection::vec(
                (0usize..60, (-2e4f32..2e4, -2e4f32..2e4), (-5e3f32..5e3, -5e3f32..5e3), 0f32..50.0),
                0..40,
            ),
        ) {
            let seg = |((ax, ay), (bx, by), m): ((f32, f32), (f32, f32), f32)| {
                (Pos2::new(ax, ay), Pos2::new(bx, by), m)
            };
            let mut segments: Vec<(Pos2, Pos2, f32)> = items.iter().copied().map(seg).collect();
            let mut rects: Vec<Rect> = segments.iter().map(|&(a, b, _)| Rect::from_two_pos(a, b)).collect();
            let mut by_segments = SpatialIndex::build_segments(segments.clone());
            let mut by_rects = SpatialIndex::build(rects.clone());
            for (k, a, b, m) in moves {
                let k = k % segments.len();
                let mut s = seg((a, b, m));
                if k % 7 == 3 {
                    // Now and then far away: into the oversize list and back.
                    s.1 = Pos2::new(1.0e9, 1.0e9);
                }
                segments[k] = s;
                rects[k] = Rect::from_two_pos(s.0, s.1);
                by_segments.set_segment(k as u32, s);
                by_rects.set_rect(k as u32, rects[k]);
            }
            proptest::prop_assert_eq!(by_segments, SpatialIndex::build_segments(segments));
            proptest::prop_assert_eq!(by_rects, SpatialIndex::build(rects));
        }
    }
}
