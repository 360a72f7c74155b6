//! What one generated project does, worked out once from the model for every language.
//!
//! A project is a service, a worker, or an API that runs as a gateway of its own (an `Api`
//! with a port). Language generators only render a [`Project`]; every decision — which
//! endpoints it serves, which client each outgoing call gets, which operation calls which —
//! is made here, so the four languages always generate the same system.
//!
//! Which operation calls which, since the model draws calls between components, not between
//! operations:
//!
//! 1. **forwarding**: an operation forwards to the operation with the same method and path on
//!    a component it calls (what a gateway does, and what routing a path to the service that
//!    owns it means);
//! 2. **flows**: walking each flow, a call step from a component that is serving an
//!    operation makes that operation call the step's target; the target's operation is the
//!    one with the same method and path, else the one whose `METHOD /path` (or path) the
//!    narration or the connection's label names, else its only operation with the same
//!    method, else its only operation. Publishes in a flow make the operation publish.
//!
//! Anything else is left to the person: the clients are there, typed, with the model's
//! timeouts and retries.
//!
//! A GraphQL API's queries and mutations are operations too (method `Query` or `Mutation`,
//! route `/<field>`), served by the project that implements the API at `POST /graphql`: so
//! each resolver gets a service method, flows and publishes like a route, and every language
//! renders it from the same plan ([`GraphqlApi`] carries the SDL and its name tables).
//! Clients and OpenAPI documents keep to the HTTP routes.

use std::collections::{BTreeMap, BTreeSet};

use super::contracts::graphql::{self, Resolvable};
use super::index::Index;
use super::route::{Route, Segment};
use super::rpc::{GrpcService, GrpcTarget, RpcForward};
use super::wiring::{Peer, peers, url_var};
use crate::model::{
    ApiStyle, Auth, CallSpec, Component, ConnectionKind, DbEngine, Endpoint, FieldType, Id, Kind,
    Language, Method, Schema, Spec, Trigger,
};

/// One operation a project serves (or a client calls): an HTTP route, or a resolver of the
/// GraphQL API it serves (method `Query` or `Mutation`, route `/<field name>`).
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// HTTP method.
    pub method: Method,
    /// Parsed route.
    pub route: Route,
    /// One line on what it does.
    pub summary: String,
    /// Request body schema, by name.
    pub request: Option<Id>,
    /// Response body schema, by name.
    pub response: Option<Id>,
    /// Whether the response is a list.
    pub response_list: bool,
    /// Whether callers must authenticate.
    pub auth: bool,
    /// Words naming it (`get orders by id`), for each language's sanitizer.
    pub name: String,
    /// The operation it forwards to.
    pub forward: Option<CallRef>,
    /// Further operations it calls.
    pub calls: Vec<CallRef>,
    /// Producers it publishes with (indices into [`Project::producers`]).
    pub publishes: Vec<usize>,
}

impl Operation {
    /// The operation serving endpoint `e` as `method` at `route`, named by both (`get orders by
    /// id`, `query books`); it forwards and calls nothing yet.
    fn serving(e: &Endpoint, method: Method, route: Route) -> Operation {
        Operation {
            method,
            name: format!("{} {}", method.label().to_lowercase(), route.words()),
            route,
            summary: e.summary.clone(),
            request: e.request.clone(),
            response: e.response.clone(),
            response_list: e.response_list,
            auth: e.auth,
            forward: None,
            calls: Vec::new(),
            publishes: Vec::new(),
        }
    }

    /// The key two operations clash on: method and route shape.
    pub fn key(&self) -> (Method, String) {
        (self.method, self.route.shape())
    }

    /// The root type and field name of a GraphQL resolver; `None` for an HTTP route.
    pub fn graphql_field(&self) -> Option<(&'static str, &str)> {
        let root = match self.method {
            Method::Query => "Query",
            Method::Mutation => "Mutation",
            Method::Subscription => "Subscription",
            _ => return None,
        };
        match self.route.segments.as_slice() {
            [Segment::Literal(name)] => Some((root, name.as_str())),
            _ => None,
        }
    }

    /// How documentation names it: `GET /orders/{id}`, or `query homeTimeline`.
    pub fn label(&self) -> String {
        match self.graphql_field() {
            Some((_, field)) => format!("{} {field}", self.method.label()),
            None => format!("{} {}", self.method.label(), self.route.braces()),
        }
    }

    /// Whether it is a GraphQL subscription (served over SSE at `/graphql`).
    pub fn is_subscription(&self) -> bool {
        self.method == Method::Subscription
    }

    /// Whether it is an HTTP route (not a GraphQL resolver).
    pub fn is_http(&self) -> bool {
        self.method.is_http()
    }

    /// The status code of success: 201 for POST, 204 for a DELETE without a response body,
    /// 200 otherwise. The generated handlers and the contracts both use it.
    pub fn success_status(&self) -> u16 {
        match self.method {
            Method::Post => 201,
            Method::Delete if self.response.is_none() => 204,
            _ => 200,
        }
    }
}

/// A call to one operation of one client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CallRef {
    /// Index into [`Project::clients`].
    pub client: usize,
    /// Index into that client's operations.
    pub operation: usize,
}

/// A client for one component this project calls synchronously.
#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    /// The component called.
    pub peer: Id,
    /// Its display name.
    pub name: String,
    /// The variable holding its address.
    pub var: String,
    /// Timeout, retries, protocol.
    pub call: CallSpec,
    /// The operations it offers (none known for external systems).
    pub operations: Vec<Operation>,
    /// Whether it is an external system.
    pub external: bool,
    /// What it calls over gRPC, when the call's protocol is gRPC and the component called
    /// serves a contract (see [`super::rpc`]).
    pub grpc: Option<GrpcTarget>,
    /// What it queries over GraphQL, when the call's protocol is GraphQL and the component
    /// called serves a GraphQL API (see [`link_graphql`]).
    pub graphql: Option<GraphqlTarget>,
}

/// What a client queries over GraphQL: the API a project serves at `POST /graphql`, reached
/// through the client's HTTP address (a port-less API's is its implementer's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphqlTarget {
    /// The GraphQL API whose schema is served (`api/<id>.graphql`).
    pub api: Id,
    /// The project serving it.
    pub server: Id,
    /// A document the API answers, for the client's documentation: its first query (one
    /// without an argument if there is one) selecting the scalar fields of what it returns.
    pub example: String,
}

/// The example document of [`GraphqlTarget`], from the schema served.
fn example_document(schema: &Resolvable) -> String {
    let roots = || schema.roots.iter().filter(|r| r.root != "Subscription");
    let Some(root) = roots()
        .find(|r| r.root == "Query" && r.input.is_none())
        .or_else(|| roots().find(|r| r.root == "Query"))
        .or_else(|| roots().next())
    else {
        return "{ __typename }".to_owned();
    };
    let object = |name: &str| schema.types.iter().find(|t| !t.input && t.name == name);
    let selection = match object(&root.ty) {
        Some(ty) => {
            let scalars: Vec<&str> = ty
                .fields
                .iter()
                .filter(|f| object(&f.ty).is_none())
                .map(|f| f.name.as_str())
                .collect();
            if scalars.is_empty() {
                " { __typename }".to_owned()
            } else {
                format!(" {{ {} }}", scalars.join(" "))
            }
        }
        None => String::new(),
    };
    let keyword = root.root.to_lowercase();
    match &root.input {
        Some((ty, non_null)) => format!(
            "{keyword}($input: {ty}{}) {{ {}(input: $input){selection} }}",
            if *non_null { "!" } else { "" },
            root.name
        ),
        None => format!("{keyword} {{ {}{selection} }}", root.name),
    }
}

/// A topic this project publishes to or consumes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicUse {
    /// The queue.
    pub queue: Id,
    /// The topic name (the queue id when the connection names none).
    pub topic: String,
    /// Message schema, by name.
    pub schema: Option<Id>,
    /// The variable holding the broker's address.
    pub var: String,
}

/// Access to one entity of one database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repository {
    /// The database.
    pub database: Id,
    /// Its engine.
    pub engine: DbEngine,
    /// The entity, by name.
    pub entity: Id,
    /// Whether the project writes (else only reads).
    pub writes: bool,
    /// The variable holding the database's address.
    pub var: String,
}

/// The GraphQL API a project serves at `POST /graphql`; its resolvers are the project's
/// operations whose [`Operation::graphql_field`] is set.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphqlApi {
    /// The API whose contract it implements.
    pub api: Id,
    /// Its SDL: the same text as the contract `api/<id>.graphql`.
    pub sdl: String,
    /// Its root fields and how its types map to the model's JSON.
    pub schema: Resolvable,
}

/// Everything one generated project needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    /// The component.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Service, Worker or Api.
    pub kind: Kind,
    /// Language to generate.
    pub language: Language,
    /// Port it listens on (health endpoints for workers).
    pub port: u16,
    /// Instances.
    pub replicas: u32,
    /// Scheme for operations that require auth.
    pub auth: Auth,
    /// Requests per minute per caller.
    pub rate_limit: Option<u32>,
    /// A worker's cron schedule.
    pub schedule: Option<String>,
    /// Operations served: HTTP routes and GraphQL resolvers.
    pub operations: Vec<Operation>,
    /// The GraphQL API served at `/graphql`, if any operation is a resolver.
    pub graphql: Option<GraphqlApi>,
    /// Clients for outgoing calls, one per component called.
    pub clients: Vec<Client>,
    /// Topics published to.
    pub producers: Vec<TopicUse>,
    /// Topics consumed.
    pub consumers: Vec<TopicUse>,
    /// Entities read or written.
    pub repositories: Vec<Repository>,
    /// Every schema the project's types need, sorted by name, references closed over.
    pub schemas: Vec<Schema>,
    /// Every component it talks to (each one's address variable).
    pub peers: Vec<Peer>,
    /// The gRPC services it serves (see [`super::rpc`]).
    pub grpc: Vec<GrpcService>,
    /// The RPCs it serves that forward to an RPC of a gRPC client.
    pub rpc_forwards: Vec<RpcForward>,
}

/// Whether `component` gets a project of its own.
pub fn is_project(component: &Component) -> bool {
    match &component.spec {
        Spec::Service(_) | Spec::Worker(_) => true,
        Spec::Api(api) => api.port.is_some(),
        _ => false,
    }
}

/// The projects of a model, sorted by id, with warnings about what had to be left out.
pub fn projects(index: &Index<'_>, language: Option<Language>) -> (Vec<Project>, Vec<String>) {
    let arch = index.arch;
    let mut warnings = Vec::new();
    let mut served: BTreeMap<Id, Vec<Operation>> = BTreeMap::new();
    for c in arch.components.iter() {
        if is_project(c) {
            served.insert(c.id.clone(), operations_of(index, c, &mut warnings));
        } else if matches!(c.spec, Spec::Api(_)) {
            // A contract only: what it cannot route is not served anywhere, so no warning.
            served.insert(c.id.clone(), operations_of(index, c, &mut Vec::new()));
        }
    }
    let mut out: Vec<Project> = arch
        .components
        .iter()
        .filter(|c| is_project(c))
        .map(|c| build(index, c, language, &served))
        .collect();
    link_forwards(&mut out);
    link_flows(index, &mut out);
    super::rpc::link(&mut out, &mut warnings);
    link_graphql(&mut out, &mut warnings);
    (out, warnings)
}

/// The port-less APIs that route to service `c`, in the order of its incoming connections.
fn routed_apis<'a>(index: &Index<'a>, c: &Component) -> Vec<&'a Component> {
    let arch = index.arch;
    let mut out: Vec<&Component> = Vec::new();
    if !matches!(c.spec, Spec::Service(_)) {
        return out;
    }
    for conn in index.to(c.id.as_str()) {
        if !matches!(conn.kind, ConnectionKind::Calls(_)) {
            continue;
        }
        if let Some(api) = arch.components.get(conn.from.as_str())
            && let Spec::Api(spec) = &api.spec
            && spec.port.is_none()
            && !out.iter().any(|a| a.id == api.id)
        {
            out.push(api);
        }
    }
    out
}

fn is_graphql(c: &Component) -> bool {
    matches!(&c.spec, Spec::Api(api) if api.style == ApiStyle::Graphql)
}

/// The GraphQL API `c` serves at `/graphql`: itself if it is one (a gateway), else the first
/// port-less GraphQL API that routes to it. A project serves one schema; the others stay
/// contracts (a warning says so).
pub fn graphql_api_of<'a>(index: &Index<'a>, c: &'a Component) -> Option<&'a Component> {
    if is_graphql(c) {
        return Some(c);
    }
    routed_apis(index, c).into_iter().find(|a| is_graphql(a))
}

/// The [`GraphqlApi`] of `c`, if it serves one.
fn graphql_of(index: &Index<'_>, c: &Component, operations: &[Operation]) -> Option<GraphqlApi> {
    if !operations.iter().any(|o| o.graphql_field().is_some()) {
        return None;
    }
    let api = graphql_api_of(index, c)?;
    let endpoints = api.spec.endpoints();
    Some(GraphqlApi {
        api: api.id.clone(),
        sdl: graphql::sdl(index, &api.name, &api.description, endpoints),
        schema: graphql::resolvable(index, endpoints),
    })
}

/// The operations `component` serves: its own endpoints, and for a service those of the
/// port-less APIs that route to it. The endpoints of the GraphQL API it serves (see
/// [`graphql_api_of`]) become resolvers, subscriptions included.
pub(crate) fn operations_of(
    index: &Index<'_>,
    c: &Component,
    warnings: &mut Vec<String>,
) -> Vec<Operation> {
    // (endpoint, the component it comes from, its GraphQL field name if that is a GraphQL API)
    let mut endpoints: Vec<(&Endpoint, String, Option<String>)> = Vec::new();
    let served_graphql = graphql_api_of(index, c).map(|a| a.id.clone());
    for source in std::iter::once(c).chain(routed_apis(index, c)) {
        let own = source.spec.endpoints();
        if is_graphql(source) {
            if served_graphql.as_ref() != Some(&source.id) {
                if !own.is_empty() {
                    warnings.push(format!(
                        "{}: the GraphQL API {} is in the contract only; the generated project \
                         serves one GraphQL schema at /graphql, that of {}",
                        c.id,
                        source.id,
                        served_graphql.as_ref().map(Id::as_str).unwrap_or("none")
                    ));
                }
                continue;
            }
            let names = graphql::root_field_names(own);
            endpoints.extend(
                own.iter()
                    .zip(names)
                    .map(|(e, n)| (e, source.id.to_string(), Some(n))),
            );
        } else {
            endpoints.extend(own.iter().map(|e| (e, source.id.to_string(), None)));
        }
    }
    let mut ops: Vec<Operation> = Vec::new();
    let mut routes: Vec<Route> = Vec::new();
    for (e, from, field) in endpoints {
        if let Some(field) = field {
            let method = match graphql::root_of(e.method) {
                "Query" => Method::Query,
                "Mutation" => Method::Mutation,
                _ => Method::Subscription,
            };
            let route = Route {
                segments: vec![Segment::Literal(field)],
            };
            ops.push(Operation::serving(e, method, route));
            continue;
        }
        if !e.method.is_http() {
            if super::rpc::serves(index, c, &from, e) {
                continue; // served by the project's gRPC server
            }
            let style = if e.method == Method::Rpc {
                "gRPC"
            } else {
                "GraphQL"
            };
            warnings.push(format!(
                "{}: `{} {}` (from {from}) is outside a {style} API, so the generated project \
                 does not serve it; move it to a {style} API or give it an HTTP method",
                c.id,
                e.method.label(),
                e.path,
            ));
            continue;
        }
        let mut route = match Route::parse(&e.path) {
            Ok(r) => r,
            Err(why) => {
                warnings.push(format!(
                    "{}: endpoint `{} {:?}` (from {from}) left out: {why}",
                    c.id,
                    e.method.label(),
                    e.path
                ));
                continue;
            }
        };
        route.align_params(&routes);
        let op = Operation::serving(e, e.method, route.clone());
        if ops.iter().any(|o| o.key() == op.key()) {
            if from == c.id.as_str() {
                warnings.push(format!(
                    "{}: `{} {}` is declared twice; the second is left out",
                    c.id,
                    e.method.label(),
                    e.path
                ));
            }
            continue;
        }
        routes.push(route);
        ops.push(op);
    }
    ops
}

fn build(
    index: &Index<'_>,
    c: &Component,
    language: Option<Language>,
    served: &BTreeMap<Id, Vec<Operation>>,
) -> Project {
    let arch = index.arch;
    let (lang, schedule, rate_limit, own_auth) = match &c.spec {
        Spec::Service(s) => (s.language, None, None, None),
        Spec::Worker(w) => (
            w.language,
            match &w.trigger {
                Trigger::Schedule(cron) => Some(cron.clone()),
                Trigger::Queue => None,
            },
            None,
            None,
        ),
        Spec::Api(a) => (Language::Rust, None, a.rate_limit, Some(a.auth)),
        _ => (Language::Rust, None, None, None),
    };
    let language = language.unwrap_or(lang);
    // A service's endpoints are protected with the scheme of the APIs that route to it.
    let callers_auth = index
        .to(c.id.as_str())
        .iter()
        .filter(|k| matches!(k.kind, ConnectionKind::Calls(_)))
        .filter_map(
            |k| match arch.components.get(k.from.as_str()).map(|a| &a.spec) {
                Some(Spec::Api(api)) if api.auth != Auth::None => {
                    Some((api.auth, api.rate_limit, api.port))
                }
                _ => None,
            },
        )
        .next();
    let auth = match (own_auth, callers_auth) {
        (Some(Auth::None), _) | (None, None) => Auth::Jwt,
        (Some(a), _) => a,
        (None, Some((a, _, _))) => a,
    };
    let rate_limit = rate_limit.or_else(|| {
        // A port-less API implemented here brings its rate limit along.
        index
            .to(c.id.as_str())
            .iter()
            .filter(|k| matches!(k.kind, ConnectionKind::Calls(_)))
            .find_map(
                |k| match arch.components.get(k.from.as_str()).map(|a| &a.spec) {
                    Some(Spec::Api(api)) if api.port.is_none() => api.rate_limit,
                    _ => None,
                },
            )
    });
    let port = c
        .spec
        .port()
        .or_else(|| lang_port(language))
        .unwrap_or(8080);

    let mut clients: Vec<Client> = Vec::new();
    let mut producers: Vec<TopicUse> = Vec::new();
    let mut consumers: Vec<TopicUse> = Vec::new();
    let mut repos: BTreeMap<(Id, Id), Repository> = BTreeMap::new();
    for conn in index.from(c.id.as_str()).iter().filter(|k| k.to != c.id) {
        let Some(target) = arch.components.get(conn.to.as_str()) else {
            continue;
        };
        match &conn.kind {
            ConnectionKind::Calls(call) => {
                if clients.iter().any(|cl| cl.peer == target.id) {
                    continue;
                }
                clients.push(Client {
                    peer: target.id.clone(),
                    name: target.name.clone(),
                    var: url_var(&target.id),
                    call: call.clone(),
                    operations: served
                        .get(&target.id)
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        // Clients call HTTP routes; a GraphQL API's callers write queries.
                        .filter(Operation::is_http)
                        .map(|mut o| {
                            o.forward = None;
                            o.calls.clear();
                            o.publishes.clear();
                            o
                        })
                        .collect(),
                    external: target.kind() == Kind::External,
                    grpc: None,
                    graphql: None,
                });
            }
            ConnectionKind::Publishes { topic } | ConnectionKind::Consumes { topic } => {
                if target.kind() != Kind::Queue {
                    continue;
                }
                let name = if topic.is_empty() {
                    target.id.to_string()
                } else {
                    topic.clone()
                };
                let schema = target
                    .spec
                    .topics()
                    .iter()
                    .find(|t| t.name == name)
                    .and_then(|t| t.schema.clone());
                let use_ = TopicUse {
                    queue: target.id.clone(),
                    topic: name,
                    schema,
                    var: url_var(&target.id),
                };
                let list = if matches!(conn.kind, ConnectionKind::Publishes { .. }) {
                    &mut producers
                } else {
                    &mut consumers
                };
                if !list.contains(&use_) {
                    list.push(use_);
                }
            }
            ConnectionKind::Reads | ConnectionKind::Writes => {
                let Spec::Database(db) = &target.spec else {
                    continue;
                };
                let writes = matches!(conn.kind, ConnectionKind::Writes);
                for entity in &db.entities {
                    repos
                        .entry((target.id.clone(), entity.name.clone()))
                        .and_modify(|r| r.writes |= writes)
                        .or_insert_with(|| Repository {
                            database: target.id.clone(),
                            engine: db.engine,
                            entity: entity.name.clone(),
                            writes,
                            var: url_var(&target.id),
                        });
                }
            }
            ConnectionKind::DependsOn => {}
        }
    }
    let operations = served.get(&c.id).cloned().unwrap_or_default();
    let graphql = graphql_of(index, c, &operations);
    let repositories: Vec<Repository> = repos.into_values().collect();

    let mut wanted: BTreeSet<Id> = BTreeSet::new();
    let ops_schemas = operations
        .iter()
        .chain(clients.iter().flat_map(|cl| cl.operations.iter()))
        .flat_map(|o| o.request.iter().chain(o.response.iter()));
    wanted.extend(ops_schemas.cloned());
    wanted.extend(
        producers
            .iter()
            .chain(&consumers)
            .filter_map(|t| t.schema.clone()),
    );
    wanted.extend(repositories.iter().map(|r| r.entity.clone()));
    let schemas = closure(index, wanted);

    Project {
        id: c.id.clone(),
        name: c.name.clone(),
        description: c.description.clone(),
        kind: c.kind(),
        language,
        port,
        replicas: c.spec.replicas().unwrap_or(1),
        auth,
        rate_limit,
        schedule,
        operations,
        graphql,
        clients,
        producers,
        consumers,
        repositories,
        schemas,
        peers: peers(index, &c.id),
        grpc: super::rpc::services_of(index, c),
        rpc_forwards: Vec::new(),
    }
}

fn lang_port(language: Language) -> Option<u16> {
    language.info().default_port
}

/// The schemas named in `wanted` and every schema their fields refer to, sorted by name.
/// Names that match no schema are left out (their users fall back to untyped JSON).
pub fn closure(index: &Index<'_>, wanted: BTreeSet<Id>) -> Vec<Schema> {
    let mut seen: BTreeMap<Id, Schema> = BTreeMap::new();
    let mut todo: Vec<Id> = wanted.into_iter().collect();
    while let Some(name) = todo.pop() {
        if seen.contains_key(&name) {
            continue;
        }
        let Some(schema) = index.schema(name.as_str()) else {
            continue;
        };
        for f in &schema.fields {
            if let FieldType::Object(inner) = &f.ty {
                todo.push(inner.clone());
            }
        }
        seen.insert(name, schema.clone());
    }
    seen.into_values().collect()
}

/// Gives each call made over GraphQL its [`GraphqlTarget`]: the project serving the component
/// called (itself, or the service implementing a port-less GraphQL API). Callers write their
/// own documents, so the client offers one generic `graphql` call rather than a method per field.
fn link_graphql(projects: &mut [Project], warnings: &mut Vec<String>) {
    let servers: Vec<(Id, Id, String)> = projects
        .iter()
        .filter_map(|p| {
            let g = p.graphql.as_ref()?;
            Some((p.id.clone(), g.api.clone(), example_document(&g.schema)))
        })
        .collect();
    for p in projects.iter_mut() {
        for client in &mut p.clients {
            if client.call.protocol != crate::model::Protocol::Graphql || client.external {
                continue;
            }
            let found = servers
                .iter()
                .find(|(server, _, _)| *server == client.peer)
                .or_else(|| servers.iter().find(|(_, api, _)| *api == client.peer));
            match found {
                Some((server, api, example)) => {
                    client.graphql = Some(GraphqlTarget {
                        api: api.clone(),
                        server: server.clone(),
                        example: example.clone(),
                    })
                }
                None => warnings.push(format!(
                    "{}: calls {} over GraphQL, but {} serves no GraphQL API, so the generated \
                     client speaks HTTP only; give {} query or mutation endpoints or call it over HTTP",
                    p.id, client.peer, client.peer, client.peer
                )),
            }
        }
    }
}

/// Rule 1: an operation forwards to the same method and path on a component it calls.
fn link_forwards(projects: &mut [Project]) {
    for p in projects.iter_mut() {
        let clients = p.clients.clone();
        for op in &mut p.operations {
            'clients: for (ci, client) in clients.iter().enumerate() {
                for (oi, target) in client.operations.iter().enumerate() {
                    if target.key() == op.key() {
                        op.forward = Some(CallRef {
                            client: ci,
                            operation: oi,
                        });
                        break 'clients;
                    }
                }
            }
        }
    }
}

/// Rule 2: flows say which operation calls which.
fn link_flows(index: &Index<'_>, projects: &mut [Project]) {
    let arch = index.arch;
    let positions: BTreeMap<Id, usize> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    for flow in &arch.flows {
        // component → the operation it is serving in this flow (by key)
        let mut active: BTreeMap<Id, (Method, String)> = BTreeMap::new();
        for step in &flow.steps {
            if step.reply {
                continue;
            }
            let Some(conn) = arch.connections.get(step.connection.as_str()) else {
                continue;
            };
            let serving = active.get(&conn.from).cloned();
            match &conn.kind {
                ConnectionKind::Calls(_) => {
                    let Some(target) = arch.components.get(conn.to.as_str()) else {
                        continue;
                    };
                    let text = format!("{} {}", step.narration, conn.label);
                    let target_ops: Vec<Operation> = match positions.get(&target.id) {
                        Some(&i) => projects
                            .get(i)
                            .map(|p| p.operations.clone())
                            .unwrap_or_default(),
                        None => Vec::new(),
                    };
                    let chosen = choose(&target_ops, serving.as_ref(), &text, target, index);
                    if let (Some(op_key), Some(&pi)) = (&serving, positions.get(&conn.from))
                        && let Some(p) = projects.get_mut(pi)
                        && let Some(ci) = p.clients.iter().position(|cl| cl.peer == target.id)
                    {
                        let target_op = chosen.as_ref().and_then(|k| {
                            p.clients
                                .get(ci)
                                .and_then(|cl| cl.operations.iter().position(|o| &o.key() == k))
                        });
                        if let Some(oi) = target_op
                            && let Some(op) = p.operations.iter_mut().find(|o| &o.key() == op_key)
                        {
                            let call = CallRef {
                                client: ci,
                                operation: oi,
                            };
                            if op.forward != Some(call) && !op.calls.contains(&call) {
                                op.calls.push(call);
                            }
                        }
                    }
                    if let Some(k) = chosen {
                        active.insert(target.id.clone(), k);
                    }
                }
                ConnectionKind::Publishes { topic } => {
                    if let (Some(op_key), Some(&pi)) = (&serving, positions.get(&conn.from))
                        && let Some(p) = projects.get_mut(pi)
                    {
                        let name = if topic.is_empty() {
                            conn.to.to_string()
                        } else {
                            topic.clone()
                        };
                        let producer = p
                            .producers
                            .iter()
                            .position(|t| t.queue == conn.to && t.topic == name);
                        if let Some(pr) = producer
                            && let Some(op) = p.operations.iter_mut().find(|o| &o.key() == op_key)
                            && !op.publishes.contains(&pr)
                        {
                            op.publishes.push(pr);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Which operation of `target` a flow step calls (see the module documentation).
fn choose(
    ops: &[Operation],
    serving: Option<&(Method, String)>,
    text: &str,
    target: &Component,
    index: &Index<'_>,
) -> Option<(Method, String)> {
    let ops: Vec<Operation> = if ops.is_empty() {
        // A port-less API: its own endpoints.
        let mut w = Vec::new();
        operations_of(index, target, &mut w)
    } else {
        ops.to_vec()
    };
    if let Some(k) = serving
        && let Some(o) = ops.iter().find(|o| &o.key() == k)
    {
        return Some(o.key());
    }
    let named = ops
        .iter()
        .filter(|o| {
            let path = o.route.braces();
            text.contains(&format!("{} {}", o.method.label(), path))
        })
        .max_by_key(|o| o.route.segments.len())
        .or_else(|| {
            ops.iter()
                .filter(|o| !o.route.segments.is_empty() && text.contains(&o.route.braces()))
                .max_by_key(|o| o.route.segments.len())
        });
    if let Some(o) = named {
        return Some(o.key());
    }
    if let Some((m, _)) = serving {
        let same: Vec<&Operation> = ops.iter().filter(|o| o.method == *m).collect();
        if let [only] = same.as_slice() {
            return Some(only.key());
        }
    }
    match ops.as_slice() {
        [only] => Some(only.key()),
        _ => None,
    }
}
