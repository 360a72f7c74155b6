//! Rust projects: axum, tokio, serde, tracing (JSON lines), reqwest for clients.
//!
//! The parts that do not depend on the model (error type, auth, rate limiting, the HTTP
//! client core, messaging) are plain Rust files under `assets/export/rust/`, copied as they
//! are; everything else is written here from the [`Project`].

use std::fmt::Write;

use super::super::escape::{comment, rust_str, toml_str};
use super::super::names::{Case, Lang, file_stem};
use super::super::plan::{Plan, PlanError};
use super::super::project::{Operation, Project};
use super::super::route::Segment;
use super::super::wiring::{API_KEYS_VAR, Host, JWT_SECRET_VAR, LOG_LEVEL_VAR, PORT_VAR, address};
use super::after_colon;
use super::naming::{Naming, Style};
use super::rust_grpc;
use super::schedule_seconds;
use crate::model::{Architecture, Auth, Field, FieldType, Id, Language, Method};

const ERROR_RS: &str = include_str!("../../../assets/export/rust/error.rs");
const CONTEXT_RS: &str = include_str!("../../../assets/export/rust/context.rs");
const AUTH_RS: &str = include_str!("../../../assets/export/rust/auth.rs");
const RATE_LIMIT_RS: &str = include_str!("../../../assets/export/rust/rate_limit.rs");
const HTTP_RS: &str = include_str!("../../../assets/export/rust/http.rs");
const EVENTS_RS: &str = include_str!("../../../assets/export/rust/events.rs");
const GRAPHQL_HTTP_RS: &str = include_str!("../../../assets/export/rust/graphql_http.rs");
const GRPC_CLIENT_RS: &str = include_str!("../../../assets/export/rust/grpc_client.rs");
const HUB_RS: &str = include_str!("../../../assets/export/rust/hub.rs");

/// Types the generated code defines itself; schemas get other names.
const RESERVED_TYPES: &[&str] = &[
    "AppError",
    "AppState",
    "Broker",
    "Config",
    "Ctx",
    "GrpcClient",
    "HttpClient",
    "Producer",
    "RateLimiter",
    "Scheme",
    "Service",
];

const STYLE: Style = Style {
    lang: Lang::Rust,
    function: Case::Snake,
    field: Case::Snake,
};

struct Gen<'a> {
    arch: &'a Architecture,
    p: &'a Project,
    n: Naming,
    krate: String,
    /// Per client, the names of its gRPC half (if it has a gRPC target).
    grpc_clients: Vec<Option<rust_grpc::ClientNames>>,
}

/// The Cargo package name of a project.
pub fn package_name(p: &Project) -> String {
    format!("{}-service", file_stem(p.id.as_str()))
}

fn auth_scheme(auth: Auth) -> Option<&'static str> {
    match auth {
        Auth::None => None,
        Auth::Jwt | Auth::Oauth2 => Some("Jwt"),
        Auth::ApiKey => Some("ApiKey"),
        Auth::Mtls => Some("Mtls"),
    }
}

/// Adds the Rust project of `p`.
pub fn generate(arch: &Architecture, p: &Project, plan: &mut Plan) -> Result<(), PlanError> {
    let krate = package_name(p).replace('-', "_");
    let n = Naming::new(p, STYLE, RESERVED_TYPES);
    let g = Gen {
        arch,
        p,
        grpc_clients: rust_grpc::client_names(p, &n),
        n,
        krate,
    };
    let dir = format!("services/{}", file_stem(p.id.as_str()));
    let id = Some(&p.id);
    let uses_auth = g.uses_auth();
    plan.add(&format!("{dir}/Cargo.toml"), g.cargo_toml(), id)?;
    plan.add(&format!("{dir}/Dockerfile"), g.dockerfile(), id)?;
    plan.add(&format!("{dir}/.dockerignore"), "target\n", id)?;
    plan.add(&format!("{dir}/.gitignore"), "/target\n", id)?;
    plan.add(
        &format!("{dir}/README.md"),
        super::project_readme(p, Language::Rust),
        id,
    )?;
    plan.add(&format!("{dir}/src/main.rs"), g.main_rs(), id)?;
    plan.add(&format!("{dir}/src/lib.rs"), g.lib_rs(), id)?;
    plan.add(&format!("{dir}/src/config.rs"), g.config_rs(), id)?;
    plan.add(&format!("{dir}/src/context.rs"), CONTEXT_RS, id)?;
    plan.add(&format!("{dir}/src/error.rs"), ERROR_RS, id)?;
    plan.add(&format!("{dir}/src/models.rs"), g.models_rs(), id)?;
    plan.add(&format!("{dir}/src/routes.rs"), g.routes_rs(), id)?;
    plan.add(&format!("{dir}/src/services.rs"), g.services_rs(), id)?;
    plan.add(
        &format!("{dir}/src/repositories.rs"),
        g.repositories_rs(),
        id,
    )?;
    if uses_auth {
        let scheme = auth_scheme(p.auth).unwrap_or("Jwt");
        plan.add(
            &format!("{dir}/src/auth.rs"),
            AUTH_RS.replace("__SCHEME__", scheme),
            id,
        )?;
    }
    if let Some(limit) = p.rate_limit {
        plan.add(
            &format!("{dir}/src/rate_limit.rs"),
            RATE_LIMIT_RS.replace("__PER_MINUTE__", &limit.max(1).to_string()),
            id,
        )?;
    }
    if !p.clients.is_empty() {
        plan.add(&format!("{dir}/src/http.rs"), HTTP_RS, id)?;
        plan.add(&format!("{dir}/src/clients.rs"), g.clients_rs(), id)?;
    }
    if g.uses_events() {
        plan.add(&format!("{dir}/src/events.rs"), EVENTS_RS, id)?;
    }
    plan.add(&format!("{dir}/tests/health.rs"), g.health_test(), id)?;
    if p.graphql.is_some() {
        plan.add(&format!("{dir}/src/graphql_http.rs"), GRAPHQL_HTTP_RS, id)?;
        plan.add(&format!("{dir}/src/graphql.rs"), g.graphql_rs(), id)?;
        plan.add(&format!("{dir}/tests/graphql.rs"), g.graphql_test(), id)?;
        if g.serves_subscriptions() {
            plan.add(&format!("{dir}/src/hub.rs"), HUB_RS, id)?;
        }
    }
    if rust_grpc::uses_grpc(p) {
        let what = if p.serves_grpc() {
            "gRPC: the services of `proto/`, one handler per RPC; each reads the call, calls the\n//! service layer and maps errors to gRPC status codes."
        } else {
            "gRPC: the code of the contracts in `proto/` that the clients call."
        };
        plan.add(&format!("{dir}/build.rs"), rust_grpc::build_rs(p), id)?;
        plan.add(
            &format!("{dir}/src/grpc.rs"),
            rust_grpc::grpc_rs(p, &g.n, &g.header(what), uses_auth),
            id,
        )?;
        if p.calls_grpc() {
            plan.add(&format!("{dir}/src/grpc_client.rs"), GRPC_CLIENT_RS, id)?;
        }
        if let Some(test) = rust_grpc::grpc_test(p, &g.krate, uses_auth) {
            plan.add(&format!("{dir}/tests/grpc.rs"), test, id)?;
        }
    }
    Ok(())
}

impl Gen<'_> {
    fn uses_auth(&self) -> bool {
        auth_scheme(self.p.auth).is_some() && self.p.needs_auth()
    }

    fn uses_events(&self) -> bool {
        !self.p.producers.is_empty() || !self.p.consumers.is_empty()
    }

    fn header(&self, what: &str) -> String {
        format!(
            "//! {what}\n//!\n//! Generated by ArchCanvas for `{}` ({}); edit freely: a re-export never overwrites a\n//! file you changed.\n",
            self.p.id,
            comment(&self.p.name)
        )
    }

    fn cargo_toml(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "[package]\nname = \"{}\"\nversion = \"0.1.0\"\nedition = \"2024\"\nrust-version = \"1.88\"\npublish = false",
            package_name(self.p)
        );
        let about = comment(&self.p.description);
        if !about.is_empty() {
            let _ = writeln!(out, "description = {}", toml_str(&about));
        }
        out.push_str(
            "\n[dependencies]\naxum = \"0.8\"\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\ntokio = { version = \"1\", features = [\"io-util\", \"macros\", \"net\", \"rt-multi-thread\", \"signal\", \"sync\", \"time\"] }\ntracing = \"0.1\"\ntracing-subscriber = { version = \"0.3\", features = [\"env-filter\", \"json\"] }\n",
        );
        if self.uses_auth() {
            out.push_str("base64 = \"0.22\"\nhmac = \"0.12\"\nsha2 = \"0.10\"\n");
        }
        if !self.p.clients.is_empty() {
            out.push_str("reqwest = { version = \"0.12\", default-features = false, features = [\"json\"] }\n");
        }
        if self.p.graphql.is_some() {
            out.push_str("async-graphql = { version = \"7\", default-features = false, features = [\"dynamic-schema\"] }\n");
        }
        if rust_grpc::uses_grpc(self.p) {
            let (deps, build) = rust_grpc::cargo_deps(self.p);
            out.push_str(&deps);
            out.push_str(build);
        }
        out
    }

    fn dockerfile(&self) -> String {
        let image = Language::Rust.info().image.unwrap_or("rust:1");
        let mut text = format!(
            "# Generated by ArchCanvas. Builds the service and runs it on a slim image.\nFROM {image} AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n\nFROM debian:bookworm-slim\nCOPY --from=build /src/target/release/{bin} /app/service\nENV {PORT_VAR}={port}\nEXPOSE {port}\nUSER 65532\nENTRYPOINT [\"/app/service\"]\n",
            bin = package_name(self.p),
            port = self.p.port
        );
        if rust_grpc::uses_grpc(self.p) {
            // tonic-prost-build runs protoc on proto/ at build time.
            text = text.replace(
                "COPY . .\n",
                "RUN apt-get update && apt-get install -y --no-install-recommends protobuf-compiler \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY . .\n",
            );
        }
        if self.p.serves_grpc() {
            text = text.replace(
                "USER 65532",
                &format!(
                    "ENV {}={grpc}\nEXPOSE {grpc}\nUSER 65532",
                    super::super::rpc::GRPC_PORT_VAR,
                    grpc = self.p.grpc_port()
                ),
            );
        }
        text
    }

    /// Whether the project serves a GraphQL subscription (and so has a hub).
    fn serves_subscriptions(&self) -> bool {
        self.p.graphql.is_some() && self.p.operations.iter().any(|o| o.is_subscription())
    }

    fn lib_rs(&self) -> String {
        let mut out = self.header("The service as a library, so tests can start it in-process.");
        out.push_str("\n// A skeleton: parts of it wait for your code. Names escaped from the model's text keep\n// their double underscores (`caf__u0000e9`), which the case lints would flag.\n#![allow(dead_code, non_snake_case, non_camel_case_types)]\n\n");
        let mut mods = vec![
            "config",
            "context",
            "error",
            "models",
            "repositories",
            "routes",
            "services",
        ];
        if self.uses_auth() {
            mods.push("auth");
        }
        if self.p.rate_limit.is_some() {
            mods.push("rate_limit");
        }
        if !self.p.clients.is_empty() {
            mods.push("clients");
            mods.push("http");
        }
        if self.uses_events() {
            mods.push("events");
        }
        if self.p.graphql.is_some() {
            mods.push("graphql");
            mods.push("graphql_http");
            if self.serves_subscriptions() {
                mods.push("hub");
            }
        }
        if rust_grpc::uses_grpc(self.p) {
            mods.push("grpc");
        }
        if self.p.calls_grpc() {
            mods.push("grpc_client");
        }
        mods.sort_unstable();
        for m in mods {
            let _ = writeln!(out, "pub mod {m};");
        }
        let tasks = self.background_tasks();
        out.push_str("\nuse std::net::SocketAddr;\n");
        if !tasks.is_empty() {
            out.push_str("use std::sync::Arc;\n");
        }
        out.push_str("\npub use routes::{AppState, router};\n\n/// Serves the API on `config.port` and runs the background work until the process stops.\npub async fn serve(config: config::Config) -> std::io::Result<()> {\n    let state = AppState::new(config.clone());\n");
        out.push_str(&tasks);
        if self.p.serves_grpc() {
            out.push_str(&rust_grpc::serve_lines(self.p));
        }
        let _ = writeln!(
            out,
            "    let listener = tokio::net::TcpListener::bind((\"0.0.0.0\", config.port)).await?;\n    tracing::info!(service = {}, port = config.port, \"listening\");\n    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())\n        .with_graceful_shutdown(async {{\n            let _ = tokio::signal::ctrl_c().await;\n        }})\n        .await\n}}",
            rust_str(self.p.id.as_str())
        );
        out
    }

    fn background_tasks(&self) -> String {
        let mut out = String::new();
        for (i, t) in self.p.consumers.iter().enumerate() {
            let handler = self.n.consumers.get(i).cloned().unwrap_or_default();
            let ty = self.message_type(t.schema.as_ref());
            let _ = writeln!(
                out,
                "    {{\n        let service = Arc::clone(&state.service);\n        let broker = events::Broker::new(config.{url}.clone());\n        tokio::spawn(async move {{\n            events::consume::<{ty}, _, _>(broker, {topic}, |ctx, message| {{\n                let service = Arc::clone(&service);\n                async move {{ service.{handler}(ctx, message).await }}\n            }})\n            .await;\n        }});\n    }}",
                url = self.peer_field(&t.queue),
                topic = rust_str(&t.topic),
            );
        }
        if let Some(cron) = &self.p.schedule {
            let _ = writeln!(
                out,
                "    {{\n        // Schedule {}: every {} s.\n        let service = Arc::clone(&state.service);\n        tokio::spawn(async move {{\n            let mut tick = tokio::time::interval(std::time::Duration::from_secs({}));\n            loop {{\n                tick.tick().await;\n                let ctx = context::Ctx::background();\n                if let Err(e) = service.run_scheduled_job(ctx.clone()).await {{\n                    tracing::error!(request_id = %ctx.request_id, error = %e, \"scheduled job failed\");\n                }}\n            }}\n        }});\n    }}",
                comment(cron),
                schedule_seconds(cron),
                schedule_seconds(cron)
            );
        }
        out
    }

    fn main_rs(&self) -> String {
        let mut out =
            self.header("Start-up: configuration from the environment, JSON logs, the server.");
        let _ = write!(
            out,
            "\n#![allow(non_snake_case)]\n\nuse std::io::{{Read, Write}};\nuse std::process::ExitCode;\n\nuse {krate}::config::Config;\n\n#[tokio::main]\nasync fn main() -> ExitCode {{\n    let config = match Config::from_env() {{\n        Ok(c) => c,\n        Err(e) => {{\n            eprintln!(\"configuration error: {{e}}\");\n            return ExitCode::from(2);\n        }}\n    }};\n    if std::env::args().nth(1).as_deref() == Some(\"healthcheck\") {{\n        return healthcheck(config.port);\n    }}\n    tracing_subscriber::fmt()\n        .json()\n        .with_env_filter(tracing_subscriber::EnvFilter::new(&config.log_level))\n        .init();\n    match {krate}::serve(config).await {{\n        Ok(()) => ExitCode::SUCCESS,\n        Err(e) => {{\n            tracing::error!(error = %e, \"server stopped\");\n            ExitCode::FAILURE\n        }}\n    }}\n}}\n\n/// `service healthcheck`: exits 0 when `/healthz` answers 200 (for container healthchecks).\nfn healthcheck(port: u16) -> ExitCode {{\n    let Ok(mut stream) = std::net::TcpStream::connect((\"127.0.0.1\", port)) else {{\n        return ExitCode::FAILURE;\n    }};\n    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(3)));\n    if stream\n        .write_all(b\"GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n\")\n        .is_err()\n    {{\n        return ExitCode::FAILURE;\n    }}\n    let mut answer = String::new();\n    let _ = stream.read_to_string(&mut answer);\n    if answer.starts_with(\"HTTP/1.0 200\") || answer.starts_with(\"HTTP/1.1 200\") {{\n        ExitCode::SUCCESS\n    }} else {{\n        ExitCode::FAILURE\n    }}\n}}\n",
            krate = self.krate
        );
        out
    }

    fn peer_field(&self, id: &Id) -> String {
        self.p
            .peers
            .iter()
            .position(|peer| &peer.id == id)
            .and_then(|i| self.n.peers.get(i))
            .cloned()
            .unwrap_or_else(|| "port".to_owned())
    }

    fn config_rs(&self) -> String {
        let mut out = self.header(
            "Configuration, read from environment variables only (no secret is ever in code).",
        );
        out.push_str("\n/// Everything the service reads from its environment.\n#[derive(Clone, Debug)]\npub struct Config {\n");
        let _ = writeln!(
            out,
            "    /// `{PORT_VAR}`: the port to listen on.\n    pub port: u16,\n    /// `{LOG_LEVEL_VAR}`: `debug`, `info`, `warn` or `error`.\n    pub log_level: String,\n    /// `{JWT_SECRET_VAR}`: the HS256 key that signs bearer tokens.\n    pub jwt_secret: Option<String>,\n    /// `{API_KEYS_VAR}`: accepted API keys, comma-separated.\n    pub api_keys: Vec<String>,"
        );
        if self.p.serves_grpc() {
            let _ = writeln!(out, "{}", rust_grpc::config_field());
        }
        for (i, peer) in self.p.peers.iter().enumerate() {
            let field = self.n.peers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "    /// `{}`: the address of `{}`.\n    pub {field}: String,",
                peer.var, peer.id
            );
        }
        out.push_str(&rust_grpc::client_config_fields(self.p, &self.grpc_clients));
        out.push_str("}\n\nimpl Config {\n    /// Reads the process environment.\n    pub fn from_env() -> Result<Self, String> {\n        Self::from_lookup(|name| std::env::var(name).ok())\n    }\n\n    /// Reads variables through `lookup`; unset ones take local defaults.\n    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, String> {\n        let read = |name: &str, default: &str| {\n            lookup(name)\n                .filter(|v| !v.is_empty())\n                .unwrap_or_else(|| default.to_owned())\n        };\n");
        let _ = writeln!(
            out,
            "        let port = read(\"{PORT_VAR}\", \"{port}\");\n        Ok(Self {{\n            port: port\n                .parse()\n                .map_err(|_| format!(\"{PORT_VAR} must be a port number, not {{port:?}}\"))?,\n            log_level: read(\"{LOG_LEVEL_VAR}\", \"info\"),\n            jwt_secret: lookup(\"{JWT_SECRET_VAR}\").filter(|v| !v.is_empty()),\n            api_keys: read(\"{API_KEYS_VAR}\", \"\")\n                .split(',')\n                .map(str::trim)\n                .filter(|k| !k.is_empty())\n                .map(str::to_owned)\n                .collect(),",
            port = self.p.port
        );
        if self.p.serves_grpc() {
            let _ = writeln!(out, "{}", rust_grpc::config_read(self.p));
        }
        for (i, peer) in self.p.peers.iter().enumerate() {
            let field = self.n.peers.get(i).cloned().unwrap_or_default();
            let default = self
                .arch
                .components
                .get(peer.id.as_str())
                .map(|c| address(c, Host::Local))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "            {field}: read({}, {}),",
                rust_str(&peer.var),
                rust_str(&default)
            );
        }
        out.push_str(&rust_grpc::client_config_reads(self.p, &self.grpc_clients));
        out.push_str("        })\n    }\n}\n");
        out
    }

    fn field_type(&self, f: &Field, schema: &Id, index: usize) -> String {
        let base = match &f.ty {
            FieldType::Int => "i32".to_owned(),
            FieldType::Long => "i64".to_owned(),
            FieldType::Float => "f64".to_owned(),
            FieldType::Bool => "bool".to_owned(),
            FieldType::Json => "serde_json::Value".to_owned(),
            FieldType::Object(name) => self
                .n
                .ty(name)
                .map(str::to_owned)
                .unwrap_or_else(|| "serde_json::Value".to_owned()),
            _ => "String".to_owned(),
        };
        if f.list {
            let list = format!("Vec<{base}>");
            if f.nullable {
                format!("Option<{list}>")
            } else {
                list
            }
        } else if self.n.is_recursive(schema, index) {
            format!("Option<Box<{base}>>")
        } else if f.nullable {
            format!("Option<{base}>")
        } else {
            base
        }
    }

    fn message_type(&self, schema: Option<&Id>) -> String {
        schema
            .and_then(|s| self.n.ty(s))
            .map(|t| format!("models::{t}"))
            .unwrap_or_else(|| "serde_json::Value".to_owned())
    }

    fn models_rs(&self) -> String {
        let mut out =
            self.header("Request, response, message and entity types, from the model's schemas.");
        for s in &self.p.schemas {
            let Some(ty) = self.n.ty(&s.name) else {
                continue;
            };
            out.push('\n');
            let about = comment(&s.description);
            let _ = writeln!(
                out,
                "/// `{}`{}",
                s.name,
                if about.is_empty() {
                    String::new()
                } else {
                    format!(": {about}")
                }
            );
            let _ = writeln!(
                out,
                "#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]\npub struct {ty} {{"
            );
            let names = self.n.fields.get(&s.name).cloned().unwrap_or_default();
            for (i, (f, name)) in s.fields.iter().zip(names).enumerate() {
                let about = comment(&f.description);
                if !about.is_empty() {
                    let _ = writeln!(out, "    /// {about}");
                }
                let default = if f.nullable || self.n.is_recursive(&s.name, i) {
                    ", default"
                } else {
                    ""
                };
                let _ = writeln!(out, "    #[serde(rename = {}{default})]", rust_str(&f.name));
                let _ = writeln!(out, "    pub {name}: {},", self.field_type(f, &s.name, i));
            }
            out.push_str("}\n");
        }
        out
    }

    fn response_type(&self, op: &Operation) -> String {
        match &op.response {
            Some(r) => {
                let t = self.message_type(Some(r));
                if op.response_list {
                    format!("Vec<{t}>")
                } else {
                    t
                }
            }
            None => "serde_json::Value".to_owned(),
        }
    }

    fn request_type(&self, op: &Operation) -> Option<String> {
        op.request.as_ref().map(|r| self.message_type(Some(r)))
    }

    fn routes_rs(&self) -> String {
        let out = self.header("Routes: one handler per endpoint; each reads the request, calls the service layer and maps the result to a status.");
        let header = out;
        let mut out = String::new();
        out.push_str("\n/// What every handler shares.\n#[derive(Clone)]\npub struct AppState {\n    /// The configuration.\n    pub config: Config,\n    /// The service layer.\n    pub service: Arc<Service>,\n}\n\nimpl AppState {\n    /// The state for `config`.\n    pub fn new(config: Config) -> Self {\n        Self {\n            service: Arc::new(Service::new(config.clone())),\n            config,\n        }\n    }\n}\n");
        out.push_str("\n/// The router: health endpoints, then every endpoint of the model.\npub fn router(state: AppState) -> Router {\n    let api = Router::new()");
        for (i, op) in self.p.operations.iter().enumerate() {
            if !op.is_http() {
                continue; // a GraphQL resolver: see graphql.rs
            }
            let name = self.n.operations.get(i).cloned().unwrap_or_default();
            let method = op.method.label().to_lowercase();
            let layer = if op.auth && self.uses_auth() {
                ".route_layer(middleware::from_fn_with_state(state.config.clone(), crate::auth::require_auth))"
            } else {
                ""
            };
            let _ = write!(
                out,
                "\n        .route({}, {method}({name}){layer})",
                rust_str(&op.route.braces())
            );
        }
        if self.p.graphql.is_some() {
            out.push_str("\n        .merge(crate::graphql::router(&state))");
        }
        out.push_str(";\n");
        if self.p.rate_limit.is_some() {
            out.push_str("    let api = api.layer(middleware::from_fn_with_state(\n        crate::rate_limit::RateLimiter::default(),\n        crate::rate_limit::limit,\n    ));\n");
        }
        out.push_str("    Router::new()\n        .route(\"/healthz\", get(health))\n        .route(\"/readyz\", get(ready))\n        .merge(api)\n        .with_state(state)\n}\n\n/// Liveness: the process answers.\nasync fn health() -> Json<serde_json::Value> {\n    Json(serde_json::json!({ \"status\": \"ok\" }))\n}\n\n/// Readiness: the service can take traffic.\nasync fn ready(State(state): State<AppState>) -> (StatusCode, Json<serde_json::Value>) {\n    if state.service.ready().await {\n        (StatusCode::OK, Json(serde_json::json!({ \"status\": \"ready\" })))\n    } else {\n        (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ \"status\": \"starting\" })))\n    }\n}\n");
        for (i, op) in self.p.operations.iter().enumerate() {
            if !op.is_http() {
                continue;
            }
            let name = self.n.operations.get(i).cloned().unwrap_or_default();
            let params: Vec<&str> = op.route.params().collect();
            let mut args = vec![
                "State(state): State<AppState>".to_owned(),
                "headers: HeaderMap".to_owned(),
            ];
            let mut call_args = vec!["&ctx".to_owned()];
            match params.as_slice() {
                [] => {}
                [one] => {
                    args.push(format!("Path({one}): Path<String>"));
                    call_args.push((*one).to_owned());
                }
                many => {
                    args.push(format!(
                        "Path(({})): Path<({})>",
                        many.join(", "),
                        vec!["String"; many.len()].join(", ")
                    ));
                    call_args.extend(many.iter().map(|p| (*p).to_owned()));
                }
            }
            if let Some(req) = self.request_type(op) {
                args.push(format!("Json(body): Json<{req}>"));
                call_args.push("body".to_owned());
            }
            let status = status_const(op.success_status());
            out.push('\n');
            let summary = comment(&op.summary);
            let _ = writeln!(
                out,
                "/// `{} {}`{}",
                op.method.label(),
                op.route.braces(),
                after_colon(&summary)
            );
            if op.success_status() == 204 {
                let _ = writeln!(
                    out,
                    "async fn {name}({}) -> Result<StatusCode, AppError> {{",
                    args.join(", ")
                );
            } else {
                let _ = writeln!(
                    out,
                    "async fn {name}({}) -> Result<(StatusCode, Json<{}>), AppError> {{",
                    args.join(", "),
                    self.response_type(op)
                );
            }
            let _ = writeln!(
                out,
                "    let ctx = Ctx::from_headers(&headers);\n    tracing::info!(request_id = %ctx.request_id, operation = {}, \"request received\");",
                rust_str(&name)
            );
            let _ = writeln!(
                out,
                "    let out = state.service.{name}({}).await?;",
                call_args.join(", ")
            );
            if op.success_status() == 204 {
                let _ = writeln!(out, "    let _ = out;\n    Ok({status})\n}}");
            } else {
                let _ = writeln!(out, "    Ok(({status}, Json(out)))\n}}");
            }
        }
        let mut methods: Vec<&str> = vec!["get"];
        for op in &self.p.operations {
            let m = match op.method {
                Method::Post => "post",
                Method::Put => "put",
                Method::Patch => "patch",
                Method::Delete => "delete",
                _ => "get",
            };
            if !methods.contains(&m) {
                methods.push(m);
            }
        }
        methods.sort_unstable();
        let mut imports = String::from("\nuse std::sync::Arc;\n\n");
        let extract: Vec<&str> = ["Path", "State"]
            .into_iter()
            .filter(|t| t == &"State" || out.contains(&format!("{t}(")))
            .collect();
        let _ = writeln!(imports, "use axum::extract::{{{}}};", extract.join(", "));
        if out.contains("HeaderMap") {
            imports.push_str("use axum::http::{HeaderMap, StatusCode};\n");
        } else {
            imports.push_str("use axum::http::StatusCode;\n");
        }
        let _ = writeln!(imports, "use axum::routing::{{{}}};", methods.join(", "));
        if out.contains("middleware::") {
            imports.push_str("use axum::{Json, Router, middleware};\n");
        } else {
            imports.push_str("use axum::{Json, Router};\n");
        }
        imports.push_str("\nuse crate::config::Config;\n");
        if out.contains("Ctx::") {
            imports.push_str("use crate::context::Ctx;\nuse crate::error::AppError;\n");
        }
        if out.contains("models::") {
            imports.push_str("use crate::models;\n");
        }
        imports.push_str("use crate::services::Service;\n");
        format!("{header}{imports}{out}")
    }

    fn services_rs(&self) -> String {
        let header = self.header("The service layer: one method per operation, between the routes and the repositories and clients.");
        let mut out = String::new();
        out.push_str("\n/// The business logic, with everything it talks to.\npub struct Service {\n    /// The configuration.\n    pub config: Config,\n");
        for (i, c) in self.p.clients.iter().enumerate() {
            let (field, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "    /// Calls `{}` ({}).\n    pub {field}: clients::{ty},",
                c.peer,
                comment(&c.name)
            );
        }
        for (i, t) in self.p.producers.iter().enumerate() {
            let field = self.n.producers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "    /// Publishes to `{}` on `{}`.\n    pub {field}: events::Producer<{}>,",
                comment(&t.topic),
                t.queue,
                self.message_type(t.schema.as_ref())
            );
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (field, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "    /// `{}` in `{}`.\n    pub {field}: repositories::{ty},",
                r.entity, r.database
            );
        }
        for (i, op) in self.p.operations.iter().enumerate() {
            let Some((hub, publish)) = self.n.hubs.get(i).filter(|_| op.is_subscription()) else {
                continue;
            };
            let _ = writeln!(
                out,
                "    /// What `{}` streams: the values published with [`Service::{publish}`].\n    pub {hub}: Hub<{}>,",
                op.label(),
                self.response_type(op)
            );
        }
        out.push_str("}\n\nimpl Service {\n    /// Connects everything from `config`.\n    pub fn new(config: Config) -> Self {\n        Self {\n");
        for (i, op) in self.p.operations.iter().enumerate() {
            if let Some((hub, _)) = self.n.hubs.get(i).filter(|_| op.is_subscription()) {
                let _ = writeln!(out, "            {hub}: Hub::default(),");
            }
        }
        for (i, c) in self.p.clients.iter().enumerate() {
            let (field, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let grpc = match self.grpc_clients.get(i).and_then(Option::as_ref) {
                Some(names) => format!(
                    ", config.{}.clone(), config.{}.clone()",
                    names.url, names.ca
                ),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "            {field}: clients::{ty}::new(config.{}.clone(){grpc}),",
                self.peer_field(&c.peer)
            );
        }
        for (i, t) in self.p.producers.iter().enumerate() {
            let field = self.n.producers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "            {field}: events::Producer::new(events::Broker::new(config.{}.clone()), {}),",
                self.peer_field(&t.queue),
                rust_str(&t.topic)
            );
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (field, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "            {field}: repositories::{ty}::new(config.{}.clone()),",
                self.peer_field(&r.database)
            );
        }
        out.push_str("            config,\n        }\n    }\n\n    /// Whether the service can take traffic (check your connections here).\n    pub async fn ready(&self) -> bool {\n        true\n    }\n");
        for (i, op) in self.p.operations.iter().enumerate() {
            if op.is_subscription() {
                out.push_str(&self.subscription(i, op));
            } else {
                out.push_str(&self.operation_body(i, op));
            }
        }
        for (i, t) in self.p.consumers.iter().enumerate() {
            let name = self.n.consumers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "\n    /// Handles one message from `{}` on `{}`.\n    pub async fn {name}(&self, ctx: Ctx, message: {}) -> Result<(), AppError> {{\n        tracing::info!(request_id = %ctx.request_id, topic = {}, \"message received\");\n        let _ = message;\n        Ok(())\n    }}",
                comment(&t.topic),
                t.queue,
                self.message_type(t.schema.as_ref()),
                rust_str(&t.topic)
            );
        }
        out.push_str(&rust_grpc::service_methods(
            self.p,
            &self.n,
            &self.grpc_clients,
        ));
        if self.p.schedule.is_some() {
            out.push_str("\n    /// The scheduled job.\n    pub async fn run_scheduled_job(&self, ctx: Ctx) -> Result<(), AppError> {\n        tracing::info!(request_id = %ctx.request_id, \"scheduled job\");\n        Ok(())\n    }\n");
        }
        out.push_str("}\n");
        let mut imports = String::from("\nuse crate::config::Config;\n");
        if out.contains("Ctx") {
            imports.push_str("use crate::context::Ctx;\n");
        }
        if out.contains("AppError") {
            imports.push_str("use crate::error::AppError;\n");
        }
        if out.contains(": Hub<") {
            imports.push_str("use crate::hub::{Hub, Values};\n");
        }
        for m in ["clients", "events", "grpc", "models", "repositories"] {
            if out.contains(&format!("{m}::")) {
                let _ = writeln!(imports, "use crate::{m};");
            }
        }
        format!("{header}{imports}{out}")
    }

    /// The service method of a GraphQL subscription: a stream of the values published on its
    /// hub, and the method that publishes to it.
    fn subscription(&self, i: usize, op: &Operation) -> String {
        let name = self.n.operations.get(i).cloned().unwrap_or_default();
        let (hub, publish) = self.n.hubs.get(i).cloned().unwrap_or_default();
        let response = self.response_type(op);
        let mut args = vec!["&self".to_owned(), "ctx: &Ctx".to_owned()];
        if let Some(req) = self.request_type(op) {
            args.push(format!("body: {req}"));
        }
        let summary = comment(&op.summary);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n    /// `{}`{}\n    pub fn {name}({}) -> Values<{response}> {{",
            op.label(),
            after_colon(&summary),
            args.join(", ")
        );
        let _ = writeln!(
            out,
            "        tracing::debug!(request_id = %ctx.request_id, operation = {}, \"service layer\");",
            rust_str(&name)
        );
        if self.request_type(op).is_some() {
            out.push_str("        let _ = body;\n");
        }
        let _ = writeln!(
            out,
            "        // TODO: feed the hub from the project's events (`{publish}` from a consumer of the\n        // right topic, for instance); each subscriber streams what is published from now on.\n        self.{hub}.subscribe()\n    }}"
        );
        let _ = writeln!(
            out,
            "\n    /// Sends `value` to every open `{}`.\n    pub fn {publish}(&self, value: {response}) {{\n        self.{hub}.publish(value);\n    }}",
            op.label()
        );
        out
    }

    fn operation_body(&self, i: usize, op: &Operation) -> String {
        let name = self.n.operations.get(i).cloned().unwrap_or_default();
        let params: Vec<&str> = op.route.params().collect();
        let mut args = vec!["&self".to_owned(), "ctx: &Ctx".to_owned()];
        args.extend(params.iter().map(|p| format!("{p}: String")));
        if let Some(req) = self.request_type(op) {
            args.push(format!("body: {req}"));
        }
        let response = self.response_type(op);
        let mut out = String::new();
        let summary = comment(&op.summary);
        let _ = writeln!(out, "\n    /// `{}`{}", op.label(), after_colon(&summary));
        let _ = writeln!(
            out,
            "    pub async fn {name}({}) -> Result<{response}, AppError> {{",
            args.join(", ")
        );
        let _ = writeln!(
            out,
            "        tracing::debug!(request_id = %ctx.request_id, operation = {}, \"service layer\");",
            rust_str(&name)
        );
        let used: Vec<String> = params
            .iter()
            .map(|p| format!("&{p}"))
            .chain(op.request.iter().map(|_| "&body".to_owned()))
            .collect();
        if !used.is_empty() {
            let _ = writeln!(out, "        let _ = ({},);", used.join(", "));
        }
        let mut result: Option<String> = None;
        let all_calls = op
            .forward
            .iter()
            .map(|c| (true, c))
            .chain(op.calls.iter().map(|c| (false, c)));
        for (n, (forward, call)) in all_calls.enumerate() {
            let Some(client) = self.p.clients.get(call.client) else {
                continue;
            };
            let Some(target) = client.operations.get(call.operation) else {
                continue;
            };
            let (field, _) = self.n.clients.get(call.client).cloned().unwrap_or_default();
            let method = self
                .n
                .client_operations
                .get(call.client)
                .and_then(|m| m.get(call.operation))
                .cloned()
                .unwrap_or_default();
            let mut call_args = vec!["ctx".to_owned()];
            for tp in target.route.params() {
                let value = if params.contains(&tp) {
                    format!("&{tp}")
                } else if let Some(first) = params.first() {
                    format!("&{first}")
                } else {
                    "\"0\"".to_owned() // no matching value here: fill in the id to use
                };
                call_args.push(value);
            }
            if let Some(treq) = &target.request {
                let tty = self.message_type(Some(treq));
                if op.request.as_ref() == Some(treq) {
                    call_args.push("&body".to_owned());
                } else if op.request.is_some() && forward {
                    let _ = writeln!(
                        out,
                        "        let request_{n}: {tty} = crate::error::convert(&body)?;"
                    );
                    call_args.push(format!("&request_{n}"));
                } else {
                    let _ = writeln!(out, "        let request_{n} = {tty}::default();");
                    call_args.push(format!("&request_{n}"));
                }
            }
            let var = if forward {
                "forwarded".to_owned()
            } else {
                format!("_reply_{n}")
            };
            let _ = writeln!(
                out,
                "        let {var} = self.{field}.{method}({}).await?;",
                call_args.join(", ")
            );
            if forward {
                let same =
                    target.response == op.response && target.response_list == op.response_list;
                result = Some(if same {
                    "forwarded".to_owned()
                } else {
                    "crate::error::convert(forwarded)?".to_owned()
                });
            }
        }
        for &pi in &op.publishes {
            let Some(t) = self.p.producers.get(pi) else {
                continue;
            };
            let field = self.n.producers.get(pi).cloned().unwrap_or_default();
            let ty = self.message_type(t.schema.as_ref());
            let value = if ty == "serde_json::Value" {
                "serde_json::json!({})".to_owned()
            } else {
                format!("{ty}::default()")
            };
            let _ = writeln!(out, "        self.{field}.publish(ctx, &{value}).await?;");
        }
        let value = match result {
            Some(r) => r,
            None if response == "serde_json::Value" => "serde_json::json!({})".to_owned(),
            None if response.starts_with("Vec<") => "Vec::new()".to_owned(),
            None => format!("{response}::default()"),
        };
        let _ = writeln!(
            out,
            "        // TODO: the business logic of this operation.\n        Ok({value})\n    }}"
        );
        out
    }

    fn repositories_rs(&self) -> String {
        let mut out = self.header("Repositories: one per entity the service reads or writes.\n//!\n//! Each keeps rows in memory behind the same methods a database-backed one has, and knows the\n//! database address from the environment; replace the bodies with queries (sqlx, mongodb)\n//! when the schema in `sql/` is deployed.");
        if self.p.repositories.is_empty() {
            out.push_str("\n// This service reads and writes no database.\n");
            return out;
        }
        out.push_str("\nuse std::collections::BTreeMap;\nuse std::sync::RwLock;\n\nuse crate::error::AppError;\n");
        if self
            .p
            .repositories
            .iter()
            .any(|r| self.n.ty(&r.entity).is_some())
        {
            out.push_str("use crate::models;\n");
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (_, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let row = self.message_type(Some(&r.entity));
            let _ = writeln!(
                out,
                "\n/// Rows of `{}` in `{}` ({}).\npub struct {ty} {{\n    /// The database address.\n    pub url: String,\n    rows: RwLock<BTreeMap<String, {row}>>,\n}}\n\nimpl {ty} {{\n    /// A repository for the database at `url`.\n    pub fn new(url: String) -> Self {{\n        Self {{ url, rows: RwLock::default() }}\n    }}\n\n    /// The row with this key.\n    pub fn get(&self, key: &str) -> Result<Option<{row}>, AppError> {{\n        let rows = self.rows.read().map_err(|_| AppError::Internal(\"lock poisoned\".into()))?;\n        Ok(rows.get(key).cloned())\n    }}\n\n    /// Every row, by key.\n    pub fn list(&self) -> Result<Vec<{row}>, AppError> {{\n        let rows = self.rows.read().map_err(|_| AppError::Internal(\"lock poisoned\".into()))?;\n        Ok(rows.values().cloned().collect())\n    }}",
                r.entity,
                r.database,
                r.engine_label()
            );
            if r.writes {
                let _ = writeln!(
                    out,
                    "\n    /// Inserts or replaces the row with this key.\n    pub fn save(&self, key: String, row: {row}) -> Result<(), AppError> {{\n        let mut rows = self.rows.write().map_err(|_| AppError::Internal(\"lock poisoned\".into()))?;\n        rows.insert(key, row);\n        Ok(())\n    }}\n\n    /// Deletes the row with this key; whether it existed.\n    pub fn delete(&self, key: &str) -> Result<bool, AppError> {{\n        let mut rows = self.rows.write().map_err(|_| AppError::Internal(\"lock poisoned\".into()))?;\n        Ok(rows.remove(key).is_some())\n    }}"
                );
            }
            out.push_str("}\n");
        }
        out
    }

    fn clients_rs(&self) -> String {
        let header = self.header(
            "Clients: one per component this service calls, with the model's timeout and retries.",
        );
        let mut out = String::new();
        for (i, c) in self.p.clients.iter().enumerate() {
            let (_, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let timeout = match c.call.timeout_ms {
                Some(ms) => format!("Some(Duration::from_millis({ms}))"),
                None => "None".to_owned(),
            };
            let grpc = self
                .grpc_clients
                .get(i)
                .and_then(Option::as_ref)
                .and_then(|names| rust_grpc::client_code(c, names));
            let http = format!(
                "HttpClient::new({}, base, {timeout}, {}, {}, {})",
                rust_str(c.peer.as_str()),
                c.call.retries,
                c.call.circuit_breaker,
                !c.external
            );
            // The gRPC half shares the HTTP client's circuit breaker.
            let (grpc_field, grpc_params, body, grpc_doc) = match &grpc {
                Some(g) => (
                    g.field,
                    g.params,
                    format!(
                        "let http = {http};\n        let grpc = {};\n        Self {{ http, grpc }}",
                        g.init
                    ),
                    " and the gRPC address `grpc` (`https://` for TLS, trusting\n    /// the certificates in the PEM file `grpc_ca`; unset, none are checked)",
                ),
                None => (
                    "",
                    "",
                    format!("Self {{\n            http: {http},\n        }}"),
                    "",
                ),
            };
            let _ = writeln!(
                out,
                "\n/// Calls `{}` ({}): timeout {}, {} retries{}.\n#[derive(Clone)]\npub struct {ty} {{\n    http: HttpClient,\n{grpc_field}}}\n\nimpl {ty} {{\n    /// A client for `base` (`http://host:port`){grpc_doc}.\n    pub fn new(base: String{grpc_params}) -> Self {{\n        {body}\n    }}",
                c.peer,
                comment(&c.name),
                c.call
                    .timeout_ms
                    .map(|m| format!("{m} ms"))
                    .unwrap_or_else(|| "none".into()),
                c.call.retries,
                if c.call.circuit_breaker {
                    ", circuit breaker"
                } else {
                    ""
                },
            );
            if c.external {
                let _ = writeln!(
                    out,
                    "\n    /// Sends `body` to `path` (an external API: shape the calls you need).\n    pub async fn call(&self, ctx: &Ctx, method: reqwest::Method, path: &str, body: Option<&serde_json::Value>) -> Result<serde_json::Value, AppError> {{\n        self.http.send(ctx, method, path, body).await\n    }}"
                );
            }
            if let Some(g) = &c.graphql {
                let _ = writeln!(
                    out,
                    "\n    /// Runs one query or mutation of the GraphQL API `{}` (`api/{}.graphql`, served by\n    /// `{}`) and returns its `data`; an error in the answer is an [`AppError`]. For example:\n    /// `{}`\n    pub async fn graphql(&self, ctx: &Ctx, query: &str, variables: serde_json::Value) -> Result<serde_json::Value, AppError> {{\n        self.http.graphql(ctx, query, variables).await\n    }}",
                    g.api,
                    file_stem(g.api.as_str()),
                    g.server,
                    comment(&g.example)
                );
            }
            for (oi, op) in c.operations.iter().enumerate() {
                let name = self
                    .n
                    .client_operations
                    .get(i)
                    .and_then(|m| m.get(oi))
                    .cloned()
                    .unwrap_or_default();
                let params: Vec<&str> = op.route.params().collect();
                let mut args = vec!["&self".to_owned(), "ctx: &Ctx".to_owned()];
                args.extend(params.iter().map(|p| format!("{p}: &str")));
                let req = self.request_type(op);
                if let Some(r) = &req {
                    args.push(format!("body: &{r}"));
                }
                let response = self.response_type(op);
                let mut path = String::from("let mut path = String::new();");
                for seg in &op.route.segments {
                    match seg {
                        Segment::Literal(l) => {
                            let _ = write!(
                                path,
                                "\n        path.push_str({});",
                                rust_str(&format!("/{l}"))
                            );
                        }
                        Segment::Param(p) => {
                            let _ = write!(
                                path,
                                "\n        path.push('/');\n        path.push_str(&segment({p}));"
                            );
                        }
                    }
                }
                if op.route.segments.is_empty() {
                    path.push_str("\n        path.push('/');");
                }
                let body = if req.is_some() {
                    "Some(body)"
                } else {
                    "None::<&()>"
                };
                let summary = comment(&op.summary);
                let _ = writeln!(
                    out,
                    "\n    /// `{} {}`{}\n    pub async fn {name}({}) -> Result<{response}, AppError> {{\n        {path}\n        self.http.send(ctx, reqwest::Method::{}, &path, {body}).await\n    }}",
                    op.method.label(),
                    op.route.braces(),
                    after_colon(&summary),
                    args.join(", "),
                    op.method.label()
                );
            }
            if let Some(g) = &grpc {
                out.push_str(&g.methods);
            }
            out.push_str("}\n");
        }
        let mut imports = String::from("\n");
        if out.contains("Duration::") {
            imports.push_str("use std::time::Duration;\n\n");
        }
        // Only what the clients use is imported; an unused import is a warning.
        if out.contains("Ctx") {
            imports.push_str("use crate::context::Ctx;\n");
        }
        if out.contains("AppError") {
            imports.push_str("use crate::error::AppError;\n");
        }
        if out.contains("grpc::") {
            imports.push_str("use crate::grpc;\n");
        }
        if out.contains("GrpcClient") {
            imports.push_str("use crate::grpc_client::GrpcClient;\n");
        }
        if out.contains("segment(") {
            imports.push_str("use crate::http::{HttpClient, segment};\n");
        } else {
            imports.push_str("use crate::http::HttpClient;\n");
        }
        if out.contains("models::") {
            imports.push_str("use crate::models;\n");
        }
        format!("{header}{imports}{out}")
    }

    fn health_test(&self) -> String {
        format!(
            "//! The health and readiness endpoints answer 200 on a server started in-process.\n\nuse std::net::SocketAddr;\n\nuse tokio::io::{{AsyncReadExt, AsyncWriteExt}};\n\nuse {krate}::config::Config;\nuse {krate}::{{AppState, router}};\n\n#[tokio::test]\nasync fn health_and_readiness_answer_200() {{\n    let config = Config::from_lookup(|_| None).expect(\"defaults are valid\");\n    let listener = tokio::net::TcpListener::bind(\"127.0.0.1:0\").await.expect(\"bind\");\n    let addr = listener.local_addr().expect(\"address\");\n    let app = router(AppState::new(config)).into_make_service_with_connect_info::<SocketAddr>();\n    tokio::spawn(async move {{\n        let _ = axum::serve(listener, app).await;\n    }});\n    for path in [\"/healthz\", \"/readyz\"] {{\n        let mut stream = tokio::net::TcpStream::connect(addr).await.expect(\"connect\");\n        let request = format!(\"GET {{path}} HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n\");\n        stream.write_all(request.as_bytes()).await.expect(\"send\");\n        let mut answer = String::new();\n        stream.read_to_string(&mut answer).await.expect(\"read\");\n        assert!(answer.starts_with(\"HTTP/1.1 200\"), \"{{path}}: {{answer}}\");\n    }}\n}}\n",
            krate = self.krate
        )
    }
}

fn status_const(code: u16) -> &'static str {
    match code {
        201 => "StatusCode::CREATED",
        204 => "StatusCode::NO_CONTENT",
        _ => "StatusCode::OK",
    }
}

impl super::super::project::Repository {
    /// The engine's name for comments.
    pub fn engine_label(&self) -> &'static str {
        crate::model::Technology::Database(self.engine)
            .info()
            .display_name
    }
}

// ---------------------------------------------------------------------------- GraphQL

impl Gen<'_> {
    /// The start of a resolver's or subscriber's async block: the credentials check where
    /// asked, the log line and the input read; returns the service method's arguments.
    fn resolver_prologue(
        &self,
        body: &mut String,
        check: bool,
        name: &str,
        op: &Operation,
    ) -> Vec<String> {
        body.push_str("            Box::pin(async move {\n");
        if check {
            body.push_str("                crate::auth::check(&config, &call.headers)?;\n");
        }
        let _ = writeln!(
            body,
            "                tracing::info!(request_id = %call.ctx.request_id, operation = {}, \"resolver\");",
            rust_str(name)
        );
        let mut args = vec!["&call.ctx".to_owned()];
        if let Some(req) = self.request_type(op) {
            let _ = writeln!(
                body,
                "                let input: {req} = crate::graphql_http::input(call.input)?;"
            );
            args.push("input".to_owned());
        }
        args
    }

    /// `src/graphql.rs`: the contract's SDL, the fields whose JSON key differs from their
    /// name, and one resolver per query and mutation, each calling its service method.
    fn graphql_rs(&self) -> String {
        let Some(g) = &self.p.graphql else {
            return String::new();
        };
        let mut out = self.header(&format!(
            "GraphQL: the schema of `{}` served at `POST /graphql`, one resolver per query,\n//! mutation and subscription; each checks credentials where the model asks and calls the service layer.",
            g.api
        ));
        // Only resolvers that need credentials read the config.
        let auth = self.uses_auth()
            && self
                .p
                .operations
                .iter()
                .any(|o| o.auth && o.graphql_field().is_some() && !o.is_subscription());
        out.push_str("\nuse std::collections::HashMap;\nuse std::sync::Arc;\n\nuse axum::Router;\nuse axum::http::HeaderMap;\nuse axum::routing::post;\n\nuse crate::config::Config;\n");
        out.push_str("use crate::graphql_http::{Answer, Call, GraphqlBody, Resolver};\n");
        let mut body = String::new();
        let _ = writeln!(
            body,
            "\n/// The contract `api/{}.graphql`, served as it is.\npub const SDL: &str = concat!(",
            file_stem(g.api.as_str())
        );
        for line in g.sdl.lines() {
            let _ = writeln!(body, "    {},", rust_str(&format!("{line}\n")));
        }
        body.push_str(");\n\n/// `(type, field, the model's wire name)` for the fields whose JSON key is not their name.\npub const KEYS: &[(&str, &str, &str)] = &[\n");
        for t in &g.schema.types {
            for f in t.fields.iter().filter(|f| f.key != f.name) {
                let _ = writeln!(
                    body,
                    "    ({}, {}, {}),",
                    rust_str(&t.name),
                    rust_str(&f.name),
                    rust_str(&f.key)
                );
            }
        }
        body.push_str("];\n\n/// `POST /graphql`, its schema built once from [`SDL`].\npub fn router(state: &AppState) -> Router<AppState> {\n    let resolvers = resolvers(&state.service, &state.config);\n    let schema = match crate::graphql_http::schema(SDL, KEYS, resolvers) {\n        Ok(schema) => schema,\n        Err(e) => {\n            tracing::error!(error = %e, \"the GraphQL schema does not build; /graphql is not served\");\n            return Router::new();\n        }\n    };\n    Router::new().route(\n        \"/graphql\",\n        post(move |headers: HeaderMap, axum::Json(body): axum::Json<GraphqlBody>| {\n            crate::graphql_http::serve(schema.clone(), headers, body)\n        }),\n    )\n}\n\n/// One resolver per query and mutation, keyed `Query.field` / `Mutation.field`.\n");
        let _ = writeln!(
            body,
            "fn resolvers(service: &Arc<Service>, {}: &Config) -> HashMap<String, Resolver> {{\n    let mut out: HashMap<String, Resolver> = HashMap::new();",
            if auth { "config" } else { "_config" }
        );
        for (i, op) in self.p.operations.iter().enumerate() {
            let Some((root, field)) = op.graphql_field() else {
                continue;
            };
            if op.is_subscription() {
                continue; // see `subscribers`
            }
            let name = self.n.operations.get(i).cloned().unwrap_or_default();
            let summary = comment(&op.summary);
            let check = op.auth && auth;
            let _ = writeln!(
                body,
                "    // {}{}\n    {{\n        let service = Arc::clone(service);",
                op.label(),
                after_colon(&summary)
            );
            if check {
                body.push_str("        let config = config.clone();\n");
            }
            let _ = writeln!(
                body,
                "        let resolver: Resolver = Arc::new(move |call: Call| -> Answer {{\n            let service = Arc::clone(&service);"
            );
            if check {
                body.push_str("            let config = config.clone();\n");
            }
            let args = self.resolver_prologue(&mut body, check, &name, op);
            let call = format!("service.{name}({}).await?", args.join(", "));
            if op.response.is_some() {
                let _ = writeln!(body, "                crate::graphql_http::answer({call})");
            } else {
                let _ = writeln!(
                    body,
                    "                let _ = {call};\n                Ok(serde_json::Value::Bool(true))"
                );
            }
            let _ = writeln!(
                body,
                "            }})\n        }});\n        out.insert({}.to_owned(), resolver);\n    }}",
                rust_str(&format!("{root}.{field}"))
            );
        }
        body.push_str("    out\n}\n");
        if self.serves_subscriptions() {
            body = body.replacen(
                "    let schema = match crate::graphql_http::schema(SDL, KEYS, resolvers) {",
                "    let subscribers = subscribers(&state.service, &state.config);\n    let schema = match crate::graphql_http::schema_with_subscriptions(SDL, KEYS, resolvers, subscribers) {",
                1,
            );
            body.push_str(&self.subscribers_rs());
            out = out.replacen(
                "use crate::graphql_http::{Answer, Call, GraphqlBody, Resolver};",
                "use crate::graphql_http::{Answer, Call, GraphqlBody, Resolver, Subscribed, Subscriber};",
                1,
            );
        }
        if body.contains("models::") {
            out.push_str("use crate::models;\n");
        }
        out.push_str("use crate::routes::AppState;\nuse crate::services::Service;\n");
        out.push_str(&body);
        out
    }

    /// `subscribers`: one resolver per subscription, keyed `Subscription.field`; each checks
    /// credentials where the model asks and streams its service method's values.
    fn subscribers_rs(&self) -> String {
        let auth = self.uses_auth()
            && self
                .p
                .operations
                .iter()
                .any(|o| o.auth && o.is_subscription());
        let mut body = format!(
            "\n/// One resolver per subscription, keyed `Subscription.field`.\nfn subscribers(service: &Arc<Service>, {}: &Config) -> HashMap<String, Subscriber> {{\n    let mut out: HashMap<String, Subscriber> = HashMap::new();\n",
            if auth { "config" } else { "_config" }
        );
        for (i, op) in self.p.operations.iter().enumerate() {
            let Some((root, field)) = op.graphql_field().filter(|_| op.is_subscription()) else {
                continue;
            };
            let name = self.n.operations.get(i).cloned().unwrap_or_default();
            let summary = comment(&op.summary);
            let check = op.auth && auth;
            let _ = writeln!(
                body,
                "    // {}{}\n    {{\n        let service = Arc::clone(service);",
                op.label(),
                after_colon(&summary)
            );
            if check {
                body.push_str("        let config = config.clone();\n");
            }
            body.push_str("        let subscriber: Subscriber = Arc::new(move |call: Call| -> Subscribed {\n            let service = Arc::clone(&service);\n");
            if check {
                body.push_str("            let config = config.clone();\n");
            }
            let args = self.resolver_prologue(&mut body, check, &name, op);
            let values = format!("service.{name}({})", args.join(", "));
            if op.response.is_some() {
                let _ = writeln!(
                    body,
                    "                Ok(crate::graphql_http::events({values}))"
                );
            } else {
                let _ = writeln!(
                    body,
                    "                Ok(crate::graphql_http::events(async_graphql::futures_util::StreamExt::map({values}, |_| true)))"
                );
            }
            let _ = writeln!(
                body,
                "            }})\n        }});\n        out.insert({}.to_owned(), subscriber);\n    }}",
                rust_str(&format!("{root}.{field}"))
            );
        }
        body.push_str("    out\n}\n");
        body
    }

    /// `tests/graphql.rs`: a query posted to /graphql answers data of the schema's shape; a
    /// field that needs credentials refuses a caller without them.
    fn graphql_test(&self) -> String {
        let mut out = String::from(
            "//! POST /graphql answers a query of the schema with data of its shape.\n\nuse std::net::SocketAddr;\n\nuse tokio::io::{AsyncReadExt, AsyncWriteExt};\n\n",
        );
        let Some(probe) = super::graphql::probe(self.p) else {
            return out;
        };
        let scheme = auth_scheme(self.p.auth).filter(|_| self.uses_auth());
        let needs_credentials = probe.auth && scheme.is_some();
        let _ = writeln!(
            out,
            "use {krate}::config::Config;\nuse {krate}::{{AppState, router}};\n\n/// Posts `query` with `variables` to a server started in-process; the status and the JSON.\nasync fn post(query: &str, variables: &str, header: &str) -> (String, serde_json::Value) {{\n    let config = Config::from_lookup(|name| match name {{\n        \"JWT_SECRET\" => Some(\"graphql-test-secret\".to_owned()),\n        \"API_KEYS\" => Some(\"graphql-test-key\".to_owned()),\n        _ => None,\n    }})\n    .expect(\"defaults are valid\");\n    let listener = tokio::net::TcpListener::bind(\"127.0.0.1:0\").await.expect(\"bind\");\n    let addr = listener.local_addr().expect(\"address\");\n    let app = router(AppState::new(config)).into_make_service_with_connect_info::<SocketAddr>();\n    tokio::spawn(async move {{\n        let _ = axum::serve(listener, app).await;\n    }});\n    let variables: serde_json::Value = serde_json::from_str(variables).expect(\"variables\");\n    let body = serde_json::json!({{ \"query\": query, \"variables\": variables }}).to_string();\n    let mut stream = tokio::net::TcpStream::connect(addr).await.expect(\"connect\");\n    let request = format!(\n        \"POST /graphql HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\nContent-Type: application/json\\r\\n{{header}}Content-Length: {{}}\\r\\n\\r\\n{{body}}\",\n        body.len()\n    );\n    stream.write_all(request.as_bytes()).await.expect(\"send\");\n    let mut answer = String::new();\n    stream.read_to_string(&mut answer).await.expect(\"read\");\n    let (head, json) = answer.split_once(\"\\r\\n\\r\\n\").expect(\"an HTTP answer\");\n    let status = head.lines().next().unwrap_or_default().to_owned();\n    (status, serde_json::from_str(json).expect(\"a JSON body\"))\n}}",
            krate = self.krate
        );
        let _ = writeln!(
            out,
            "\n#[test]\nfn the_contract_sdl_builds_the_schema() {{\n    let built = {krate}::graphql_http::schema(\n        {krate}::graphql::SDL,\n        {krate}::graphql::KEYS,\n        std::collections::HashMap::new(),\n    );\n    assert!(built.is_ok(), \"{{:?}}\", built.err());\n}}",
            krate = self.krate
        );
        let header = match scheme.filter(|_| needs_credentials) {
            Some("Jwt") => format!(
                "&format!(\"Authorization: Bearer {{}}\\r\\n\", {}::auth::sign_jwt(&serde_json::json!({{ \"sub\": \"test\", \"exp\": 4_000_000_000u64 }}), b\"graphql-test-secret\"))",
                self.krate
            ),
            Some("ApiKey") => "\"X-API-Key: graphql-test-key\\r\\n\"".to_owned(),
            Some(_) => "\"X-Client-Verify: SUCCESS\\r\\n\"".to_owned(),
            None => "\"\"".to_owned(),
        };
        let check = expect_check(&probe.expect, "    ");
        let _ = writeln!(
            out,
            "\n#[tokio::test]\nasync fn graphql_answers_{}_with_data_of_the_schema_shape() {{\n    let (status, answer) = post(\n        {},\n        {},\n        {header},\n    )\n    .await;\n    assert!(status.starts_with(\"HTTP/1.1 200\"), \"{{status}}\");\n    assert!(answer.get(\"errors\").is_none(), \"{{answer}}\");\n    let value = &answer[\"data\"][{}];\n    assert!(!value.is_null(), \"{{answer}}\");\n{check}}}",
            super::super::names::to_case(&probe.field, Case::Snake),
            rust_str(&probe.query),
            rust_str(&probe.variables),
            rust_str(&probe.field)
        );
        if let Some(locked) =
            super::graphql::unauthenticated_probe(self.p).filter(|_| scheme.is_some())
        {
            let _ = writeln!(
                out,
                "\n#[tokio::test]\nasync fn graphql_{}_without_credentials_answers_unauthenticated() {{\n    let (status, answer) = post(\n        {},\n        {},\n        \"\",\n    )\n    .await;\n    assert!(status.starts_with(\"HTTP/1.1 200\"), \"{{status}}\");\n    assert_eq!(answer[\"errors\"][0][\"extensions\"][\"code\"], \"UNAUTHENTICATED\", \"{{answer}}\");\n}}",
                super::super::names::to_case(&locked.field, Case::Snake),
                rust_str(&locked.query),
                rust_str(&locked.variables)
            );
        }
        out.push_str(&self.subscription_test());
        out
    }

    /// The part of `tests/graphql.rs` for a project that serves a subscription: opened over
    /// SSE, it streams a value the service publishes, with the schema's shape; without
    /// `Accept: text/event-stream` it is refused, and without credentials (if it needs them) it
    /// answers `UNAUTHENTICATED`. (In `tests/graphql.rs`, which the conformance runs.)
    fn subscription_test(&self) -> String {
        let Some(probe) = super::graphql::subscription_probe(self.p) else {
            return String::new();
        };
        let Some(op) = self.p.operations.get(probe.operation) else {
            return String::new();
        };
        let Some((_, publish)) = self.n.hubs.get(probe.operation) else {
            return String::new();
        };
        let scheme = auth_scheme(self.p.auth).filter(|_| self.uses_auth() && probe.auth);
        let header = match scheme {
            Some("Jwt") => format!(
                "&format!(\"Authorization: Bearer {{}}\\r\\n\", {}::auth::sign_jwt(&serde_json::json!({{ \"sub\": \"test\", \"exp\": 4_000_000_000u64 }}), b\"graphql-test-secret\"))",
                self.krate
            ),
            Some("ApiKey") => "\"X-API-Key: graphql-test-key\\r\\n\"".to_owned(),
            Some(_) => "\"X-Client-Verify: SUCCESS\\r\\n\"".to_owned(),
            None => "\"\"".to_owned(),
        };
        let response = self.response_type(op);
        let value = if op.response.is_none() {
            "serde_json::Value::Null".to_owned()
        } else {
            format!(
                "<{}>::default()",
                response.replace("models::", &format!("{}::models::", self.krate))
            )
        };
        let check = expect_check(&probe.expect, "        ");
        let snake = super::super::names::to_case(&probe.field, Case::Snake);
        let mut out = format!(
            r#"
/// The subscription the SSE tests open.
const SUBSCRIPTION: &str = {query};
const SUBSCRIPTION_VARIABLES: &str = {variables};

/// Posts the subscription with `accept` to a server started in-process: the state (to publish
/// through its service), the open connection and the head of the answer.
async fn open_subscription(
    accept: &str,
    header: &str,
) -> (AppState, tokio::io::BufReader<tokio::net::TcpStream>, String) {{
    use tokio::io::AsyncBufReadExt;
    let config = Config::from_lookup(|name| match name {{
        "JWT_SECRET" => Some("graphql-test-secret".to_owned()),
        "API_KEYS" => Some("graphql-test-key".to_owned()),
        _ => None,
    }})
    .expect("defaults are valid");
    let state = AppState::new(config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move {{
        let _ = axum::serve(listener, app).await;
    }});
    let variables: serde_json::Value = serde_json::from_str(SUBSCRIPTION_VARIABLES).expect("variables");
    let body = serde_json::json!({{ "query": SUBSCRIPTION, "variables": variables }}).to_string();
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let request = format!(
        "POST /graphql HTTP/1.1\r\nHost: localhost\r\nAccept: {{accept}}\r\nContent-Type: application/json\r\n{{header}}Content-Length: {{}}\r\n\r\n{{body}}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut reader = tokio::io::BufReader::new(stream);
    let mut head = String::new();
    loop {{
        let mut line = String::new();
        reader.read_line(&mut line).await.expect("the head");
        if line == "\r\n" || line.is_empty() {{
            break;
        }}
        head.push_str(&line);
    }}
    (state, reader, head)
}}

/// Reads the (chunked) answer up to the end of its next SSE event: its event and data fields.
async fn next_event(
    reader: &mut tokio::io::BufReader<tokio::net::TcpStream>,
    buffered: &mut String,
) -> (String, String) {{
    use tokio::io::AsyncBufReadExt;
    while !buffered.contains("\n\n") {{
        let mut size = String::new();
        reader.read_line(&mut size).await.expect("a chunk");
        let size = usize::from_str_radix(size.trim(), 16).expect("a chunk size");
        assert!(size > 0, "the stream ended before an event: {{buffered:?}}");
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk).await.expect("a chunk");
        buffered.push_str(&String::from_utf8_lossy(&chunk[..size]));
    }}
    let (block, rest) = buffered.split_once("\n\n").expect("an event");
    let (mut event, mut data) = (Vec::new(), Vec::new());
    for line in block.lines() {{
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value).to_owned();
        match name {{
            "event" => event.push(value),
            "data" => data.push(value),
            _ => {{}}
        }}
    }}
    *buffered = rest.to_owned();
    (event.join("\n"), data.join("\n"))
}}

#[tokio::test]
async fn subscription_{snake}_over_sse_streams_a_published_value_of_the_schema_shape() {{
    let run = async {{
        let (state, mut reader, head) = open_subscription("text/event-stream", {header}).await;
        assert!(head.starts_with("HTTP/1.1 200"), "{{head}}");
        assert!(head.to_lowercase().contains("content-type: text/event-stream"), "{{head}}");
        // The head comes once the subscription listens: what is published now reaches it.
        state.service.{publish}({value});
        let (event, data) = next_event(&mut reader, &mut String::new()).await;
        assert_eq!(event, "next", "{{data}}");
        let answer: serde_json::Value = serde_json::from_str(&data).expect("JSON");
        assert!(answer.get("errors").is_none(), "{{answer}}");
        let value = &answer["data"][{field}];
        assert!(!value.is_null(), "{{answer}}");
{check}    }};
    tokio::time::timeout(std::time::Duration::from_secs(10), run).await.expect("an event within 10 s");
}}

#[tokio::test]
async fn subscription_{snake}_without_accept_event_stream_is_refused() {{
    let (_, mut reader, head) = open_subscription("application/json", {header}).await;
    assert!(head.starts_with("HTTP/1.1 400"), "{{head}}");
    let length = head
        .lines()
        .find_map(|line| {{
            let line = line.to_lowercase();
            line.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().expect("a length"))
        }})
        .expect("a content-length");
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.expect("the body");
    let answer: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    let message = answer["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("text/event-stream"), "{{answer}}");
}}
"#,
            query = rust_str(&probe.query),
            variables = rust_str(&probe.variables),
            field = rust_str(&probe.field),
        );
        if scheme.is_some() {
            let _ = write!(
                out,
                r#"
#[tokio::test]
async fn subscription_{snake}_without_credentials_answers_unauthenticated() {{
    let run = async {{
        let (_, mut reader, head) = open_subscription("text/event-stream", "").await;
        assert!(head.starts_with("HTTP/1.1 200"), "{{head}}");
        let mut buffered = String::new();
        let (event, data) = next_event(&mut reader, &mut buffered).await;
        assert_eq!(event, "next", "{{data}}");
        let answer: serde_json::Value = serde_json::from_str(&data).expect("JSON");
        assert_eq!(answer["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{{answer}}");
        assert_eq!(next_event(&mut reader, &mut buffered).await.0, "complete");
    }};
    tokio::time::timeout(std::time::Duration::from_secs(10), run).await.expect("an answer within 10 s");
}}
"#
            );
        }
        out
    }
}

/// The assertions a GraphQL test makes on `value`, the probed field's answer, each line
/// indented by `indent`.
fn expect_check(expect: &super::graphql::Expect, indent: &str) -> String {
    let lines: Vec<String> = match expect {
        super::graphql::Expect::Object { typename, keys } => vec![
            "let object = value.as_object().expect(\"an object\");".to_owned(),
            "let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();".to_owned(),
            "keys.sort_unstable();".to_owned(),
            format!(
                "assert_eq!(keys, [{}], \"{{answer}}\");",
                keys.iter()
                    .map(|k| rust_str(k))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            format!(
                "assert_eq!(object[\"__typename\"], {});",
                rust_str(typename)
            ),
        ],
        super::graphql::Expect::List => vec!["assert!(value.is_array(), \"{answer}\");".to_owned()],
        super::graphql::Expect::True => {
            vec!["assert_eq!(value, &serde_json::Value::Bool(true), \"{answer}\");".to_owned()]
        }
        super::graphql::Expect::Any => vec!["let _ = value;".to_owned()],
    };
    lines.iter().map(|l| format!("{indent}{l}\n")).collect()
}
