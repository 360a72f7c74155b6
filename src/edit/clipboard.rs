//! Copy and paste as model text.
//!
//! What goes on the clipboard is an ordinary model file (made by
//! [`crate::file::to_canonical_string`]) holding the copied components, the connections
//! between them and their placements. So a copy can be pasted in another window, kept in a
//! text file, or opened as a model of its own; and pasting reads it with the same loader as
//! opening a file, with the same messages for bad text.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Architecture, Id};

use super::ops::{placement_of, put_component, put_connection};
use super::{Edit, EditError};

/// The model text of the components `ids`, with the connections between them.
pub fn copy(arch: &Architecture, ids: &BTreeSet<Id>) -> Result<String, crate::file::SaveError> {
    let mut fragment = Architecture::new("Clipboard");
    for id in ids {
        if let Some(c) = arch.components.get(id.as_str()) {
            fragment.components.insert(c.clone());
            fragment.layout.insert(id.clone(), placement_of(arch, id));
        }
    }
    for c in arch.connections.iter() {
        if ids.contains(&c.from) && ids.contains(&c.to) {
            fragment.connections.insert(c.clone());
        }
    }
    crate::file::to_canonical_string(&fragment)
}

/// Where pasted components go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PasteAt {
    /// Shifted from where they were copied by this offset.
    Offset(f32, f32),
    /// Centred on this canvas point.
    Centre(f32, f32),
}

/// Adds the components and connections of model `text` to `arch`, giving new ids to those
/// whose id is taken. Returns the edit and the ids of the pasted components.
pub fn paste(arch: &Architecture, text: &str, at: PasteAt) -> Result<(Edit, Vec<Id>), EditError> {
    let fragment = crate::file::parse(text).map_err(|e| EditError::NotAModel(e.to_string()))?;
    if fragment.components.is_empty() {
        return Err(EditError::NotAModel("it has no components".into()));
    }
    let mut taken: BTreeSet<Id> = arch.components.ids().cloned().collect();
    taken.extend(arch.layout.keys().cloned());
    let mut mapping = BTreeMap::new();
    for c in fragment.components.iter() {
        let new_id = Id::unique(&c.id, |i| taken.contains(i));
        taken.insert(new_id.clone());
        mapping.insert(c.id.clone(), new_id);
    }
    let placements: Vec<_> = fragment
        .components
        .ids()
        .map(|id| (id.clone(), placement_of(&fragment, id)))
        .collect();
    let (dx, dy) = match at {
        PasteAt::Offset(dx, dy) => (dx, dy),
        PasteAt::Centre(x, y) => {
            let n = placements.len().max(1) as f32;
            let cx = placements.iter().map(|(_, p)| p.x).sum::<f32>() / n;
            let cy = placements.iter().map(|(_, p)| p.y).sum::<f32>() / n;
            (x - cx, y - cy)
        }
    };
    let mut edits = Vec::new();
    let mut work = arch.clone();
    for c in fragment.components.iter() {
        let Some(new_id) = mapping.get(&c.id) else {
            continue;
        };
        let mut copy = c.clone();
        copy.id = new_id.clone();
        work.components.insert(copy.clone());
        edits.push(put_component(copy));
    }
    for (old, mut p) in placements {
        let Some(new_id) = mapping.get(&old) else {
            continue;
        };
        p.x += dx;
        p.y += dy;
        p.pinned = false;
        edits.push(Edit::Place {
            id: new_id.clone(),
            value: Some(p),
        });
    }
    for c in fragment.connections.iter() {
        let (Some(f), Some(t)) = (mapping.get(&c.from), mapping.get(&c.to)) else {
            continue; // a hand-made clipboard text may dangle; skip such lines
        };
        let mut copy = c.clone();
        copy.id = Id::unique(&c.id, |i| work.connections.contains(i.as_str()));
        copy.from = f.clone();
        copy.to = t.clone();
        work.connections.insert(copy.clone());
        edits.push(put_connection(copy));
    }
    Ok((Edit::Batch(edits), mapping.into_values().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_then_paste_duplicates_with_fresh_ids() {
        let mut arch = crate::file::parse(include_str!("../../examples/shop.ron")).unwrap();
        let ids: BTreeSet<Id> = ["orders", "orders-db"]
            .iter()
            .map(|s| Id::new(*s).unwrap())
            .collect();
        let text = copy(&arch, &ids).unwrap();
        assert!(
            crate::file::parse(&text).is_ok(),
            "the clipboard is a model"
        );
        let before = arch.components.len();
        let (edit, new_ids) = paste(&arch, &text, PasteAt::Offset(40.0, 40.0)).unwrap();
        edit.apply(&mut arch).unwrap();
        assert_eq!(arch.components.len(), before + 2);
        assert!(new_ids.iter().all(|i| !ids.contains(i)));
        let pasted = &new_ids[0];
        assert!(arch.connections_of(pasted.as_str()).next().is_some());
        let old = arch.layout.get("orders").unwrap();
        let new = arch.layout.get(pasted.as_str()).unwrap();
        assert_eq!((new.x - old.x, new.y - old.y), (40.0, 40.0));
    }

    #[test]
    fn text_that_is_not_a_model_is_refused_with_a_reason() {
        let arch = Architecture::new("t");
        let err = paste(&arch, "hello", PasteAt::Offset(0.0, 0.0)).unwrap_err();
        assert!(err.to_string().contains("clipboard"), "{err}");
    }
}
