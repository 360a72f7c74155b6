//! What a caller can ask of the layout: direction, scope, spacing, and the controls that let
//! the editor run a big layout off the UI thread (a cancel flag and a progress callback).
//!
//! The controls are shared handles (`Arc`) so that `Options` can be cloned into a worker
//! thread while the UI keeps its own copy of the flag and of whatever the callback feeds.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::Id;

/// Which way connections run in the picture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right: callers on the left, what they call on the right (the default, as
    /// architecture diagrams are usually wider than tall).
    #[default]
    LeftToRight,
    /// Top to bottom: callers above, what they call below.
    TopToBottom,
}

/// A step of the layout, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Breaking cycles and assigning layers.
    Layering,
    /// Ordering each layer to reduce crossings.
    Ordering,
    /// Computing coordinates.
    Positioning,
    /// Moving boxes clear of pinned and unselected ones.
    Placing,
}

/// How far a layout has come.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// The step running now.
    pub phase: Phase,
    /// Fraction of the whole layout done, from 0 to 1.
    pub done: f32,
}

/// A progress callback; called from the thread that runs the layout, a few hundred times at
/// most.
pub type ProgressFn = Arc<dyn Fn(Progress) + Send + Sync>;

/// The layout was stopped through [`Options::cancel`]; nothing was changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the layout was cancelled")]
pub struct Cancelled;

/// Settings of [`super::auto`].
#[derive(Clone)]
pub struct Options {
    /// Which way connections run.
    pub direction: Direction,
    /// Lay out only these components (the selection) and leave every other one where it is.
    /// `None` lays out everything.
    pub only: Option<BTreeSet<Id>>,
    /// Space between neighbouring boxes of one layer, in canvas units.
    pub node_gap: f32,
    /// Space between layers, in canvas units.
    pub layer_gap: f32,
    /// Set this flag (from any thread) to stop the layout; [`super::auto`] then returns
    /// [`Cancelled`] soon after.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Called as the layout progresses.
    pub progress: Option<ProgressFn>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            direction: Direction::default(),
            only: None,
            node_gap: 40.0,
            layer_gap: 100.0,
            cancel: None,
            progress: None,
        }
    }
}

impl Options {
    /// Default options in `direction`.
    pub fn new(direction: Direction) -> Self {
        Self {
            direction,
            ..Self::default()
        }
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("direction", &self.direction)
            .field("only", &self.only)
            .field("node_gap", &self.node_gap)
            .field("layer_gap", &self.layer_gap)
            .field("cancel", &self.cancel)
            .field("progress", &self.progress.as_ref().map(|_| "callback"))
            .finish()
    }
}

/// The phases' share of the total work, for [`Progress::done`].
const SHARES: [(Phase, f32, f32); 4] = [
    (Phase::Layering, 0.0, 0.15),
    (Phase::Ordering, 0.15, 0.8),
    (Phase::Positioning, 0.8, 0.95),
    (Phase::Placing, 0.95, 1.0),
];

/// The cancel flag and progress callback as the phases see them.
pub(crate) struct Control<'a> {
    cancel: Option<&'a AtomicBool>,
    progress: Option<&'a (dyn Fn(Progress) + Send + Sync)>,
}

impl<'a> Control<'a> {
    /// The controls of `options`.
    pub(crate) fn of(options: &'a Options) -> Self {
        Self {
            cancel: options.cancel.as_deref(),
            progress: options.progress.as_deref(),
        }
    }

    /// No cancel flag, no callback.
    #[cfg(test)]
    pub(crate) fn none() -> Control<'static> {
        Control {
            cancel: None,
            progress: None,
        }
    }

    /// The same cancel flag without the progress callback.
    pub(crate) fn quiet(&self) -> Control<'a> {
        Control {
            cancel: self.cancel,
            progress: None,
        }
    }

    /// `Err(Cancelled)` once the flag is set.
    pub(crate) fn check(&self) -> Result<(), Cancelled> {
        match self.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(Cancelled),
            _ => Ok(()),
        }
    }

    /// Reports that `phase` is `within` (0 to 1) done, and checks for cancellation.
    pub(crate) fn step(&self, phase: Phase, within: f32) -> Result<(), Cancelled> {
        if let Some(report) = self.progress {
            let (start, end) = SHARES
                .iter()
                .find(|(p, _, _)| *p == phase)
                .map_or((0.0, 1.0), |&(_, s, e)| (s, e));
            let done = start + (end - start) * within.clamp(0.0, 1.0);
            report(Progress { phase, done });
        }
        self.check()
    }
}
