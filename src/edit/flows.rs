//! Intents over flows: add, rename, reorder and delete flows; append, change, reorder and
//! delete their steps.
//!
//! A flow is small, so every change to one flow (a step added, a narration typed) is one
//! [`Edit::PutFlow`] carrying the whole new flow at its position; its inverse is the old flow.

use crate::model::{Architecture, Flow, FlowStep, Id};

use super::Edit;

fn position(arch: &Architecture, id: &Id) -> Option<usize> {
    arch.flows.iter().position(|f| &f.id == id)
}

fn put(flow: Flow, index: usize) -> Edit {
    Edit::PutFlow {
        id: flow.id.clone(),
        index,
        value: Some(Box::new(flow)),
    }
}

/// Changes the flow `id` in place with `change`; `None` if there is no such flow or nothing
/// changed.
pub fn change_flow(
    arch: &Architecture,
    id: &Id,
    change: impl FnOnce(&mut Flow) -> bool,
) -> Option<Edit> {
    let at = position(arch, id)?;
    let old = arch.flows.get(at)?;
    let mut flow = old.clone();
    if !change(&mut flow) || &flow == old {
        return None;
    }
    Some(put(flow, at))
}

/// Adds an empty flow named `name` at the end; returns the edit and its id.
pub fn add_flow(arch: &Architecture, name: &str) -> (Edit, Id) {
    let base = Id::slugify(name, "flow");
    let id = Id::unique(&base, |id| position(arch, id).is_some());
    let flow = Flow {
        id: id.clone(),
        name: name.to_owned(),
        description: String::new(),
        steps: Vec::new(),
    };
    (put(flow, arch.flows.len()), id)
}

/// Gives the flow `id` a new display name.
pub fn rename_flow(arch: &Architecture, id: &Id, name: &str) -> Option<Edit> {
    change_flow(arch, id, |f| {
        f.name = name.to_owned();
        true
    })
}

/// Moves the flow `id` by `delta` places in the list; `None` at the ends.
pub fn move_flow(arch: &Architecture, id: &Id, delta: isize) -> Option<Edit> {
    let at = position(arch, id)?;
    let to = at.checked_add_signed(delta)?;
    if to >= arch.flows.len() || to == at {
        return None;
    }
    Some(put(arch.flows.get(at)?.clone(), to))
}

/// Removes the flow `id`.
pub fn delete_flow(arch: &Architecture, id: &Id) -> Option<Edit> {
    position(arch, id)?;
    Some(Edit::PutFlow {
        id: id.clone(),
        index: 0,
        value: None,
    })
}

/// Appends `step` to the flow `id`.
pub fn append_step(arch: &Architecture, id: &Id, step: FlowStep) -> Option<Edit> {
    change_flow(arch, id, |f| {
        f.steps.push(step);
        true
    })
}

/// Replaces step `index` of the flow `id`.
pub fn set_step(arch: &Architecture, id: &Id, index: usize, step: FlowStep) -> Option<Edit> {
    change_flow(arch, id, |f| match f.steps.get_mut(index) {
        Some(s) => {
            *s = step;
            true
        }
        None => false,
    })
}

/// Moves step `index` of the flow `id` by `delta` places; `None` at the ends.
pub fn move_step(arch: &Architecture, id: &Id, index: usize, delta: isize) -> Option<Edit> {
    change_flow(arch, id, |f| {
        let Some(to) = index.checked_add_signed(delta) else {
            return false;
        };
        if index >= f.steps.len() || to >= f.steps.len() {
            return false;
        }
        let step = f.steps.remove(index);
        f.steps.insert(to, step);
        true
    })
}

/// Removes step `index` of the flow `id`.
pub fn delete_step(arch: &Architecture, id: &Id, index: usize) -> Option<Edit> {
    change_flow(arch, id, |f| {
        if index < f.steps.len() {
            f.steps.remove(index);
            true
        } else {
            false
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;

    fn connections(arch: &Architecture, flow: &Id) -> Vec<String> {
        arch.flows
            .iter()
            .find(|f| &f.id == flow)
            .map(|f| f.steps.iter().map(|s| s.connection.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn steps_are_appended_changed_moved_and_deleted_undoably() {
        let mut arch = Architecture::new("t");
        let (edit, f) = add_flow(&arch, "Checkout");
        edit.apply(&mut arch).unwrap();
        assert_eq!(f.as_str(), "checkout");
        for c in ["a", "b", "c"] {
            append_step(&arch, &f, FlowStep::new(Id::new(c).unwrap(), c))
                .unwrap()
                .apply(&mut arch)
                .unwrap();
        }
        assert_eq!(connections(&arch, &f), ["a", "b", "c"]);
        let before = arch.clone();

        let undo = move_step(&arch, &f, 2, -2)
            .unwrap()
            .apply(&mut arch)
            .unwrap();
        assert_eq!(connections(&arch, &f), ["c", "a", "b"]);
        undo.apply(&mut arch).unwrap();
        assert_eq!(arch, before);
        assert!(move_step(&arch, &f, 2, 1).is_none(), "already last");

        let mut step = FlowStep::new(id!("b"), "replies");
        step.reply = true;
        let undo = set_step(&arch, &f, 1, step.clone())
            .unwrap()
            .apply(&mut arch)
            .unwrap();
        assert_eq!(arch.flows[0].steps[1], step);
        undo.apply(&mut arch).unwrap();
        assert_eq!(arch, before);

        let undo = delete_step(&arch, &f, 0).unwrap().apply(&mut arch).unwrap();
        assert_eq!(connections(&arch, &f), ["b", "c"]);
        undo.apply(&mut arch).unwrap();
        assert_eq!(arch, before);
        assert!(delete_step(&arch, &f, 7).is_none());

        let undo = delete_flow(&arch, &f).unwrap().apply(&mut arch).unwrap();
        assert!(arch.flows.is_empty());
        undo.apply(&mut arch).unwrap();
        assert_eq!(arch, before);
    }

    #[test]
    fn flows_reorder_and_rename_keeps_the_id() {
        let mut arch = Architecture::new("t");
        add_flow(&arch, "One").0.apply(&mut arch).unwrap();
        add_flow(&arch, "Two").0.apply(&mut arch).unwrap();
        move_flow(&arch, &id!("two"), -1)
            .unwrap()
            .apply(&mut arch)
            .unwrap();
        let order: Vec<&str> = arch.flows.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(order, ["two", "one"]);
        rename_flow(&arch, &id!("one"), "First")
            .unwrap()
            .apply(&mut arch)
            .unwrap();
        assert_eq!(arch.flows[1].name, "First");
        assert_eq!(arch.flows[1].id.as_str(), "one");
        assert!(
            rename_flow(&arch, &id!("one"), "First").is_none(),
            "no change"
        );
    }
}
