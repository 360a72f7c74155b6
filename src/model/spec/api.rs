//! APIs: gateways and public API surfaces, with their endpoints.

use serde::{Deserialize, Serialize};

use super::{is_false, is_one, one};
use crate::model::Id;

/// How an API is called.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum ApiStyle {
    /// HTTP + JSON, described by OpenAPI.
    #[default]
    Rest,
    /// gRPC, described by a .proto file.
    Grpc,
    /// GraphQL, described by an SDL schema.
    Graphql,
}

impl ApiStyle {
    /// Every style.
    pub const ALL: [ApiStyle; 3] = [ApiStyle::Rest, ApiStyle::Grpc, ApiStyle::Graphql];

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            ApiStyle::Rest => "REST",
            ApiStyle::Grpc => "gRPC",
            ApiStyle::Graphql => "GraphQL",
        }
    }
}

/// How callers prove who they are.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Auth {
    /// Anyone may call.
    #[default]
    None,
    /// A bearer JSON Web Token.
    Jwt,
    /// OAuth 2.0 access tokens.
    Oauth2,
    /// A static API key in a header.
    ApiKey,
    /// Mutual TLS client certificates.
    Mtls,
}

impl Auth {
    /// Every scheme.
    pub const ALL: [Auth; 5] = [
        Auth::None,
        Auth::Jwt,
        Auth::Oauth2,
        Auth::ApiKey,
        Auth::Mtls,
    ];

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            Auth::None => "no auth",
            Auth::Jwt => "JWT",
            Auth::Oauth2 => "OAuth 2",
            Auth::ApiKey => "API key",
            Auth::Mtls => "mTLS",
        }
    }
}

/// An operation's verb: an HTTP method for REST, the operation type for GraphQL, `Rpc` for
/// gRPC.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Method {
    /// HTTP GET.
    #[default]
    Get,
    /// HTTP POST.
    Post,
    /// HTTP PUT.
    Put,
    /// HTTP PATCH.
    Patch,
    /// HTTP DELETE.
    Delete,
    /// GraphQL query.
    Query,
    /// GraphQL mutation.
    Mutation,
    /// GraphQL subscription.
    Subscription,
    /// gRPC unary call.
    Rpc,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 9] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
        Method::Query,
        Method::Mutation,
        Method::Subscription,
        Method::Rpc,
    ];

    /// The verb as written in docs (`GET`, `query`, `rpc`).
    pub fn label(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Query => "query",
            Method::Mutation => "mutation",
            Method::Subscription => "subscription",
            Method::Rpc => "rpc",
        }
    }

    /// Whether this is an HTTP method (REST).
    pub fn is_http(self) -> bool {
        matches!(
            self,
            Method::Get | Method::Post | Method::Put | Method::Patch | Method::Delete
        )
    }
}

/// One operation of an API or service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// Verb.
    pub method: Method,
    /// Path for REST (`/orders/{id}`), field name for GraphQL, method name for gRPC.
    pub path: String,
    /// One line on what it does.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Schema or entity of the request body, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Id>,
    /// Schema or entity of the response body, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Id>,
    /// Whether the response is a list of `response`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub response_list: bool,
    /// Whether callers must authenticate (with the API's auth scheme).
    #[serde(default, skip_serializing_if = "is_false")]
    pub auth: bool,
}

/// Properties of an API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSpec {
    /// REST, gRPC or GraphQL.
    #[serde(default)]
    pub style: ApiStyle,
    /// Reachable from the internet.
    #[serde(default, skip_serializing_if = "is_false")]
    pub public: bool,
    /// How callers authenticate on endpoints that require it.
    #[serde(default)]
    pub auth: Auth,
    /// Requests per minute per caller; none means unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<u32>,
    /// Port it listens on, if it runs as a gateway of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Number of gateway instances.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub replicas: u32,
    /// The operations it offers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<Endpoint>,
}

impl Default for ApiSpec {
    fn default() -> Self {
        Self {
            style: ApiStyle::default(),
            public: false,
            auth: Auth::default(),
            rate_limit: None,
            port: None,
            replicas: 1,
            endpoints: Vec::new(),
        }
    }
}
