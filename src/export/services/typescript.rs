//! TypeScript projects: Fastify 5 on Node.js 20, strict `tsconfig`, pino JSON logs, `fetch`
//! clients, `node:test` for the health test.
//!
//! Fixed parts live in `assets/export/typescript/`; interfaces use the model's field names
//! as quoted property names, so the wire names are exact whatever the text.

use std::fmt::Write;

use super::super::escape::{comment, ts_str};
use super::super::names::{Case, Lang, file_stem};
use super::super::plan::{Plan, PlanError};
use super::super::project::{Operation, Project};
use super::super::route::Segment;
use super::super::wiring::{API_KEYS_VAR, Host, JWT_SECRET_VAR, LOG_LEVEL_VAR, PORT_VAR, address};
use super::after_colon;
use super::naming::{Naming, Style};
use super::typescript_grpc;
use super::{project_readme, schedule_seconds};
use crate::model::{Architecture, Auth, Field, FieldType, Id, Language};

const ERRORS_TS: &str = include_str!("../../../assets/export/typescript/errors.ts");
const CONTEXT_TS: &str = include_str!("../../../assets/export/typescript/context.ts");
const AUTH_TS: &str = include_str!("../../../assets/export/typescript/auth.ts");
const RATE_LIMIT_TS: &str = include_str!("../../../assets/export/typescript/rateLimit.ts");
/// The test of `HttpClient.graphql`: the document posted, `data` returned, errors mapped.
const GRAPHQL_CLIENT_TEST: &str =
    include_str!("../../../assets/export/typescript/graphqlClient.test.ts");
const HTTP_TS: &str = include_str!("../../../assets/export/typescript/http.ts");
const EVENTS_TS: &str = include_str!("../../../assets/export/typescript/events.ts");
const GRAPHQL_HTTP_TS: &str = include_str!("../../../assets/export/typescript/graphqlHttp.ts");
const GRPC_CLIENT_TS: &str = include_str!("../../../assets/export/typescript/grpcClient.ts");
const HUB_TS: &str = include_str!("../../../assets/export/typescript/hub.ts");

const RESERVED_TYPES: &[&str] = &[
    "AppError",
    "Broker",
    "Config",
    "Ctx",
    "HttpClient",
    "Hub",
    "Producer",
    "RateLimiter",
    "Service",
];

const STYLE: Style = Style {
    lang: Lang::TypeScript,
    function: Case::Camel,
    field: Case::Camel,
};

struct Gen<'a> {
    arch: &'a Architecture,
    p: &'a Project,
    n: Naming,
}

fn scheme(auth: Auth) -> Option<&'static str> {
    match auth {
        Auth::None => None,
        Auth::Jwt | Auth::Oauth2 => Some("jwt"),
        Auth::ApiKey => Some("apiKey"),
        Auth::Mtls => Some("mtls"),
    }
}

/// Adds the TypeScript project of `p`.
pub fn generate(arch: &Architecture, p: &Project, plan: &mut Plan) -> Result<(), PlanError> {
    let g = Gen {
        arch,
        p,
        n: Naming::new(p, STYLE, RESERVED_TYPES),
    };
    let dir = format!("services/{}", file_stem(p.id.as_str()));
    let id = Some(&p.id);
    plan.add(&format!("{dir}/package.json"), g.package_json(), id)?;
    plan.add(&format!("{dir}/tsconfig.json"), TSCONFIG, id)?;
    plan.add(
        &format!("{dir}/Dockerfile"),
        super::dockerfile_grpc(g.dockerfile(), p),
        id,
    )?;
    plan.add(&format!("{dir}/.dockerignore"), "node_modules\ndist\n", id)?;
    plan.add(&format!("{dir}/.gitignore"), "node_modules/\ndist/\n", id)?;
    plan.add(
        &format!("{dir}/README.md"),
        project_readme(p, Language::TypeScript),
        id,
    )?;
    plan.add(&format!("{dir}/src/main.ts"), g.main_ts(), id)?;
    plan.add(&format!("{dir}/src/app.ts"), g.app_ts(), id)?;
    plan.add(&format!("{dir}/src/config.ts"), g.config_ts(), id)?;
    plan.add(&format!("{dir}/src/context.ts"), CONTEXT_TS, id)?;
    plan.add(&format!("{dir}/src/errors.ts"), ERRORS_TS, id)?;
    plan.add(&format!("{dir}/src/models.ts"), g.models_ts(), id)?;
    plan.add(&format!("{dir}/src/routes.ts"), g.routes_ts(), id)?;
    plan.add(&format!("{dir}/src/services.ts"), g.services_ts(), id)?;
    plan.add(
        &format!("{dir}/src/repositories.ts"),
        g.repositories_ts(),
        id,
    )?;
    if g.uses_auth() {
        let s = scheme(p.auth).unwrap_or("jwt");
        plan.add(
            &format!("{dir}/src/auth.ts"),
            AUTH_TS.replace("__SCHEME__", s),
            id,
        )?;
    }
    if let Some(limit) = p.rate_limit {
        plan.add(
            &format!("{dir}/src/rateLimit.ts"),
            RATE_LIMIT_TS.replace("__PER_MINUTE__", &limit.max(1).to_string()),
            id,
        )?;
    }
    if !p.clients.is_empty() {
        plan.add(&format!("{dir}/src/http.ts"), HTTP_TS, id)?;
        plan.add(&format!("{dir}/src/clients.ts"), g.clients_ts(), id)?;
    }
    if g.uses_events() {
        plan.add(&format!("{dir}/src/events.ts"), EVENTS_TS, id)?;
    }
    plan.add(&format!("{dir}/test/health.test.ts"), HEALTH_TEST, id)?;
    if p.clients.iter().any(|c| c.graphql.is_some()) {
        plan.add(
            &format!("{dir}/test/graphqlClient.test.ts"),
            GRAPHQL_CLIENT_TEST,
            id,
        )?;
    }
    if p.graphql.is_some() {
        plan.add(&format!("{dir}/src/graphqlHttp.ts"), GRAPHQL_HTTP_TS, id)?;
        plan.add(&format!("{dir}/src/graphql.ts"), g.graphql_ts(), id)?;
        plan.add(&format!("{dir}/test/graphql.test.ts"), g.graphql_test(), id)?;
        if let Some(test) = g.subscription_test() {
            plan.add(&format!("{dir}/src/hub.ts"), HUB_TS, id)?;
            plan.add(&format!("{dir}/test/subscription.test.ts"), test, id)?;
        }
    }
    if p.serves_grpc() {
        let uses_auth = g.uses_auth();
        plan.add(
            &format!("{dir}/src/grpc.ts"),
            typescript_grpc::grpc_ts(p, &g.n, &g.header("gRPC: the services of `proto/`, one handler per RPC; each reads the call, calls the\n// service layer and maps errors to gRPC status codes."), uses_auth),
            id,
        )?;
        if let Some(test) = typescript_grpc::grpc_test(p, uses_auth) {
            plan.add(&format!("{dir}/test/grpc.test.ts"), test, id)?;
        }
    }
    if p.calls_grpc() {
        plan.add(&format!("{dir}/src/grpcClient.ts"), GRPC_CLIENT_TS, id)?;
        let names = typescript_grpc::client_names(p, &g.n);
        if let Some(test) = typescript_grpc::grpc_client_test(p, &g.n, &names) {
            plan.add(&format!("{dir}/test/grpcClient.test.ts"), test, id)?;
        }
    }
    if p.serves_grpc() || p.calls_grpc() {
        // The messages of every contract served or called (the same file for both).
        for s in p.contracts() {
            plan.add(
                &format!("{dir}/src/messages/{}.ts", s.stem),
                typescript_grpc::messages_ts(
                    s,
                    &g.header(
                        "The messages of one gRPC contract, as @grpc/proto-loader delivers them.",
                    ),
                ),
                id,
            )?;
        }
    }
    Ok(())
}

const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "moduleResolution": "node",
    "lib": ["ES2022"],
    "types": ["node"],
    "strict": true,
    "noImplicitOverride": true,
    "noUncheckedIndexedAccess": true,
    "noFallthroughCasesInSwitch": true,
    "esModuleInterop": true,
    "forceConsistentCasingInFileNames": true,
    "skipLibCheck": true,
    "outDir": "dist",
    "rootDir": "."
  },
  "include": ["src", "test"]
}
"#;

const HEALTH_TEST: &str = r#"// The health and readiness endpoints answer 200.

import { test } from "node:test";
import assert from "node:assert/strict";

import { buildApp } from "../src/app";
import { loadConfig } from "../src/config";

test("health and readiness answer 200", async () => {
  const app = buildApp(loadConfig({}));
  try {
    for (const url of ["/healthz", "/readyz"]) {
      const response = await app.inject({ method: "GET", url });
      assert.equal(response.statusCode, 200, url);
    }
  } finally {
    await app.close();
  }
});
"#;

impl Gen<'_> {
    fn uses_auth(&self) -> bool {
        scheme(self.p.auth).is_some() && self.p.needs_auth()
    }

    fn uses_events(&self) -> bool {
        !self.p.producers.is_empty() || !self.p.consumers.is_empty()
    }

    fn header(&self, what: &str) -> String {
        format!(
            "// {what}\n//\n// Generated by ArchCanvas for `{}` ({}); edit freely: a re-export never overwrites a\n// file you changed.\n",
            self.p.id,
            comment(&self.p.name)
        )
    }

    fn package_json(&self) -> String {
        let doc = serde_json::json!({
            "name": format!("{}-service", file_stem(self.p.id.as_str())),
            "version": "0.1.0",
            "private": true,
            "description": comment(&self.p.description),
            "main": "dist/src/main.js",
            "scripts": {
                "build": "tsc -p .",
                "start": "node dist/src/main.js",
                "test": "tsc -p . && node --test dist/test/"
            },
            "engines": { "node": ">=20" },
            "dependencies": { "fastify": "^5.2.0" },
            "devDependencies": { "@types/node": "^20.17.0", "typescript": "~5.7.0" }
        });
        let mut doc = doc;
        if self.p.graphql.is_some()
            && let Some(deps) = doc.get_mut("dependencies").and_then(|d| d.as_object_mut())
        {
            deps.insert("graphql".to_owned(), serde_json::json!("^16.9.0"));
        }
        if (self.p.serves_grpc() || self.p.calls_grpc())
            && let Some(deps) = doc
                .get_mut("dependencies")
                .and_then(serde_json::Value::as_object_mut)
        {
            for (name, version) in typescript_grpc::DEPENDENCIES {
                deps.insert(name.to_owned(), serde_json::Value::from(version));
            }
        }
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        text.push('\n');
        text
    }

    fn dockerfile(&self) -> String {
        let image = Language::TypeScript.info().image.unwrap_or("node:20");
        format!(
            "# Generated by ArchCanvas. Builds the service and runs it on Node.js.\nFROM {image} AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nRUN npm run build && npm prune --omit=dev\n\nFROM {image}-slim\nWORKDIR /app\nCOPY --from=build /app /app\nENV NODE_ENV=production {PORT_VAR}={port}\nEXPOSE {port}\nUSER node\nCMD [\"node\", \"dist/src/main.js\"]\n",
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
            .unwrap_or_else(|| "port".to_owned())
    }

    fn config_ts(&self) -> String {
        let mut out = self.header(
            "Configuration, read from environment variables only (no secret is ever in code).",
        );
        out.push_str("\nexport interface Config {\n");
        let _ = writeln!(
            out,
            "  /** {PORT_VAR}: the port to listen on. */\n  port: number;\n  /** {LOG_LEVEL_VAR}: debug, info, warn or error. */\n  logLevel: string;\n  /** {JWT_SECRET_VAR}: the HS256 key that signs bearer tokens. */\n  jwtSecret?: string;\n  /** {API_KEYS_VAR}: accepted API keys, comma-separated. */\n  apiKeys: string[];"
        );
        if self.p.serves_grpc() {
            let _ = writeln!(out, "{}", typescript_grpc::config_field());
        }
        for (i, peer) in self.p.peers.iter().enumerate() {
            let field = self.n.peers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "  /** {}: the address of {}. */\n  {field}: string;",
                peer.var, peer.id
            );
        }
        let grpc_names = typescript_grpc::client_names(self.p, &self.n);
        out.push_str(&typescript_grpc::client_config_fields(self.p, &grpc_names));
        let _ = writeln!(
            out,
            "}}\n\nexport function loadConfig(env: Record<string, string | undefined> = process.env): Config {{\n  const read = (name: string, fallback: string): string => {{\n    const value = env[name];\n    return value === undefined || value === \"\" ? fallback : value;\n  }};\n  const port = Number.parseInt(read(\"{PORT_VAR}\", \"{}\"), 10);\n  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(\"{PORT_VAR} must be a port number\");\n  return {{\n    port,\n    logLevel: read(\"{LOG_LEVEL_VAR}\", \"info\"),\n    jwtSecret: env[\"{JWT_SECRET_VAR}\"] || undefined,\n    apiKeys: read(\"{API_KEYS_VAR}\", \"\")\n      .split(\",\")\n      .map((k) => k.trim())\n      .filter((k) => k !== \"\"),",
            self.p.port
        );
        if self.p.serves_grpc() {
            // The check goes before `return {`; the field into the object.
            out = out.replacen(
                "  return {\n    port,\n",
                &format!(
                    "{}  return {{\n    port,\n    grpcPort,\n",
                    typescript_grpc::config_read(self.p)
                ),
                1,
            );
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
                "    {field}: read({}, {}),",
                ts_str(&peer.var),
                ts_str(&default)
            );
        }
        out.push_str(&typescript_grpc::client_config_read(self.p, &grpc_names));
        out.push_str("  };\n}\n");
        out
    }

    fn field_type(&self, f: &Field) -> String {
        let base = match &f.ty {
            FieldType::Int | FieldType::Long | FieldType::Float => "number".to_owned(),
            FieldType::Bool => "boolean".to_owned(),
            FieldType::Json => "unknown".to_owned(),
            FieldType::Object(name) => self
                .n
                .ty(name)
                .map(str::to_owned)
                .unwrap_or_else(|| "unknown".to_owned()),
            _ => "string".to_owned(),
        };
        let t = if f.list { format!("{base}[]") } else { base };
        if f.nullable { format!("{t} | null") } else { t }
    }

    fn message_type(&self, schema: Option<&Id>) -> String {
        schema
            .and_then(|s| self.n.ty(s))
            .map(|t| format!("models.{t}"))
            .unwrap_or_else(|| "unknown".to_owned())
    }

    fn models_ts(&self) -> String {
        let mut out =
            self.header("Request, response, message and entity types, from the model's schemas.");
        for s in &self.p.schemas {
            let Some(ty) = self.n.ty(&s.name) else {
                continue;
            };
            let about = comment(&s.description);
            let _ = writeln!(
                out,
                "\n/** `{}`{} */\nexport interface {ty} {{",
                s.name,
                if about.is_empty() {
                    String::new()
                } else {
                    format!(": {about}")
                }
            );
            for f in &s.fields {
                let about = comment(&f.description);
                if !about.is_empty() {
                    let _ = writeln!(out, "  /** {about} */");
                }
                let optional = if f.nullable { "?" } else { "" };
                let _ = writeln!(
                    out,
                    "  {}{optional}: {};",
                    ts_str(&f.name),
                    self.field_type(f)
                );
            }
            out.push_str("}\n");
            // A default value, for skeleton answers.
            let _ = writeln!(out, "\nexport function empty{ty}(): {ty} {{\n  return {{");
            for (idx, f) in s.fields.iter().enumerate() {
                if f.nullable {
                    continue;
                }
                let recursive = self.n.is_recursive(&s.name, idx);
                let value = if f.list {
                    "[]".to_owned()
                } else {
                    match &f.ty {
                        FieldType::Int | FieldType::Long | FieldType::Float => "0".to_owned(),
                        FieldType::Bool => "false".to_owned(),
                        FieldType::Json => "null".to_owned(),
                        FieldType::Object(name) => match self.n.ty(name) {
                            Some(t) if !recursive => format!("empty{t}()"),
                            _ => "null as never".to_owned(),
                        },
                        _ => "\"\"".to_owned(),
                    }
                };
                let _ = writeln!(out, "    {}: {value},", ts_str(&f.name));
            }
            out.push_str("  };\n}\n");
        }
        if self.p.schemas.is_empty() {
            out.push_str("\nexport {};\n");
        }
        out
    }

    fn empty_value(&self, ty: &str) -> String {
        if ty == "unknown" {
            "{}".to_owned()
        } else if let Some(inner) = ty.strip_suffix("[]") {
            let _ = inner;
            "[]".to_owned()
        } else if let Some(name) = ty.strip_prefix("models.") {
            format!("models.empty{name}()")
        } else {
            "{}".to_owned()
        }
    }

    fn response_type(&self, op: &Operation) -> String {
        match &op.response {
            Some(r) => {
                let t = self.message_type(Some(r));
                if op.response_list {
                    format!("{t}[]")
                } else {
                    t
                }
            }
            None => "unknown".to_owned(),
        }
    }

    fn app_ts(&self) -> String {
        let mut out =
            self.header("The application: Fastify with JSON logs, the error mapping, the routes.");
        out.push_str("\nimport Fastify, { type FastifyInstance } from \"fastify\";\n\nimport type { Config } from \"./config\";\nimport { AppError } from \"./errors\";\nimport { registerRoutes } from \"./routes\";\nimport { Service } from \"./services\";\n\nexport function buildApp(config: Config, service?: Service): FastifyInstance {\n  return build(config, service).app;\n}\n\n/** The app and the service layer behind its routes: start-up hands the same service to the gRPC\n * server and background work. */\nexport function build(config: Config, service?: Service): { app: FastifyInstance; service: Service } {\n  const app = Fastify({ logger: { level: config.logLevel } });\n  const svc = service ?? new Service(config, app.log);\n  app.setErrorHandler((error, request, reply) => {\n    if (error instanceof AppError) {\n      if (error.status >= 500) request.log.error({ error: error.message }, \"request failed\");\n      else request.log.warn({ error: error.message }, \"request refused\");\n      void reply.status(error.status).send({ error: error.code, message: error.message });\n      return;\n    }\n    const e = error as { statusCode?: unknown; message?: unknown };\n    const status = typeof e.statusCode === \"number\" && e.statusCode < 500 ? e.statusCode : 500;\n    const message = typeof e.message === \"string\" ? e.message : String(error);\n    if (status >= 500) request.log.error({ error: message }, \"request failed\");\n    void reply.status(status).send({ error: status >= 500 ? \"internal\" : \"bad_request\", message });\n  });\n  registerRoutes(app, config, svc);\n  return { app, service: svc };\n}\n");
        out
    }

    fn main_ts(&self) -> String {
        let mut out = self
            .header("Start-up: configuration from the environment, background work, the server.");
        let uses_bg = !self.p.consumers.is_empty() || self.p.schedule.is_some();
        out.push_str(
            "\nimport { build } from \"./app\";\nimport { loadConfig } from \"./config\";\n",
        );
        if uses_bg {
            out.push_str("import { backgroundCtx } from \"./context\";\n");
        }
        if !self.p.consumers.is_empty() {
            out.push_str("import { Broker, consume } from \"./events\";\nimport type * as models from \"./models\";\n");
        }
        out.push_str("\nasync function main(): Promise<void> {\n  const config = loadConfig();\n  const { app, service } = build(config);\n  const stop = new AbortController();\n  app.addHook(\"onClose\", async () => stop.abort());\n");
        let _ = uses_bg;
        for (i, t) in self.p.consumers.iter().enumerate() {
            let handler = self.n.consumers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "  void consume<{}>(new Broker(config.{}), {}, app.log, (ctx, message) => service.{handler}(ctx, message), stop.signal);",
                self.message_type(t.schema.as_ref()),
                self.peer_field(&t.queue),
                ts_str(&t.topic)
            );
        }
        if let Some(cron) = &self.p.schedule {
            let _ = writeln!(
                out,
                "  // Schedule {}: every {} s.\n  const timer = setInterval(() => {{\n    const ctx = backgroundCtx();\n    service.runScheduledJob(ctx).catch((e: unknown) => app.log.error({{ requestId: ctx.requestId, error: String(e) }}, \"scheduled job failed\"));\n  }}, {} * 1000);\n  stop.signal.addEventListener(\"abort\", () => clearInterval(timer));",
                comment(cron),
                schedule_seconds(cron),
                schedule_seconds(cron)
            );
        }
        if self.p.serves_grpc() {
            out = out.replacen(
                "\nasync function main()",
                "import { startGrpc } from \"./grpc\";\n\nasync function main()",
                1,
            );
            out.push_str("  const grpcServer = await startGrpc(config, service, app.log);\n  app.addHook(\"onClose\", async () => grpcServer.server.forceShutdown());\n");
        }
        out.push_str("  for (const signal of [\"SIGINT\", \"SIGTERM\"] as const) process.once(signal, () => void app.close());\n  await app.listen({ host: \"0.0.0.0\", port: config.port });\n}\n\nif (process.argv[2] === \"healthcheck\") {\n  const port = loadConfig().port;\n  fetch(`http://127.0.0.1:${port}/healthz`).then(\n    (r) => process.exit(r.ok ? 0 : 1),\n    () => process.exit(1),\n  );\n} else {\n  main().catch((e: unknown) => {\n    console.error(e);\n    process.exit(1);\n  });\n}\n");
        out
    }

    fn routes_ts(&self) -> String {
        let header = self.header("Routes: one handler per endpoint; each reads the request, calls the service layer and sets the status.");
        let mut body = String::new();
        body.push_str("\nexport function registerRoutes(app: FastifyInstance, config: Config, service: Service): void {\n");
        if self.uses_auth() {
            body.push_str("  const auth = requireAuth(config);\n");
        } else {
            body.push_str("  void config;\n");
        }
        if self.p.rate_limit.is_some() {
            body.push_str(
                "  const limiter = new RateLimiter();\n  const limit = limiter.hook();\n",
            );
        }
        body.push_str("  app.get(\"/healthz\", async () => ({ status: \"ok\" }));\n  app.get(\"/readyz\", async (_request, reply) => {\n    if (await service.ready()) return { status: \"ready\" };\n    return reply.status(503).send({ status: \"starting\" });\n  });\n");
        for (i, op) in self.p.operations.iter().enumerate() {
            if !op.is_http() {
                continue; // a GraphQL resolver: see graphql.ts
            }
            let name = self.n.operations.get(i).cloned().unwrap_or_default();
            let params: Vec<&str> = op.route.params().collect();
            let mut generic = Vec::new();
            if !params.is_empty() {
                generic.push(format!(
                    "Params: {{ {} }}",
                    params
                        .iter()
                        .map(|p| format!("{p}: string"))
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
            if let Some(r) = &op.request {
                generic.push(format!("Body: {}", self.message_type(Some(r))));
            }
            let mut hooks = Vec::new();
            if self.p.rate_limit.is_some() {
                hooks.push("limit");
            }
            if op.auth && self.uses_auth() {
                hooks.push("auth");
            }
            let options = if hooks.is_empty() {
                String::new()
            } else {
                format!("{{ preHandler: [{}] }}, ", hooks.join(", "))
            };
            let mut args = vec!["ctx".to_owned()];
            args.extend(params.iter().map(|p| format!("request.params.{p}")));
            if op.request.is_some() {
                args.push("request.body".to_owned());
            }
            let summary = comment(&op.summary);
            let _ = writeln!(
                body,
                "  // {} {}{}",
                op.method.label(),
                op.route.braces(),
                after_colon(&summary)
            );
            let generic = if generic.is_empty() {
                String::new()
            } else {
                format!("<{{ {} }}>", generic.join("; "))
            };
            let _ = writeln!(
                body,
                "  app.{}{generic}({}, {options}async (request, reply) => {{\n    const ctx = ctxFromHeaders(request.headers);\n    request.log.info({{ requestId: ctx.requestId, operation: {} }}, \"request received\");\n    const out = await service.{name}({});\n    return reply.status({}).send({});\n  }});",
                op.method.label().to_lowercase(),
                ts_str(&op.route.colons()),
                ts_str(&name),
                args.join(", "),
                op.success_status(),
                if op.success_status() == 204 {
                    ""
                } else {
                    "out"
                }
            );
        }
        if self.p.graphql.is_some() {
            let hooks = if self.p.rate_limit.is_some() {
                "[limit]"
            } else {
                "[]"
            };
            let _ = writeln!(
                body,
                "  // POST /graphql: the resolvers of the GraphQL API.\n  registerGraphql(app, config, service, {hooks});"
            );
        }
        body.push_str("}\n");
        let mut imports = String::from("\nimport type { FastifyInstance } from \"fastify\";\n\n");
        if body.contains("requireAuth(") {
            imports.push_str("import { requireAuth } from \"./auth\";\n");
        }
        imports.push_str("import type { Config } from \"./config\";\n");
        if body.contains("ctxFromHeaders(") {
            imports.push_str("import { ctxFromHeaders } from \"./context\";\n");
        }
        if body.contains("registerGraphql(") {
            imports.push_str("import { registerGraphql } from \"./graphql\";\n");
        }
        if body.contains("models.") {
            imports.push_str("import type * as models from \"./models\";\n");
        }
        if body.contains("RateLimiter(") {
            imports.push_str("import { RateLimiter } from \"./rateLimit\";\n");
        }
        imports.push_str("import type { Service } from \"./services\";\n");
        format!("{header}{imports}{body}")
    }

    fn services_ts(&self) -> String {
        let header = self.header("The service layer: one method per operation, between the routes and the repositories and clients.");
        let mut body = String::from("\nexport class Service {\n");
        for (i, c) in self.p.clients.iter().enumerate() {
            let (field, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "  /** Calls `{}` ({}). */\n  readonly {field}: clients.{ty};",
                c.peer,
                comment(&c.name)
            );
        }
        for (i, t) in self.p.producers.iter().enumerate() {
            let field = self.n.producers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "  /** Publishes to `{}` on `{}`. */\n  readonly {field}: Producer<{}>;",
                comment(&t.topic),
                t.queue,
                self.message_type(t.schema.as_ref())
            );
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (field, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "  /** `{}` in `{}`. */\n  readonly {field}: repositories.{ty};",
                r.entity, r.database
            );
        }
        for (i, op) in self.p.operations.iter().enumerate() {
            let Some((hub, _)) = self.n.hubs.get(i).filter(|_| op.is_subscription()) else {
                continue;
            };
            let _ = writeln!(
                body,
                "  /** What `{}` streams: the values published with `{}`. */\n  readonly {hub} = new Hub<{}>();",
                op.label(),
                self.n.hubs.get(i).map(|h| h.1.as_str()).unwrap_or_default(),
                self.response_type(op)
            );
        }
        body.push_str("\n  constructor(\n    readonly config: Config,\n    readonly log: FastifyBaseLogger,\n  ) {\n");
        let grpc_names = typescript_grpc::client_names(self.p, &self.n);
        for (i, c) in self.p.clients.iter().enumerate() {
            let (field, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let grpc = grpc_names
                .get(i)
                .and_then(Option::as_ref)
                .map(typescript_grpc::client_arguments)
                .unwrap_or_default();
            let _ = writeln!(
                body,
                "    this.{field} = new clients.{ty}(config.{}{grpc});",
                self.peer_field(&c.peer)
            );
        }
        for (i, t) in self.p.producers.iter().enumerate() {
            let field = self.n.producers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "    this.{field} = new Producer(new Broker(config.{}), {}, log);",
                self.peer_field(&t.queue),
                ts_str(&t.topic)
            );
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (field, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "    this.{field} = new repositories.{ty}(config.{});",
                self.peer_field(&r.database)
            );
        }
        body.push_str("  }\n\n  /** Whether the service can take traffic (check your connections here). */\n  async ready(): Promise<boolean> {\n    return true;\n  }\n");
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
                "\n  /** Handles one message from `{}` on `{}`. */\n  async {name}(ctx: Ctx, message: {}): Promise<void> {{\n    this.log.info({{ requestId: ctx.requestId, topic: {} }}, \"message received\");\n    void message;\n  }}",
                comment(&t.topic),
                t.queue,
                self.message_type(t.schema.as_ref()),
                ts_str(&t.topic)
            );
        }
        body.push_str(&typescript_grpc::service_methods(self.p, &self.n));
        if self.p.schedule.is_some() {
            body.push_str("\n  /** The scheduled job. */\n  async runScheduledJob(ctx: Ctx): Promise<void> {\n    this.log.info({ requestId: ctx.requestId }, \"scheduled job\");\n  }\n");
        }
        body.push_str("}\n");
        let mut imports = String::from("\nimport type { FastifyBaseLogger } from \"fastify\";\n\n");
        if body.contains("clients.") {
            imports.push_str("import * as clients from \"./clients\";\n");
        }
        imports.push_str("import type { Config } from \"./config\";\n");
        if body.contains("Ctx") {
            imports.push_str("import type { Ctx } from \"./context\";\n");
        }
        if body.contains("convert<") {
            imports.push_str("import { convert } from \"./errors\";\n");
        }
        if body.contains("new Hub<") {
            imports.push_str("import { Hub } from \"./hub\";\n");
        }
        if body.contains("Producer") {
            imports.push_str("import { Broker, Producer } from \"./events\";\n");
        }
        if body.contains("models.empty") {
            imports.push_str("import * as models from \"./models\";\n");
        } else if body.contains("models.") {
            imports.push_str("import type * as models from \"./models\";\n");
        }
        if body.contains("repositories.") {
            imports.push_str("import * as repositories from \"./repositories\";\n");
        }
        imports.push_str(&typescript_grpc::message_imports(self.p, "."));
        format!("{header}{imports}{body}")
    }

    fn operation(&self, i: usize, op: &Operation) -> String {
        let name = self.n.operations.get(i).cloned().unwrap_or_default();
        let params: Vec<&str> = op.route.params().collect();
        let mut args = vec!["ctx: Ctx".to_owned()];
        args.extend(params.iter().map(|p| format!("{p}: string")));
        if let Some(r) = &op.request {
            args.push(format!("body: {}", self.message_type(Some(r))));
        }
        let response = self.response_type(op);
        let mut out = String::new();
        let summary = comment(&op.summary);
        let _ = writeln!(
            out,
            "\n  /** `{}`{} */\n  async {name}({}): Promise<{response}> {{",
            op.label(),
            after_colon(&summary),
            args.join(", ")
        );
        let _ = writeln!(
            out,
            "    this.log.debug({{ requestId: ctx.requestId, operation: {} }}, \"service layer\");",
            ts_str(&name)
        );
        let used: Vec<String> = params
            .iter()
            .map(|p| (*p).to_owned())
            .chain(op.request.iter().map(|_| "body".to_owned()))
            .collect();
        if !used.is_empty() {
            let _ = writeln!(out, "    void [{}];", used.join(", "));
        }
        let mut result = None;
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
                    call_args.push(format!("convert<{tty}>(body)"));
                } else {
                    call_args.push(self.empty_value(&tty));
                }
            }
            let var = if forward {
                "forwarded".to_owned()
            } else {
                format!("reply{n}")
            };
            let _ = writeln!(
                out,
                "    const {var} = await this.{field}.{method}({});",
                call_args.join(", ")
            );
            if forward {
                let same =
                    target.response == op.response && target.response_list == op.response_list;
                result = Some(if same {
                    "forwarded".to_owned()
                } else {
                    format!("convert<{response}>(forwarded)")
                });
            } else {
                let _ = writeln!(out, "    void {var};");
            }
        }
        for &pi in &op.publishes {
            let Some(t) = self.p.producers.get(pi) else {
                continue;
            };
            let field = self.n.producers.get(pi).cloned().unwrap_or_default();
            let value = self.empty_value(&self.message_type(t.schema.as_ref()));
            let _ = writeln!(out, "    await this.{field}.publish(ctx, {value});");
        }
        let value = result.unwrap_or_else(|| self.empty_value(&response));
        let _ = writeln!(
            out,
            "    // TODO: the business logic of this operation.\n    return {value};\n  }}"
        );
        out
    }

    /// The service method of a GraphQL subscription: a stream of the values published on its
    /// hub, and the method that publishes to it.
    fn subscription(&self, i: usize, op: &Operation) -> String {
        let name = self.n.operations.get(i).cloned().unwrap_or_default();
        let (hub, publish) = self.n.hubs.get(i).cloned().unwrap_or_default();
        let response = self.response_type(op);
        let summary = comment(&op.summary);
        let mut args = vec!["ctx: Ctx".to_owned()];
        if let Some(r) = &op.request {
            args.push(format!("body: {}", self.message_type(Some(r))));
        }
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n  /** `{}`{} */\n  {name}({}): AsyncIterableIterator<{response}> {{",
            op.label(),
            after_colon(&summary),
            args.join(", ")
        );
        if op.request.is_some() {
            out.push_str("    void body;\n");
        }
        let _ = writeln!(
            out,
            "    this.log.debug({{ requestId: ctx.requestId, operation: {} }}, \"service layer\");",
            ts_str(&name)
        );
        let _ = writeln!(
            out,
            "    // TODO: feed the hub from the project's events (`{publish}` from a consumer of the\n    // right topic, for instance); each subscriber streams what is published from now on.\n    return this.{hub}.subscribe();\n  }}"
        );
        let _ = writeln!(
            out,
            "\n  /** Sends `value` to every open `{}`. */\n  {publish}(value: {response}): void {{\n    this.{hub}.publish(value);\n  }}",
            op.label()
        );
        out
    }

    fn repositories_ts(&self) -> String {
        let mut out = self.header("Repositories: one per entity the service reads or writes. Each keeps rows in\n// memory behind the methods a database-backed one has, and knows the database address;\n// replace the bodies with queries when the schema in sql/ is deployed.");
        if self.p.repositories.is_empty() {
            out.push_str("\nexport {};\n");
            return out;
        }
        if self
            .p
            .repositories
            .iter()
            .any(|r| self.n.ty(&r.entity).is_some())
        {
            out.push_str("\nimport type * as models from \"./models\";\n");
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (_, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let row = self.message_type(Some(&r.entity));
            let _ = writeln!(
                out,
                "\n/** Rows of `{}` in `{}`. */\nexport class {ty} {{\n  private readonly rows = new Map<string, {row}>();\n\n  constructor(readonly url: string) {{}}\n\n  async get(key: string): Promise<{row} | undefined> {{\n    return this.rows.get(key);\n  }}\n\n  async list(): Promise<{row}[]> {{\n    return [...this.rows.values()];\n  }}",
                r.entity, r.database
            );
            if r.writes {
                let _ = writeln!(
                    out,
                    "\n  async save(key: string, row: {row}): Promise<void> {{\n    this.rows.set(key, row);\n  }}\n\n  async delete(key: string): Promise<boolean> {{\n    return this.rows.delete(key);\n  }}"
                );
            }
            out.push_str("}\n");
        }
        out
    }

    fn clients_ts(&self) -> String {
        let header = self.header(
            "Clients: one per component this service calls, with the model's timeout and retries.",
        );
        let mut body = String::new();
        let grpc_names = typescript_grpc::client_names(self.p, &self.n);
        for (i, c) in self.p.clients.iter().enumerate() {
            let (_, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let timeout = c
                .call
                .timeout_ms
                .map(|m| m.to_string())
                .unwrap_or_else(|| "undefined".to_owned());
            let http = format!(
                "    this.http = new HttpClient({{ name: {}, base, timeoutMs: {timeout}, retries: {}, breaker: {}, relayCredentials: {} }});",
                ts_str(c.peer.as_str()),
                c.call.retries,
                c.call.circuit_breaker,
                !c.external
            );
            let _ = writeln!(
                body,
                "\n/** Calls `{}` ({}). */\nexport class {ty} {{",
                c.peer,
                comment(&c.name),
            );
            match (&c.grpc, grpc_names.get(i).and_then(Option::as_ref)) {
                (Some(t), Some(names)) => {
                    body.push_str(&typescript_grpc::client_members(c, t, names, &http));
                }
                _ => {
                    let _ = writeln!(
                        body,
                        "  private readonly http: HttpClient;\n\n  constructor(base: string) {{\n{http}\n  }}"
                    );
                }
            }
            if c.external {
                body.push_str("\n  /** Sends `body` to `path` (an external API: shape the calls you need). */\n  call(ctx: Ctx, method: string, path: string, body?: unknown): Promise<unknown> {\n    return this.http.send(ctx, method, path, body);\n  }\n");
            }
            if let Some(g) = &c.graphql {
                let _ = writeln!(
                    body,
                    "\n  /** Runs one query or mutation of the GraphQL API `{}` (`api/{}.graphql`, served by `{}`)\n   * and returns its `data`; an error in the answer throws an AppError. For example:\n   * `{}` */\n  graphql(ctx: Ctx, query: string, variables: Record<string, unknown> = {{}}): Promise<unknown> {{\n    return this.http.graphql(ctx, query, variables);\n  }}",
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
                let mut args = vec!["ctx: Ctx".to_owned()];
                args.extend(params.iter().map(|p| format!("{p}: string")));
                if let Some(r) = &op.request {
                    args.push(format!("body: {}", self.message_type(Some(r))));
                }
                let mut path = Vec::new();
                for seg in &op.route.segments {
                    match seg {
                        Segment::Literal(l) => path.push(ts_str(&format!("/{l}"))),
                        Segment::Param(p) => path.push(format!("\"/\" + segment({p})")),
                    }
                }
                if path.is_empty() {
                    path.push("\"/\"".to_owned());
                }
                let body_arg = if op.request.is_some() { ", body" } else { "" };
                let _ = writeln!(
                    body,
                    "\n  /** `{} {}` */\n  {name}({}): Promise<{}> {{\n    return this.http.send(ctx, \"{}\", {}{body_arg});\n  }}",
                    op.method.label(),
                    op.route.braces(),
                    args.join(", "),
                    self.response_type(op),
                    op.method.label(),
                    path.join(" + ")
                );
            }
            body.push_str("}\n");
        }
        let mut imports = String::from("\n");
        if self.p.calls_grpc() {
            imports.push_str("import type { FastifyBaseLogger } from \"fastify\";\n\n");
        }
        imports.push_str("import type { Ctx } from \"./context\";\n");
        if self.p.calls_grpc() {
            imports.push_str("import { GrpcClient } from \"./grpcClient\";\n");
        }
        if body.contains("segment(") {
            imports.push_str("import { HttpClient, segment } from \"./http\";\n");
        } else {
            imports.push_str("import { HttpClient } from \"./http\";\n");
        }
        for s in typescript_grpc::called(self.p) {
            let _ = writeln!(
                imports,
                "import type * as {} from \"./messages/{}\";",
                typescript_grpc::alias(s),
                s.stem
            );
        }
        if body.contains("models.") {
            imports.push_str("import type * as models from \"./models\";\n");
        }
        format!("{header}{imports}{body}")
    }
}

// ---------------------------------------------------------------------------- GraphQL

impl Gen<'_> {
    /// `src/graphql.ts`: the contract's SDL, the table from GraphQL names to wire names, and
    /// one resolver per query and mutation, each calling its service method.
    fn graphql_ts(&self) -> String {
        let Some(g) = &self.p.graphql else {
            return String::new();
        };
        let header = self.header(&format!(
            "GraphQL: the schema of `{}` served at POST /graphql, one resolver per query,\n// mutation and subscription; each checks credentials where the model asks and calls the service layer.",
            g.api
        ));
        let mut body = String::new();
        let _ = writeln!(
            body,
            "\n/** The contract `api/{}.graphql`, served as it is. */\nexport const SDL = [",
            file_stem(g.api.as_str())
        );
        for line in g.sdl.lines() {
            let _ = writeln!(body, "  {},", ts_str(line));
        }
        body.push_str("].join(\"\\n\");\n\n/** Per GraphQL type: per field, [the model's wire name, the field's type]. */\nexport const TYPES: TypeTable = {\n");
        for t in &g.schema.types {
            let fields: Vec<String> = t
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: [{}, {}]",
                        ts_str(&f.name),
                        ts_str(&f.key),
                        ts_str(&f.ty)
                    )
                })
                .collect();
            let _ = writeln!(body, "  {}: {{ {} }},", ts_str(&t.name), fields.join(", "));
        }
        body.push_str("};\n\nexport function registerGraphql(\n  app: FastifyInstance,\n  config: Config,\n  service: Service,\n  preHandler: preHandlerHookHandler[],\n): void {\n");
        let auth = self.uses_auth() && self.p.operations.iter().any(|o| o.auth && !o.is_http());
        if auth {
            body.push_str("  const auth = requireAuth(config);\n");
        } else {
            body.push_str("  void config;\n");
        }
        body.push_str("  const resolvers: Record<string, RootResolver> = {\n");
        for (i, op) in self.p.operations.iter().enumerate() {
            let Some((root, field)) = op.graphql_field() else {
                continue;
            };
            let Some(rf) = g
                .schema
                .roots
                .iter()
                .find(|r| r.root == root && r.name == field)
            else {
                continue;
            };
            let name = self.n.operations.get(i).cloned().unwrap_or_default();
            let summary = comment(&op.summary);
            let _ = writeln!(body, "    // {}{}", op.label(), after_colon(&summary));
            let _ = writeln!(
                body,
                "    {}: async (ctx, request, args) => {{",
                ts_str(&format!("{root}.{field}"))
            );
            if op.auth && auth {
                body.push_str("      await auth(request);\n");
            }
            let _ = writeln!(
                body,
                "      request.log.info({{ requestId: ctx.requestId, operation: {} }}, \"resolver\");",
                ts_str(&name)
            );
            let mut call_args = vec!["ctx".to_owned()];
            if let Some(r) = &op.request {
                let ty = rf.input.as_ref().map(|(t, _)| t.as_str()).unwrap_or("JSON");
                let _ = writeln!(
                    body,
                    "      const input = fromGraphql(args[\"input\"], {}, TYPES) as {};",
                    ts_str(ty),
                    self.message_type(Some(r))
                );
                call_args.push("input".to_owned());
            }
            if op.is_subscription() {
                let value = if op.response.is_some() {
                    format!("toGraphql(out, {}, TYPES)", ts_str(&rf.ty))
                } else {
                    "true".to_owned()
                };
                let _ = writeln!(
                    body,
                    "      return mapStream(service.{name}({}), (out) => {value});\n    }},",
                    call_args.join(", ")
                );
                continue;
            }
            let call = format!("await service.{name}({})", call_args.join(", "));
            if op.response.is_some() {
                let _ = writeln!(
                    body,
                    "      const out = {call};\n      return toGraphql(out, {}, TYPES);\n    }},",
                    ts_str(&rf.ty)
                );
            } else {
                let _ = writeln!(body, "      {call};\n      return true;\n    }},");
            }
        }
        body.push_str("  };\n  serveGraphql(app, SDL, resolvers, preHandler);\n}\n");
        let mut imports = String::from(
            "\nimport type { FastifyInstance, preHandlerHookHandler } from \"fastify\";\n\n",
        );
        if auth {
            imports.push_str("import { requireAuth } from \"./auth\";\n");
        }
        imports.push_str("import type { Config } from \"./config\";\n");
        let mut helpers = vec!["type RootResolver", "serveGraphql", "type TypeTable"];
        if body.contains("fromGraphql(") {
            helpers.push("fromGraphql");
        }
        if body.contains("toGraphql(") {
            helpers.push("toGraphql");
        }
        if body.contains("mapStream(") {
            helpers.push("mapStream");
        }
        helpers.sort_by_key(|h| h.trim_start_matches("type ").to_lowercase());
        let _ = writeln!(
            imports,
            "import {{ {} }} from \"./graphqlHttp\";",
            helpers.join(", ")
        );
        if body.contains("models.") {
            imports.push_str("import type * as models from \"./models\";\n");
        }
        imports.push_str("import type { Service } from \"./services\";\n");
        format!("{header}{imports}{body}")
    }

    /// `test/subscription.test.ts` (when the project serves a subscription): the subscription
    /// opened over SSE streams a value the service publishes, with the schema's shape; without
    /// `Accept: text/event-stream` it is refused, and without credentials (if it needs them) it
    /// answers `UNAUTHENTICATED`.
    fn subscription_test(&self) -> Option<String> {
        let probe = super::graphql::subscription_probe(self.p)?;
        let op = self.p.operations.get(probe.operation)?;
        let (_, publish) = self.n.hubs.get(probe.operation)?;
        let scheme = scheme(self.p.auth).filter(|_| self.uses_auth() && probe.auth);
        let mut out = String::from(
            "// A subscription posted to /graphql over SSE streams what the service publishes.\n\nimport { test } from \"node:test\";\nimport assert from \"node:assert/strict\";\nimport type { AddressInfo } from \"node:net\";\n\nimport Fastify from \"fastify\";\n\nimport { buildApp } from \"../src/app\";\n",
        );
        if scheme == Some("jwt") {
            out.push_str("import { signJwt } from \"../src/auth\";\n");
        }
        out.push_str("import { loadConfig } from \"../src/config\";\n");
        let value = self.empty_value(&self.response_type(op));
        if value.starts_with("models.") {
            out.push_str("import * as models from \"../src/models\";\n");
        }
        out.push_str("import { Service } from \"../src/services\";\n");
        let headers = match scheme {
            Some("jwt") => {
                "{ authorization: `Bearer ${signJwt({ sub: \"test\", exp: Math.floor(Date.now() / 1000) + 300 }, \"graphql-test-secret\")}` }"
            }
            Some("apiKey") => "{ \"x-api-key\": \"graphql-test-key\" }",
            Some(_) => "{ \"x-client-verify\": \"SUCCESS\" }",
            None => "{}",
        };
        let _ = write!(
            out,
            r#"
const QUERY = {query};
const VARIABLES = {variables};

/** The app on a free port, and its service (to publish through). */
async function start(): Promise<{{ service: Service; url: string; close: () => Promise<void> }}> {{
  const config = loadConfig({{ JWT_SECRET: "graphql-test-secret", API_KEYS: "graphql-test-key" }});
  const service = new Service(config, Fastify().log);
  const app = buildApp(config, service);
  await app.listen({{ host: "127.0.0.1", port: 0 }});
  const {{ port }} = app.server.address() as AddressInfo;
  return {{ service, url: `http://127.0.0.1:${{port}}/graphql`, close: () => app.close() }};
}}

/** Reads the stream up to the end of its next SSE event: its `event` and `data` fields. */
async function nextEvent(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  buffered: {{ text: string }},
): Promise<{{ event: string; data: string }}> {{
  const decoder = new TextDecoder();
  while (!buffered.text.includes("\n\n")) {{
    const {{ value, done }} = await reader.read();
    if (done) throw new Error(`the stream ended before an event: ${{JSON.stringify(buffered.text)}}`);
    buffered.text += decoder.decode(value, {{ stream: true }});
  }}
  const end = buffered.text.indexOf("\n\n");
  const block = buffered.text.slice(0, end);
  buffered.text = buffered.text.slice(end + 2);
  const field = (name: string): string =>
    block
      .split("\n")
      .filter((l) => l.startsWith(`${{name}}:`))
      .map((l) => l.slice(name.length + 1).trimStart())
      .join("\n");
  return {{ event: field("event"), data: field("data") }};
}}

test("subscription {field} over SSE streams a published value of the schema's shape", {{ timeout: 10_000 }}, async () => {{
  const {{ service, url, close }} = await start();
  const stop = new AbortController();
  try {{
    const response = await fetch(url, {{
      method: "POST",
      headers: {{ "content-type": "application/json", accept: "text/event-stream", ...{headers} }},
      body: JSON.stringify({{ query: QUERY, variables: VARIABLES }}),
      signal: stop.signal,
    }});
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
    assert.ok(response.body);
    // The headers come once the subscription listens: what is published now reaches it.
    service.{publish}({value});
    const event = await nextEvent(response.body.getReader(), {{ text: "" }});
    assert.equal(event.event, "next", JSON.stringify(event));
    const answer = JSON.parse(event.data) as {{ data?: Record<string, unknown> | null; errors?: unknown }};
    assert.equal(answer.errors, undefined, event.data);
    const value = answer.data?.[{field_str}];
{check}  }} finally {{
    stop.abort();
    await close();
  }}
}});

test("subscription {field} without Accept: text/event-stream is refused with a GraphQL error", async () => {{
  const {{ url, close }} = await start();
  try {{
    const response = await fetch(url, {{
      method: "POST",
      headers: {{ "content-type": "application/json", accept: "application/json", ...{headers} }},
      body: JSON.stringify({{ query: QUERY, variables: VARIABLES }}),
    }});
    assert.equal(response.status, 400);
    const answer = (await response.json()) as {{ errors?: {{ message?: string }}[] }};
    assert.match(answer.errors?.[0]?.message ?? "", /text\/event-stream/);
  }} finally {{
    await close();
  }}
}});
"#,
            query = ts_str(&probe.query),
            variables = probe.variables,
            field = probe.field,
            field_str = ts_str(&probe.field),
            check = self.graphql_check(&probe, "event.data"),
        );
        if scheme.is_some() {
            let _ = write!(
                out,
                r#"
test("subscription {field} without credentials answers UNAUTHENTICATED and completes", {{ timeout: 10_000 }}, async () => {{
  const {{ url, close }} = await start();
  try {{
    const response = await fetch(url, {{
      method: "POST",
      headers: {{ "content-type": "application/json", accept: "text/event-stream" }},
      body: JSON.stringify({{ query: QUERY, variables: VARIABLES }}),
    }});
    assert.equal(response.status, 200);
    assert.ok(response.body);
    const reader = response.body.getReader();
    const buffered = {{ text: "" }};
    const event = await nextEvent(reader, buffered);
    assert.equal(event.event, "next", JSON.stringify(event));
    const answer = JSON.parse(event.data) as {{ errors?: {{ extensions?: {{ code?: string }} }}[] }};
    assert.equal(answer.errors?.[0]?.extensions?.code, "UNAUTHENTICATED", event.data);
    assert.equal((await nextEvent(reader, buffered)).event, "complete");
  }} finally {{
    await close();
  }}
}});
"#,
                field = probe.field,
            );
        }
        Some(out)
    }

    /// The assertions on `value`, the answer's `data.<field>`, that `probe` expects; `what`
    /// is printed when one fails.
    fn graphql_check(&self, probe: &super::graphql::Probe, what: &str) -> String {
        match &probe.expect {
            super::graphql::Expect::Object { typename, keys } => format!(
                "    assert.ok(value !== null && typeof value === \"object\", {what});\n    assert.deepEqual(Object.keys(value as object).sort(), [{}]);\n    assert.equal((value as Record<string, unknown>)[\"__typename\"], {});\n",
                keys.iter()
                    .map(|k| ts_str(k))
                    .collect::<Vec<_>>()
                    .join(", "),
                ts_str(typename)
            ),
            super::graphql::Expect::List => {
                format!("    assert.ok(Array.isArray(value), {what});\n")
            }
            super::graphql::Expect::True => "    assert.equal(value, true);\n".to_owned(),
            super::graphql::Expect::Any => {
                format!("    assert.notEqual(value, undefined, {what});\n")
            }
        }
    }

    /// `test/graphql.test.ts`: a query posted to /graphql answers data of the schema's shape;
    /// a field that needs credentials refuses a caller without them.
    fn graphql_test(&self) -> String {
        let mut out = String::from(
            "// POST /graphql answers a query of the schema with data of its shape.\n\nimport { test } from \"node:test\";\nimport assert from \"node:assert/strict\";\n\nimport { buildApp } from \"../src/app\";\n",
        );
        let Some(probe) = super::graphql::probe(self.p) else {
            return out;
        };
        let scheme = scheme(self.p.auth).filter(|_| self.uses_auth());
        let needs_credentials = probe.auth && scheme.is_some();
        if needs_credentials && scheme == Some("jwt") {
            out.push_str("import { signJwt } from \"../src/auth\";\n");
        }
        out.push_str("import { loadConfig } from \"../src/config\";\n\nasync function post(\n  query: string,\n  variables: unknown,\n  headers: Record<string, string>,\n): Promise<{ status: number; answer: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } }> {\n  const app = buildApp(loadConfig({ JWT_SECRET: \"graphql-test-secret\", API_KEYS: \"graphql-test-key\" }));\n  try {\n    const response = await app.inject({ method: \"POST\", url: \"/graphql\", headers, payload: { query, variables } });\n    return { status: response.statusCode, answer: response.json() };\n  } finally {\n    await app.close();\n  }\n}\n");
        let headers = match scheme.filter(|_| needs_credentials) {
            Some("jwt") => {
                "{ authorization: `Bearer ${signJwt({ sub: \"test\", exp: Math.floor(Date.now() / 1000) + 300 }, \"graphql-test-secret\")}` }"
            }
            Some("apiKey") => "{ \"x-api-key\": \"graphql-test-key\" }",
            Some(_) => "{ \"x-client-verify\": \"SUCCESS\" }",
            None => "{}",
        };
        let check = match &probe.expect {
            super::graphql::Expect::Object { typename, keys } => format!(
                "  assert.ok(value !== null && typeof value === \"object\", JSON.stringify(answer));\n  assert.deepEqual(Object.keys(value as object).sort(), [{}]);\n  assert.equal((value as Record<string, unknown>)[\"__typename\"], {});\n",
                keys.iter()
                    .map(|k| ts_str(k))
                    .collect::<Vec<_>>()
                    .join(", "),
                ts_str(typename)
            ),
            super::graphql::Expect::List => {
                "  assert.ok(Array.isArray(value), JSON.stringify(answer));\n".to_owned()
            }
            super::graphql::Expect::True => "  assert.equal(value, true);\n".to_owned(),
            super::graphql::Expect::Any => format!(
                "  assert.ok({} in (answer.data ?? {{}}), JSON.stringify(answer));\n",
                ts_str(&probe.field)
            ),
        };
        let _ = writeln!(
            out,
            "\ntest(\"POST /graphql answers {} with data of the schema's shape\", async () => {{\n  const {{ status, answer }} = await post(\n    {},\n    {},\n    {headers},\n  );\n  assert.equal(status, 200);\n  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));\n  const value = answer.data?.[{}];\n{check}}});",
            probe.field,
            ts_str(&probe.query),
            probe.variables,
            ts_str(&probe.field)
        );
        if let Some(locked) =
            super::graphql::unauthenticated_probe(self.p).filter(|_| scheme.is_some())
        {
            let _ = writeln!(
                out,
                "\ntest(\"{} without credentials answers UNAUTHENTICATED\", async () => {{\n  const {{ status, answer }} = await post(\n    {},\n    {},\n    {{}},\n  );\n  assert.equal(status, 200);\n  assert.equal(answer.errors?.[0]?.extensions?.code, \"UNAUTHENTICATED\", JSON.stringify(answer));\n}});",
                locked.field,
                ts_str(&locked.query),
                locked.variables
            );
        }
        out
    }
}
