//! `dangling-reference` (error): an id that names something that does not exist.
//!
//! Why it matters: the loader accepts a file whose references dangle, so that a person can
//! open it and mend it (a hand edit, a bad merge, a component deleted by another tool). But
//! every dangling reference is a piece of the design that silently does nothing: a connection
//! that is not drawn or exported, a group member that is in no group, a flow step that
//! cannot play, a setting that applies to nothing.
//!
//! How to fix: create what the reference names, point it at the right id (ids are
//! `[a-z][a-z0-9-]*` and never change on rename, so look for a typo), or delete the
//! reference.
//!
//! Checked, everywhere an id appears: connection ends; group members (components) and parents
//! (groups, which must not form a cycle); view filters (groups, and components to include or
//! exclude); flow steps (connections); note targets (a component or a connection, as the note
//! says); layout entries (components); and the model's rule settings — suppressions must name
//! a component or connection and an existing rule, level overrides an existing rule.

use crate::check::{Context, RULES, Rule, Sink};
use crate::model::{Id, NoteTarget, Severity};

use super::list;

pub(crate) const RULE: Rule = Rule {
    id: "dangling-reference",
    default_severity: Severity::Error,
    summary: "a connection, group member, flow step or layout entry that names a component \
              that does not exist",
    help: "create what the reference names, correct the id (look for a typo), or delete the \
           reference",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    connections(cx, sink);
    groups(cx, sink);
    views(cx, sink);
    flows(cx, sink);
    notes(cx, sink);
    layout(cx, sink);
    settings(cx, sink);
}

fn connections(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for (c, ends) in cx.index().connections.iter().zip(&cx.index().ends) {
        let missing: Vec<&str> = [(ends.from, &c.from), (ends.to, &c.to)]
            .into_iter()
            .filter(|(node, _)| node.is_none())
            .map(|(_, id)| id.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let mut subjects = vec![c.id.clone()];
        subjects.extend(
            [(ends.from, &c.from), (ends.to, &c.to)]
                .into_iter()
                .filter(|(node, _)| node.is_some())
                .map(|(_, id)| id.clone()),
        );
        let what = if missing.len() == 1 {
            "there is no component"
        } else {
            "there are no components"
        };
        sink.report(
            subjects,
            format!(
                "connection `{}` goes from `{}` to `{}`, but {what} {}",
                c.id,
                c.from,
                c.to,
                list(missing)
            ),
        );
    }
}

fn groups(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let arch = cx.arch;
    for g in arch.groups.iter() {
        let missing: Vec<&str> = g
            .members
            .iter()
            .filter(|m| cx.index().node(m).is_none())
            .map(Id::as_str)
            .collect();
        if !missing.is_empty() {
            let (noun, verb) = if missing.len() == 1 {
                ("a member", "is not a component")
            } else {
                ("members", "are not components")
            };
            sink.report(
                Vec::new(),
                format!(
                    "group `{}` lists {noun} {} that {verb}",
                    g.id,
                    list(missing)
                ),
            );
        }
        if let Some(parent) = &g.parent
            && !arch.groups.contains(parent.as_str())
        {
            sink.report(
                Vec::new(),
                format!(
                    "group `{}` has parent `{parent}`, which is not a group",
                    g.id
                ),
            );
        }
    }
    for cycle in parent_cycles(cx) {
        sink.report(
            Vec::new(),
            format!(
                "groups {} are each other's parents, so none of them is inside anything",
                list(cycle.iter().map(|g| g.as_str()))
            ),
        );
    }
}

/// Each cycle of group parents, as its members sorted, once.
fn parent_cycles<'a>(cx: &Context<'a>) -> Vec<Vec<&'a Id>> {
    let groups = cx.groups();
    let n = groups.groups.len();
    // 0 unvisited, 1 on the current walk, 2 done.
    let mut state = vec![0u8; n];
    let mut cycles = Vec::new();
    for start in 0..n {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(g) = at {
            match state.get(g).copied() {
                Some(0) => {}
                Some(1) => {
                    // Closed a loop: the walk from the first visit of `g` on.
                    if let Some(pos) = walk.iter().position(|x| *x == g) {
                        let mut ids: Vec<&Id> = walk
                            .get(pos..)
                            .unwrap_or(&[])
                            .iter()
                            .filter_map(|x: &usize| groups.group(*x as u32).map(|g| &g.id))
                            .collect();
                        ids.sort_unstable();
                        cycles.push(ids);
                    }
                    break;
                }
                _ => break,
            }
            if let Some(s) = state.get_mut(g) {
                *s = 1;
            }
            walk.push(g);
            at = groups.parent.get(g).copied().flatten().map(|p| p as usize);
        }
        for g in walk {
            if let Some(s) = state.get_mut(g) {
                *s = 2;
            }
        }
    }
    cycles.sort();
    cycles
}

fn views(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for v in &cx.arch.views {
        let f = &v.filter;
        let groups: Vec<&str> = f
            .groups
            .iter()
            .filter(|g| !cx.arch.groups.contains(g.as_str()))
            .map(Id::as_str)
            .collect();
        if !groups.is_empty() {
            sink.report(
                Vec::new(),
                format!(
                    "view `{}` filters on {} {}, which {} not exist",
                    v.id,
                    if groups.len() == 1 { "group" } else { "groups" },
                    list(groups.iter().copied()),
                    if groups.len() == 1 { "does" } else { "do" }
                ),
            );
        }
        for (ids, word) in [(&f.include, "includes"), (&f.exclude, "excludes")] {
            let missing: Vec<&str> = ids
                .iter()
                .filter(|c| cx.index().node(c).is_none())
                .map(Id::as_str)
                .collect();
            if !missing.is_empty() {
                sink.report(
                    Vec::new(),
                    format!(
                        "view `{}` {word} {}, which {} not a component",
                        v.id,
                        list(missing.iter().copied()),
                        if missing.len() == 1 { "is" } else { "are" }
                    ),
                );
            }
        }
    }
}

fn flows(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for flow in &cx.arch.flows {
        for (n, step) in flow.steps.iter().enumerate() {
            if !cx.arch.connections.contains(step.connection.as_str()) {
                sink.report(
                    Vec::new(),
                    format!(
                        "step {} of flow `{}` travels on `{}`, which is not a connection",
                        n + 1,
                        flow.id,
                        step.connection
                    ),
                );
            }
        }
    }
}

fn notes(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for note in cx.arch.notes.iter() {
        let (exists, what) = match &note.target {
            NoteTarget::Component(id) => (cx.index().node(id).is_some(), "component"),
            NoteTarget::Connection(id) => (cx.arch.connections.contains(id.as_str()), "connection"),
        };
        if !exists {
            sink.report(
                Vec::new(),
                format!(
                    "note `{}` is pinned to {what} `{}`, which does not exist",
                    note.id,
                    note.target.id()
                ),
            );
        }
    }
}

fn layout(cx: &Context<'_>, sink: &mut Sink<'_>) {
    // The layout and the components are both in id order: one walk along both finds the
    // entries that name nothing, without looking each one up.
    // An entry that shares its text with its component is matched by the index's copy of
    // the text's address, without reading the component.
    let index = cx.index();
    let mut next = 0u32;
    let mut missing: Vec<&str> = Vec::new();
    for id in cx.arch.layout.keys() {
        let found = loop {
            let Some(component) = index.component(next) else {
                break false;
            };
            if index.text_address(next) == Some(id.text_address()) || &component.id == id {
                next += 1;
                break true;
            }
            if component.id.as_str() > id.as_str() {
                break false;
            }
            next += 1;
        };
        if !found {
            missing.push(id.as_str());
        }
    }
    if !missing.is_empty() {
        let (noun, verb) = if missing.len() == 1 {
            ("an entry", "is not a component")
        } else {
            ("entries", "are not components")
        };
        sink.report(
            Vec::new(),
            format!("the layout has {noun} for {}, which {verb}", list(missing)),
        );
    }
}

fn settings(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let is_rule = |id: &str| RULES.iter().any(|r| r.id == id);
    let known = "run `archcanvas rules` for the list of rule ids";
    for id in cx.arch.rules.levels.keys().filter(|id| !is_rule(id)) {
        sink.report_with_hint(
            Vec::new(),
            format!("the rules section sets a level for `{id}`, which is not a rule"),
            format!("correct the rule id or delete the line; {known}"),
        );
    }
    for s in &cx.arch.rules.suppress {
        if !is_rule(&s.rule) {
            sink.report_with_hint(
                Vec::new(),
                format!(
                    "a suppression on `{}` names rule `{}`, which is not a rule",
                    s.subject, s.rule
                ),
                format!("correct the rule id or delete the suppression; {known}"),
            );
        }
        if !cx.arch.has_subject(s.subject.as_str()) {
            sink.report(
                Vec::new(),
                format!(
                    "a suppression of `{}` names `{}`, which is neither a component nor a \
                     connection",
                    s.rule, s.subject
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::id;
    use crate::model::{
        ConnectionKind, Flow, FlowStep, GroupKind, Level, Note, NoteTarget, Placement, Suppression,
        View,
    };

    #[test]
    fn every_kind_of_reference_is_checked() {
        let arch = model()
            .services(&["a", "b"])
            .calls("a", "b")
            .connect_as("to-ghost", "a", "ghost", ConnectionKind::DependsOn)
            .group("g", GroupKind::BoundedContext, &["a", "phantom"])
            .parent("g", "nowhere")
            .group("x", GroupKind::BoundedContext, &[])
            .group("y", GroupKind::BoundedContext, &[])
            .parent("x", "y")
            .parent("y", "x")
            .edit(|a| {
                let mut v = View {
                    id: id!("v"),
                    name: "V".into(),
                    description: String::new(),
                    filter: Default::default(),
                    viewport: None,
                };
                v.filter.groups.insert(id!("no-group"));
                v.filter.include.insert(id!("no-comp"));
                a.views.push(v);
                a.flows.push(Flow {
                    id: id!("f"),
                    name: "F".into(),
                    description: String::new(),
                    steps: vec![
                        FlowStep::new(id!("a-to-b"), "fine"),
                        FlowStep::new(id!("no-conn"), "broken"),
                    ],
                });
                a.notes.insert(Note {
                    id: id!("n"),
                    target: NoteTarget::Connection(id!("a")),
                    author: String::new(),
                    text: "pinned to a component id as a connection".into(),
                    resolved: false,
                });
                a.layout.insert(id!("gone"), Placement::at(0.0, 0.0));
                a.rules.levels.insert("orphans".into(), Level::Off);
                a.rules.suppress.push(Suppression {
                    rule: "orphan".into(),
                    subject: id!("nobody"),
                    reason: "typo".into(),
                });
            })
            .build();
        let mut messages: Vec<String> = findings(&arch, "dangling-reference")
            .into_iter()
            .map(|f| f.message)
            .collect();
        messages.sort();
        assert_eq!(
            messages,
            [
                "a suppression of `orphan` names `nobody`, which is neither a component nor a \
                 connection",
                "connection `to-ghost` goes from `a` to `ghost`, but there is no component \
                 `ghost`",
                "group `g` has parent `nowhere`, which is not a group",
                "group `g` lists a member `phantom` that is not a component",
                "groups `x` and `y` are each other's parents, so none of them is inside anything",
                "note `n` is pinned to connection `a`, which does not exist",
                "step 2 of flow `f` travels on `no-conn`, which is not a connection",
                "the layout has an entry for `gone`, which is not a component",
                "the rules section sets a level for `orphans`, which is not a rule",
                "view `v` filters on group `no-group`, which does not exist",
                "view `v` includes `no-comp`, which is not a component",
            ]
        );
    }

    #[test]
    fn a_consistent_model_has_no_dangling_references() {
        let arch = model()
            .services(&["a", "b"])
            .calls("a", "b")
            .group("outer", GroupKind::BoundedContext, &["a"])
            .group("inner", GroupKind::BoundedContext, &["b"])
            .parent("inner", "outer")
            .edit(|a| {
                a.layout.insert(id!("a"), Placement::at(0.0, 0.0));
                a.notes.insert(Note {
                    id: id!("n"),
                    target: NoteTarget::Component(id!("b")),
                    author: String::new(),
                    text: "fine".into(),
                    resolved: false,
                });
                a.rules.suppress.push(Suppression {
                    rule: "orphan".into(),
                    subject: id!("a-to-b"),
                    reason: "fine".into(),
                });
            })
            .build();
        assert!(findings(&arch, "dangling-reference").is_empty());
    }
}
