//! Small models for the rules' tests, written in a line or two each.

use crate::id;
use crate::model::{
    Architecture, CallSpec, Component, Connection, ConnectionKind, Group, GroupKind, Kind,
};

use super::{Finding, rule, run_rules};

/// Starts an empty model.
pub(crate) fn model() -> Builder {
    Builder {
        arch: Architecture::new("Test"),
    }
}

/// Builds a model step by step. Every component gets a description, so only the rule under
/// test has something to say.
pub(crate) struct Builder {
    arch: Architecture,
}

impl Builder {
    /// Adds a component of `kind`, named like its id.
    pub fn add(mut self, id: &str, kind: Kind) -> Self {
        let mut c = Component::new(id!(id), id, kind);
        c.description = format!("About {id}.");
        self.arch.components.insert(c);
        self
    }

    /// Adds services.
    pub fn services(mut self, ids: &[&str]) -> Self {
        for id in ids {
            self = self.add(id, Kind::Service);
        }
        self
    }

    /// Changes a component.
    pub fn with(mut self, id: &str, change: impl FnOnce(&mut Component)) -> Self {
        if let Some(c) = self.arch.components.get_mut(id) {
            change(c);
        }
        self
    }

    /// Adds a connection with the id `{from}-to-{to}` (or a free variant of it).
    pub fn connect(mut self, from: &str, to: &str, kind: ConnectionKind) -> Self {
        let id = self.arch.fresh_connection_id(&id!(from), &id!(to));
        self.arch
            .connections
            .insert(Connection::new(id, id!(from), id!(to), kind));
        self
    }

    /// Adds a connection with the given id.
    pub fn connect_as(mut self, id: &str, from: &str, to: &str, kind: ConnectionKind) -> Self {
        self.arch
            .connections
            .insert(Connection::new(id!(id), id!(from), id!(to), kind));
        self
    }

    /// Adds a well-behaved synchronous call (timeout, retries).
    pub fn calls(self, from: &str, to: &str) -> Self {
        self.connect(
            from,
            to,
            ConnectionKind::Calls(CallSpec {
                timeout_ms: Some(1000),
                retries: 2,
                ..CallSpec::default()
            }),
        )
    }

    /// Adds a group.
    pub fn group(mut self, id: &str, kind: GroupKind, members: &[&str]) -> Self {
        let mut g = Group::new(id!(id), id, kind);
        g.members = members.iter().map(|m| id!(*m)).collect();
        self.arch.groups.insert(g);
        self
    }

    /// Sets a group's parent.
    pub fn parent(mut self, child: &str, parent: &str) -> Self {
        if let Some(g) = self.arch.groups.get_mut(child) {
            g.parent = Some(id!(parent));
        }
        self
    }

    /// Any other change.
    pub fn edit(mut self, change: impl FnOnce(&mut Architecture)) -> Self {
        change(&mut self.arch);
        self
    }

    /// The model.
    pub fn build(self) -> Architecture {
        self.arch
    }
}

/// The findings of rule `id` alone on `arch`.
pub(crate) fn findings(arch: &Architecture, id: &str) -> Vec<Finding> {
    let rule = rule(id).unwrap_or_else(|| panic!("no rule {id}"));
    run_rules(arch, [rule]).into_findings()
}

/// The first subject of each finding of rule `id`.
pub(crate) fn flagged(arch: &Architecture, id: &str) -> Vec<String> {
    findings(arch, id)
        .into_iter()
        .map(|f| {
            f.subjects
                .first()
                .map(|s| s.to_string())
                .unwrap_or_default()
        })
        .collect()
}
