//! Views: saved perspectives on the model.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::finite::{finite, positive};
use super::{Architecture, Component, HasId, Id, Kind};

/// Which components a view shows.
///
/// Every criterion that is not empty must match (groups, kinds and tags each match if any of
/// their entries does); `include` adds components whatever the criteria say and `exclude`
/// removes them. An empty filter shows everything.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewFilter {
    /// Components inside any of these groups (nested groups included).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub groups: BTreeSet<Id>,
    /// Components of any of these kinds.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub kinds: BTreeSet<Kind>,
    /// Components with any of these tags.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<String>,
    /// Always shown.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub include: BTreeSet<Id>,
    /// Never shown.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub exclude: BTreeSet<Id>,
}

impl ViewFilter {
    /// Whether the filter lets everything through.
    pub fn is_empty(&self) -> bool {
        *self == ViewFilter::default()
    }
}

/// The part of the canvas a view looks at.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Viewport {
    /// Canvas x at the centre of the screen.
    #[serde(deserialize_with = "finite")]
    pub x: f32,
    /// Canvas y at the centre of the screen.
    #[serde(deserialize_with = "finite")]
    pub y: f32,
    /// Screen pixels per canvas unit.
    #[serde(deserialize_with = "zoom")]
    pub zoom: f32,
}

fn zoom<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
    positive(deserializer)?.ok_or_else(|| serde::de::Error::custom("expected a zoom factor"))
}

/// A saved perspective: a filter and, optionally, a viewport.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Stable id (`render --view` takes it).
    pub id: Id,
    /// Display name.
    pub name: String,
    /// What the view is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Which components it shows.
    #[serde(default, skip_serializing_if = "ViewFilter::is_empty")]
    pub filter: ViewFilter,
    /// Where it looks; none means "fit what it shows".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewport: Option<Viewport>,
}

impl View {
    /// Whether the view shows `component`.
    pub fn shows(&self, arch: &Architecture, component: &Component) -> bool {
        let f = &self.filter;
        let id = &component.id;
        if f.exclude.contains(id) {
            return false;
        }
        if f.include.contains(id) {
            return true;
        }
        if f.groups.is_empty() && f.kinds.is_empty() && f.tags.is_empty() {
            // Only include/exclude given: an explicit set when include is non-empty.
            return f.include.is_empty();
        }
        let in_group = f.groups.is_empty() || f.groups.iter().any(|g| arch.group_contains(g, id));
        let of_kind = f.kinds.is_empty() || f.kinds.contains(&component.kind());
        let tagged = f.tags.is_empty() || !f.tags.is_disjoint(&component.tags);
        in_group && of_kind && tagged
    }
}

impl HasId for View {
    const WHAT: &'static str = "view";
    fn id(&self) -> &Id {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}
