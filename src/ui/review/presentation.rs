//! Presentation mode: the model full screen, stepping through the views and then the steps
//! of every flow, one slide at a time, with a caption.
//!
//! Like playback, a presentation is view state that re-reads the model each frame: it holds
//! only the slide's position, and the list of slides is derived from the model's views and
//! flows in their saved order.

use crate::model::Architecture;

/// One thing shown in a presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    /// The view at this position of `arch.views`.
    View(usize),
    /// Step `step` of the flow at position `flow` of `arch.flows`.
    Step {
        /// Position of the flow.
        flow: usize,
        /// Position of the step.
        step: usize,
    },
}

/// The slides of `arch`: every view in order, then every step of every flow.
pub fn slides(arch: &Architecture) -> Vec<Slide> {
    let views = (0..arch.views.len()).map(Slide::View);
    let steps =
        arch.flows.iter().enumerate().flat_map(|(f, flow)| {
            (0..flow.steps.len()).map(move |s| Slide::Step { flow: f, step: s })
        });
    views.chain(steps).collect()
}

/// A presentation in progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Presentation {
    /// Position of the current slide in [`slides`].
    pub index: usize,
    /// The slide last shown (the camera moves when it changes).
    pub(super) shown: Option<Slide>,
}

impl Presentation {
    /// The current slide (`None` when the model has nothing to present).
    pub fn slide(&self, arch: &Architecture) -> Option<Slide> {
        let all = slides(arch);
        all.get(self.index.min(all.len().saturating_sub(1)))
            .copied()
    }

    /// Goes `delta` slides forward or back, staying within the slides; returns whether it
    /// moved.
    pub fn advance(&mut self, arch: &Architecture, delta: isize) -> bool {
        let n = slides(arch).len();
        let Some(to) = self.index.checked_add_signed(delta) else {
            return false;
        };
        if to >= n {
            return false;
        }
        self.index = to;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Flow, FlowStep, View};

    #[test]
    fn views_come_first_then_each_flows_steps() {
        let mut a = Architecture::new("t");
        for v in ["a", "b"] {
            a.views.push(View {
                id: crate::model::Id::new(v).unwrap(),
                name: v.into(),
                description: String::new(),
                filter: Default::default(),
                viewport: None,
            });
        }
        a.flows.push(Flow {
            id: id!("f"),
            name: "F".into(),
            description: String::new(),
            steps: vec![FlowStep::new(id!("x"), "1"), FlowStep::new(id!("y"), "2")],
        });
        assert_eq!(
            slides(&a),
            [
                Slide::View(0),
                Slide::View(1),
                Slide::Step { flow: 0, step: 0 },
                Slide::Step { flow: 0, step: 1 },
            ]
        );
        let mut p = Presentation::default();
        assert!(!p.advance(&a, -1));
        assert!(p.advance(&a, 3));
        assert_eq!(p.slide(&a), Some(Slide::Step { flow: 0, step: 1 }));
        assert!(!p.advance(&a, 1));
        assert_eq!(Presentation::default().slide(&Architecture::new("e")), None);
    }
}
