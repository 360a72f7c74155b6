//! Intents on review notes: add, change the text, resolve or reopen, delete.
//!
//! A note is one value keyed by id, so every intent is one [`Edit::PutNote`] whose inverse is
//! the put of the old value; each is one undo step. Like [`super::ops`], these functions only
//! read the model and say what to change.

use crate::model::{Architecture, Id, Note, NoteTarget};

use super::{Edit, EditError};

/// An id for a new note on `target`, free in `arch` (`note-payments`, `note-payments-2`).
pub fn fresh_note_id(arch: &Architecture, target: &NoteTarget) -> Id {
    let base = Id::slugify(&format!("note-{}", target.id()), "note");
    Id::unique(&base, |id| arch.notes.contains(id.as_str()))
}

/// Adds an open note by `author` on `target`. Refuses a target that is not in the model and
/// an empty text. Returns the edit and the new note's id.
pub fn add_note(
    arch: &Architecture,
    target: NoteTarget,
    author: &str,
    text: &str,
) -> Result<(Edit, Id), EditError> {
    let exists = match &target {
        NoteTarget::Component(id) => arch.components.contains(id.as_str()),
        NoteTarget::Connection(id) => arch.connections.contains(id.as_str()),
    };
    if !exists {
        return Err(EditError::Missing {
            what: match &target {
                NoteTarget::Component(_) => "component",
                NoteTarget::Connection(_) => "connection",
            },
            id: target.id().to_string(),
        });
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(EditError::Refused(
            "a note needs some text: write what should be looked at".into(),
        ));
    }
    let id = fresh_note_id(arch, &target);
    let note = Note {
        id: id.clone(),
        target,
        author: author.trim().to_owned(),
        text: text.to_owned(),
        resolved: false,
    };
    Ok((put_note(note), id))
}

/// The edit that sets `note` (adding or replacing it).
pub fn put_note(note: Note) -> Edit {
    Edit::PutNote {
        id: note.id.clone(),
        value: Some(Box::new(note)),
    }
}

fn existing<'a>(arch: &'a Architecture, id: &Id) -> Result<&'a Note, EditError> {
    arch.notes
        .get(id.as_str())
        .ok_or_else(|| EditError::Missing {
            what: "note",
            id: id.to_string(),
        })
}

/// Marks note `id` resolved (or open again).
pub fn set_resolved(arch: &Architecture, id: &Id, resolved: bool) -> Result<Edit, EditError> {
    let mut note = existing(arch, id)?.clone();
    note.resolved = resolved;
    Ok(put_note(note))
}

/// Replaces the text (and author) of note `id`; an empty text is refused.
pub fn set_text(arch: &Architecture, id: &Id, author: &str, text: &str) -> Result<Edit, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(EditError::Refused(
            "a note needs some text; to drop it, delete the note".into(),
        ));
    }
    let mut note = existing(arch, id)?.clone();
    note.author = author.trim().to_owned();
    note.text = text.to_owned();
    Ok(put_note(note))
}

/// Deletes note `id`.
pub fn delete_note(arch: &Architecture, id: &Id) -> Result<Edit, EditError> {
    existing(arch, id)?;
    Ok(Edit::PutNote {
        id: id.clone(),
        value: None,
    })
}

/// How many open notes each component and connection has, by target id.
pub fn open_counts(arch: &Architecture) -> std::collections::BTreeMap<&Id, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for n in arch.notes.iter().filter(|n| !n.resolved) {
        *counts.entry(n.target.id()).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Component, Kind};

    fn sample() -> Architecture {
        let mut a = Architecture::new("t");
        a.components
            .insert(Component::new(id!("api"), "API", Kind::Service));
        a
    }

    fn apply(arch: &mut Architecture, edit: Edit) -> Edit {
        edit.apply(arch).unwrap()
    }

    #[test]
    fn add_resolve_edit_delete_and_undo_each() {
        let original = sample();
        let mut arch = original.clone();
        let (edit, nid) =
            add_note(&arch, NoteTarget::Component(id!("api")), " Dana ", " why? ").unwrap();
        assert_eq!(nid.as_str(), "note-api");
        let undo_add = apply(&mut arch, edit);
        let note = arch.notes.get("note-api").unwrap();
        assert_eq!((note.author.as_str(), note.text.as_str()), ("Dana", "why?"));
        assert!(!note.resolved);
        assert_eq!(open_counts(&arch).get(&id!("api")), Some(&1));

        let added = arch.clone();
        let edit = set_resolved(&arch, &nid, true).unwrap();
        let undo = apply(&mut arch, edit);
        assert!(arch.notes.get("note-api").unwrap().resolved);
        assert!(open_counts(&arch).is_empty());
        apply(&mut arch, undo);
        assert_eq!(arch, added);

        let edit = set_text(&arch, &nid, "Sam", "better").unwrap();
        let undo = apply(&mut arch, edit);
        assert_eq!(arch.notes.get("note-api").unwrap().text, "better");
        apply(&mut arch, undo);
        assert_eq!(arch, added);

        let edit = delete_note(&arch, &nid).unwrap();
        let undo = apply(&mut arch, edit);
        assert!(arch.notes.is_empty());
        apply(&mut arch, undo);
        assert_eq!(arch, added);

        apply(&mut arch, undo_add);
        assert_eq!(arch, original);
    }

    #[test]
    fn bad_targets_and_empty_texts_are_refused() {
        let arch = sample();
        let err = add_note(&arch, NoteTarget::Connection(id!("nope")), "", "x").unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
        assert!(add_note(&arch, NoteTarget::Component(id!("api")), "", "  ").is_err());
        assert!(set_resolved(&arch, &id!("missing"), true).is_err());
    }

    #[test]
    fn ids_stay_unique() {
        let mut arch = sample();
        for _ in 0..2 {
            let (edit, _) = add_note(&arch, NoteTarget::Component(id!("api")), "", "x").unwrap();
            edit.apply(&mut arch).unwrap();
        }
        let ids: Vec<&str> = arch.notes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["note-api", "note-api-2"]);
    }
}
