//! Review notes: target, author, text, resolved.

use super::super::recorder::At;
use crate::model::Note;

/// Records what differs between two versions of a note (same id).
pub(crate) fn note(at: &mut At<'_>, a: &Note, b: &Note) {
    let Note {
        id: _,
        target,
        author,
        text,
        resolved,
    } = a;
    at.prop("target", target, &b.target);
    at.prop("author", author, &b.author);
    at.prop("text", text, &b.text);
    at.prop("resolved", resolved, &b.resolved);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;
    use crate::model::NoteTarget;

    #[test]
    fn resolving_and_moving_a_note() {
        let a = Note {
            id: id!("n1"),
            target: NoteTarget::Component(id!("payments")),
            author: "Dana".into(),
            text: "Webhooks?".into(),
            resolved: false,
        };
        let mut b = a.clone();
        b.resolved = true;
        b.target = NoteTarget::Connection(id!("payments-to-stripe"));
        let mut out = Vec::new();
        note(&mut At::root(&mut out), &a, &b);
        let lines: Vec<_> = out
            .iter()
            .map(|c| {
                (
                    c.op,
                    c.path.as_str(),
                    c.before.as_deref(),
                    c.after.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                (
                    Op::Changed,
                    "target",
                    Some(r#"Component("payments")"#),
                    Some(r#"Connection("payments-to-stripe")"#)
                ),
                (Op::Changed, "resolved", Some("false"), Some("true")),
            ]
        );
    }
}
