//! Model schemas as JSON Schema, shared by OpenAPI 3.1 and AsyncAPI 3.0 (both use JSON
//! Schema for payloads, with references to `#/components/schemas/…`).

use std::collections::BTreeMap;

use super::escape::plain_text;
use super::names::{Case, Lang, Scope, ident};
use super::yaml::{Value, map, put, s, seq};
use crate::model::{Field, FieldType, Id, Schema};

/// The component names given to model schemas in one document (Pascal case, unique).
#[derive(Clone, Debug, Default)]
pub struct SchemaNames {
    names: BTreeMap<Id, String>,
}

impl SchemaNames {
    /// Names for `schemas`, avoiding `taken`.
    pub fn new<'a>(schemas: impl IntoIterator<Item = &'a Schema>, taken: &[&str]) -> Self {
        let mut scope = Scope::with_taken(taken.iter().copied());
        let names = schemas
            .into_iter()
            .map(|sc| {
                let name = scope.claim(
                    ident(Lang::Graphql, sc.name.as_str(), Case::Pascal),
                    Case::Pascal,
                );
                (sc.name.clone(), name)
            })
            .collect();
        Self { names }
    }

    /// The component name of schema `name`, if it is one of this document's.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.names.get(name).map(String::as_str)
    }

    /// A `$ref` to schema `name`, or an open object when it is unknown.
    pub fn reference(&self, name: &str) -> Value {
        match self.get(name) {
            Some(n) => map([("$ref", s(format!("#/components/schemas/{n}")))]),
            None => map([("type", s("object"))]),
        }
    }
}

/// The JSON Schema of one field's type (without nullability).
pub fn field_type(ty: &FieldType, names: &SchemaNames) -> Value {
    let typed = |t: &str, format: Option<&str>| {
        let mut v = map([("type", s(t))]);
        if let Some(f) = format {
            put(&mut v, "format", s(f));
        }
        v
    };
    match ty {
        FieldType::Uuid => typed("string", Some("uuid")),
        FieldType::String | FieldType::Text => typed("string", None),
        FieldType::Int => typed("integer", Some("int32")),
        FieldType::Long => typed("integer", Some("int64")),
        FieldType::Float => typed("number", Some("double")),
        FieldType::Decimal => {
            let mut v = typed("string", None);
            put(&mut v, "pattern", s("^-?[0-9]+(\\.[0-9]+)?$"));
            v
        }
        FieldType::Bool => typed("boolean", None),
        FieldType::Timestamp => typed("string", Some("date-time")),
        FieldType::Date => typed("string", Some("date")),
        FieldType::Json => map::<String>([]),
        FieldType::Bytes => {
            let mut v = typed("string", None);
            put(&mut v, "contentEncoding", s("base64"));
            v
        }
        FieldType::Object(name) => names.reference(name.as_str()),
    }
}

/// The JSON Schema of one field: its type, as a list if it is one, `null` allowed if
/// nullable, with its description.
pub fn field(f: &Field, names: &SchemaNames) -> Value {
    let mut v = field_type(&f.ty, names);
    if f.list {
        v = map([("type", s("array")), ("items", v)]);
    }
    if f.nullable && f.ty != FieldType::Json {
        v = match v {
            Value::Mapping(ref m) if m.contains_key("type") && !f.list => {
                let mut m = m.clone();
                if let Some(t) = m.get("type").cloned() {
                    m.insert(s("type"), seq([t, s("null")]));
                }
                Value::Mapping(m)
            }
            other => map([("anyOf", seq([other, map([("type", s("null"))])]))]),
        };
    }
    let description = plain_text(&f.description);
    if !description.is_empty() {
        put(&mut v, "description", s(description));
    }
    v
}

/// The JSON Schema of a whole schema: an object with its fields; the non-nullable ones are
/// required.
pub fn object(schema: &Schema, names: &SchemaNames) -> Value {
    let mut v = map([("type", s("object"))]);
    let description = plain_text(&schema.description);
    if !description.is_empty() {
        put(&mut v, "description", s(description));
    }
    let properties: Vec<(String, Value)> = schema
        .fields
        .iter()
        .map(|f| (f.name.clone(), field(f, names)))
        .collect();
    let required: Vec<Value> = schema
        .fields
        .iter()
        .filter(|f| !f.nullable)
        .map(|f| s(f.name.clone()))
        .collect();
    put(&mut v, "properties", map(properties));
    if !required.is_empty() {
        put(&mut v, "required", seq(required));
    }
    v
}
