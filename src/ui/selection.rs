//! What is selected: view state, never saved and never in the history.

use std::collections::BTreeSet;

use crate::model::{Architecture, Id};

/// Selected components, connections and groups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected components.
    pub components: BTreeSet<Id>,
    /// Selected connections.
    pub connections: BTreeSet<Id>,
    /// Selected groups.
    pub groups: BTreeSet<Id>,
}

impl Selection {
    /// Only the component `id`.
    pub fn component(id: Id) -> Self {
        Self {
            components: BTreeSet::from([id]),
            ..Self::default()
        }
    }

    /// Only these components.
    pub fn components(ids: impl IntoIterator<Item = Id>) -> Self {
        Self {
            components: ids.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Only the connection `id`.
    pub fn connection(id: Id) -> Self {
        Self {
            connections: BTreeSet::from([id]),
            ..Self::default()
        }
    }

    /// Only the group `id`.
    pub fn group(id: Id) -> Self {
        Self {
            groups: BTreeSet::from([id]),
            ..Self::default()
        }
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.connections.is_empty() && self.groups.is_empty()
    }

    /// Number of selected things.
    pub fn len(&self) -> usize {
        self.components.len() + self.connections.len() + self.groups.len()
    }

    /// Adds `id` if absent, removes it if present.
    pub fn toggle_component(&mut self, id: &Id) {
        if !self.components.remove(id) {
            self.components.insert(id.clone());
        }
    }

    /// Adds or removes a connection.
    pub fn toggle_connection(&mut self, id: &Id) {
        if !self.connections.remove(id) {
            self.connections.insert(id.clone());
        }
    }

    /// Drops ids the model no longer has (after undo, reload, delete).
    pub fn retain_existing(&mut self, arch: &Architecture) {
        self.components
            .retain(|i| arch.components.contains(i.as_str()));
        self.connections
            .retain(|i| arch.connections.contains(i.as_str()));
        self.groups.retain(|i| arch.groups.contains(i.as_str()));
    }
}
