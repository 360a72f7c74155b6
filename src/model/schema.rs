//! Data shapes: database entities and the message and request schemas that refer to them.

use serde::{Deserialize, Serialize};

use super::spec::is_false;
use super::{HasId, Id};

/// The type of one field.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FieldType {
    /// A UUID.
    Uuid,
    /// Short text.
    #[default]
    String,
    /// Long text.
    Text,
    /// 32-bit integer.
    Int,
    /// 64-bit integer.
    Long,
    /// Floating-point number.
    Float,
    /// Exact decimal (money).
    Decimal,
    /// True or false.
    Bool,
    /// Date and time with zone.
    Timestamp,
    /// Calendar date.
    Date,
    /// Any JSON document.
    Json,
    /// Binary data.
    Bytes,
    /// A nested object of another schema or entity, by name.
    Object(Id),
}

impl FieldType {
    /// The scalar types, in the order editors offer them.
    pub const SCALARS: [FieldType; 12] = [
        FieldType::Uuid,
        FieldType::String,
        FieldType::Text,
        FieldType::Int,
        FieldType::Long,
        FieldType::Float,
        FieldType::Decimal,
        FieldType::Bool,
        FieldType::Timestamp,
        FieldType::Date,
        FieldType::Json,
        FieldType::Bytes,
    ];

    /// The type's name for people (`uuid`, `object order-item`).
    pub fn label(&self) -> String {
        match self {
            FieldType::Object(name) => format!("object {name}"),
            other => format!("{other:?}").to_lowercase(),
        }
    }
}

/// One field of a schema or entity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Field name as written in code and columns (`created_at`).
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Part of the primary key.
    #[serde(default, skip_serializing_if = "is_false")]
    pub primary_key: bool,
    /// May be missing.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// No two rows share a value.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unique: bool,
    /// Holds a list of `ty` rather than one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub list: bool,
    /// Foreign key: the entity (by name) whose primary key this field holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references: Option<Id>,
    /// What it means.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Field {
    /// A required field of type `ty`.
    pub fn new(name: impl Into<String>, ty: FieldType) -> Self {
        Self {
            name: name.into(),
            ty,
            ..Self::default()
        }
    }
}

/// A named data shape: a database entity (table, collection) or a request, response or
/// message schema.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Name, used by references from endpoints, topics and fields (`order-item`).
    pub name: Id,
    /// What it holds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Its fields, in order.
    #[serde(default)]
    pub fields: Vec<Field>,
}

impl Schema {
    /// A schema with no fields yet.
    pub fn new(name: Id) -> Self {
        Self {
            name,
            description: String::new(),
            fields: Vec::new(),
        }
    }

    /// The fields that make up the primary key.
    pub fn primary_key(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.primary_key)
    }
}

impl HasId for Schema {
    const WHAT: &'static str = "schema";
    fn id(&self) -> &Id {
        &self.name
    }
    fn set_id(&mut self, id: Id) {
        self.name = id;
    }
}
