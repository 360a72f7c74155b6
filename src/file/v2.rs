//! Format 2, the current one: the whole model, with positions in their own section.
//!
//! The field order here is the file's field order. `DocumentRef` writes (borrowing the model),
//! `Document` reads; both must list the same fields with the same defaults.

use serde::{Deserialize, Serialize};

use crate::model::{
    Architecture, Component, Connection, Flow, Group, IdMap, Layout, Note, RuleSettings, Schema,
    View, deserialize_unique_vec,
};

/// The model as written, borrowing from an [`Architecture`].
#[derive(Serialize)]
#[serde(rename = "Architecture")]
pub struct DocumentRef<'a> {
    format: u32,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    components: &'a IdMap<Component>,
    connections: &'a IdMap<Connection>,
    #[serde(skip_serializing_if = "IdMap::is_empty")]
    groups: &'a IdMap<Group>,
    #[serde(skip_serializing_if = "IdMap::is_empty")]
    schemas: &'a IdMap<Schema>,
    #[serde(skip_serializing_if = "<[View]>::is_empty")]
    views: &'a [View],
    #[serde(skip_serializing_if = "<[Flow]>::is_empty")]
    flows: &'a [Flow],
    #[serde(skip_serializing_if = "IdMap::is_empty")]
    notes: &'a IdMap<Note>,
    #[serde(skip_serializing_if = "RuleSettings::is_default")]
    rules: &'a RuleSettings,
    layout: &'a Layout,
}

impl<'a> DocumentRef<'a> {
    /// Borrows `arch` for writing as format 2.
    pub fn new(arch: &'a Architecture) -> Self {
        Self {
            format: 2,
            name: &arch.name,
            description: &arch.description,
            components: &arch.components,
            connections: &arch.connections,
            groups: &arch.groups,
            schemas: &arch.schemas,
            views: &arch.views,
            flows: &arch.flows,
            notes: &arch.notes,
            rules: &arch.rules,
            layout: &arch.layout,
        }
    }
}

/// The model as read.
#[derive(Deserialize)]
#[serde(rename = "Architecture", deny_unknown_fields)]
pub struct Document {
    #[allow(dead_code)] // checked by the header reader before this parse
    format: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    components: IdMap<Component>,
    #[serde(default)]
    connections: IdMap<Connection>,
    #[serde(default)]
    groups: IdMap<Group>,
    #[serde(default)]
    schemas: IdMap<Schema>,
    #[serde(default, deserialize_with = "deserialize_unique_vec")]
    views: Vec<View>,
    #[serde(default, deserialize_with = "deserialize_unique_vec")]
    flows: Vec<Flow>,
    #[serde(default)]
    notes: IdMap<Note>,
    #[serde(default)]
    rules: RuleSettings,
    #[serde(default)]
    layout: Layout,
}

impl From<Document> for Architecture {
    fn from(d: Document) -> Self {
        Architecture {
            name: d.name,
            description: d.description,
            components: d.components,
            connections: d.connections,
            groups: d.groups,
            schemas: d.schemas,
            views: d.views,
            flows: d.flows,
            notes: d.notes,
            rules: d.rules,
            layout: d.layout,
        }
    }
}
