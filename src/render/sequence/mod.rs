//! Sequence diagrams of a flow: who sends what to whom, step by step.
//!
//! A flow is a list of steps over connections with two markers: `parallel` (the step happens
//! at the same time as the one before it) and `branch` (the step belongs to a named
//! alternative). [`Sequence::new`] reads those markers once into a tree of [`Block`]s —
//! messages, `par` blocks with one lane per parallel step, `alt` blocks with one arm per
//! branch — and [`mermaid`] and [`plantuml`] only print that tree, so both formats group the
//! steps the same way. Each step becomes one message in step order, so the tools'
//! automatic numbering matches the step numbers of the review pack's player.
//!
//! A message goes the way the data travels: a call, read, write or publish from the acting
//! party to the other end; a consume from the queue to the consumer (the `from` of a
//! `Consumes` connection is the consumer); a reply the other way. Steps on connections the
//! model does not have are left out (the checks report dangling references).

pub mod mermaid;
pub mod plantuml;

use std::collections::BTreeMap;

use super::text::{edge_label, one_line};
use crate::model::{Architecture, Component, Connection, ConnectionType, Flow, FlowStep, Id, Kind};

/// The line a message is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrow {
    /// A synchronous request, read or write: solid line.
    Call,
    /// A message handed to or delivered by a queue: dashed line, open head.
    Async,
    /// A response going back: dashed line.
    Reply,
}

/// One message: a step of the flow.
#[derive(Clone, Debug, PartialEq)]
pub struct Message<'a> {
    /// Position of the step in the flow, from 1.
    pub step: usize,
    /// The connection the step travels on.
    pub connection: &'a Connection,
    /// Index into [`Sequence::participants`] of the sender.
    pub from: usize,
    /// Index into [`Sequence::participants`] of the receiver.
    pub to: usize,
    /// How it is drawn.
    pub arrow: Arrow,
    /// What is written on it: the narration, else the connection's label or topic, else
    /// what the connection does; on one line.
    pub text: String,
}

/// A part of the diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum Block<'a> {
    /// One message.
    Message(Message<'a>),
    /// Steps that happen at the same time, one lane each (two or more lanes).
    Par(Vec<Message<'a>>),
    /// Alternatives: one arm per branch name, in the flow's order. A single arm is an
    /// optional part (`opt`).
    Alt(Vec<(String, Vec<Block<'a>>)>),
}

/// Someone taking part in the flow.
#[derive(Clone, Debug, PartialEq)]
pub struct Participant<'a> {
    /// The component's id.
    pub id: &'a Id,
    /// Its display name (the id when the component is missing).
    pub name: &'a str,
    /// Its kind, when the model has the component.
    pub kind: Option<Kind>,
}

/// A flow as a sequence diagram: participants in order of first appearance, and blocks.
#[derive(Clone, Debug, PartialEq)]
pub struct Sequence<'a> {
    /// The model.
    pub arch: &'a Architecture,
    /// The flow drawn.
    pub flow: &'a Flow,
    /// Everyone who sends or receives a message.
    pub participants: Vec<Participant<'a>>,
    /// The diagram, top to bottom.
    pub blocks: Vec<Block<'a>>,
}

impl<'a> Sequence<'a> {
    /// The sequence diagram of `flow`, one of `arch`'s flows.
    pub fn new(arch: &'a Architecture, flow: &'a Flow) -> Self {
        let mut participants: Vec<Participant<'a>> = Vec::new();
        let mut index: BTreeMap<&'a Id, usize> = BTreeMap::new();
        let mut place = |id: &'a Id| -> usize {
            if let Some(&i) = index.get(id) {
                return i;
            }
            let component: Option<&Component> = arch.components.get(id.as_str());
            participants.push(Participant {
                id,
                name: component.map_or(id.as_str(), |c| c.name.as_str()),
                kind: component.map(Component::kind),
            });
            index.insert(id, participants.len() - 1);
            participants.len() - 1
        };
        // (branch, parallel, message) for every step whose connection exists.
        let mut steps: Vec<(&'a FlowStep, Message<'a>)> = Vec::new();
        for (i, step) in flow.steps.iter().enumerate() {
            let Some(connection) = arch.connections.get(step.connection.as_str()) else {
                continue;
            };
            let (sender, receiver, arrow) = direction(connection, step.reply);
            let from = place(sender);
            let to = place(receiver);
            steps.push((
                step,
                Message {
                    step: i + 1,
                    connection,
                    from,
                    to,
                    arrow,
                    text: message_text(step, connection),
                },
            ));
        }
        Self {
            arch,
            flow,
            participants,
            blocks: blocks(steps),
        }
    }

    /// The participant at `index` (messages hold indices into the participant list).
    pub fn participant(&self, index: usize) -> Option<&Participant<'a>> {
        self.participants.get(index)
    }
}

/// Sender, receiver and line of a step on `c`.
fn direction(c: &Connection, reply: bool) -> (&Id, &Id, Arrow) {
    let (actor, other) = (&c.from, &c.to);
    let (sender, receiver, arrow) = match c.ty() {
        ConnectionType::Publishes => (actor, other, Arrow::Async),
        // The consumer is `from`; the message travels from the queue to it.
        ConnectionType::Consumes => (other, actor, Arrow::Async),
        ConnectionType::Calls
        | ConnectionType::Reads
        | ConnectionType::Writes
        | ConnectionType::DependsOn => (actor, other, Arrow::Call),
    };
    if reply {
        (receiver, sender, Arrow::Reply)
    } else {
        (sender, receiver, arrow)
    }
}

fn message_text(step: &FlowStep, c: &Connection) -> String {
    let narration = one_line(step.narration.trim());
    if !narration.trim().is_empty() {
        return narration.trim().to_owned();
    }
    let label = one_line(edge_label(c));
    if !label.trim().is_empty() {
        return label.trim().to_owned();
    }
    let verb = match c.ty() {
        ConnectionType::Calls => "calls",
        ConnectionType::Publishes => "publishes",
        ConnectionType::Consumes => "delivers",
        ConnectionType::Reads => "reads",
        ConnectionType::Writes => "writes",
        ConnectionType::DependsOn => "uses",
    };
    if step.reply {
        "returns".to_owned()
    } else {
        verb.to_owned()
    }
}

/// Groups consecutive branched steps into `alt` blocks (one arm per run of one branch
/// name), and parallel steps with the step before them into `par` blocks.
fn blocks<'a>(steps: Vec<(&'a FlowStep, Message<'a>)>) -> Vec<Block<'a>> {
    let mut out: Vec<Block<'a>> = Vec::new();
    let mut arms: Vec<(String, Vec<(&'a FlowStep, Message<'a>)>)> = Vec::new();
    let mut plain: Vec<(&'a FlowStep, Message<'a>)> = Vec::new();
    for (step, message) in steps {
        match &step.branch {
            Some(branch) => {
                if !plain.is_empty() {
                    out.extend(lanes(std::mem::take(&mut plain)));
                }
                match arms.last_mut() {
                    Some((name, arm)) if name == branch => arm.push((step, message)),
                    _ => arms.push((branch.clone(), vec![(step, message)])),
                }
            }
            None => {
                if !arms.is_empty() {
                    out.push(alt(std::mem::take(&mut arms)));
                }
                plain.push((step, message));
            }
        }
    }
    if !arms.is_empty() {
        out.push(alt(arms));
    }
    out.extend(lanes(plain));
    out
}

fn alt<'a>(arms: Vec<(String, Vec<(&'a FlowStep, Message<'a>)>)>) -> Block<'a> {
    Block::Alt(
        arms.into_iter()
            .map(|(name, steps)| (one_line(name.trim()), lanes(steps)))
            .collect(),
    )
}

/// Steps without branches (or of one arm) with parallel runs gathered into `par` blocks.
fn lanes<'a>(steps: Vec<(&'a FlowStep, Message<'a>)>) -> Vec<Block<'a>> {
    let mut out: Vec<Block<'a>> = Vec::new();
    for (step, message) in steps {
        if step.parallel {
            match out.pop() {
                Some(Block::Message(before)) => {
                    out.push(Block::Par(vec![before, message]));
                    continue;
                }
                Some(Block::Par(mut lanes)) => {
                    lanes.push(message);
                    out.push(Block::Par(lanes));
                    continue;
                }
                Some(other) => out.push(other),
                None => {}
            }
        }
        out.push(Block::Message(message));
    }
    out
}

/// What a text format says differently when it writes the blocks of a sequence; the walk
/// itself ([`write_blocks`]) is the same for every format.
pub(crate) trait Dialect {
    /// One level of indentation.
    const INDENT: &'static str;
    /// The keyword between two lanes of a `par` block (`and` in Mermaid, `else` in PlantUML).
    const NEXT_LANE: &'static str;
    /// A label (an alternative's name) escaped for the format.
    fn label(s: &str) -> String;
    /// Writes one message line at `depth`.
    fn message(seq: &Sequence, m: &Message, depth: usize, out: &mut String);
}

/// Writes `blocks` at `depth`: messages, `par` blocks with one lane per message, and
/// `alt`/`opt` blocks with one arm per alternative.
pub(crate) fn write_blocks<D: Dialect>(
    seq: &Sequence,
    blocks: &[Block],
    depth: usize,
    out: &mut String,
) {
    use std::fmt::Write as _;
    let pad = D::INDENT.repeat(depth);
    for block in blocks {
        match block {
            Block::Message(m) => D::message(seq, m, depth, out),
            Block::Par(lanes) => {
                for (i, m) in lanes.iter().enumerate() {
                    let _ = writeln!(out, "{pad}{}", if i == 0 { "par" } else { D::NEXT_LANE });
                    D::message(seq, m, depth + 1, out);
                }
                let _ = writeln!(out, "{pad}end");
            }
            Block::Alt(arms) => {
                let single = arms.len() == 1;
                for (i, (name, inner)) in arms.iter().enumerate() {
                    let keyword = match (single, i) {
                        (true, _) => "opt",
                        (false, 0) => "alt",
                        _ => "else",
                    };
                    let _ = writeln!(out, "{pad}{keyword} {}", D::label(name));
                    write_blocks::<D>(seq, inner, depth + 1, out);
                }
                let _ = writeln!(out, "{pad}end");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Flow, FlowStep};

    fn model() -> Architecture {
        crate::file::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/shop.ron"
        )))
        .expect("the shop example loads")
    }

    #[test]
    fn parallel_steps_join_the_step_before_and_branches_form_arms() {
        let arch = model();
        let flow = arch.flows.first().expect("shop has a flow");
        let seq = Sequence::new(&arch, flow);
        let shape: Vec<String> = seq
            .blocks
            .iter()
            .map(|b| match b {
                Block::Message(m) => m.step.to_string(),
                Block::Par(lanes) => format!(
                    "par({})",
                    lanes
                        .iter()
                        .map(|m| m.step.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                Block::Alt(arms) => format!(
                    "alt({})",
                    arms.iter()
                        .map(|(n, b)| format!("{n}:{}", b.len()))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            })
            .collect();
        assert_eq!(
            shape,
            [
                "1",
                "2",
                "3",
                "par(4,5,6)",
                "7",
                "8",
                "9",
                "10",
                "alt(card accepted:1,card declined:1)",
                "13"
            ]
        );
    }

    #[test]
    fn consumes_travel_from_the_queue_and_replies_go_back() {
        let arch = model();
        let mut flow = Flow {
            id: "f".parse().expect("id"),
            name: "F".into(),
            description: String::new(),
            steps: vec![
                FlowStep::new("email-consumes-created".parse().expect("id"), ""),
                FlowStep::new("web-to-gateway".parse().expect("id"), "back"),
                FlowStep::new("no-such-connection".parse().expect("id"), "gone"),
            ],
        };
        flow.steps[1].reply = true;
        let seq = Sequence::new(&arch, &flow);
        let Some(Block::Message(consume)) = seq.blocks.first() else {
            panic!("a message first: {:?}", seq.blocks);
        };
        let conn = consume.connection;
        assert_eq!(seq.participants[consume.from].id, &conn.to);
        assert_eq!(seq.participants[consume.to].id, &conn.from);
        assert_eq!(consume.arrow, Arrow::Async);
        assert_eq!(consume.text, "orders.created");
        let Some(Block::Message(reply)) = seq.blocks.get(1) else {
            panic!("a reply second");
        };
        assert_eq!(reply.arrow, Arrow::Reply);
        assert_eq!(seq.participants[reply.from].id, &reply.connection.to);
        assert_eq!(seq.blocks.len(), 2, "the dangling step is left out");
    }
}
