//! OpenAPI 3.1 documents: one per REST API and one per project that serves HTTP routes.

use super::super::escape::plain_text;
use super::super::json_schema::{SchemaNames, object};
use super::super::names::{Case, Lang, Scope, ident};
use super::super::project::Operation;
use super::super::route::Segment;
use super::super::yaml::{Value, map, put, s, seq, to_yaml};
use crate::model::{Auth, Schema};

/// What an OpenAPI document describes.
pub struct ApiDoc<'a> {
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: &'a str,
    /// Port, for the local server entry.
    pub port: Option<u16>,
    /// The operations.
    pub operations: &'a [Operation],
    /// Scheme for operations that require auth.
    pub auth: Auth,
    /// Requests per minute per caller.
    pub rate_limit: Option<u32>,
    /// The schemas the operations use (closed over references).
    pub schemas: &'a [Schema],
}

/// The name of the error schema every generated service answers with.
pub const ERROR_SCHEMA: &str = "Error";

fn security_scheme(auth: Auth) -> Option<(&'static str, Value)> {
    Some(match auth {
        Auth::None => return None,
        Auth::Jwt => (
            "bearerAuth",
            map([
                ("type", s("http")),
                ("scheme", s("bearer")),
                ("bearerFormat", s("JWT")),
            ]),
        ),
        Auth::Oauth2 => (
            "oauth2",
            map([
                ("type", s("oauth2")),
                (
                    "flows",
                    map([(
                        "clientCredentials",
                        map([
                            ("tokenUrl", s("/oauth/token")),
                            ("scopes", map::<String>([])),
                        ]),
                    )]),
                ),
            ]),
        ),
        Auth::ApiKey => (
            "apiKey",
            map([
                ("type", s("apiKey")),
                ("in", s("header")),
                ("name", s("X-API-Key")),
            ]),
        ),
        Auth::Mtls => ("mutualTLS", map([("type", s("mutualTLS"))])),
    })
}

fn json_content(schema: Value) -> Value {
    map([("application/json", map([("schema", schema)]))])
}

/// The OpenAPI document as YAML.
pub fn openapi(doc: &ApiDoc<'_>) -> String {
    let names = SchemaNames::new(doc.schemas, &[ERROR_SCHEMA]);
    let mut info = map([("title", s(plain_text(doc.title))), ("version", s("0.1.0"))]);
    let description = plain_text(doc.description);
    if !description.is_empty() {
        put(&mut info, "description", s(description));
    }
    let mut root = map([("openapi", s("3.1.0")), ("info", info)]);
    if let Some(port) = doc.port {
        put(
            &mut root,
            "servers",
            seq([map([("url", s(format!("http://localhost:{port}")))])]),
        );
    }
    let security = security_scheme(doc.auth);
    let mut ids = Scope::new();
    let mut paths: Vec<(String, Vec<(String, Value)>)> = Vec::new();
    for op in doc.operations {
        let path = op.route.braces();
        let mut o = map([(
            "operationId",
            s(ids.claim(ident(Lang::TypeScript, &op.name, Case::Camel), Case::Camel)),
        )]);
        if !op.summary.is_empty() {
            put(&mut o, "summary", s(plain_text(&op.summary)));
        }
        let params: Vec<Value> = op
            .route
            .segments
            .iter()
            .filter_map(|seg| match seg {
                Segment::Param(p) => Some(map([
                    ("name", s(p.clone())),
                    ("in", s("path")),
                    ("required", Value::Bool(true)),
                    ("schema", map([("type", s("string"))])),
                ])),
                Segment::Literal(_) => None,
            })
            .collect();
        if !params.is_empty() {
            put(&mut o, "parameters", seq(params));
        }
        if let Some(req) = &op.request {
            put(
                &mut o,
                "requestBody",
                map([
                    ("required", Value::Bool(true)),
                    ("content", json_content(names.reference(req.as_str()))),
                ]),
            );
        }
        let status = op.success_status();
        let mut ok = map([("description", s("Success"))]);
        if status != 204 {
            let body = match &op.response {
                Some(r) if op.response_list => {
                    map([("type", s("array")), ("items", names.reference(r.as_str()))])
                }
                Some(r) => names.reference(r.as_str()),
                None => map([("type", s("object"))]),
            };
            put(&mut ok, "content", json_content(body));
        }
        let error = |what: &str| {
            map([
                ("description", s(what)),
                (
                    "content",
                    json_content(map([(
                        "$ref",
                        s(format!("#/components/schemas/{ERROR_SCHEMA}")),
                    )])),
                ),
            ])
        };
        let mut responses = vec![(status.to_string(), ok)];
        if op.request.is_some() || !op.route.params().collect::<Vec<_>>().is_empty() {
            responses.push(("400".into(), error("Bad request")));
        }
        if op.auth && security.is_some() {
            responses.push(("401".into(), error("Missing or invalid credentials")));
        }
        if doc.rate_limit.is_some() {
            responses.push(("429".into(), error("Too many requests")));
        }
        responses.push(("default".into(), error("Unexpected error")));
        put(&mut o, "responses", map(responses));
        if op.auth
            && let Some((scheme, _)) = &security
        {
            put(
                &mut o,
                "security",
                seq([map([(scheme.to_string(), seq([]))])]),
            );
        }
        let method = op.method.label().to_lowercase();
        match paths.iter_mut().find(|(p, _)| *p == path) {
            Some((_, methods)) => methods.push((method, o)),
            None => paths.push((path, vec![(method, o)])),
        }
    }
    put(
        &mut root,
        "paths",
        map(paths.into_iter().map(|(p, methods)| (p, map(methods)))),
    );
    let mut schemas: Vec<(String, Value)> = doc
        .schemas
        .iter()
        .filter_map(|sc| Some((names.get(sc.name.as_str())?.to_owned(), object(sc, &names))))
        .collect();
    schemas.push((
        ERROR_SCHEMA.to_owned(),
        map([
            ("type", s("object")),
            (
                "properties",
                map([
                    ("error", map([("type", s("string"))])),
                    ("message", map([("type", s("string"))])),
                ]),
            ),
            ("required", seq([s("error"), s("message")])),
        ]),
    ));
    let mut components = map([("schemas", map(schemas))]);
    if let Some((name, scheme)) = security {
        put(&mut components, "securitySchemes", map([(name, scheme)]));
    }
    put(&mut root, "components", components);
    to_yaml(
        &root,
        &["Generated by ArchCanvas from the model; edit the model, not this file."],
    )
}
