//! Playing a flow: which step is current, and how it is drawn (the step's connection and its
//! two ends in focus, everything else dimmed, a dot travelling along the connection).
//!
//! Playback is view state: it never changes the model. It names the flow by id and the step
//! by position, and re-reads both from the model every frame, so an edit (or an undo) while
//! playing can never leave it pointing at something gone — it just stops.

use std::collections::HashSet;

use crate::model::{Architecture, ConnectionType, Flow, FlowStep, Id};
use crate::ui::canvas::Layer;

/// Seconds the dot takes to travel along a connection.
pub const PULSE_SECONDS: f64 = 1.4;

/// A flow being played.
#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// The flow's id.
    pub flow: Id,
    /// The current step's position.
    pub step: usize,
    /// When the current step started (egui time), for the pulse.
    started: f64,
}

impl Playback {
    /// Playback of `flow` at its first step.
    pub fn new(flow: Id, now: f64) -> Self {
        Self {
            flow,
            step: 0,
            started: now,
        }
    }

    /// Playback of `flow` at step `step`.
    pub fn at(flow: Id, step: usize, now: f64) -> Self {
        Self {
            flow,
            step,
            started: now,
        }
    }

    /// The flow and its current step, if both still exist.
    pub fn current<'a>(&self, arch: &'a Architecture) -> Option<(&'a Flow, &'a FlowStep)> {
        let flow = arch.flows.iter().find(|f| f.id == self.flow)?;
        Some((flow, flow.steps.get(self.step)?))
    }

    /// Goes `delta` steps forward (or back); returns whether it moved (not past either end).
    pub fn advance(&mut self, arch: &Architecture, delta: isize, now: f64) -> bool {
        let Some(flow) = arch.flows.iter().find(|f| f.id == self.flow) else {
            return false;
        };
        let Some(to) = self.step.checked_add_signed(delta) else {
            return false;
        };
        if to >= flow.steps.len() {
            return false;
        }
        self.step = to;
        self.started = now;
        true
    }

    /// Where the dot is along the connection, from 0 at the sender to 1 at the receiver,
    /// looping.
    pub fn progress(&self, now: f64) -> f32 {
        let t = ((now - self.started) / PULSE_SECONDS).rem_euclid(1.0);
        if t.is_finite() { t as f32 } else { 0.0 }
    }

    /// The positions of the steps that happen together with the current one (a step marked
    /// parallel happens with the one before it), the current one included.
    pub fn together(&self, arch: &Architecture) -> std::ops::Range<usize> {
        let Some((flow, _)) = self.current(arch) else {
            return self.step..self.step;
        };
        let parallel = |i: usize| flow.steps.get(i).is_some_and(|s| s.parallel);
        let mut start = self.step;
        while start > 0 && parallel(start) {
            start -= 1;
        }
        let mut end = self.step + 1;
        while parallel(end) {
            end += 1;
        }
        start..end
    }

    /// Draws the current step into `layer`: focus on the connection and its ends, and the
    /// pulse from the party that sends the message to the one that receives it. Steps that
    /// happen together with it are drawn the same way, so they pulse at once.
    pub fn mark(&self, arch: &Architecture, now: f64, layer: &mut Layer) {
        *layer = Layer::default();
        let Some((flow, _)) = self.current(arch) else {
            return;
        };
        let mut focus: HashSet<Id> = HashSet::new();
        for step in flow.steps.get(self.together(arch)).unwrap_or_default() {
            focus.insert(step.connection.clone());
            let mut t = self.progress(now);
            if let Some(c) = arch.connections.get(step.connection.as_str()) {
                focus.insert(c.from.clone());
                focus.insert(c.to.clone());
                // `from` is the consumer of a Consumes connection: the message travels to it.
                if (c.ty() == ConnectionType::Consumes) != step.reply {
                    t = 1.0 - t;
                }
            }
            layer.pulses.push((step.connection.clone(), t));
        }
        layer.focus = Some(focus);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Connection, ConnectionKind, Kind};

    fn arch() -> Architecture {
        let mut a = Architecture::new("t");
        a.components
            .insert(Component::new(id!("api"), "API", Kind::Service));
        a.components
            .insert(Component::new(id!("db"), "DB", Kind::Database));
        a.components
            .insert(Component::new(id!("other"), "Other", Kind::Cache));
        a.connections.insert(Connection::new(
            id!("w"),
            id!("api"),
            id!("db"),
            ConnectionKind::Writes,
        ));
        let mut reply = FlowStep::new(id!("w"), "stored");
        reply.reply = true;
        a.flows.push(Flow {
            id: id!("f"),
            name: "F".into(),
            description: String::new(),
            steps: vec![FlowStep::new(id!("w"), "write"), reply],
        });
        a
    }

    #[test]
    fn steps_forward_and_back_within_the_flow() {
        let a = arch();
        let mut p = Playback::new(id!("f"), 0.0);
        assert_eq!(p.current(&a).unwrap().1.narration, "write");
        assert!(!p.advance(&a, -1, 0.0), "nothing before the first step");
        assert!(p.advance(&a, 1, 0.0));
        assert_eq!(p.current(&a).unwrap().1.narration, "stored");
        assert!(!p.advance(&a, 1, 0.0), "nothing after the last step");
        assert_eq!(p.step, 1);
    }

    #[test]
    fn marks_focus_the_step_and_pulse_along_it() {
        let a = arch();
        let mut layer = Layer::default();
        let p = Playback::new(id!("f"), 0.0);
        p.mark(&a, PULSE_SECONDS * 0.25, &mut layer);
        let focus = layer.focus.clone().unwrap();
        assert!(focus.contains("w") && focus.contains("api") && focus.contains("db"));
        assert!(!focus.contains("other"));
        let [(id, t)] = layer.pulses.as_slice() else {
            panic!("one pulse: {:?}", layer.pulses)
        };
        assert_eq!(id.as_str(), "w");
        assert!((t - 0.25).abs() < 1e-4);
        // A reply travels back.
        let p = Playback::at(id!("f"), 1, 0.0);
        p.mark(&a, PULSE_SECONDS * 0.25, &mut layer);
        let [(_, t)] = layer.pulses.as_slice() else {
            panic!("one pulse: {:?}", layer.pulses)
        };
        assert!((t - 0.75).abs() < 1e-4);
        // A flow that is gone draws nothing.
        Playback::new(id!("gone"), 0.0).mark(&a, 0.0, &mut layer);
        assert!(layer.focus.is_none() && layer.pulses.is_empty());
    }

    #[test]
    fn steps_that_happen_together_pulse_together() {
        let mut a = arch();
        a.connections.insert(Connection::new(
            id!("c"),
            id!("api"),
            id!("other"),
            ConnectionKind::Writes,
        ));
        let mut together = FlowStep::new(id!("c"), "cache it too");
        together.parallel = true;
        a.flows[0].steps.insert(1, together);
        // Steps: write, (parallel) cache, stored.
        for step in [0, 1] {
            let p = Playback::at(id!("f"), step, 0.0);
            assert_eq!(p.together(&a), 0..2);
            let mut layer = Layer::default();
            p.mark(&a, 0.0, &mut layer);
            let pulsing: Vec<&str> = layer.pulses.iter().map(|(id, _)| id.as_str()).collect();
            assert_eq!(pulsing, ["w", "c"]);
            let focus = layer.focus.unwrap();
            assert!(focus.contains("other") && focus.contains("db"));
        }
        let p = Playback::at(id!("f"), 2, 0.0);
        assert_eq!(p.together(&a), 2..3);
    }
}
