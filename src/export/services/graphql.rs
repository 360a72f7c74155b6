//! What the four languages share to serve a project's GraphQL API: the query (and the
//! subscription) their generated test posts to `/graphql`, and the shape of the answer it checks.
//!
//! The query is worked out here once, from the same [`Resolvable`] the SDL is written from,
//! so every language's test asks the same question of the same schema.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::super::contracts::graphql::{Resolvable, RootField, TypeMap};
use super::super::project::Project;

/// What the answer's `data.<field>` must look like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// An object with exactly these keys (sorted; `__typename` among them) and that typename.
    Object {
        /// The object type's name.
        typename: String,
        /// The keys selected.
        keys: Vec<String>,
    },
    /// A list.
    List,
    /// `true` (an endpoint without a response answers `Boolean`).
    True,
    /// Any value (`JSON`).
    Any,
}

/// One request to `/graphql` and what it must answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    /// Index of the resolver in [`Project::operations`].
    pub operation: usize,
    /// The root field asked for.
    pub field: String,
    /// The GraphQL document.
    pub query: String,
    /// The same document with the field aliased `renamed`.
    pub alias_query: String,
    /// The variables, as JSON text.
    pub variables: String,
    /// What `data.<field>` must be.
    pub expect: Expect,
    /// Whether the resolver requires credentials.
    pub auth: bool,
}

/// The probe of a project's generated GraphQL test: its first query that needs no
/// credentials, else its first query, else its first mutation.
pub fn probe(p: &Project) -> Option<Probe> {
    let g = p.graphql.as_ref()?;
    let resolvers: Vec<(usize, (&str, &str), bool)> = p
        .operations
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.is_subscription())
        .filter_map(|(i, o)| o.graphql_field().map(|f| (i, f, o.auth)))
        .collect();
    let chosen = resolvers
        .iter()
        .find(|(_, (root, _), auth)| *root == "Query" && !auth)
        .or_else(|| resolvers.iter().find(|(_, (root, _), _)| *root == "Query"))
        .or_else(|| resolvers.first())?;
    probe_of(&g.schema, chosen.0, chosen.1, chosen.2)
}

/// A probe of a resolver that requires credentials, sent without them: the answer must be
/// an `UNAUTHENTICATED` error.
pub fn unauthenticated_probe(p: &Project) -> Option<Probe> {
    let g = p.graphql.as_ref()?;
    let (i, field) = p
        .operations
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.is_subscription())
        .find_map(|(i, o)| o.graphql_field().filter(|_| o.auth).map(|f| (i, f)))?;
    probe_of(&g.schema, i, field, true)
}

/// The probe of a project's generated subscription test: its first subscription. The test
/// opens it over SSE, publishes one value through the service and reads one `next` event
/// whose `data.<field>` must be as [`Probe::expect`] says.
pub fn subscription_probe(p: &Project) -> Option<Probe> {
    let g = p.graphql.as_ref()?;
    let (i, field, auth) = p
        .operations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.is_subscription())
        .find_map(|(i, o)| o.graphql_field().map(|f| (i, f, o.auth)))?;
    probe_of(&g.schema, i, field, auth)
}

fn probe_of(
    schema: &Resolvable,
    operation: usize,
    (root, name): (&str, &str),
    auth: bool,
) -> Option<Probe> {
    let field: &RootField = schema
        .roots
        .iter()
        .find(|r| r.root == root && r.name == name)?;
    let types: BTreeMap<&str, &TypeMap> =
        schema.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let (params, call, variables) = match &field.input {
        Some((ty, non_null)) => (
            format!("($input: {ty}{})", if *non_null { "!" } else { "" }),
            "(input: $input)",
            Value::Object(Map::from_iter([(
                "input".to_owned(),
                sample(ty, &types, 0),
            )])),
        ),
        None => (String::new(), "", Value::Object(Map::new())),
    };
    let (selection, expect) = if field.list {
        let object = types.get(field.ty.as_str()).is_some_and(|t| !t.input);
        (
            if object { " { __typename }" } else { "" }.to_owned(),
            Expect::List,
        )
    } else if let Some(t) = types.get(field.ty.as_str()).filter(|t| !t.input) {
        let mut keys: Vec<String> = vec!["__typename".to_owned()];
        keys.extend(
            t.fields
                .iter()
                .filter(|f| !types.contains_key(f.ty.as_str()))
                .map(|f| f.name.clone()),
        );
        let selection = format!(" {{ {} }}", keys.join(" "));
        keys.sort();
        (
            selection,
            Expect::Object {
                typename: t.name.clone(),
                keys,
            },
        )
    } else if field.ty == "Boolean" {
        (String::new(), Expect::True)
    } else {
        (String::new(), Expect::Any)
    };
    let kind = match root {
        "Mutation" => "mutation",
        "Subscription" => "subscription",
        _ => "query",
    };
    Some(Probe {
        operation,
        field: field.name.clone(),
        query: format!("{kind} Probe{params} {{ {}{call}{selection} }}", field.name),
        alias_query: format!(
            "{kind} Probe{params} {{ renamed: {}{call}{selection} }}",
            field.name
        ),
        variables: variables.to_string(),
        expect,
        auth,
    })
}

/// A value of input type `ty` with every non-null field filled in.
fn sample(ty: &str, types: &BTreeMap<&str, &TypeMap>, depth: usize) -> Value {
    match ty {
        "Int" | "Float" | "Long" => Value::from(0),
        "Boolean" => Value::Bool(false),
        "JSON" => Value::Object(Map::new()),
        _ => match types.get(ty) {
            Some(t) if depth < 8 => Value::Object(
                t.fields
                    .iter()
                    .filter(|f| f.non_null)
                    .map(|f| {
                        let v = if f.list {
                            Value::Array(Vec::new())
                        } else {
                            sample(&f.ty, types, depth + 1)
                        };
                        (f.name.clone(), v)
                    })
                    .collect(),
            ),
            Some(_) => Value::Null,
            None => Value::from("x"),
        },
    }
}
