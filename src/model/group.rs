//! Groups: the boundaries drawn around components.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{HasId, Id};

/// Whether a trust zone faces the internet.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Zone {
    /// Reachable from the internet (a DMZ, the edge).
    Public,
    /// Internal network only.
    #[default]
    Private,
}

/// What a boundary means.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum GroupKind {
    /// A bounded context: one part of the domain with its own language and team.
    #[default]
    BoundedContext,
    /// A network trust zone.
    TrustZone(Zone),
    /// Things deployed together (a cluster, a namespace, a host).
    DeploymentUnit,
}

impl GroupKind {
    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            GroupKind::BoundedContext => "bounded context",
            GroupKind::TrustZone(Zone::Public) => "public zone",
            GroupKind::TrustZone(Zone::Private) => "private zone",
            GroupKind::DeploymentUnit => "deployment unit",
        }
    }
}

/// A named boundary around components, possibly inside another group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable id.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// What it means.
    #[serde(default)]
    pub kind: GroupKind,
    /// Description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The enclosing group, if nested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// Components directly inside (members of nested groups are not repeated here).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub members: BTreeSet<Id>,
}

impl Group {
    /// An empty group.
    pub fn new(id: Id, name: impl Into<String>, kind: GroupKind) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            description: String::new(),
            parent: None,
            members: BTreeSet::new(),
        }
    }
}

impl HasId for Group {
    const WHAT: &'static str = "group";
    fn id(&self) -> &Id {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}
