//! GraphQL over HTTP: `POST /graphql` runs one document against the schema built from the
//! contract's SDL (async-graphql's dynamic schema), with one resolver per query and mutation.
//!
//! Subscriptions are served over SSE (GraphQL over SSE, distinct connections mode): posted with
//! `Accept: text/event-stream`, the answer is a stream of `event: next` (one execution result
//! each) ended by `event: complete`. Their resolvers answer a stream of values.
//!
//! The schema is read from the SDL text itself, so the service serves exactly the contract.
//! Its field names are GraphQL's (camelCase); the models keep the model's wire names, and
//! the key table written next to the SDL says which JSON key each field reads.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use async_graphql::dynamic::{
    Field, FieldFuture, FieldValue, InputObject, InputValue, Object, ResolverContext, Scalar,
    Schema, Subscription, SubscriptionField, SubscriptionFieldFuture, TypeRef,
};
use async_graphql::futures_util::{Stream, StreamExt, stream};
use async_graphql::parser::types::{
    BaseType, DocumentOperations, OperationType, Type, TypeKind, TypeSystemDefinition,
};
use async_graphql::{ErrorExtensions, Value};
use axum::Json;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use serde_json::Value as JsonValue;

use crate::context::Ctx;
use crate::error::AppError;

/// What one resolver receives: the request's context and headers, and its `input`
/// argument with the model's wire names.
pub struct Call {
    /// The request's id and credentials.
    pub ctx: Ctx,
    /// The HTTP headers (for the auth check).
    pub headers: HeaderMap,
    /// The `input` argument, if any, as the model's JSON.
    pub input: Option<JsonValue>,
}

/// A resolver's answer: the model's JSON (wire names).
pub type Answer = Pin<Box<dyn Future<Output = Result<JsonValue, AppError>> + Send>>;

/// One root field's resolver.
pub type Resolver = Arc<dyn Fn(Call) -> Answer + Send + Sync>;

/// A subscription's values: the model's JSON (wire names).
pub type Events = Pin<Box<dyn Stream<Item = JsonValue> + Send>>;

/// A subscription resolver's answer: its values, or why it is refused.
pub type Subscribed = Pin<Box<dyn Future<Output = Result<Events, AppError>> + Send>>;

/// One subscription field's resolver.
pub type Subscriber = Arc<dyn Fn(Call) -> Subscribed + Send + Sync>;

/// A service's stream of models as a subscription's [`Events`].
pub fn events<T: serde::Serialize>(values: impl Stream<Item = T> + Send + 'static) -> Events {
    Box::pin(values.map(|v| serde_json::to_value(v).unwrap_or(JsonValue::Null)))
}

/// Per request: what the resolvers read from the schema's context.
#[derive(Clone)]
struct RequestData {
    ctx: Ctx,
    headers: HeaderMap,
    /// For a subscription: told once it listens.
    started: Option<Arc<tokio::sync::Notify>>,
}

/// Per GraphQL type: per field, (the model's JSON key, the field's named type).
type Names = HashMap<String, HashMap<String, (String, String)>>;

/// The GraphQL error for a service error, with GraphQL's usual `extensions.code`.
fn graphql_error(error: AppError) -> async_graphql::Error {
    let code = match &error {
        AppError::Unauthorized(_) => "UNAUTHENTICATED",
        AppError::BadRequest(_) => "BAD_USER_INPUT",
        AppError::Forbidden(_) => "FORBIDDEN",
        AppError::NotFound(_) => "NOT_FOUND",
        AppError::Conflict(_) => "CONFLICT",
        AppError::TooManyRequests => "TOO_MANY_REQUESTS",
        AppError::Upstream(_) => "UPSTREAM",
        AppError::Internal(_) => "INTERNAL_SERVER_ERROR",
    };
    if matches!(error, AppError::Internal(_) | AppError::Upstream(_)) {
        tracing::error!(error = %error, "resolver failed");
    }
    async_graphql::Error::new(error.to_string()).extend_with(|_, e| e.set("code", code))
}

fn type_ref(ty: &Type) -> TypeRef {
    let base = match &ty.base {
        BaseType::Named(name) => TypeRef::Named(name.to_string().into()),
        BaseType::List(inner) => TypeRef::List(Box::new(type_ref(inner))),
    };
    if ty.nullable {
        base
    } else {
        TypeRef::NonNull(Box::new(base))
    }
}

fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name.as_str(),
        BaseType::List(inner) => named(inner),
    }
}

/// A JSON value as the value of a field whose named type is an object type or not.
fn field_value<'a>(value: JsonValue, object: bool) -> Option<FieldValue<'a>> {
    match value {
        JsonValue::Null => None,
        JsonValue::Array(items) if object => Some(FieldValue::list(
            items.into_iter().map(FieldValue::owned_any),
        )),
        value if object => Some(FieldValue::owned_any(value)),
        value => Value::from_json(value).ok().map(FieldValue::value),
    }
}

/// A value of GraphQL input type `ty` (GraphQL names) as the model's JSON (wire names).
fn from_graphql(value: JsonValue, ty: &str, names: &Names) -> JsonValue {
    let Some(fields) = names.get(ty) else {
        return value;
    };
    match value {
        JsonValue::Array(items) => JsonValue::Array(
            items
                .into_iter()
                .map(|v| from_graphql(v, ty, names))
                .collect(),
        ),
        JsonValue::Object(map) => JsonValue::Object(
            map.into_iter()
                .filter_map(|(name, v)| {
                    let (key, inner) = fields.get(&name)?;
                    Some((key.clone(), from_graphql(v, inner, names)))
                })
                .collect(),
        ),
        other => other,
    }
}

/// The `input` argument of a root field, as the model's JSON.
fn input_of(
    rc: &ResolverContext<'_>,
    input_type: Option<String>,
    names: &Names,
) -> async_graphql::Result<Option<JsonValue>> {
    Ok(match (rc.args.get("input"), input_type) {
        (Some(v), Some(ty)) => {
            let json = v.as_value().clone().into_json()?;
            Some(from_graphql(json, &ty, names))
        }
        _ => None,
    })
}

/// `sdl` without the description of its `schema` definition: async-graphql's parser predates
/// them (GraphQL, October 2021), and a description is documentation only.
fn parseable(sdl: &str) -> String {
    let lines: Vec<&str> = sdl.lines().collect();
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).copied().unwrap_or_default();
        if line.starts_with('"') && next.starts_with("schema {") {
            continue;
        }
        out.push(*line);
    }
    out.join("\n")
}

/// The schema of `sdl`, its root fields answered by `resolvers` (keyed `Query.field`,
/// `Mutation.field`), the other fields reading the JSON key `keys` names for them
/// (`(type, field, key)`; the field's own name otherwise).
pub fn schema(
    sdl: &str,
    keys: &[(&str, &str, &str)],
    resolvers: HashMap<String, Resolver>,
) -> Result<Schema, String> {
    schema_with_subscriptions(sdl, keys, resolvers, HashMap::new())
}

/// [`schema`], its subscription fields answered by `subscribers` (keyed `Subscription.field`).
pub fn schema_with_subscriptions(
    sdl: &str,
    keys: &[(&str, &str, &str)],
    resolvers: HashMap<String, Resolver>,
    subscribers: HashMap<String, Subscriber>,
) -> Result<Schema, String> {
    let doc = async_graphql::parser::parse_schema(parseable(sdl)).map_err(|e| e.to_string())?;
    let mut objects: Vec<String> = Vec::new();
    let mut names: Names = HashMap::new();
    let mut roots = (None, None, None);
    for def in &doc.definitions {
        match def {
            TypeSystemDefinition::Schema(s) => {
                roots.0 = s.node.query.as_ref().map(|n| n.node.to_string());
                roots.1 = s.node.mutation.as_ref().map(|n| n.node.to_string());
                roots.2 = s.node.subscription.as_ref().map(|n| n.node.to_string());
            }
            TypeSystemDefinition::Type(t) => {
                let type_name = t.node.name.node.to_string();
                let fields: Vec<(String, String)> = match &t.node.kind {
                    TypeKind::Object(o) => {
                        objects.push(type_name.clone());
                        o.fields
                            .iter()
                            .map(|f| (f.node.name.node.to_string(), named(&f.node.ty.node).to_owned()))
                            .collect()
                    }
                    TypeKind::InputObject(o) => o
                        .fields
                        .iter()
                        .map(|f| (f.node.name.node.to_string(), named(&f.node.ty.node).to_owned()))
                        .collect(),
                    _ => Vec::new(),
                };
                let table = names.entry(type_name.clone()).or_default();
                for (field, inner) in fields {
                    let key = keys
                        .iter()
                        .find(|(t, f, _)| *t == type_name && *f == field)
                        .map_or_else(|| field.clone(), |(_, _, k)| (*k).to_owned());
                    table.insert(field, (key, inner));
                }
            }
            TypeSystemDefinition::Directive(_) => {}
        }
    }
    let query = roots.0.unwrap_or_else(|| "Query".to_owned());
    let mutation = roots
        .1
        .or_else(|| objects.iter().find(|o| *o == "Mutation").cloned());
    let subscription = roots
        .2
        .or_else(|| objects.iter().find(|o| *o == "Subscription").cloned());
    let names = Arc::new(names);
    let mut builder = Schema::build(&query, mutation.as_deref(), subscription.as_deref());
    for def in &doc.definitions {
        let TypeSystemDefinition::Type(t) = def else {
            continue;
        };
        let type_name = t.node.name.node.to_string();
        let description = t.node.description.as_ref().map(|d| d.node.clone());
        match &t.node.kind {
            TypeKind::Scalar => {
                let mut scalar = Scalar::new(&type_name);
                if let Some(d) = description {
                    scalar = scalar.description(d);
                }
                builder = builder.register(scalar);
            }
            TypeKind::InputObject(o) => {
                let mut input = InputObject::new(&type_name);
                if let Some(d) = description {
                    input = input.description(d);
                }
                for f in &o.fields {
                    let mut value = InputValue::new(f.node.name.node.to_string(), type_ref(&f.node.ty.node));
                    if let Some(d) = &f.node.description {
                        value = value.description(d.node.clone());
                    }
                    input = input.field(value);
                }
                builder = builder.register(input);
            }
            TypeKind::Object(o) if Some(&type_name) == subscription.as_ref() => {
                let mut object = Subscription::new(&type_name);
                if let Some(d) = description {
                    object = object.description(d);
                }
                for f in &o.fields {
                    let field_name = f.node.name.node.to_string();
                    let ty = &f.node.ty.node;
                    let is_object = objects.iter().any(|n| n == named(ty));
                    let subscriber = subscribers.get(&format!("{type_name}.{field_name}")).cloned();
                    let input_type = f
                        .node
                        .arguments
                        .iter()
                        .find(|a| a.node.name.node.as_str() == "input")
                        .map(|a| named(&a.node.ty.node).to_owned());
                    let names = Arc::clone(&names);
                    let label = field_name.clone();
                    let mut field = SubscriptionField::new(field_name.clone(), type_ref(ty), move |rc| {
                        let subscriber = subscriber.clone();
                        let input_type = input_type.clone();
                        let names = Arc::clone(&names);
                        let label = label.clone();
                        SubscriptionFieldFuture::new(async move {
                            let Some(subscriber) = subscriber else {
                                return Err(graphql_error(AppError::Internal(format!("no resolver for {label}"))));
                            };
                            let data = rc.data::<RequestData>()?.clone();
                            let input = input_of(&rc, input_type, &names)?;
                            let call = Call {
                                ctx: data.ctx,
                                headers: data.headers,
                                input,
                            };
                            let values = subscriber(call).await.map_err(graphql_error)?;
                            if let Some(started) = &data.started {
                                started.notify_one();
                            }
                            Ok(values.map(move |v| {
                                Ok::<_, async_graphql::Error>(field_value(v, is_object).unwrap_or(FieldValue::NULL))
                            }))
                        })
                    });
                    if let Some(d) = &f.node.description {
                        field = field.description(d.node.clone());
                    }
                    for a in &f.node.arguments {
                        field = field.argument(InputValue::new(a.node.name.node.to_string(), type_ref(&a.node.ty.node)));
                    }
                    object = object.field(field);
                }
                builder = builder.register(object);
            }
            TypeKind::Object(o) => {
                let root = type_name == query || Some(&type_name) == mutation.as_ref();
                let mut object = Object::new(&type_name);
                if let Some(d) = description {
                    object = object.description(d);
                }
                for f in &o.fields {
                    let field_name = f.node.name.node.to_string();
                    let ty = &f.node.ty.node;
                    let is_object = objects.iter().any(|n| n == named(ty));
                    let mut field = if root {
                        let resolver = resolvers.get(&format!("{type_name}.{field_name}")).cloned();
                        let input_type = f
                            .node
                            .arguments
                            .iter()
                            .find(|a| a.node.name.node.as_str() == "input")
                            .map(|a| named(&a.node.ty.node).to_owned());
                        let names = Arc::clone(&names);
                        let label = field_name.clone();
                        Field::new(field_name.clone(), type_ref(ty), move |rc| {
                            let resolver = resolver.clone();
                            let input_type = input_type.clone();
                            let names = Arc::clone(&names);
                            let label = label.clone();
                            FieldFuture::new(async move {
                                let Some(resolver) = resolver else {
                                    return Err(graphql_error(AppError::Internal(format!("no resolver for {label}"))));
                                };
                                let data = rc.data::<RequestData>()?.clone();
                                let input = input_of(&rc, input_type, &names)?;
                                let call = Call {
                                    ctx: data.ctx,
                                    headers: data.headers,
                                    input,
                                };
                                let answer = resolver(call).await.map_err(graphql_error)?;
                                Ok(field_value(answer, is_object))
                            })
                        })
                    } else {
                        let key = names
                            .get(&type_name)
                            .and_then(|t| t.get(&field_name))
                            .map_or_else(|| field_name.clone(), |(k, _)| k.clone());
                        Field::new(field_name.clone(), type_ref(ty), move |rc| {
                            let value = rc
                                .parent_value
                                .downcast_ref::<JsonValue>()
                                .and_then(|parent| parent.get(key.as_str()))
                                .cloned()
                                .unwrap_or(JsonValue::Null);
                            FieldFuture::Value(field_value(value, is_object))
                        })
                    };
                    if let Some(d) = &f.node.description {
                        field = field.description(d.node.clone());
                    }
                    for a in &f.node.arguments {
                        field = field.argument(InputValue::new(a.node.name.node.to_string(), type_ref(&a.node.ty.node)));
                    }
                    object = object.field(field);
                }
                builder = builder.register(object);
            }
            _ => {}
        }
    }
    builder.finish().map_err(|e| e.to_string())
}

/// The body of a GraphQL request.
#[derive(serde::Deserialize)]
pub struct GraphqlBody {
    query: String,
    #[serde(default)]
    variables: Option<JsonValue>,
    #[serde(default, rename = "operationName")]
    operation_name: Option<String>,
}

/// Whether the operation `query` runs (the one named, or the only one) is a subscription.
fn is_subscription(query: &str, operation_name: Option<&str>) -> bool {
    let Ok(doc) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    let ty = match (&doc.operations, operation_name) {
        (DocumentOperations::Single(op), _) => Some(op.node.ty),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| op.node.ty),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next().map(|op| op.node.ty),
        _ => None,
    };
    ty == Some(OperationType::Subscription)
}

/// Runs one request; the answer is `{"data": ..., "errors": [...]}` with status 200. A
/// subscription answers over SSE: an `event: next` per result, then `event: complete`.
pub async fn serve(schema: Schema, headers: HeaderMap, body: GraphqlBody) -> Response {
    let ctx = Ctx::from_headers(&headers);
    tracing::info!(request_id = %ctx.request_id, operation = "graphql", "request received");
    let subscription = is_subscription(&body.query, body.operation_name.as_deref());
    let sse = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/event-stream"));
    let started = subscription.then(|| Arc::new(tokio::sync::Notify::new()));
    let mut request = async_graphql::Request::new(body.query)
        .variables(async_graphql::Variables::from_json(body.variables.unwrap_or(JsonValue::Null)))
        .data(RequestData { ctx, headers, started: started.clone() });
    if let Some(name) = body.operation_name {
        request = request.operation_name(name);
    }
    if let Some(started) = started {
        if !sse {
            let refusal = serde_json::json!({ "errors": [{
                "message": "subscriptions are served over SSE: POST them to /graphql with `Accept: text/event-stream`",
                "extensions": { "code": "BAD_REQUEST" },
            }] });
            return (StatusCode::BAD_REQUEST, Json(refusal)).into_response();
        }
        // A task drives the subscription so that it listens before the answer's head goes
        // out; the client going away ends the task, and with it the subscription.
        let mut results = schema.execute_stream_with_session_data(request, Default::default());
        let (sender, receiver) = tokio::sync::mpsc::channel::<async_graphql::Response>(16);
        let told = Arc::clone(&started);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    next = results.next() => {
                        let Some(response) = next else { break };
                        told.notify_one(); // refused: its errors are the first result
                        if sender.send(response).await.is_err() {
                            break;
                        }
                    }
                    _ = sender.closed() => break,
                }
            }
            told.notify_one();
        });
        started.notified().await;
        let results = stream::unfold(receiver, |mut receiver| async move {
            receiver.recv().await.map(|response| (response, receiver))
        })
        .map(|response| {
            let data = serde_json::to_string(&response).unwrap_or_default();
            Ok::<_, std::convert::Infallible>(Event::default().event("next").data(data))
        });
        let complete = stream::once(async {
            Ok::<_, std::convert::Infallible>(Event::default().event("complete").data(""))
        });
        return Sse::new(results.chain(complete)).into_response();
    }
    let response = schema.execute(request).await;
    Json(serde_json::to_value(&response).unwrap_or(JsonValue::Null)).into_response()
}

/// A resolver's `input` argument as a model type; a value that does not fit is the caller's
/// error.
pub fn input<T: serde::de::DeserializeOwned>(value: Option<JsonValue>) -> Result<T, AppError> {
    serde_json::from_value(value.unwrap_or(JsonValue::Null))
        .map_err(|e| AppError::BadRequest(format!("input: {e}")))
}

/// A service answer as the model's JSON.
pub fn answer<T: serde::Serialize>(value: T) -> Result<JsonValue, AppError> {
    serde_json::to_value(value).map_err(|e| AppError::Internal(e.to_string()))
}
