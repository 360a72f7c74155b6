//! The gRPC side of a Rust project: tonic and prost, code generated from the project's copy
//! of each contract (`proto/`) by `tonic-prost-build` in `build.rs`.
//!
//! The generated code names what prost and tonic derive from the `.proto` file, so the names
//! here follow their rules exactly ([`prost_type`], [`prost_method`], [`server_module`]); the
//! handlers call the service layer with the prost messages, the same layering as the routes.

use std::fmt::Write;

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::super::escape::{comment, rust_str};
use super::super::names::{Case, Lang, ident};
use super::super::project::{Client, Project};
use super::super::rpc::{GRPC_PORT_VAR, GrpcService, RpcRef};
use super::super::wiring::Host;
use super::after_colon;
use super::naming::{GrpcClientNames, Naming, grpc_client_names};
use crate::model::Auth;

/// prost's identifier sanitizer (`prost-build/src/ident.rs`).
fn sanitize(ident: String) -> String {
    const RAW: &[&str] = &[
        "as", "break", "const", "continue", "else", "enum", "false", "fn", "for", "if", "impl",
        "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
        "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "dyn", "abstract",
        "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
        "virtual", "yield", "async", "await", "try", "gen",
    ];
    if RAW.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else if matches!(
        ident.as_str(),
        "_" | "super" | "self" | "Self" | "extern" | "crate"
    ) {
        format!("{ident}_")
    } else if ident.starts_with(|c: char| c.is_numeric()) {
        format!("_{ident}")
    } else {
        ident
    }
}

/// The Rust type prost generates for message (or service) `name`.
pub fn prost_type(name: &str) -> String {
    sanitize(name.to_upper_camel_case())
}

/// The method tonic generates for RPC `name`.
pub fn prost_method(name: &str) -> String {
    sanitize(name.to_snake_case())
}

/// tonic's module of the server of service `name` (`naive_snake_case` in tonic-build).
pub fn server_module(name: &str, side: &str) -> String {
    let ty = prost_type(name);
    let mut out = String::new();
    let mut chars = ty.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c.to_ascii_lowercase());
        if chars.peek().is_some_and(|n| n.is_uppercase()) {
            out.push('_');
        }
    }
    format!("{out}_{side}")
}

/// The module of `grpc.rs` holding the code of one contract.
pub fn module(s: &GrpcService) -> String {
    ident(Lang::Rust, &s.stem, Case::Snake)
}

/// The handler type of one contract's service.
fn handlers(s: &GrpcService) -> String {
    format!("{}Handlers", prost_type(&s.contract.service))
}

/// Whether the project needs the gRPC code at all: it serves or calls gRPC.
pub fn uses_grpc(p: &Project) -> bool {
    p.serves_grpc() || p.calls_grpc()
}

/// Dependencies for `Cargo.toml` (`[dependencies]` lines, then the build dependency). A
/// client adds its TLS connector: rustls (ring) through tokio-rustls, plugged into tonic.
pub fn cargo_deps(p: &Project) -> (String, &'static str) {
    let mut deps = String::new();
    if p.calls_grpc() {
        deps.push_str("hyper-util = { version = \"0.1\", features = [\"tokio\"] }\n");
    }
    deps.push_str("prost = \"0.14\"\n");
    if p.calls_grpc() {
        deps.push_str("tokio-rustls = { version = \"0.26\", default-features = false, features = [\"ring\", \"tls12\"] }\n");
    }
    deps.push_str("tonic = \"0.14\"\ntonic-prost = \"0.14\"\n");
    if p.calls_grpc() {
        deps.push_str("tower = { version = \"0.5\", features = [\"util\"] }\n");
    }
    (
        deps,
        "\n[build-dependencies]\ntonic-prost-build = \"0.14\"\n",
    )
}

/// `build.rs`: compiles the contracts, served and called.
pub fn build_rs(p: &Project) -> String {
    let files: Vec<String> = p
        .contracts()
        .into_iter()
        .map(|s| rust_str(&format!("proto/{}", s.file)))
        .collect();
    format!(
        "//! Generates the gRPC server and client code from the contracts in `proto/` (needs `protoc`:\n//! `apt-get install protobuf-compiler`).\n\nfn main() -> std::io::Result<()> {{\n    tonic_prost_build::configure().compile_protos(&[{}], &[\"proto\"])\n}}\n",
        files.join(", ")
    )
}

/// Lines of `lib.rs`'s `serve` that start the gRPC server beside the HTTP one.
pub fn serve_lines(p: &Project) -> String {
    format!(
        "    let grpc_listener = tokio::net::TcpListener::bind((\"0.0.0.0\", config.grpc_port)).await?;\n    tracing::info!(service = {}, port = config.grpc_port, \"gRPC listening\");\n    let grpc_state = state.clone();\n    tokio::spawn(async move {{\n        let shutdown = async {{\n            let _ = tokio::signal::ctrl_c().await;\n        }};\n        if let Err(e) = grpc::serve(grpc_state, grpc_listener, shutdown).await {{\n            tracing::error!(error = %e, \"gRPC server stopped\");\n        }}\n    }});\n",
        rust_str(p.id.as_str())
    )
}

/// The `Config` field, its documentation and how it is read.
pub fn config_field() -> String {
    format!(
        "    /// `{GRPC_PORT_VAR}`: the port the gRPC server listens on.\n    pub grpc_port: u16,"
    )
}

/// The line of `Config::from_lookup` that reads the gRPC port.
pub fn config_read(p: &Project) -> String {
    format!(
        "            grpc_port: {{\n                let port = read(\"{GRPC_PORT_VAR}\", \"{}\");\n                port.parse()\n                    .map_err(|_| format!(\"{GRPC_PORT_VAR} must be a port number, not {{port:?}}\"))?\n            }},",
        p.grpc_port()
    )
}

/// The names of one gRPC client (see [`grpc_client_names`]).
pub type ClientNames = GrpcClientNames;

/// Per client of `p`, its gRPC names (`None` for a client without a gRPC target).
pub fn client_names(p: &Project, n: &Naming) -> Vec<Option<ClientNames>> {
    grpc_client_names(
        p,
        n,
        (Lang::Rust, Case::Snake),
        &["port", "log_level", "jwt_secret", "api_keys", "grpc_port"],
        &["new", "send", "call", "http", "grpc"],
    )
}

/// The `Config` fields of the gRPC clients' addresses and CA files.
pub fn client_config_fields(p: &Project, names: &[Option<ClientNames>]) -> String {
    let mut out = String::new();
    for (c, names) in p.clients.iter().zip(names) {
        let (Some(t), Some(names)) = (&c.grpc, names) else {
            continue;
        };
        let _ = writeln!(
            out,
            "    /// `{}`: the gRPC address of `{}` (`https://` for TLS).\n    pub {}: String,\n    /// `{}`: a PEM file of the certificates to trust for it (unset: none checked).\n    pub {}: Option<String>,",
            t.var, c.peer, names.url, t.ca_var, names.ca
        );
    }
    out
}

/// The lines of `Config::from_lookup` reading the gRPC clients' addresses (default: the
/// server's local address) and CA files.
pub fn client_config_reads(p: &Project, names: &[Option<ClientNames>]) -> String {
    let mut out = String::new();
    for (c, names) in p.clients.iter().zip(names) {
        let (Some(t), Some(names)) = (&c.grpc, names) else {
            continue;
        };
        let _ = writeln!(
            out,
            "            {}: read({}, {}),\n            {}: lookup({}).filter(|v| !v.is_empty()),",
            names.url,
            rust_str(&t.var),
            rust_str(&t.address(Host::Local)),
            names.ca,
            rust_str(&t.ca_var),
        );
    }
    out
}

/// The parts of a client struct for its gRPC target: the field, the constructor's extra
/// parameters, the field's initialiser and the methods, one per RPC.
pub struct ClientCode {
    /// The struct's field.
    pub field: &'static str,
    /// `new`'s extra parameters.
    pub params: &'static str,
    /// The value of the field in `new`, given the HTTP client `http` (whose breaker it shares).
    pub init: String,
    /// One method per RPC.
    pub methods: String,
}

/// The gRPC half of client `c` (see [`ClientCode`]).
pub fn client_code(c: &Client, names: &ClientNames) -> Option<ClientCode> {
    let t = c.grpc.as_ref()?;
    let timeout = match c.call.timeout_ms {
        Some(ms) => format!("Some(Duration::from_millis({ms}))"),
        None => "None".to_owned(),
    };
    let init = format!(
        "GrpcClient::new({}, grpc, grpc_ca, {}, {timeout}, {}, http.breaker(), {})",
        rust_str(c.peer.as_str()),
        rust_str(&t.ca_var),
        c.call.retries,
        !c.external
    );
    let mut methods = String::new();
    for (si, s) in t.services.iter().enumerate() {
        let m = module(s);
        let client = format!(
            "grpc::{m}::{}::{}Client",
            server_module(&s.contract.service, "client"),
            prost_type(&s.contract.service)
        );
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = names
                .methods
                .get(si)
                .and_then(|v| v.get(ri))
                .cloned()
                .unwrap_or_default();
            let summary = comment(&r.endpoint.summary);
            let _ = writeln!(
                methods,
                "\n    /// `rpc {}` of `{}.{}`, over gRPC{}\n    pub async fn {name}(&self, ctx: &Ctx, request: grpc::{m}::{}) -> Result<grpc::{m}::{}, AppError> {{\n        self.grpc\n            .call(ctx, {}, request, |channel, request| async move {{\n                {client}::new(channel).{}(request).await\n            }})\n            .await\n    }}",
                r.name,
                s.contract.package,
                s.contract.service,
                after_colon(&summary),
                prost_type(&r.request),
                prost_type(&r.response),
                rust_str(&r.name),
                prost_method(&r.name),
            );
        }
    }
    Some(ClientCode {
        field: "    grpc: GrpcClient,\n",
        params: ", grpc: String, grpc_ca: Option<String>",
        init,
        methods,
    })
}

/// The service-layer methods, one per RPC; one that forwards calls its client's RPC.
pub fn service_methods(p: &Project, n: &Naming, clients: &[Option<ClientNames>]) -> String {
    let mut out = String::new();
    for (si, s) in p.grpc.iter().enumerate() {
        let m = module(s);
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = n
                .rpcs
                .get(si)
                .and_then(|v| v.get(ri))
                .cloned()
                .unwrap_or_default();
            let summary = comment(&r.endpoint.summary);
            let body = forward_body(p, n, clients, RpcRef { service: si, rpc: ri }).unwrap_or_else(|| {
                "        let _ = &request;\n        // TODO: the business logic of this RPC.\n        Ok(Default::default())".to_owned()
            });
            let _ = writeln!(
                out,
                "\n    /// `rpc {}` of `{}.{}`{}\n    pub async fn {name}(&self, ctx: &Ctx, request: grpc::{m}::{}) -> Result<grpc::{m}::{}, AppError> {{\n        tracing::debug!(request_id = %ctx.request_id, operation = {}, \"service layer\");\n{body}\n    }}",
                r.name,
                s.contract.package,
                s.contract.service,
                after_colon(&summary),
                prost_type(&r.request),
                prost_type(&r.response),
                rust_str(&name)
            );
        }
    }
    out
}

/// The body of served RPC `served` when it forwards: the client's RPC, the request and the
/// answer re-encoded between the two contracts' messages.
fn forward_body(
    p: &Project,
    n: &Naming,
    clients: &[Option<ClientNames>],
    served: RpcRef,
) -> Option<String> {
    let f = p.rpc_forward(served)?;
    let (field, _) = n.clients.get(f.client)?;
    let method = clients
        .get(f.client)?
        .as_ref()?
        .methods
        .get(f.to.service)?
        .get(f.to.rpc)?;
    Some(format!(
        "        let forwarded = self\n            .{field}\n            .{method}(ctx, crate::grpc_client::convert(&request)?)\n            .await?;\n        // TODO: the business logic of this RPC.\n        crate::grpc_client::convert(&forwarded)"
    ))
}

fn authorize_fn(auth: Auth) -> &'static str {
    match auth {
        Auth::None => "",
        Auth::Jwt | Auth::Oauth2 => {
            "\n/// Checks the bearer token in the call's `authorization` metadata (HS256, `JWT_SECRET`).\nfn authorize(config: &Config, metadata: &MetadataMap) -> Result<(), Status> {\n    let token = metadata\n        .get(\"authorization\")\n        .and_then(|v| v.to_str().ok())\n        .and_then(|v| v.strip_prefix(\"Bearer \"))\n        .ok_or_else(|| Status::unauthenticated(\"a bearer token is required\"))?;\n    let secret = config\n        .jwt_secret\n        .as_deref()\n        .ok_or_else(|| Status::internal(\"JWT_SECRET is not set\"))?;\n    let now = std::time::SystemTime::now()\n        .duration_since(std::time::UNIX_EPOCH)\n        .map(|d| d.as_secs())\n        .unwrap_or(0);\n    crate::auth::verify_jwt(token, secret.as_bytes(), now).map_err(status)?;\n    Ok(())\n}\n"
        }
        Auth::ApiKey => {
            "\n/// Checks the `x-api-key` metadata against `API_KEYS`.\nfn authorize(config: &Config, metadata: &MetadataMap) -> Result<(), Status> {\n    let key = metadata\n        .get(\"x-api-key\")\n        .and_then(|v| v.to_str().ok())\n        .ok_or_else(|| Status::unauthenticated(\"an x-api-key is required\"))?;\n    let same = |k: &String| {\n        k.len() == key.len() && k.bytes().zip(key.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0\n    };\n    if config.api_keys.iter().any(same) {\n        Ok(())\n    } else {\n        Err(Status::unauthenticated(\"unknown API key\"))\n    }\n}\n"
        }
        Auth::Mtls => {
            "\n/// The TLS-terminating proxy verifies the client certificate and says so in `x-client-verify`.\nfn authorize(_config: &Config, metadata: &MetadataMap) -> Result<(), Status> {\n    let verified = metadata\n        .get(\"x-client-verify\")\n        .and_then(|v| v.to_str().ok())\n        .is_some_and(|v| v == \"SUCCESS\");\n    if verified {\n        Ok(())\n    } else {\n        Err(Status::unauthenticated(\"a verified client certificate is required\"))\n    }\n}\n"
        }
    }
}

/// One module per contract in `proto/`, holding the code `build.rs` generates from it.
fn modules(p: &Project, out: &mut String) {
    for s in p.contracts() {
        let _ = writeln!(
            out,
            "\n/// `{}`, generated from `proto/{}` by `build.rs`.\npub mod {} {{\n    tonic::include_proto!({});\n}}",
            s.contract.package,
            s.file,
            module(s),
            rust_str(&s.contract.package)
        );
    }
}

/// `src/grpc.rs`: the generated code of each contract, its handlers and the server.
pub fn grpc_rs(p: &Project, n: &Naming, header: &str, uses_auth: bool) -> String {
    let mut out = String::from(header);
    if !p.serves_grpc() {
        // A project that only calls: the code of the contracts its clients use.
        modules(p, &mut out);
        return out;
    }
    out.push_str(
        "\nuse tonic::metadata::MetadataMap;\nuse tonic::{Request, Response, Status};\n\n",
    );
    let auth = uses_auth && p.grpc.iter().any(GrpcService::any_auth);
    if auth {
        out.push_str("use crate::config::Config;\n");
    }
    out.push_str(
        "use crate::context::Ctx;\nuse crate::error::AppError;\nuse crate::routes::AppState;\n",
    );
    modules(p, &mut out);
    out.push_str("\n/// Serves every gRPC service on `listener` until `shutdown` resolves.\npub async fn serve(\n    state: AppState,\n    listener: tokio::net::TcpListener,\n    shutdown: impl Future<Output = ()> + Send + 'static,\n) -> Result<(), tonic::transport::Error> {\n    tonic::transport::Server::builder()\n");
    for s in &p.grpc {
        let _ = writeln!(
            out,
            "        .add_service({m}::{}::{}Server::new({} {{ state: state.clone() }}))",
            server_module(&s.contract.service, "server"),
            prost_type(&s.contract.service),
            handlers(s),
            m = module(s)
        );
    }
    out.push_str("        .serve_with_incoming_shutdown(tonic::transport::server::TcpIncoming::from(listener), shutdown)\n        .await\n}\n");
    out.push_str("\n/// What travels with a call: its request id and credentials, read like HTTP headers.\nfn context(metadata: &MetadataMap) -> Ctx {\n    Ctx::from_headers(&metadata.clone().into_headers())\n}\n\n/// The gRPC status of a service-layer error.\nfn status(e: AppError) -> Status {\n    match e {\n        AppError::BadRequest(m) => Status::invalid_argument(m),\n        AppError::Unauthorized(m) => Status::unauthenticated(m),\n        AppError::Forbidden(m) => Status::permission_denied(m),\n        AppError::NotFound(m) => Status::not_found(m),\n        AppError::Conflict(m) => Status::already_exists(m),\n        AppError::TooManyRequests => Status::resource_exhausted(\"too many requests\"),\n        AppError::Upstream(m) => Status::unavailable(m),\n        AppError::Internal(m) => Status::internal(m),\n    }\n}\n");
    if auth {
        out.push_str(authorize_fn(p.auth));
    }
    for (si, s) in p.grpc.iter().enumerate() {
        let m = module(s);
        let ty = handlers(s);
        let _ = writeln!(
            out,
            "\n/// The RPCs of `{}.{}` (`{}`): each reads the call, calls the service layer and maps its\n/// errors to gRPC status codes.\npub struct {ty} {{\n    state: AppState,\n}}\n\n#[tonic::async_trait]\nimpl {m}::{}::{} for {ty} {{",
            s.contract.package,
            s.contract.service,
            s.component,
            server_module(&s.contract.service, "server"),
            prost_type(&s.contract.service),
        );
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = n
                .rpcs
                .get(si)
                .and_then(|v| v.get(ri))
                .cloned()
                .unwrap_or_default();
            let summary = comment(&r.endpoint.summary);
            let check = if auth && r.endpoint.auth {
                "        authorize(&self.state.config, request.metadata())?;\n"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    /// `rpc {}`{}\n    async fn {}(&self, request: Request<{m}::{}>) -> Result<Response<{m}::{}>, Status> {{\n        let ctx = context(request.metadata());\n        tracing::info!(request_id = %ctx.request_id, operation = {}, \"request received\");\n{check}        let out = self.state.service.{name}(&ctx, request.into_inner()).await.map_err(status)?;\n        Ok(Response::new(out))\n    }}",
                r.name,
                after_colon(&summary),
                prost_method(&r.name),
                prost_type(&r.request),
                prost_type(&r.response),
                rust_str(&r.name),
            );
        }
        out.push_str("}\n");
    }
    out
}

/// `tests/grpc.rs`: the first RPC answers on a server started in-process (and, if it requires
/// auth, refuses a call without credentials).
pub fn grpc_test(p: &Project, krate: &str, uses_auth: bool) -> Option<String> {
    let s = p.grpc.first()?;
    let r = s.contract.rpcs.first()?;
    let m = module(s);
    let needs_auth = uses_auth && r.endpoint.auth;
    let (mut variables, credential) = match p.auth {
        _ if !needs_auth => (Vec::new(), String::new()),
        Auth::ApiKey => (
            vec![("API_KEYS", "test-key")],
            "    request.metadata_mut().insert(\"x-api-key\", \"test-key\".parse().expect(\"ascii\"));\n".to_owned(),
        ),
        Auth::Mtls => (
            Vec::new(),
            "    request.metadata_mut().insert(\"x-client-verify\", \"SUCCESS\".parse().expect(\"ascii\"));\n".to_owned(),
        ),
        _ => (
            vec![("JWT_SECRET", "test-secret")],
            format!(
                "    let token = {krate}::auth::sign_jwt(&serde_json::json!({{\"sub\": \"test\", \"exp\": 4102444800u64}}), b\"test-secret\");\n    request\n        .metadata_mut()\n        .insert(\"authorization\", format!(\"Bearer {{token}}\").parse().expect(\"ascii\"));\n"
            ),
        ),
    };
    // An RPC that forwards calls a server that is not running here: its client's address is
    // a closed port, and the answer UNAVAILABLE shows the call went out.
    let forward = p.rpc_forward(RpcRef { service: 0, rpc: 0 }).and_then(|f| {
        let c = p.clients.get(f.client)?;
        Some((c.peer.clone(), c.grpc.as_ref()?.var.clone()))
    });
    if let Some((_, var)) = &forward {
        variables.push((var.as_str(), "http://127.0.0.1:1"));
    }
    let (lookup_arg, lookup) = match variables.as_slice() {
        [] => ("_", "None".to_owned()),
        [(name, value)] => (
            "name",
            format!(
                "(name == {}).then(|| {}.to_owned())",
                rust_str(name),
                rust_str(value)
            ),
        ),
        many => {
            let arms: Vec<String> = many
                .iter()
                .map(|(name, value)| {
                    format!("{} => Some({}.to_owned())", rust_str(name), rust_str(value))
                })
                .collect();
            (
                "name",
                format!("match name {{ {}, _ => None }}", arms.join(", ")),
            )
        }
    };
    let (what, answer) = match &forward {
        Some((peer, _)) => (
            format!(
                "{}` of `{}.{}`, on a gRPC server started in-process and called through a tonic\n//! client, forwards to `{peer}`, which is not running here: it answers UNAVAILABLE.",
                r.name, s.contract.package, s.contract.service
            ),
            format!(
                "    let refused = client.{method}(request).await.expect_err(\"{peer} is not running\");\n    assert_eq!(refused.code(), tonic::Code::Unavailable, \"{{refused:?}}\");\n    assert!(refused.message().starts_with({}), \"{{refused:?}}\");\n",
                rust_str(&format!("{peer}: ")),
                method = prost_method(&r.name),
            ),
        ),
        None => (
            format!(
                "{}` of `{}.{}` answers on a gRPC server started in-process, through a tonic\n//! client.",
                r.name, s.contract.package, s.contract.service
            ),
            format!(
                "    let reply = client.{method}(request).await.expect(\"the RPC answers\");\n    assert_eq!(reply.into_inner(), {m}::{resp}::default());\n",
                method = prost_method(&r.name),
                resp = prost_type(&r.response),
            ),
        ),
    };
    let client = format!(
        "{m}::{}::{}Client",
        server_module(&s.contract.service, "client"),
        prost_type(&s.contract.service)
    );
    let refused = if needs_auth {
        format!(
            "\n    let bare = tonic::Request::new({m}::{req}::default());\n    let refused = client.{method}(bare).await.expect_err(\"a call without credentials is refused\");\n    assert_eq!(refused.code(), tonic::Code::Unauthenticated);\n",
            req = prost_type(&r.request),
            method = prost_method(&r.name)
        )
    } else {
        String::new()
    };
    Some(format!(
        "//! `rpc {what}\n\nuse {krate}::AppState;\nuse {krate}::config::Config;\nuse {krate}::grpc::{m};\n\n#[tokio::test]\nasync fn {test}_answers() {{\n    let config = Config::from_lookup(|{lookup_arg}| {lookup}).expect(\"defaults are valid\");\n    let listener = tokio::net::TcpListener::bind(\"127.0.0.1:0\").await.expect(\"bind\");\n    let addr = listener.local_addr().expect(\"address\");\n    tokio::spawn({krate}::grpc::serve(AppState::new(config), listener, std::future::pending()));\n    let mut client = {client}::connect(format!(\"http://{{addr}}\"))\n        .await\n        .expect(\"connect\");\n{refused}    let {binding} = tonic::Request::new({m}::{req}::default());\n{credential}{answer}}}\n",
        test = prost_method(&r.name).trim_start_matches("r#"),
        req = prost_type(&r.request),
        binding = if credential.is_empty() {
            "request"
        } else {
            "mut request"
        },
    ))
}
