//! The document: everything one file holds.

use std::collections::BTreeSet;

use super::{
    Component, Connection, Flow, Group, Id, IdMap, Layout, Note, RuleSettings, Schema, View,
};

/// A whole architecture model.
///
/// Collections keyed by id are [`IdMap`]s (sorted, unique); views and flows keep the order
/// the user gave them. References between items are plain ids and may dangle: the loader
/// accepts them so a person can open and mend the file, and the checks report them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Architecture {
    /// Name of the system.
    pub name: String,
    /// What the system does; shown as the overview in documents.
    pub description: String,
    /// The boxes.
    pub components: IdMap<Component>,
    /// The lines.
    pub connections: IdMap<Connection>,
    /// The boundaries.
    pub groups: IdMap<Group>,
    /// Shared request, response and message schemas (database entities live in their
    /// database).
    pub schemas: IdMap<Schema>,
    /// Saved perspectives, in the user's order.
    pub views: Vec<View>,
    /// Stories over the connections, in the user's order.
    pub flows: Vec<Flow>,
    /// Review comments.
    pub notes: IdMap<Note>,
    /// Rule settings.
    pub rules: RuleSettings,
    /// Positions by component id.
    pub layout: Layout,
}

impl Architecture {
    /// An empty model called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Makes each connection end that names a component share that component's id text.
    ///
    /// Ids read from a file are separate copies of the same text. Sharing them lets code
    /// that resolves connection ends to components (the checks do so after every edit)
    /// compare the addresses of the texts ([`Id::text_address`]) before the texts: on a large
    /// model that saves a cache miss per end. Nothing else changes: the ids stay equal.
    pub fn share_ids(&mut self) {
        // A hash lookup costs one comparison of texts; the B-tree's costs a dozen.
        let components: rustc_hash::FxHashMap<&str, &Id> =
            self.components.ids().map(|id| (id.as_str(), id)).collect();
        for c in self.connections.iter_mut() {
            for end in [&mut c.from, &mut c.to] {
                if let Some(&target) = components.get(end.as_str()) {
                    *end = target.clone();
                }
            }
        }
    }

    /// The connections that touch `component`, as source or target.
    pub fn connections_of<'a>(
        &'a self,
        component: &'a str,
    ) -> impl Iterator<Item = &'a Connection> {
        self.connections
            .iter()
            .filter(move |c| c.from.as_str() == component || c.to.as_str() == component)
    }

    /// Whether `group` (or a group nested in it) has `component` as a member.
    pub fn group_contains(&self, group: &Id, component: &Id) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![group];
        while let Some(g) = stack.pop() {
            if !seen.insert(g) {
                continue; // a parent cycle in a hand-edited file; the checks report it
            }
            if self
                .groups
                .get(g.as_str())
                .is_some_and(|g| g.members.contains(component))
            {
                return true;
            }
            stack.extend(
                self.groups
                    .iter()
                    .filter(|child| child.parent.as_ref() == Some(g))
                    .map(|c| &c.id),
            );
        }
        false
    }

    /// The groups that list `component` directly.
    pub fn groups_of<'a>(&'a self, component: &'a Id) -> impl Iterator<Item = &'a Group> {
        self.groups
            .iter()
            .filter(move |g| g.members.contains(component))
    }

    /// Every schema by name: shared schemas and every database's entities. The first
    /// definition of a name wins (duplicates are reported by the checks).
    pub fn schema(&self, name: &str) -> Option<&Schema> {
        self.schemas.get(name).or_else(|| {
            self.components
                .iter()
                .flat_map(|c| c.spec.entities())
                .find(|e| e.name.as_str() == name)
        })
    }

    /// An id for a new component, derived from `name` and free in this model.
    pub fn fresh_component_id(&self, name: &str) -> Id {
        let base = Id::slugify(name, "component");
        Id::unique(&base, |id| self.components.contains(id.as_str()))
    }

    /// An id for a new connection from `from` to `to`, free in this model.
    pub fn fresh_connection_id(&self, from: &Id, to: &Id) -> Id {
        let base = Id::slugify(&format!("{from}-to-{to}"), "connection");
        Id::unique(&base, |id| self.connections.contains(id.as_str()))
    }

    /// Every id that references could point to: components and connections.
    pub fn has_subject(&self, id: &str) -> bool {
        self.components.contains(id) || self.connections.contains(id)
    }
}
