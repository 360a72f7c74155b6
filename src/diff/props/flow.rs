//! Flows: name, description, and the steps, whose order is the story.
//!
//! Steps have no key of their own, and their order matters, so they are aligned as a
//! sequence (longest common subsequence of the connections they travel, via `similar`):
//! steps kept in place compare property by property, inserted steps are added, dropped steps
//! removed, and a step moved elsewhere is removed at its old place and added at its new one.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::super::recorder::At;
use crate::model::{Flow, FlowStep};

/// Records what differs between two versions of a flow (same id).
pub(crate) fn flow(at: &mut At<'_>, a: &Flow, b: &Flow) {
    let Flow {
        id: _,
        name,
        description,
        steps,
    } = a;
    at.prop("name", name, &b.name);
    at.prop("description", description, &b.description);
    if steps != &b.steps {
        compare_steps(&mut at.field("steps"), steps, &b.steps);
    }
}

/// Steps are named by their number counted from 1, as the editor shows them: the new number
/// for kept and added steps, the old number for removed ones.
fn compare_steps(at: &mut At<'_>, a: &[FlowStep], b: &[FlowStep]) {
    let old: Vec<&str> = a.iter().map(|s| s.connection.as_str()).collect();
    let new: Vec<&str> = b.iter().map(|s| s.connection.as_str()).collect();
    let number = |i: usize| (i + 1).to_string();
    let kept = |at: &mut At<'_>, i: usize, j: usize| {
        if let (Some(x), Some(y)) = (a.get(i), b.get(j))
            && x != y
        {
            step(&mut at.element(&number(j)), x, y);
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (0..len).for_each(|k| kept(at, old_index + k, new_index + k)),
            // A run replaced by a run of the same length: the same steps, retargeted.
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } if old_len == new_len => {
                (0..old_len).for_each(|k| kept(at, old_index + k, new_index + k))
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                removed(at, a, old_index, old_len);
                added(at, b, new_index, new_len);
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => removed(at, a, old_index, old_len),
            DiffOp::Insert {
                new_index, new_len, ..
            } => added(at, b, new_index, new_len),
        }
    }
}

fn removed(at: &mut At<'_>, steps: &[FlowStep], from: usize, len: usize) {
    for (i, s) in steps.iter().enumerate().skip(from).take(len) {
        at.element(&(i + 1).to_string()).removed(s);
    }
}

fn added(at: &mut At<'_>, steps: &[FlowStep], from: usize, len: usize) {
    for (i, s) in steps.iter().enumerate().skip(from).take(len) {
        at.element(&(i + 1).to_string()).added(s);
    }
}

fn step(at: &mut At<'_>, a: &FlowStep, b: &FlowStep) {
    let FlowStep {
        connection,
        narration,
        reply,
        parallel,
        branch,
    } = a;
    at.prop("connection", connection, &b.connection);
    at.prop("narration", narration, &b.narration);
    at.prop("reply", reply, &b.reply);
    at.prop("parallel", parallel, &b.parallel);
    at.prop("branch", branch, &b.branch);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;

    fn flow_of(steps: &[(&str, &str)]) -> Flow {
        Flow {
            id: id!("checkout"),
            name: "Checkout".into(),
            description: String::new(),
            steps: steps
                .iter()
                .map(|(c, n)| FlowStep::new(id!(*c), *n))
                .collect(),
        }
    }

    fn lines(a: &Flow, b: &Flow) -> Vec<(Op, String)> {
        let mut out = Vec::new();
        flow(&mut At::root(&mut out), a, b);
        out.into_iter().map(|c| (c.op, c.path)).collect()
    }

    #[test]
    fn an_inserted_step_is_one_addition_not_a_shift() {
        let a = flow_of(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let b = flow_of(&[("a", "1"), ("x", "new"), ("b", "2"), ("c", "3")]);
        assert_eq!(lines(&a, &b), [(Op::Added, "steps[2]".into())]);
    }

    #[test]
    fn kept_steps_compare_their_properties_under_the_new_number() {
        let a = flow_of(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let mut b = flow_of(&[("b", "two"), ("c", "3")]);
        b.steps[1].parallel = true;
        b.name = "Pay".into();
        assert_eq!(
            lines(&a, &b),
            [
                (Op::Changed, "name".into()),
                (Op::Removed, "steps[1]".into()),
                (Op::Changed, "steps[1].narration".into()),
                (Op::Changed, "steps[2].parallel".into()),
            ]
        );
    }

    #[test]
    fn a_retargeted_step_is_a_change_of_connection() {
        let a = flow_of(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let b = flow_of(&[("a", "1"), ("z", "2"), ("c", "3")]);
        assert_eq!(lines(&a, &b), [(Op::Changed, "steps[2].connection".into())]);
    }

    #[test]
    fn swapping_two_steps_is_a_change_because_order_matters() {
        let a = flow_of(&[("a", "1"), ("b", "2")]);
        let b = flow_of(&[("b", "2"), ("a", "1")]);
        assert!(!lines(&a, &b).is_empty());
    }
}
