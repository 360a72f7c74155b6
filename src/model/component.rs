//! A component: one box on the canvas, one deployable or external thing in the system.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::spec::Spec;
use super::{HasId, Id, Kind};

/// A service, API, database, queue, cache, worker, client, external system or storage.
///
/// The id is stable (files, connections and generated file names use it); the name is free
/// text for people and can change at any time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Stable id, `[a-z][a-z0-9-]*`.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// What it does and why it exists.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Team or person responsible.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Free tags for views and search.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<String>,
    /// The kind and its own properties.
    #[serde(rename = "kind")]
    pub spec: Spec,
}

impl Component {
    /// A component of `kind` with that kind's default properties.
    pub fn new(id: Id, name: impl Into<String>, kind: Kind) -> Self {
        Self {
            id,
            name: name.into(),
            description: String::new(),
            owner: String::new(),
            tags: BTreeSet::new(),
            spec: Spec::default_for(kind),
        }
    }

    /// The component's kind.
    pub fn kind(&self) -> Kind {
        self.spec.kind()
    }
}

impl HasId for Component {
    const WHAT: &'static str = "component";
    fn id(&self) -> &Id {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}
