//! GraphQL SDL for APIs in the GraphQL style.
//!
//! Endpoints become fields of `Query`, `Mutation` or `Subscription` (HTTP methods map to
//! `Query` for GET and `Mutation` otherwise); request schemas become `input` types (GraphQL
//! does not allow object types as arguments), response schemas object types.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::super::escape::{graphql_str, plain_text};
use super::super::index::Index;
use super::super::names::{Case, Lang, Scope, ident};
use super::super::project::closure;
use crate::model::{Endpoint, FieldType, Id, Method, Schema};

const SCALARS: [(&str, &str); 5] = [
    ("Long", "A 64-bit integer, as a string."),
    ("DateTime", "An RFC 3339 date and time."),
    ("Date", "An ISO 8601 calendar date."),
    ("Decimal", "An exact decimal number, as a string."),
    ("JSON", "Any JSON value."),
];

fn description(out: &mut String, indent: &str, text: &str) {
    let text = plain_text(text);
    if !text.is_empty() {
        let _ = writeln!(out, "{indent}{}", graphql_str(&text));
    }
}

struct Names {
    outputs: BTreeMap<Id, String>,
    inputs: BTreeMap<Id, String>,
}

impl Names {
    fn of(&self, name: &Id, input: bool) -> Option<&str> {
        let table = if input { &self.inputs } else { &self.outputs };
        table.get(name).map(String::as_str)
    }
}

fn scalar(ty: &FieldType, used: &mut BTreeSet<&'static str>) -> Option<&'static str> {
    let name = match ty {
        FieldType::Uuid => "ID",
        FieldType::String | FieldType::Text | FieldType::Bytes => "String",
        FieldType::Int => "Int",
        FieldType::Long => "Long",
        FieldType::Float => "Float",
        FieldType::Decimal => "Decimal",
        FieldType::Bool => "Boolean",
        FieldType::Timestamp => "DateTime",
        FieldType::Date => "Date",
        FieldType::Json => "JSON",
        FieldType::Object(_) => return None,
    };
    if SCALARS.iter().any(|(s, _)| *s == name) {
        used.insert(name);
    }
    Some(name)
}

fn field_type(
    ty: &FieldType,
    list: bool,
    nullable: bool,
    input: bool,
    names: &Names,
    used: &mut BTreeSet<&'static str>,
) -> String {
    let base = match ty {
        FieldType::Object(n) => match names.of(n, input) {
            Some(t) => t.to_owned(),
            None => {
                used.insert("JSON");
                "JSON".to_owned()
            }
        },
        other => scalar(other, used).unwrap_or("String").to_owned(),
    };
    let inner = if list { format!("[{base}!]") } else { base };
    if nullable { inner } else { format!("{inner}!") }
}

fn write_type(
    out: &mut String,
    keyword: &str,
    name: &str,
    schema: &Schema,
    input: bool,
    names: &Names,
    used: &mut BTreeSet<&'static str>,
) {
    description(out, "", &schema.description);
    let _ = writeln!(out, "{keyword} {name} {{");
    let mut fields = Scope::new();
    if schema.fields.is_empty() {
        let _ = writeln!(out, "  _empty: Boolean");
    }
    for f in &schema.fields {
        description(out, "  ", &f.description);
        let fname = fields.claim(ident(Lang::Graphql, &f.name, Case::Camel), Case::Camel);
        let ty = field_type(&f.ty, f.list, f.nullable, input, names, used);
        let _ = writeln!(out, "  {fname}: {ty}");
    }
    let _ = writeln!(out, "}}\n");
}

fn type_names(index: &Index<'_>, endpoints: &[Endpoint]) -> (Names, Vec<Schema>, Vec<Schema>) {
    let request_names: BTreeSet<Id> = endpoints.iter().filter_map(|e| e.request.clone()).collect();
    let response_names: BTreeSet<Id> = endpoints
        .iter()
        .filter_map(|e| e.response.clone())
        .collect();
    let inputs = closure(index, request_names);
    let outputs = closure(index, response_names);
    let mut scope = Scope::with_taken(
        [
            "Boolean",
            "Float",
            "ID",
            "Int",
            "Mutation",
            "Query",
            "String",
            "Subscription",
        ]
        .into_iter()
        .chain(SCALARS.iter().map(|(s, _)| *s)),
    );
    let names = Names {
        outputs: outputs
            .iter()
            .map(|s| {
                let n = scope.claim(
                    ident(Lang::Graphql, s.name.as_str(), Case::Pascal),
                    Case::Pascal,
                );
                (s.name.clone(), n)
            })
            .collect(),
        inputs: inputs
            .iter()
            .map(|s| {
                let base = ident(Lang::Graphql, s.name.as_str(), Case::Pascal);
                (
                    s.name.clone(),
                    scope.claim(format!("{base}Input"), Case::Pascal),
                )
            })
            .collect(),
    };
    (names, inputs, outputs)
}

/// The root type an endpoint's field belongs to: GET and queries to `Query`, subscriptions
/// to `Subscription`, every other method to `Mutation`.
pub fn root_of(method: Method) -> &'static str {
    match method {
        Method::Query | Method::Get => "Query",
        Method::Subscription => "Subscription",
        _ => "Mutation",
    }
}

/// The field name of each endpoint (same order), unique within its root type.
pub fn root_field_names(endpoints: &[Endpoint]) -> Vec<String> {
    let mut fields: BTreeMap<&str, Scope> = BTreeMap::new();
    endpoints
        .iter()
        .map(|e| {
            let scope = fields.entry(root_of(e.method)).or_default();
            scope.claim(ident(Lang::Graphql, &e.path, Case::Camel), Case::Camel)
        })
        .collect()
}

/// One field of a GraphQL type, with the model's JSON key it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMap {
    /// The field's name in the SDL.
    pub name: String,
    /// The key of the model's JSON (the schema field's name).
    pub key: String,
    /// The named type (`String`, `PostView`, `JSON`…), without list or non-null marks.
    pub ty: String,
    /// Whether it is a list (`[T!]`).
    pub list: bool,
    /// Whether it is non-null (`T!`, `[T!]!`).
    pub non_null: bool,
}

/// An object or input type of the SDL, field by field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeMap {
    /// The type's name in the SDL.
    pub name: String,
    /// Whether it is an `input` type.
    pub input: bool,
    /// Its fields, in SDL order.
    pub fields: Vec<FieldMap>,
}

/// A field of `Query`, `Mutation` or `Subscription`: the endpoint as the SDL declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RootField {
    /// `Query`, `Mutation` or `Subscription`.
    pub root: &'static str,
    /// The field's name.
    pub name: String,
    /// The type of its `input` argument, if it takes one, and whether it is non-null.
    pub input: Option<(String, bool)>,
    /// The named type it returns (`Boolean` when the endpoint has no response).
    pub ty: String,
    /// Whether it returns a (non-null) list of non-null items.
    pub list: bool,
}

/// What a generated service needs to serve the SDL of [`sdl`] over the model's types: the
/// root fields (one per endpoint, same order) and how each type's fields map to JSON keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolvable {
    /// One per endpoint, in the endpoints' order.
    pub roots: Vec<RootField>,
    /// Object types, then input types, by SDL name.
    pub types: Vec<TypeMap>,
}

/// The [`Resolvable`] of the API whose SDL `sdl(index, _, _, endpoints)` writes.
pub fn resolvable(index: &Index<'_>, endpoints: &[Endpoint]) -> Resolvable {
    let (names, inputs, outputs) = type_names(index, endpoints);
    let mut used = BTreeSet::new();
    let mut types = Vec::new();
    for (input, list) in [(false, &outputs), (true, &inputs)] {
        for s in list {
            let Some(n) = names.of(&s.name, input) else {
                continue;
            };
            let mut scope = Scope::new();
            let mut fields: Vec<FieldMap> = s
                .fields
                .iter()
                .map(|f| {
                    let ty = field_type(&f.ty, false, true, input, &names, &mut used);
                    FieldMap {
                        name: scope.claim(ident(Lang::Graphql, &f.name, Case::Camel), Case::Camel),
                        key: f.name.clone(),
                        ty,
                        list: f.list,
                        non_null: !f.nullable,
                    }
                })
                .collect();
            if fields.is_empty() {
                fields.push(FieldMap {
                    name: "_empty".to_owned(),
                    key: "_empty".to_owned(),
                    ty: "Boolean".to_owned(),
                    list: false,
                    non_null: false,
                });
            }
            types.push(TypeMap {
                name: n.to_owned(),
                input,
                fields,
            });
        }
    }
    let roots = endpoints
        .iter()
        .zip(root_field_names(endpoints))
        .map(|(e, name)| RootField {
            root: root_of(e.method),
            name,
            input: e.request.as_ref().map(|r| match names.of(r, true) {
                Some(t) => (t.to_owned(), true),
                None => ("JSON".to_owned(), false),
            }),
            ty: match &e.response {
                Some(r) => names.of(r, false).unwrap_or("JSON").to_owned(),
                None => "Boolean".to_owned(),
            },
            list: e.response.is_some() && e.response_list,
        })
        .collect();
    Resolvable { roots, types }
}

/// The SDL of one GraphQL API.
pub fn sdl(index: &Index<'_>, title: &str, about: &str, endpoints: &[Endpoint]) -> String {
    let (names, inputs, outputs) = type_names(index, endpoints);
    let mut used = BTreeSet::new();
    let mut body = String::new();
    for s in &outputs {
        if let Some(n) = names.of(&s.name, false) {
            write_type(&mut body, "type", n, s, false, &names, &mut used);
        }
    }
    for s in &inputs {
        if let Some(n) = names.of(&s.name, true) {
            write_type(&mut body, "input", n, s, true, &names, &mut used);
        }
    }
    let mut roots: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (e, name) in endpoints.iter().zip(root_field_names(endpoints)) {
        let root = root_of(e.method);
        let args = match &e.request {
            Some(r) => match names.of(r, true) {
                Some(t) => format!("(input: {t}!)"),
                None => {
                    used.insert("JSON");
                    "(input: JSON)".to_owned()
                }
            },
            None => String::new(),
        };
        let ty = match &e.response {
            Some(r) => {
                let base = match names.of(r, false) {
                    Some(t) => t.to_owned(),
                    None => {
                        used.insert("JSON");
                        "JSON".to_owned()
                    }
                };
                if e.response_list {
                    format!("[{base}!]!")
                } else {
                    base
                }
            }
            None => "Boolean".to_owned(),
        };
        let mut line = String::new();
        let summary = plain_text(&e.summary);
        if !summary.is_empty() {
            line.push_str(&format!("  {}\n", graphql_str(&summary)));
        }
        line.push_str(&format!("  {name}{args}: {ty}"));
        roots.entry(root).or_default().push(line);
    }
    if !roots.contains_key("Query") {
        roots.insert(
            "Query",
            vec!["  \"Always true; GraphQL requires a query type.\"\n  ok: Boolean!".to_owned()],
        );
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Generated by ArchCanvas from the model; edit the model, not this file.\n# {}\n",
        super::super::escape::comment(title)
    );
    let about = plain_text(about);
    if !about.is_empty() {
        let _ = writeln!(out, "{}\nschema {{\n  query: Query", graphql_str(&about));
        for r in ["Mutation", "Subscription"] {
            if roots.contains_key(r) {
                let _ = writeln!(out, "  {}: {r}", r.to_lowercase());
            }
        }
        let _ = writeln!(out, "}}\n");
    }
    for (name, doc) in SCALARS {
        if used.contains(name) {
            let _ = writeln!(out, "{}\nscalar {name}\n", graphql_str(doc));
        }
    }
    out.push_str(&body);
    for root in ["Query", "Mutation", "Subscription"] {
        if let Some(lines) = roots.get(root) {
            let _ = writeln!(out, "type {root} {{\n{}\n}}\n", lines.join("\n"));
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolvable_names_what_the_sdl_declares() {
        let arch = crate::file::parse(include_str!("../../../examples/newsfeed.ron")).unwrap();
        let index = Index::new(&arch);
        let api = arch.components.get("graphql-api").unwrap();
        let endpoints = api.spec.endpoints();
        let text = sdl(&index, &api.name, &api.description, endpoints);
        let r = resolvable(&index, endpoints);
        assert_eq!(r.roots.len(), endpoints.len());
        for t in &r.types {
            let keyword = if t.input { "input" } else { "type" };
            let at = text.find(&format!("\n{keyword} {} {{\n", t.name)).unwrap();
            let body = &text[at..];
            let body = &body[..body.find("\n}").unwrap()];
            for f in &t.fields {
                assert!(
                    body.contains(&format!("\n  {}: ", f.name)),
                    "{}.{}",
                    t.name,
                    f.name
                );
            }
        }
        let root = |name: &str| r.roots.iter().find(|x| x.name == name).unwrap();
        assert_eq!(root("post").input, Some(("PostRefInput".to_owned(), true)));
        assert!(text.contains("\n  post(input: PostRefInput!): PostView\n"));
        assert!(root("searchPosts").list);
        assert!(text.contains("\n  searchPosts(input: SearchArgsInput!): [PostView!]!\n"));
        assert_eq!(root("deletePost").ty, "Boolean");
        assert_eq!(root("timelineUpdated").root, "Subscription");
        // Field names are GraphQL's; keys are the model's.
        let post_view = r.types.iter().find(|t| t.name == "PostView").unwrap();
        let like = post_view
            .fields
            .iter()
            .find(|f| f.name == "likeCount")
            .unwrap();
        assert_eq!((like.key.as_str(), like.ty.as_str()), ("like_count", "Int"));
        assert!(like.non_null && !like.list);
    }
}
