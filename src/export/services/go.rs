//! Go projects: the standard library only, building with Debian's Go (1.19): `net/http` with
//! a small router, JSON log lines, `encoding/json` models, `httptest` for the health test.
//!
//! The shared parts are one package, `internal/platform`, kept as Go files under
//! `assets/export/go/`. Struct tags carry the model's field names (as Go string literals), so
//! the wire names are exact whatever the text.

use std::fmt::Write;

use super::super::escape::{comment, go_str};
use super::super::names::{Case, Lang, file_stem};
use super::super::plan::{Plan, PlanError};
use super::super::project::{Operation, Project};
use super::super::route::Segment;
use super::super::wiring::{API_KEYS_VAR, Host, JWT_SECRET_VAR, LOG_LEVEL_VAR, PORT_VAR, address};
use super::go_grpc;
use super::naming::{Naming, Style};
use super::{after_colon, after_colon_or_stop};
use super::{project_readme, schedule_seconds};
use crate::model::{Architecture, Auth, Field, FieldType, Id, Language, Method};

const PLATFORM_GO: &str = include_str!("../../../assets/export/go/platform.go");
const AUTH_GO: &str = include_str!("../../../assets/export/go/auth.go");
const LIMITS_GO: &str = include_str!("../../../assets/export/go/limits.go");
const CLIENT_GO: &str = include_str!("../../../assets/export/go/client.go");
const EVENTS_GO: &str = include_str!("../../../assets/export/go/events.go");
const GRAPHQL_GO: &str = include_str!("../../../assets/export/go/graphql.go");
const HUB_GO: &str = include_str!("../../../assets/export/go/hub.go");
const GRPC_GO: &str = include_str!("../../../assets/export/go/grpc.go");
/// The test of `HTTPClient.GraphQL`: the document posted, data decoded, errors mapped.
const GRAPHQL_CLIENT_TEST_GO: &str =
    include_str!("../../../assets/export/go/graphql_client_test.go");
const GRPC_CLIENT_GO: &str = include_str!("../../../assets/export/go/grpc_client.go");
const GRPC_CLIENT_TEST_GO: &str = include_str!("../../../assets/export/go/grpc_client_test.go");

const STYLE: Style = Style {
    lang: Lang::Go,
    function: Case::Pascal,
    field: Case::Pascal,
};

struct Gen<'a> {
    arch: &'a Architecture,
    p: &'a Project,
    n: Naming,
    /// Per client: the names of its gRPC side, if it calls gRPC.
    grpc_clients: Vec<Option<go_grpc::ClientNames>>,
    module: String,
}

fn scheme(auth: Auth) -> Option<&'static str> {
    match auth {
        Auth::None => None,
        Auth::Jwt | Auth::Oauth2 => Some("jwt"),
        Auth::ApiKey => Some("apiKey"),
        Auth::Mtls => Some("mtls"),
    }
}

/// Adds the Go project of `p`.
pub fn generate(arch: &Architecture, p: &Project, plan: &mut Plan) -> Result<(), PlanError> {
    let n = Naming::new(p, STYLE, &["Service", "Handlers"]);
    let g = Gen {
        arch,
        p,
        grpc_clients: go_grpc::client_names(p, &n),
        n,
        module: format!("{}-service", file_stem(p.id.as_str())),
    };
    let dir = format!("services/{}", file_stem(p.id.as_str()));
    let id = Some(&p.id);
    plan.add(
        &format!("{dir}/go.mod"),
        format!("module {}\n\ngo 1.19\n", g.module),
        id,
    )?;
    plan.add(
        &format!("{dir}/Dockerfile"),
        super::dockerfile_grpc(g.dockerfile(), p),
        id,
    )?;
    plan.add(&format!("{dir}/.dockerignore"), "bin\n", id)?;
    plan.add(&format!("{dir}/.gitignore"), "/bin/\n", id)?;
    plan.add(
        &format!("{dir}/README.md"),
        project_readme(p, Language::Go),
        id,
    )?;
    plan.add(&format!("{dir}/cmd/service/main.go"), g.main_go(), id)?;
    plan.add(
        &format!("{dir}/internal/config/config.go"),
        g.config_go(),
        id,
    )?;
    plan.add(
        &format!("{dir}/internal/models/models.go"),
        g.models_go(),
        id,
    )?;
    plan.add(
        &format!("{dir}/internal/handlers/handlers.go"),
        g.handlers_go(),
        id,
    )?;
    plan.add(
        &format!("{dir}/internal/handlers/health_test.go"),
        g.health_test(),
        id,
    )?;
    plan.add(
        &format!("{dir}/internal/services/services.go"),
        g.services_go(),
        id,
    )?;
    plan.add(
        &format!("{dir}/internal/repositories/repositories.go"),
        g.repositories_go(),
        id,
    )?;
    if !p.clients.is_empty() {
        plan.add(
            &format!("{dir}/internal/clients/clients.go"),
            g.clients_go(),
            id,
        )?;
    }
    let platform = format!("{dir}/internal/platform");
    plan.add(&format!("{platform}/platform.go"), PLATFORM_GO, id)?;
    plan.add(&format!("{platform}/auth.go"), AUTH_GO, id)?;
    plan.add(&format!("{platform}/limits.go"), LIMITS_GO, id)?;
    plan.add(&format!("{platform}/client.go"), CLIENT_GO, id)?;
    if p.clients.iter().any(|c| c.graphql.is_some()) {
        plan.add(
            &format!("{platform}/graphql_client_test.go"),
            GRAPHQL_CLIENT_TEST_GO,
            id,
        )?;
    }
    plan.add(&format!("{platform}/events.go"), EVENTS_GO, id)?;
    if p.graphql.is_some() {
        plan.add(&format!("{platform}/graphql.go"), GRAPHQL_GO, id)?;
        plan.add(
            &format!("{dir}/internal/handlers/graphql.go"),
            g.graphql_go(),
            id,
        )?;
        plan.add(
            &format!("{dir}/internal/handlers/graphql_test.go"),
            g.graphql_test(),
            id,
        )?;
        if let Some(test) = g.subscription_test() {
            plan.add(&format!("{platform}/hub.go"), HUB_GO, id)?;
            plan.add(
                &format!("{dir}/internal/handlers/subscription_test.go"),
                test,
                id,
            )?;
        }
    }
    if p.serves_grpc() || p.calls_grpc() {
        g.add_grpc(plan)?;
    }
    Ok(())
}

/// `body` without comments and string literals, so that model text in them can never make
/// an import look used (an unused import does not compile in Go).
fn code_only(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        let mut in_string = false;
        let mut escaped = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
                continue;
            }
            if c == '"' {
                in_string = true;
                out.push_str("\"\"");
                continue;
            }
            if c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            out.push(c);
        }
        out.push('\n');
    }
    out
}

/// Whether `code` refers to package `name` (`name.Exported`).
fn uses_package(code: &str, name: &str) -> bool {
    let needle = format!("{name}.");
    code.match_indices(&needle).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = code[i + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            && after.is_some_and(|c| c.is_ascii_uppercase())
    })
}

/// `import (…)` for the packages `body` uses, standard ones first.
fn imports(module: &str, body: &str, candidates: &[(&str, &str)]) -> String {
    let code = code_only(body);
    let mut std = Vec::new();
    let mut own = Vec::new();
    for (name, path) in candidates {
        if uses_package(&code, name) {
            if path.contains('/') && path.starts_with("internal/") {
                own.push(format!("\t\"{module}/{path}\""));
            } else {
                std.push(format!("\t\"{path}\""));
            }
        }
    }
    if std.is_empty() && own.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nimport (\n");
    out.push_str(&std.join("\n"));
    if !std.is_empty() && !own.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(&own.join("\n"));
    out.push_str("\n)\n");
    out
}

const OWN: &[(&str, &str)] = &[
    ("clients", "internal/clients"),
    ("config", "internal/config"),
    ("handlers", "internal/handlers"),
    ("models", "internal/models"),
    ("platform", "internal/platform"),
    ("repositories", "internal/repositories"),
    ("services", "internal/services"),
];

fn candidates(std: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    std.iter().chain(OWN.iter()).copied().collect()
}

impl Gen<'_> {
    /// The gRPC files: the framing, each contract's messages (served or called), the client
    /// and its test when the project calls gRPC, the handlers and their test when it serves.
    fn add_grpc(&self, plan: &mut Plan) -> Result<(), PlanError> {
        let p = self.p;
        let dir = format!("services/{}", file_stem(p.id.as_str()));
        let id = Some(&p.id);
        plan.add(&format!("{dir}/internal/platform/grpc.go"), GRPC_GO, id)?;
        if p.calls_grpc() {
            plan.add(
                &format!("{dir}/internal/platform/grpc_client.go"),
                GRPC_CLIENT_GO,
                id,
            )?;
            plan.add(
                &format!("{dir}/internal/platform/grpc_client_test.go"),
                GRPC_CLIENT_TEST_GO,
                id,
            )?;
        }
        for s in p.contracts() {
            plan.add(
                &format!("{dir}/internal/pb/{}/messages.go", go_grpc::package(s)),
                go_grpc::messages_go(s, &self.header("Messages."))
                    .replace("__MODULE__", &self.module),
                id,
            )?;
        }
        if !p.serves_grpc() {
            return Ok(());
        }
        let uses_auth = scheme(p.auth).is_some();
        let body = go_grpc::rpc_go_body(p, &self.n, uses_auth);
        let packages = go_grpc::packages(p);
        let mut cands: Vec<(&str, &str)> = candidates(&[("http", "net/http")]);
        cands.extend(packages.iter().map(|(a, b)| (a.as_str(), b.as_str())));
        plan.add(
            &format!("{dir}/internal/rpc/rpc.go"),
            format!(
                "{}
// Package rpc serves the gRPC services of proto/: one handler per RPC; each reads the
// call, calls the service layer and answers with the message or the error's gRPC status.
package rpc
{}{body}",
                self.header("gRPC handlers."),
                imports(&self.module, &body, &cands)
            ),
            id,
        )?;
        if let Some(test) = go_grpc::rpc_test(p, &self.module, uses_auth) {
            plan.add(&format!("{dir}/internal/rpc/rpc_test.go"), test, id)?;
        }
        Ok(())
    }

    fn uses_auth(&self) -> bool {
        scheme(self.p.auth).is_some() && self.p.operations.iter().any(|o| o.auth)
    }

    fn header(&self, what: &str) -> String {
        format!(
            "// {what}\n//\n// Generated by ArchCanvas for `{}` ({}); edit freely: a re-export never overwrites a\n// file you changed.\n",
            self.p.id,
            comment(&self.p.name)
        )
    }

    fn dockerfile(&self) -> String {
        let image = Language::Go.info().image.unwrap_or("golang:1.22");
        format!(
            "# Generated by ArchCanvas. Builds a static binary and runs it on a slim image.\nFROM {image} AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/service ./cmd/service\n\nFROM debian:bookworm-slim\nCOPY --from=build /out/service /app/service\nENV {PORT_VAR}={port}\nEXPOSE {port}\nUSER 65532\nENTRYPOINT [\"/app/service\"]\n",
            port = self.p.port
        )
    }

    fn peer_field(&self, id: &Id) -> String {
        self.p
            .peers
            .iter()
            .position(|peer| &peer.id == id)
            .and_then(|i| self.n.peers.get(i))
            .cloned()
            .unwrap_or_else(|| "Port".to_owned())
    }

    fn config_go(&self) -> String {
        let mut body = String::from(
            "\n// Config is everything the service reads from its environment.\ntype Config struct {\n",
        );
        let _ = writeln!(
            body,
            "\t// Port is {PORT_VAR}: the port to listen on.\n\tPort int\n\t// LogLevel is {LOG_LEVEL_VAR}: debug, info, warn or error.\n\tLogLevel string\n\t// JWTSecret is {JWT_SECRET_VAR}: the HS256 key that signs bearer tokens.\n\tJWTSecret string\n\t// APIKeys is {API_KEYS_VAR}: accepted API keys, comma-separated.\n\tAPIKeys []string"
        );
        if self.p.serves_grpc() {
            let _ = writeln!(body, "{}", go_grpc::config_fields());
        }
        for (i, peer) in self.p.peers.iter().enumerate() {
            let field = self.n.peers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "\t// {field} is {}: the address of {}.\n\t{field} string",
                peer.var, peer.id
            );
        }
        body.push_str(&go_grpc::client_config_fields(self.p, &self.grpc_clients));
        let _ = writeln!(
            body,
            "}}\n\n// FromEnv reads the process environment.\nfunc FromEnv() (Config, error) {{ return FromLookup(os.Getenv) }}\n\n// FromLookup reads variables through lookup; unset ones take local defaults.\nfunc FromLookup(lookup func(string) string) (Config, error) {{\n\tread := func(name, fallback string) string {{\n\t\tif v := lookup(name); v != \"\" {{\n\t\t\treturn v\n\t\t}}\n\t\treturn fallback\n\t}}\n\tport, err := strconv.Atoi(read(\"{PORT_VAR}\", \"{}\"))\n\tif err != nil || port < 1 || port > 65535 {{\n\t\treturn Config{{}}, fmt.Errorf(\"{PORT_VAR} must be a port number\")\n\t}}\n\tvar keys []string\n\tfor _, k := range strings.Split(read(\"{API_KEYS_VAR}\", \"\"), \",\") {{\n\t\tif k = strings.TrimSpace(k); k != \"\" {{\n\t\t\tkeys = append(keys, k)\n\t\t}}\n\t}}\n\treturn Config{{\n\t\tPort:      port,\n\t\tLogLevel:  read(\"{LOG_LEVEL_VAR}\", \"info\"),\n\t\tJWTSecret: lookup(\"{JWT_SECRET_VAR}\"),\n\t\tAPIKeys:   keys,",
            self.p.port
        );
        for (i, peer) in self.p.peers.iter().enumerate() {
            let field = self.n.peers.get(i).cloned().unwrap_or_default();
            let default = self
                .arch
                .components
                .get(peer.id.as_str())
                .map(|c| address(c, Host::Local))
                .unwrap_or_default();
            let _ = writeln!(
                body,
                "\t\t{field}: read({}, {}),",
                go_str(&peer.var),
                go_str(&default)
            );
        }
        body.push_str(&go_grpc::client_config_values(self.p, &self.grpc_clients));
        body.push_str("\t}, nil\n}\n");
        if self.p.serves_grpc() {
            body = body
                .replacen(
                    "\tvar keys []string\n",
                    &format!("{}\tvar keys []string\n", go_grpc::config_read(self.p)),
                    1,
                )
                .replacen(
                    "\t\tAPIKeys:   keys,\n",
                    &format!("\t\tAPIKeys:   keys,\n{}", go_grpc::config_values()),
                    1,
                );
        }
        format!(
            "{}\n// Package config reads the configuration from environment variables only (no secret is\n// ever in code).\npackage config\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"strconv\"\n\t\"strings\"\n)\n{body}",
            self.header("Configuration.")
        )
    }

    fn field_type(&self, f: &Field, recursive: bool) -> String {
        let base = match &f.ty {
            FieldType::Int => "int32".to_owned(),
            FieldType::Long => "int64".to_owned(),
            FieldType::Float => "float64".to_owned(),
            FieldType::Bool => "bool".to_owned(),
            FieldType::Json => "interface{}".to_owned(),
            FieldType::Object(name) => self
                .n
                .ty(name)
                .map(str::to_owned)
                .unwrap_or_else(|| "interface{}".to_owned()),
            _ => "string".to_owned(),
        };
        if f.list {
            format!("[]{base}")
        } else if (f.nullable || recursive) && base != "interface{}" {
            format!("*{base}")
        } else {
            base
        }
    }

    fn message_type(&self, schema: Option<&Id>) -> String {
        schema
            .and_then(|s| self.n.ty(s))
            .map(|t| format!("models.{t}"))
            .unwrap_or_else(|| "map[string]interface{}".to_owned())
    }

    /// A composite literal of `ty`'s zero value (`models.Order{}`, `[]models.Order{}`).
    fn zero(&self, ty: &str) -> String {
        format!("{ty}{{}}")
    }

    fn models_go(&self) -> String {
        let mut out = format!(
            "{}\n// Package models holds the request, response, message and entity types, from the model's\n// schemas.\npackage models\n",
            self.header("Types.")
        );
        for s in &self.p.schemas {
            let Some(ty) = self.n.ty(&s.name) else {
                continue;
            };
            let names = self.n.fields.get(&s.name).cloned().unwrap_or_default();
            let about = comment(&s.description);
            let _ = writeln!(
                out,
                "\n// {ty} is `{}`{}\ntype {ty} struct {{",
                s.name,
                after_colon_or_stop(&about)
            );
            for (i, (f, name)) in s.fields.iter().zip(&names).enumerate() {
                let about = comment(&f.description);
                if !about.is_empty() {
                    let _ = writeln!(out, "\t// {about}");
                }
                let tag = go_str(&format!("json:{}", go_str(&f.name)));
                let _ = writeln!(
                    out,
                    "\t{name} {} {tag}",
                    self.field_type(f, self.n.is_recursive(&s.name, i))
                );
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
                    format!("[]{t}")
                } else {
                    t
                }
            }
            None => "map[string]interface{}".to_owned(),
        }
    }

    fn handlers_go(&self) -> String {
        let mut body = String::from(
            "\n// Handlers serves the endpoints with the service layer.\ntype Handlers struct {\n\tService *services.Service\n}\n\n// Router serves the health endpoints and every endpoint of the model.\nfunc Router(cfg config.Config, svc *services.Service) http.Handler {\n\th := &Handlers{Service: svc}\n\trouter := &platform.Router{}\n\trouter.Handle(\"GET\", \"/healthz\", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tplatform.WriteJSON(w, http.StatusOK, map[string]string{\"status\": \"ok\"})\n\t}))\n\trouter.Handle(\"GET\", \"/readyz\", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tif svc.Ready() {\n\t\t\tplatform.WriteJSON(w, http.StatusOK, map[string]string{\"status\": \"ready\"})\n\t\t\treturn\n\t\t}\n\t\tplatform.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{\"status\": \"starting\"})\n\t}))\n",
        );
        // Go refuses an unused variable: no limiter without an endpoint to guard.
        if self.p.rate_limit.is_some() && !self.p.operations.is_empty() {
            let _ = writeln!(
                body,
                "\tlimiter := &platform.RateLimiter{{PerMinute: {}}}",
                self.p.rate_limit.unwrap_or(60).max(1)
            );
        }
        let scheme = scheme(self.p.auth).unwrap_or("jwt");
        for (i, op) in self.p.operations.iter().enumerate() {
            if !op.is_http() {
                continue; // a GraphQL resolver: see graphql.go
            }
            let name = self.n.operations.get(i).cloned().unwrap_or_default();
            let mut handler = format!("http.HandlerFunc(h.{name})");
            if op.auth && self.uses_auth() {
                handler = format!(
                    "platform.RequireAuth(\"{scheme}\", cfg.JWTSecret, cfg.APIKeys, {handler})"
                );
            }
            if self.p.rate_limit.is_some() {
                handler = format!("limiter.Limit({handler})");
            }
            let _ = writeln!(
                body,
                "\trouter.Handle(\"{}\", {}, {handler})",
                op.method.label(),
                go_str(&op.route.braces())
            );
        }
        if self.p.graphql.is_some() {
            let handler = if self.p.rate_limit.is_some() {
                "limiter.Limit(GraphQL(cfg, svc))"
            } else {
                "GraphQL(cfg, svc)"
            };
            let _ = writeln!(
                body,
                "\t// POST /graphql: the resolvers of the GraphQL API.\n\trouter.Handle(\"POST\", \"/graphql\", {handler})"
            );
        }
        if !self.uses_auth() {
            body.push_str("\t_ = cfg\n");
        }
        if !self.p.operations.iter().any(|o| o.is_http()) {
            body.push_str("\t_ = h\n");
        }
        body.push_str("\treturn router\n}\n");
        for (i, op) in self.p.operations.iter().enumerate() {
            if !op.is_http() {
                continue;
            }
            let name = self.n.operations.get(i).cloned().unwrap_or_default();
            let params: Vec<&str> = op.route.params().collect();
            let summary = comment(&op.summary);
            let _ = writeln!(
                body,
                "\n// {name} serves {} {}{}\nfunc (h *Handlers) {name}(w http.ResponseWriter, r *http.Request) {{\n\tctx := platform.CtxFrom(r)\n\tplatform.Log(\"info\", \"request received\", \"request_id\", ctx.RequestID, \"operation\", {})",
                op.method.label(),
                op.route.braces(),
                after_colon_or_stop(&summary),
                go_str(&name)
            );
            let mut args = vec!["ctx".to_owned()];
            args.extend(
                params
                    .iter()
                    .map(|p| format!("platform.Param(r, {})", go_str(p))),
            );
            if let Some(r) = &op.request {
                let _ = writeln!(
                    body,
                    "\tvar body {}\n\tif err := platform.DecodeJSON(r, &body); err != nil {{\n\t\tplatform.WriteError(w, err)\n\t\treturn\n\t}}",
                    self.message_type(Some(r))
                );
                args.push("body".to_owned());
            }
            let status = op.success_status();
            let target = if status == 204 { "_" } else { "out" };
            let _ = writeln!(
                body,
                "\t{target}, err := h.Service.{name}({})\n\tif err != nil {{\n\t\tplatform.WriteError(w, err)\n\t\treturn\n\t}}",
                args.join(", ")
            );
            if status == 204 {
                body.push_str("\tplatform.WriteJSON(w, http.StatusNoContent, nil)\n}\n");
            } else {
                let _ = writeln!(body, "\tplatform.WriteJSON(w, {status}, out)\n}}");
            }
        }
        format!(
            "{}\n// Package handlers holds the routes: one handler per endpoint; each reads the request,\n// calls the service layer and writes the status and body.\npackage handlers\n{}{body}",
            self.header("Routes."),
            imports(&self.module, &body, &candidates(&[("http", "net/http")]))
        )
    }

    fn services_go(&self) -> String {
        let packages = go_grpc::packages(self.p);
        let mut body = String::from(
            "\n// Service is the business logic, with everything it talks to.\ntype Service struct {\n\tConfig config.Config\n",
        );
        for (i, c) in self.p.clients.iter().enumerate() {
            let (field, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "\t// {field} calls `{}` ({}).\n\t{field} *clients.{ty}",
                c.peer,
                comment(&c.name)
            );
        }
        for (i, t) in self.p.producers.iter().enumerate() {
            let field = self.n.producers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "\t// {field} publishes to `{}` on `{}`.\n\t{field} *platform.Producer",
                comment(&t.topic),
                t.queue
            );
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (field, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "\t// {field} holds `{}` in `{}`.\n\t{field} *repositories.{ty}",
                r.entity, r.database
            );
        }
        for (i, op) in self.p.operations.iter().enumerate() {
            let Some((hub, publish)) = self.n.hubs.get(i).filter(|_| op.is_subscription()) else {
                continue;
            };
            let _ = writeln!(
                body,
                "\t// {hub} holds what `{}` streams: the values published with {publish}.\n\t{hub} platform.Hub[{}]",
                op.label(),
                self.response_type(op)
            );
        }
        body.push_str("}\n\n// New connects everything from cfg.\nfunc New(cfg config.Config) *Service {\n\treturn &Service{\n\t\tConfig: cfg,\n");
        for (i, c) in self.p.clients.iter().enumerate() {
            let (field, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let grpc = match self.grpc_clients.get(i) {
                Some(Some(names)) => format!(", cfg.{}, cfg.{}", names.url, names.ca),
                _ => String::new(),
            };
            let _ = writeln!(
                body,
                "\t\t{field}: clients.New{ty}(cfg.{}{grpc}),",
                self.peer_field(&c.peer)
            );
        }
        for (i, t) in self.p.producers.iter().enumerate() {
            let field = self.n.producers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "\t\t{field}: &platform.Producer{{Broker: platform.NewBroker(cfg.{}), Topic: {}}},",
                self.peer_field(&t.queue),
                go_str(&t.topic)
            );
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (field, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "\t\t{field}: repositories.New{ty}(cfg.{}),",
                self.peer_field(&r.database)
            );
        }
        body.push_str("\t}\n}\n\n// Ready tells whether the service can take traffic (check your connections here).\nfunc (s *Service) Ready() bool { return true }\n");
        for (i, op) in self.p.operations.iter().enumerate() {
            if op.is_subscription() {
                body.push_str(&self.subscription(i, op));
            } else {
                body.push_str(&self.operation(i, op));
            }
        }
        for (i, t) in self.p.consumers.iter().enumerate() {
            let name = self.n.consumers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "\n// {name} handles one message from `{}` on `{}`.\nfunc (s *Service) {name}(ctx platform.Ctx, message {}) error {{\n\tplatform.Log(\"info\", \"message received\", \"request_id\", ctx.RequestID, \"topic\", {})\n\t_ = message\n\treturn nil\n}}",
                comment(&t.topic),
                t.queue,
                self.message_type(t.schema.as_ref()),
                go_str(&t.topic)
            );
        }
        body.push_str(&go_grpc::service_methods(
            self.p,
            &self.n,
            &self.grpc_clients,
        ));
        if self.p.schedule.is_some() {
            body.push_str("\n// RunScheduledJob is the scheduled job.\nfunc (s *Service) RunScheduledJob(ctx platform.Ctx) error {\n\tplatform.Log(\"info\", \"scheduled job\", \"request_id\", ctx.RequestID)\n\treturn nil\n}\n");
        }
        format!(
            "{}\n// Package services is the service layer: one method per operation, between the routes\n// and the repositories and clients.\npackage services\n{}{body}",
            self.header("Services."),
            imports(&self.module, &body, &{
                let mut c: Vec<(&str, &str)> = candidates(&[]);
                c.extend(packages.iter().map(|(a, b)| (a.as_str(), b.as_str())));
                c
            })
        )
    }

    /// The service method of a GraphQL subscription: a channel of the values published on its
    /// hub (and the function that stops it), and the method that publishes to it.
    fn subscription(&self, i: usize, op: &Operation) -> String {
        let name = self.n.operations.get(i).cloned().unwrap_or_default();
        let (hub, publish) = self.n.hubs.get(i).cloned().unwrap_or_default();
        let response = self.response_type(op);
        let mut args = vec!["ctx platform.Ctx".to_owned()];
        if let Some(r) = &op.request {
            args.push(format!("body {}", self.message_type(Some(r))));
        }
        let summary = comment(&op.summary);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n// {name} is {}{}\n// It streams the values published from now on; stop ends the stream.\nfunc (s *Service) {name}({}) (values <-chan {response}, stop func()) {{",
            op.label(),
            after_colon_or_stop(&summary),
            args.join(", ")
        );
        let _ = writeln!(
            out,
            "\tplatform.Log(\"debug\", \"service layer\", \"request_id\", ctx.RequestID, \"operation\", {})",
            go_str(&name)
        );
        if op.request.is_some() {
            out.push_str("\t_ = body\n");
        }
        let _ = writeln!(
            out,
            "\t// TODO: feed the hub from the project's events ({publish} from a consumer of the right\n\t// topic, for instance); each subscriber streams what is published from now on.\n\treturn s.{hub}.Subscribe()\n}}"
        );
        let _ = writeln!(
            out,
            "\n// {publish} sends value to every open `{}`.\nfunc (s *Service) {publish}(value {response}) {{\n\ts.{hub}.Publish(value)\n}}",
            op.label()
        );
        out
    }

    fn operation(&self, i: usize, op: &Operation) -> String {
        let name = self.n.operations.get(i).cloned().unwrap_or_default();
        let params: Vec<&str> = op.route.params().collect();
        let mut args = vec!["ctx platform.Ctx".to_owned()];
        args.extend(params.iter().map(|p| format!("{p} string")));
        if let Some(r) = &op.request {
            args.push(format!("body {}", self.message_type(Some(r))));
        }
        let response = self.response_type(op);
        let mut out = String::new();
        let summary = comment(&op.summary);
        let _ = writeln!(
            out,
            "\n// {name} is {}{}\nfunc (s *Service) {name}({}) (out {response}, err error) {{",
            op.label(),
            after_colon_or_stop(&summary),
            args.join(", ")
        );
        let _ = writeln!(
            out,
            "\tplatform.Log(\"debug\", \"service layer\", \"request_id\", ctx.RequestID, \"operation\", {})",
            go_str(&name)
        );
        let mut forwarded = false;
        let calls = op
            .forward
            .iter()
            .map(|c| (true, c))
            .chain(op.calls.iter().map(|c| (false, c)));
        for (n, (forward, call)) in calls.enumerate() {
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
                call_args.push(if params.contains(&tp) {
                    tp.to_owned()
                } else if let Some(first) = params.first() {
                    (*first).to_owned()
                } else {
                    "\"0\"".to_owned()
                });
            }
            if let Some(treq) = &target.request {
                let tty = self.message_type(Some(treq));
                if op.request.as_ref() == Some(treq) {
                    call_args.push("body".to_owned());
                } else if op.request.is_some() && forward {
                    let _ = writeln!(
                        out,
                        "\tvar request{n} {tty}\n\tif err = platform.Convert(body, &request{n}); err != nil {{\n\t\treturn out, err\n\t}}"
                    );
                    call_args.push(format!("request{n}"));
                } else {
                    call_args.push(self.zero(&tty));
                }
            }
            if forward {
                let same =
                    target.response == op.response && target.response_list == op.response_list;
                if same {
                    let _ = writeln!(
                        out,
                        "\tout, err = s.{field}.{method}({})\n\tif err != nil {{\n\t\treturn out, err\n\t}}",
                        call_args.join(", ")
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "\tforwarded, err := s.{field}.{method}({})\n\tif err != nil {{\n\t\treturn out, err\n\t}}\n\tif err = platform.Convert(forwarded, &out); err != nil {{\n\t\treturn out, err\n\t}}",
                        call_args.join(", ")
                    );
                }
                forwarded = true;
            } else {
                let _ = writeln!(
                    out,
                    "\tif _, err = s.{field}.{method}({}); err != nil {{\n\t\treturn out, err\n\t}}",
                    call_args.join(", ")
                );
            }
        }
        for &pi in &op.publishes {
            let Some(t) = self.p.producers.get(pi) else {
                continue;
            };
            let field = self.n.producers.get(pi).cloned().unwrap_or_default();
            let value = self.zero(&self.message_type(t.schema.as_ref()));
            let _ = writeln!(
                out,
                "\tif err = s.{field}.Publish(ctx, {value}); err != nil {{\n\t\treturn out, err\n\t}}"
            );
        }
        if !forwarded && (response.starts_with("[]") || response.starts_with("map[")) {
            let _ = writeln!(out, "\tout = {}", self.zero(&response));
        }
        out.push_str("\t// TODO: the business logic of this operation.\n\treturn out, nil\n}\n");
        out
    }

    fn repositories_go(&self) -> String {
        let mut body = String::new();
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (_, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let row = self.message_type(Some(&r.entity));
            let _ = writeln!(
                body,
                "\n// {ty} holds the rows of `{}` in `{}`.\ntype {ty} struct {{\n\tURL  string\n\tmu   sync.RWMutex\n\trows map[string]{row}\n}}\n\n// New{ty} makes a repository for the database at url.\nfunc New{ty}(url string) *{ty} {{\n\treturn &{ty}{{URL: url, rows: map[string]{row}{{}}}}\n}}\n\n// Get is the row with this key.\nfunc (r *{ty}) Get(key string) ({row}, bool) {{\n\tr.mu.RLock()\n\tdefer r.mu.RUnlock()\n\trow, ok := r.rows[key]\n\treturn row, ok\n}}\n\n// List is every row.\nfunc (r *{ty}) List() []{row} {{\n\tr.mu.RLock()\n\tdefer r.mu.RUnlock()\n\tout := make([]{row}, 0, len(r.rows))\n\tfor _, row := range r.rows {{\n\t\tout = append(out, row)\n\t}}\n\treturn out\n}}",
                r.entity, r.database
            );
            if r.writes {
                let _ = writeln!(
                    body,
                    "\n// Save inserts or replaces the row with this key.\nfunc (r *{ty}) Save(key string, row {row}) {{\n\tr.mu.Lock()\n\tdefer r.mu.Unlock()\n\tr.rows[key] = row\n}}\n\n// Delete removes the row with this key and tells whether it existed.\nfunc (r *{ty}) Delete(key string) bool {{\n\tr.mu.Lock()\n\tdefer r.mu.Unlock()\n\t_, ok := r.rows[key]\n\tdelete(r.rows, key)\n\treturn ok\n}}"
                );
            }
        }
        format!(
            "{}\n// Package repositories holds one repository per entity the service reads or writes. Each\n// keeps rows in memory behind the methods a database-backed one has, and knows the database\n// address; replace the bodies with queries when the schema in sql/ is deployed.\npackage repositories\n{}{body}",
            self.header("Repositories."),
            imports(&self.module, &body, &candidates(&[("sync", "sync")]))
        )
    }

    fn clients_go(&self) -> String {
        let packages = go_grpc::packages(self.p);
        let mut body = String::new();
        for (i, c) in self.p.clients.iter().enumerate() {
            let (_, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let timeout = match c.call.timeout_ms {
                Some(ms) => format!("{ms} * time.Millisecond"),
                None => "0".to_owned(),
            };
            let grpc = c
                .grpc
                .as_ref()
                .zip(self.grpc_clients.get(i).and_then(Option::as_ref));
            if let Some((t, names)) = grpc {
                let _ = writeln!(body, "{}", go_grpc::client_type(c, t, &ty, &timeout));
                body.push_str(&go_grpc::client_methods(t, names, &ty));
            } else {
                let _ = writeln!(
                    body,
                    "\n// {ty} calls `{}` ({}).\ntype {ty} struct {{\n\thttp *platform.HTTPClient\n}}\n\n// New{ty} makes a client for base (http://host:port).\nfunc New{ty}(base string) *{ty} {{\n\treturn &{ty}{{http: platform.NewHTTPClient({}, base, {timeout}, {}, {}, {})}}\n}}",
                    c.peer,
                    comment(&c.name),
                    go_str(c.peer.as_str()),
                    c.call.retries,
                    c.call.circuit_breaker,
                    !c.external
                );
            }
            if c.external {
                let _ = writeln!(
                    body,
                    "\n// Call sends body to path (an external API: shape the calls you need).\nfunc (c *{ty}) Call(ctx platform.Ctx, method, path string, body interface{{}}) (interface{{}}, error) {{\n\tvar out interface{{}}\n\terr := c.http.Send(ctx, method, path, body, &out)\n\treturn out, err\n}}"
                );
            }
            if let Some(g) = &c.graphql {
                let _ = writeln!(
                    body,
                    "\n// GraphQL runs one query or mutation of the GraphQL API `{}` (api/{}.graphql, served by\n// `{}`) and decodes its data into out; an error in the answer comes back as an *AppError.\n// For example: `{}`\nfunc (c *{ty}) GraphQL(ctx platform.Ctx, query string, variables map[string]interface{{}}, out interface{{}}) error {{\n\treturn c.http.GraphQL(ctx, query, variables, out)\n}}",
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
                let mut args = vec!["ctx platform.Ctx".to_owned()];
                args.extend(params.iter().map(|p| format!("{p} string")));
                if let Some(r) = &op.request {
                    args.push(format!("body {}", self.message_type(Some(r))));
                }
                let mut path = Vec::new();
                for seg in &op.route.segments {
                    match seg {
                        Segment::Literal(l) => path.push(go_str(&format!("/{l}"))),
                        Segment::Param(p) => path.push(format!("\"/\" + platform.Segment({p})")),
                    }
                }
                if path.is_empty() {
                    path.push("\"/\"".to_owned());
                }
                let send_body = if op.request.is_some() { "body" } else { "nil" };
                let method_name = match op.method {
                    Method::Get => "GET",
                    Method::Post => "POST",
                    Method::Put => "PUT",
                    Method::Patch => "PATCH",
                    _ => "DELETE",
                };
                let _ = writeln!(
                    body,
                    "\n// {name} is {} {}.\nfunc (c *{ty}) {name}({}) ({}, error) {{\n\tvar out {}\n\terr := c.http.Send(ctx, \"{method_name}\", {}, {send_body}, &out)\n\treturn out, err\n}}",
                    op.method.label(),
                    op.route.braces(),
                    args.join(", "),
                    self.response_type(op),
                    self.response_type(op),
                    path.join(" + ")
                );
            }
        }
        format!(
            "{}\n// Package clients holds one client per component this service calls, with the model's\n// timeout and retries.\npackage clients\n{}{body}",
            self.header("Clients."),
            imports(&self.module, &body, &{
                let mut c: Vec<(&str, &str)> = candidates(&[("time", "time")]);
                c.extend(packages.iter().map(|(a, b)| (a.as_str(), b.as_str())));
                c
            })
        )
    }

    fn main_go(&self) -> String {
        let mut body = String::from(
            "\nfunc main() {\n\tcfg, err := config.FromEnv()\n\tif err != nil {\n\t\tfmt.Fprintln(os.Stderr, \"configuration error:\", err)\n\t\tos.Exit(2)\n\t}\n\tif len(os.Args) > 1 && os.Args[1] == \"healthcheck\" {\n\t\tresp, err := http.Get(fmt.Sprintf(\"http://127.0.0.1:%d/healthz\", cfg.Port))\n\t\tif err != nil || resp.StatusCode != http.StatusOK {\n\t\t\tos.Exit(1)\n\t\t}\n\t\tos.Exit(0)\n\t}\n\tplatform.SetLogLevel(cfg.LogLevel)\n\tsvc := services.New(cfg)\n\tdone, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)\n\tdefer stop()\n",
        );
        for (i, t) in self.p.consumers.iter().enumerate() {
            let handler = self.n.consumers.get(i).cloned().unwrap_or_default();
            let ty = self.message_type(t.schema.as_ref());
            let _ = writeln!(
                body,
                "\tgo platform.Consume(done, platform.NewBroker(cfg.{}), {}, func(ctx platform.Ctx, payload []byte) error {{\n\t\tvar message {ty}\n\t\tif err := json.Unmarshal(payload, &message); err != nil {{\n\t\t\treturn err\n\t\t}}\n\t\treturn svc.{handler}(ctx, message)\n\t}})",
                self.peer_field(&t.queue),
                go_str(&t.topic)
            );
        }
        if let Some(cron) = &self.p.schedule {
            let _ = writeln!(
                body,
                "\t// Schedule {}: every {} s.\n\tgo func() {{\n\t\tticker := time.NewTicker({} * time.Second)\n\t\tdefer ticker.Stop()\n\t\tfor {{\n\t\t\tselect {{\n\t\t\tcase <-done.Done():\n\t\t\t\treturn\n\t\t\tcase <-ticker.C:\n\t\t\t\tctx := platform.BackgroundCtx()\n\t\t\t\tif err := svc.RunScheduledJob(ctx); err != nil {{\n\t\t\t\t\tplatform.Log(\"error\", \"scheduled job failed\", \"request_id\", ctx.RequestID, \"error\", err.Error())\n\t\t\t\t}}\n\t\t\t}}\n\t\t}}\n\t}}()",
                comment(cron),
                schedule_seconds(cron),
                schedule_seconds(cron)
            );
        }
        if self.p.serves_grpc() {
            body.push_str(&go_grpc::main_lines(self.p));
        }
        let _ = writeln!(
            body,
            "\tserver := &http.Server{{Addr: fmt.Sprintf(\":%d\", cfg.Port), Handler: handlers.Router(cfg, svc), ReadHeaderTimeout: 10 * time.Second}}\n\tgo func() {{\n\t\t<-done.Done()\n\t\tshutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)\n\t\tdefer cancel()\n\t\t_ = server.Shutdown(shutdown)\n\t}}()\n\tplatform.Log(\"info\", \"listening\", \"service\", {}, \"port\", cfg.Port)\n\tif err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {{\n\t\tplatform.Log(\"error\", \"server stopped\", \"error\", err.Error())\n\t\tos.Exit(1)\n\t}}\n}}",
            go_str(self.p.id.as_str())
        );
        format!(
            "{}\n// Command service starts the service: configuration from the environment, JSON logs,\n// background work, the server.\npackage main\n{}{body}",
            self.header("Start-up."),
            imports(
                &self.module,
                &body,
                &candidates(&[
                    ("context", "context"),
                    ("json", "encoding/json"),
                    ("fmt", "fmt"),
                    ("http", "net/http"),
                    ("os", "os"),
                    ("rpc", "internal/rpc"),
                    ("signal", "os/signal"),
                    ("syscall", "syscall"),
                    ("time", "time"),
                ])
            )
        )
    }

    fn health_test(&self) -> String {
        format!(
            "// The health and readiness endpoints answer 200.\npackage handlers\n\nimport (\n\t\"net/http\"\n\t\"net/http/httptest\"\n\t\"testing\"\n\n\t\"{m}/internal/config\"\n\t\"{m}/internal/services\"\n)\n\nfunc TestHealthAndReadinessAnswer200(t *testing.T) {{\n\tcfg, err := config.FromLookup(func(string) string {{ return \"\" }})\n\tif err != nil {{\n\t\tt.Fatal(err)\n\t}}\n\trouter := Router(cfg, services.New(cfg))\n\tfor _, path := range []string{{\"/healthz\", \"/readyz\"}} {{\n\t\trec := httptest.NewRecorder()\n\t\trouter.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))\n\t\tif rec.Code != http.StatusOK {{\n\t\t\tt.Fatalf(\"%s: %d\", path, rec.Code)\n\t\t}}\n\t}}\n}}\n",
            m = self.module
        )
    }
}

// ---------------------------------------------------------------------------- GraphQL

impl Gen<'_> {
    /// `internal/handlers/graphql.go`: the schema's types (GraphQL names to the models' keys)
    /// and one resolver per query and mutation, each calling its service method; the
    /// executor is `platform/graphql.go`.
    fn graphql_go(&self) -> String {
        let Some(g) = &self.p.graphql else {
            return String::new();
        };
        let mut body = String::new();
        let _ = writeln!(
            body,
            "\n// SDL is the contract api/{}.graphql; GraphQL serves the same types and fields.\nconst SDL = {}\n\n// GraphQL is the schema served at POST /graphql: its types and one resolver per query,\n// mutation and subscription; each checks credentials where the model asks and calls the service layer.\nfunc GraphQL(cfg config.Config, svc *services.Service) *platform.GQLSchema {{\n\treturn &platform.GQLSchema{{\n\t\tTypes: map[string]platform.GQLType{{",
            file_stem(g.api.as_str()),
            // A raw string reads as the contract does; escaped only if it holds a backquote.
            if g.sdl.contains('`') || g.sdl.contains('\r') {
                go_str(&g.sdl)
            } else {
                format!("`{}`", g.sdl)
            }
        );
        for t in &g.schema.types {
            let _ = writeln!(
                body,
                "\t\t\t{}: {{{}Fields: map[string]platform.GQLField{{",
                go_str(&t.name),
                if t.input { "Input: true, " } else { "" }
            );
            for f in &t.fields {
                let mut parts = vec![
                    format!("Key: {}", go_str(&f.key)),
                    format!("Type: {}", go_str(&f.ty)),
                ];
                if f.list {
                    parts.push("List: true".to_owned());
                }
                if f.non_null {
                    parts.push("NonNull: true".to_owned());
                }
                let _ = writeln!(
                    body,
                    "\t\t\t\t{}: {{{}}},",
                    go_str(&f.name),
                    parts.join(", ")
                );
            }
            body.push_str("\t\t\t}},\n");
        }
        body.push_str("\t\t},\n");
        let scheme = scheme(self.p.auth).filter(|_| self.uses_auth());
        let subscriptions = self.p.operations.iter().any(|o| o.is_subscription());
        for root in ["Query", "Mutation", "Subscription"] {
            if root == "Subscription" && !subscriptions {
                continue;
            }
            let _ = writeln!(body, "\t\t{root}: map[string]platform.GQLRoot{{");
            for (i, op) in self.p.operations.iter().enumerate() {
                let Some((r, field)) = op.graphql_field() else {
                    continue;
                };
                if r != root {
                    continue;
                }
                let Some(rf) = g
                    .schema
                    .roots
                    .iter()
                    .find(|x| x.root == root && x.name == field)
                else {
                    continue;
                };
                let name = self.n.operations.get(i).cloned().unwrap_or_default();
                let summary = comment(&op.summary);
                let mut parts = Vec::new();
                if let Some((input, non_null)) = &rf.input {
                    parts.push(format!("Input: {}", go_str(input)));
                    if *non_null {
                        parts.push("InputNonNull: true".to_owned());
                    }
                }
                parts.push(format!("Type: {}", go_str(&rf.ty)));
                if rf.list {
                    parts.push("List: true".to_owned());
                }
                let _ = writeln!(
                    body,
                    "\t\t\t// {}{}\n\t\t\t{}: {{{}, Resolve: func(ctx platform.Ctx, r *http.Request, input json.RawMessage) (interface{{}}, error) {{",
                    op.label(),
                    after_colon(&summary),
                    go_str(field),
                    parts.join(", ")
                );
                if let Some(s) = scheme.filter(|_| op.auth) {
                    let _ = writeln!(
                        body,
                        "\t\t\t\tif err := platform.CheckAuth(\"{s}\", cfg.JWTSecret, cfg.APIKeys, r); err != nil {{\n\t\t\t\t\treturn nil, err\n\t\t\t\t}}"
                    );
                }
                let _ = writeln!(
                    body,
                    "\t\t\t\tplatform.Log(\"info\", \"resolver\", \"request_id\", ctx.RequestID, \"operation\", {})",
                    go_str(&name)
                );
                let mut args = vec!["ctx".to_owned()];
                if let Some(req) = &op.request {
                    let _ = writeln!(
                        body,
                        "\t\t\t\tvar body {}\n\t\t\t\tif err := json.Unmarshal(input, &body); err != nil {{\n\t\t\t\t\treturn nil, platform.Err(\"bad_request\", \"input: \"+err.Error())\n\t\t\t\t}}",
                        self.message_type(Some(req))
                    );
                    args.push("body".to_owned());
                }
                if op.is_subscription() {
                    let _ = writeln!(
                        body,
                        "\t\t\t\treturn platform.StreamOf(svc.{name}({})), nil",
                        args.join(", ")
                    );
                } else if op.response.is_some() {
                    let _ = writeln!(body, "\t\t\t\treturn svc.{name}({})", args.join(", "));
                } else {
                    let _ = writeln!(
                        body,
                        "\t\t\t\tif _, err := svc.{name}({}); err != nil {{\n\t\t\t\t\treturn nil, err\n\t\t\t\t}}\n\t\t\t\treturn true, nil",
                        args.join(", ")
                    );
                }
                body.push_str("\t\t\t}},\n");
            }
            body.push_str("\t\t},\n");
        }
        body.push_str("\t}\n}\n");
        format!(
            "{}\npackage handlers\n{}{body}",
            self.header("GraphQL: the schema of the GraphQL API and its resolvers."),
            imports(
                &self.module,
                &body,
                &candidates(&[("json", "encoding/json"), ("http", "net/http")])
            )
        )
    }

    /// `internal/handlers/subscription_test.go` (when the project serves a subscription): the
    /// subscription opened over SSE streams a value the service publishes, with the schema's
    /// shape; without `Accept: text/event-stream` it is refused, and without credentials (if it
    /// needs them) it answers `UNAUTHENTICATED`.
    fn subscription_test(&self) -> Option<String> {
        let probe = super::graphql::subscription_probe(self.p)?;
        let op = self.p.operations.get(probe.operation)?;
        let (_, publish) = self.n.hubs.get(probe.operation)?;
        let scheme = scheme(self.p.auth).filter(|_| self.uses_auth() && probe.auth);
        let header = match scheme {
            Some("jwt") => {
                "[2]string{\"Authorization\", \"Bearer \" + platform.SignJWT(map[string]interface{}{\"sub\": \"test\", \"exp\": 4000000000}, \"graphql-test-secret\")}"
            }
            Some("apiKey") => "[2]string{\"X-Api-Key\", \"graphql-test-key\"}",
            Some(_) => "[2]string{\"X-Client-Verify\", \"SUCCESS\"}",
            None => "[2]string{}",
        };
        let response = self.response_type(op);
        let value = if op.response_list || op.response.is_none() {
            format!("{response}{{}}")
        } else {
            self.zero(&response)
        };
        let key = go_str(&probe.field);
        let check = match &probe.expect {
            super::graphql::Expect::Object { typename, keys } => format!(
                "\tvalue, _ := data[{key}].(map[string]interface{{}})\n\tvar keys []string\n\tfor k := range value {{\n\t\tkeys = append(keys, k)\n\t}}\n\tsort.Strings(keys)\n\tif got := strings.Join(keys, \",\"); got != {} {{\n\t\tt.Fatalf(\"keys %s: %v\", got, answer)\n\t}}\n\tif value[\"__typename\"] != {} {{\n\t\tt.Fatalf(\"__typename: %v\", value)\n\t}}\n",
                go_str(&keys.join(",")),
                go_str(typename)
            ),
            super::graphql::Expect::List => format!(
                "\tif _, ok := data[{key}].([]interface{{}}); !ok {{\n\t\tt.Fatalf(\"not a list: %v\", answer)\n\t}}\n"
            ),
            super::graphql::Expect::True => format!(
                "\tif data[{key}] != true {{\n\t\tt.Fatalf(\"not true: %v\", answer)\n\t}}\n"
            ),
            super::graphql::Expect::Any => format!(
                "\tif _, ok := data[{key}]; !ok {{\n\t\tt.Fatalf(\"missing: %v\", answer)\n\t}}\n"
            ),
        };
        let field = super::super::names::to_case(&probe.field, Case::Pascal);
        let mut body = format!(
            r#"
const subscriptionQuery = {query}
const subscriptionVariables = {variables}

func subscriptionConfig(t *testing.T) config.Config {{
	t.Helper()
	cfg, err := config.FromLookup(func(name string) string {{
		switch name {{
		case "JWT_SECRET":
			return "graphql-test-secret"
		case "API_KEYS":
			return "graphql-test-key"
		}}
		return ""
	}})
	if err != nil {{
		t.Fatal(err)
	}}
	return cfg
}}

func subscriptionRequest(t *testing.T, ctx context.Context, url, accept string, header [2]string) *http.Request {{
	t.Helper()
	payload, err := json.Marshal(map[string]interface{{}}{{"query": subscriptionQuery, "variables": json.RawMessage(subscriptionVariables)}})
	if err != nil {{
		t.Fatal(err)
	}}
	request, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {{
		t.Fatal(err)
	}}
	request.Header.Set("Content-Type", "application/json")
	request.Header.Set("Accept", accept)
	if header[0] != "" {{
		request.Header.Set(header[0], header[1])
	}}
	return request
}}

// openSubscription starts the app on a test server and posts the subscription to it over
// SSE; the answer's headers come once the subscription listens.
func openSubscription(t *testing.T, header [2]string) (*services.Service, *http.Response, func()) {{
	t.Helper()
	cfg := subscriptionConfig(t)
	svc := services.New(cfg)
	server := httptest.NewServer(Router(cfg, svc))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	response, err := server.Client().Do(subscriptionRequest(t, ctx, server.URL+"/graphql", "text/event-stream", header))
	if err != nil {{
		cancel()
		server.Close()
		t.Fatal(err)
	}}
	if response.StatusCode != http.StatusOK {{
		t.Fatalf("status %d", response.StatusCode)
	}}
	if ct := response.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {{
		t.Fatalf("content-type %q", ct)
	}}
	return svc, response, func() {{
		cancel()
		response.Body.Close()
		server.Close()
	}}
}}

// nextEvent reads the stream up to the end of its next SSE event: its event and data fields.
func nextEvent(t *testing.T, reader *bufio.Reader) (string, string) {{
	t.Helper()
	var event, data []string
	for {{
		line, err := reader.ReadString('\n')
		if err != nil {{
			t.Fatalf("the stream ended before an event: %v", err)
		}}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {{
			if len(event)+len(data) > 0 {{
				break
			}}
			continue
		}}
		name, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch name {{
		case "event":
			event = append(event, value)
		case "data":
			data = append(data, value)
		}}
	}}
	return strings.Join(event, "\n"), strings.Join(data, "\n")
}}

func TestSubscription{field}OverSSEStreamsAPublishedValueOfTheSchemaShape(t *testing.T) {{
	svc, response, closeAll := openSubscription(t, {header})
	defer closeAll()
	svc.{publish}({value})
	event, raw := nextEvent(t, bufio.NewReader(response.Body))
	if event != "next" {{
		t.Fatalf("event %q: %s", event, raw)
	}}
	var answer map[string]interface{{}}
	if err := json.Unmarshal([]byte(raw), &answer); err != nil {{
		t.Fatal(err)
	}}
	if answer["errors"] != nil {{
		t.Fatalf("errors: %v", answer["errors"])
	}}
	data, _ := answer["data"].(map[string]interface{{}})
{check}}}

func TestSubscription{field}WithoutAcceptEventStreamIsRefused(t *testing.T) {{
	cfg := subscriptionConfig(t)
	rec := httptest.NewRecorder()
	Router(cfg, services.New(cfg)).ServeHTTP(rec, subscriptionRequest(t, context.Background(), "/graphql", "application/json", {header}))
	if rec.Code != http.StatusBadRequest {{
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}}
	if !strings.Contains(rec.Body.String(), "text/event-stream") {{
		t.Fatalf("answer: %s", rec.Body.String())
	}}
}}
"#,
            query = go_str(&probe.query),
            variables = go_str(&probe.variables),
        );
        if scheme.is_some() {
            let _ = write!(
                body,
                r#"
func TestSubscription{field}WithoutCredentialsAnswersUnauthenticated(t *testing.T) {{
	_, response, closeAll := openSubscription(t, [2]string{{}})
	defer closeAll()
	reader := bufio.NewReader(response.Body)
	event, raw := nextEvent(t, reader)
	if event != "next" || !strings.Contains(raw, "\"UNAUTHENTICATED\"") {{
		t.Fatalf("event %q: %s", event, raw)
	}}
	if event, _ := nextEvent(t, reader); event != "complete" {{
		t.Fatalf("then %q", event)
	}}
}}
"#
            );
        }
        Some(format!(
            "// A subscription posted to /graphql over SSE streams what the service publishes.\npackage handlers\n{}{body}",
            imports(
                &self.module,
                &body,
                &candidates(&[
                    ("bufio", "bufio"),
                    ("bytes", "bytes"),
                    ("context", "context"),
                    ("json", "encoding/json"),
                    ("http", "net/http"),
                    ("httptest", "net/http/httptest"),
                    ("sort", "sort"),
                    ("strings", "strings"),
                    ("testing", "testing"),
                    ("time", "time"),
                ])
            )
        ))
    }

    /// `internal/handlers/graphql_test.go`: a query posted to /graphql answers data of the
    /// schema's shape (also aliased); `__typename`, a syntax error, an unknown field and a
    /// field that needs credentials answer as the GraphQL response format says.
    fn graphql_test(&self) -> String {
        let Some(probe) = super::graphql::probe(self.p) else {
            return "package handlers\n".to_owned();
        };
        let scheme = scheme(self.p.auth).filter(|_| self.uses_auth());
        let needs_credentials = probe.auth && scheme.is_some();
        let header = match scheme.filter(|_| needs_credentials) {
            Some("jwt") => {
                "[2]string{\"Authorization\", \"Bearer \" + platform.SignJWT(map[string]interface{}{\"sub\": \"test\", \"exp\": 4000000000}, \"graphql-test-secret\")}"
            }
            Some("apiKey") => "[2]string{\"X-Api-Key\", \"graphql-test-key\"}",
            Some(_) => "[2]string{\"X-Client-Verify\", \"SUCCESS\"}",
            None => "[2]string{}",
        };
        let mut body = String::from(
            "\n// postGraphQL posts a document to /graphql and returns the decoded answer.\nfunc postGraphQL(t *testing.T, query, variables string, header [2]string) map[string]interface{} {\n\tt.Helper()\n\tcfg, err := config.FromLookup(func(name string) string {\n\t\tswitch name {\n\t\tcase \"JWT_SECRET\":\n\t\t\treturn \"graphql-test-secret\"\n\t\tcase \"API_KEYS\":\n\t\t\treturn \"graphql-test-key\"\n\t\t}\n\t\treturn \"\"\n\t})\n\tif err != nil {\n\t\tt.Fatal(err)\n\t}\n\tpayload, err := json.Marshal(map[string]interface{}{\"query\": query, \"variables\": json.RawMessage(variables)})\n\tif err != nil {\n\t\tt.Fatal(err)\n\t}\n\trequest := httptest.NewRequest(http.MethodPost, \"/graphql\", bytes.NewReader(payload))\n\trequest.Header.Set(\"Content-Type\", \"application/json\")\n\tif header[0] != \"\" {\n\t\trequest.Header.Set(header[0], header[1])\n\t}\n\trec := httptest.NewRecorder()\n\tRouter(cfg, services.New(cfg)).ServeHTTP(rec, request)\n\tif rec.Code != http.StatusOK {\n\t\tt.Fatalf(\"status %d: %s\", rec.Code, rec.Body.String())\n\t}\n\tvar answer map[string]interface{}\n\tif err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {\n\t\tt.Fatal(err)\n\t}\n\treturn answer\n}\n\n// errorCode is the extensions.code of the answer's first error.\nfunc errorCode(answer map[string]interface{}) string {\n\terrs, _ := answer[\"errors\"].([]interface{})\n\tif len(errs) == 0 {\n\t\treturn \"\"\n\t}\n\tfirst, _ := errs[0].(map[string]interface{})\n\textensions, _ := first[\"extensions\"].(map[string]interface{})\n\tcode, _ := extensions[\"code\"].(string)\n\treturn code\n}\n",
        );
        let check = |key: &str| -> String {
            match &probe.expect {
                super::graphql::Expect::Object { typename, keys } => format!(
                    "\tvalue, _ := data[{}].(map[string]interface{{}})\n\tvar keys []string\n\tfor k := range value {{\n\t\tkeys = append(keys, k)\n\t}}\n\tsort.Strings(keys)\n\tif got := strings.Join(keys, \",\"); got != {} {{\n\t\tt.Fatalf(\"keys %s: %v\", got, answer)\n\t}}\n\tif value[\"__typename\"] != {} {{\n\t\tt.Fatalf(\"__typename: %v\", value)\n\t}}\n",
                    go_str(key),
                    go_str(&keys.join(",")),
                    go_str(typename)
                ),
                super::graphql::Expect::List => format!(
                    "\tif _, ok := data[{}].([]interface{{}}); !ok {{\n\t\tt.Fatalf(\"not a list: %v\", answer)\n\t}}\n",
                    go_str(key)
                ),
                super::graphql::Expect::True => format!(
                    "\tif data[{}] != true {{\n\t\tt.Fatalf(\"not true: %v\", answer)\n\t}}\n",
                    go_str(key)
                ),
                super::graphql::Expect::Any => format!(
                    "\tif _, ok := data[{}]; !ok {{\n\t\tt.Fatalf(\"missing: %v\", answer)\n\t}}\n",
                    go_str(key)
                ),
            }
        };
        for (test, query, key) in [
            ("", &probe.query, probe.field.as_str()),
            ("Aliased", &probe.alias_query, "renamed"),
        ] {
            let _ = writeln!(
                body,
                "\nfunc TestGraphQLAnswers{test}{}WithDataOfTheSchemaShape(t *testing.T) {{\n\tanswer := postGraphQL(t,\n\t\t{},\n\t\t{},\n\t\t{header})\n\tif answer[\"errors\"] != nil {{\n\t\tt.Fatalf(\"errors: %v\", answer[\"errors\"])\n\t}}\n\tdata, _ := answer[\"data\"].(map[string]interface{{}})\n{}}}",
                super::super::names::to_case(&probe.field, Case::Pascal),
                go_str(query),
                go_str(&probe.variables),
                check(key)
            );
        }
        let _ = writeln!(
            body,
            "\nfunc TestGraphQLAnswersTypenameAndRefusesBadDocuments(t *testing.T) {{\n\tanswer := postGraphQL(t, \"{{ __typename }}\", \"{{}}\", [2]string{{}})\n\tif data, _ := answer[\"data\"].(map[string]interface{{}}); data[\"__typename\"] != \"Query\" {{\n\t\tt.Fatalf(\"__typename: %v\", answer)\n\t}}\n\tif code := errorCode(postGraphQL(t, \"{{ {} (\", \"{{}}\", [2]string{{}})); code != \"GRAPHQL_PARSE_FAILED\" {{\n\t\tt.Fatalf(\"a syntax error answered %q\", code)\n\t}}\n\tif code := errorCode(postGraphQL(t, \"{{ noSuchField }}\", \"{{}}\", [2]string{{}})); code != \"GRAPHQL_VALIDATION_FAILED\" {{\n\t\tt.Fatalf(\"an unknown field answered %q\", code)\n\t}}\n}}",
            probe.field
        );
        if let Some(locked) =
            super::graphql::unauthenticated_probe(self.p).filter(|_| scheme.is_some())
        {
            let _ = writeln!(
                body,
                "\nfunc TestGraphQL{}WithoutCredentialsAnswersUnauthenticated(t *testing.T) {{\n\tanswer := postGraphQL(t,\n\t\t{},\n\t\t{},\n\t\t[2]string{{}})\n\tif code := errorCode(answer); code != \"UNAUTHENTICATED\" {{\n\t\tt.Fatalf(\"answered %q: %v\", code, answer)\n\t}}\n}}",
                super::super::names::to_case(&locked.field, Case::Pascal),
                go_str(&locked.query),
                go_str(&locked.variables)
            );
        }
        format!(
            "// POST /graphql answers queries of the schema with data of its shape.\npackage handlers\n{}{body}",
            imports(
                &self.module,
                &body,
                &candidates(&[
                    ("bytes", "bytes"),
                    ("json", "encoding/json"),
                    ("http", "net/http"),
                    ("httptest", "net/http/httptest"),
                    ("sort", "sort"),
                    ("strings", "strings"),
                    ("testing", "testing"),
                ])
            )
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_ignore_comments_and_strings() {
        let body =
            "\t// at the same time.\n\tx := \"time.Now \\\" time.Now\"\n\ty := fmt.Sprint(x)\n";
        let text = imports("m", body, &[("time", "time"), ("fmt", "fmt")]);
        assert!(text.contains("\"fmt\""), "{text}");
        assert!(!text.contains("\"time\""), "{text}");
        let own = imports("m", "\tvar a models.Order\n", &candidates(&[]));
        assert!(own.contains("\"m/internal/models\""), "{own}");
    }
}
