//! Intents over saved views: add, rename, update, reorder, delete.
//!
//! Views are an ordered list (the order people see in the Views panel and in presentation
//! mode), so every intent is one [`Edit::PutView`] naming the view's position; its inverse puts
//! the old view back where it was.

use crate::model::{Architecture, Id, View, ViewFilter, Viewport};

use super::Edit;

fn position(arch: &Architecture, id: &Id) -> Option<usize> {
    arch.views.iter().position(|v| &v.id == id)
}

fn put(view: View, index: usize) -> Edit {
    Edit::PutView {
        id: view.id.clone(),
        index,
        value: Some(Box::new(view)),
    }
}

/// Adds a view named `name` at the end of the list; returns the edit and the new view's id
/// (made from the name, unique among views).
pub fn add_view(
    arch: &Architecture,
    name: &str,
    filter: ViewFilter,
    viewport: Option<Viewport>,
) -> (Edit, Id) {
    let base = Id::slugify(name, "view");
    let id = Id::unique(&base, |id| position(arch, id).is_some());
    let view = View {
        id: id.clone(),
        name: name.to_owned(),
        description: String::new(),
        filter,
        viewport,
    };
    (put(view, arch.views.len()), id)
}

/// Replaces the view with `view.id` in place (same position); `None` if there is no such view
/// or nothing changes.
pub fn update_view(arch: &Architecture, view: View) -> Option<Edit> {
    let at = position(arch, &view.id)?;
    if arch.views.get(at) == Some(&view) {
        return None;
    }
    Some(put(view, at))
}

/// Gives the view `id` a new display name (its id stays).
pub fn rename_view(arch: &Architecture, id: &Id, name: &str) -> Option<Edit> {
    let mut view = arch.views.get(position(arch, id)?)?.clone();
    view.name = name.to_owned();
    update_view(arch, view)
}

/// Moves the view `id` by `delta` places (negative: up); `None` at the ends of the list.
pub fn move_view(arch: &Architecture, id: &Id, delta: isize) -> Option<Edit> {
    let at = position(arch, id)?;
    let to = at.checked_add_signed(delta)?;
    if to >= arch.views.len() || to == at {
        return None;
    }
    Some(put(arch.views.get(at)?.clone(), to))
}

/// Removes the view `id`.
pub fn delete_view(arch: &Architecture, id: &Id) -> Option<Edit> {
    position(arch, id)?;
    Some(Edit::PutView {
        id: id.clone(),
        index: 0,
        value: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;

    fn order(arch: &Architecture) -> Vec<&str> {
        arch.views.iter().map(|v| v.id.as_str()).collect()
    }

    #[test]
    fn add_rename_move_and_delete_undo_exactly() {
        let mut arch = Architecture::new("t");
        let (edit, a) = add_view(&arch, "Checkout path", ViewFilter::default(), None);
        assert_eq!(a.as_str(), "checkout-path");
        edit.apply(&mut arch).unwrap();
        let (edit, b) = add_view(&arch, "Checkout path", ViewFilter::default(), None);
        assert_eq!(b.as_str(), "checkout-path-2", "ids stay unique");
        edit.apply(&mut arch).unwrap();
        assert_eq!(order(&arch), ["checkout-path", "checkout-path-2"]);

        let before = arch.clone();
        let undo = rename_view(&arch, &b, "Data")
            .unwrap()
            .apply(&mut arch)
            .unwrap();
        assert_eq!(arch.views[1].name, "Data");
        assert_eq!(arch.views[1].id, b, "the id stays");
        undo.apply(&mut arch).unwrap();
        assert_eq!(arch, before);

        assert!(move_view(&arch, &a, -1).is_none(), "already first");
        assert!(move_view(&arch, &b, 1).is_none(), "already last");
        let undo = move_view(&arch, &b, -1).unwrap().apply(&mut arch).unwrap();
        assert_eq!(order(&arch), ["checkout-path-2", "checkout-path"]);
        undo.apply(&mut arch).unwrap();
        assert_eq!(arch, before);

        let undo = delete_view(&arch, &a).unwrap().apply(&mut arch).unwrap();
        assert_eq!(order(&arch), ["checkout-path-2"]);
        undo.apply(&mut arch).unwrap();
        assert_eq!(arch, before, "the deleted view comes back in its place");
        assert!(delete_view(&arch, &id!("missing")).is_none());
    }
}
