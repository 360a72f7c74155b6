//! The gRPC side of a TypeScript project: `@grpc/grpc-js` serving the project's copy of each
//! contract (`proto/`), loaded at start-up by `@grpc/proto-loader`.
//!
//! proto-loader hands handlers plain objects with the `.proto` field names (`keepCase`), 64-bit
//! integers as strings and bytes as `Buffer`; `src/messages/<stem>.ts` types exactly that, so
//! the handlers and the service layer are typed end to end under `--strict`.
//!
//! A gRPC client loads the contracts it calls from the same `proto/` with the same options
//! (`src/grpcClient.ts`), so its answers have the shape of `src/messages/` too; a served RPC
//! that forwards hands its request to the client as it is, the two contracts' messages being
//! built from the same schema and so the same type to the compiler.

use std::fmt::Write;

use super::super::contracts::proto::{field_names, field_type};
use super::super::escape::{comment, ts_str};
use super::super::names::{Case, Lang, ident};
use super::super::project::{Client, Project};
use super::super::rpc::{GRPC_PORT_VAR, GrpcService, GrpcTarget, RpcRef};
use super::super::wiring::Host;
use super::after_colon;
use super::naming::{GrpcClientNames, Naming, grpc_client_names};
use crate::model::{Auth, FieldType};

/// The import alias of one contract's message types.
pub fn alias(s: &GrpcService) -> String {
    ident(Lang::TypeScript, &format!("pb {}", s.stem), Case::Camel)
}

/// `src/messages/<stem>.ts`: the messages of one contract as proto-loader delivers them.
pub fn messages_ts(s: &GrpcService, header: &str) -> String {
    let mut out = String::from(header);
    let c = &s.contract;
    for schema in &c.schemas {
        let Some(name) = c.messages.get(&schema.name) else {
            continue;
        };
        let _ = writeln!(
            out,
            "\n/** `{}` ({}). */\nexport interface {name} {{",
            schema.name, c.package
        );
        for (f, fname) in schema.fields.iter().zip(field_names(schema)) {
            let ty = field_type(&f.ty, &c.messages);
            let base = match &f.ty {
                FieldType::Object(n) if c.messages.contains_key(n) => ty,
                FieldType::Int | FieldType::Float => "number".to_owned(),
                FieldType::Long => "string".to_owned(),
                FieldType::Bool => "boolean".to_owned(),
                FieldType::Bytes => "Buffer".to_owned(),
                _ => "string".to_owned(),
            };
            let full = if f.list {
                format!("{base}[]")
            } else if f.nullable
                || matches!(&f.ty, FieldType::Object(n) if c.messages.contains_key(n))
            {
                // proto-loader gives an unset message field (or optional scalar) as null.
                format!("{base} | null")
            } else {
                base
            };
            let _ = writeln!(out, "  {}?: {full};", ts_str(&fname));
        }
        out.push_str("}\n");
    }
    for (item, list) in &c.lists {
        let _ = writeln!(
            out,
            "\n/** A list of `{item}`. */\nexport interface {list} {{\n  items?: {item}[];\n}}"
        );
    }
    if c.needs_empty {
        out.push_str("\n/** No fields: for calls that take or return nothing. */\nexport interface Empty {}\n");
    }
    out
}

/// The dependencies `package.json` gains.
pub const DEPENDENCIES: [(&str, &str); 2] = [
    ("@grpc/grpc-js", "^1.12.0"),
    ("@grpc/proto-loader", "^0.8.0"),
];

/// The `Config` field.
pub fn config_field() -> String {
    format!("  /** {GRPC_PORT_VAR}: the port the gRPC server listens on. */\n  grpcPort: number;")
}

/// The lines of `loadConfig` that read and check the gRPC port (before `return`).
pub fn config_read(p: &Project) -> String {
    format!(
        "  const grpcPort = Number.parseInt(read(\"{GRPC_PORT_VAR}\", \"{}\"), 10);\n  if (!Number.isInteger(grpcPort) || grpcPort < 1 || grpcPort > 65535) throw new Error(\"{GRPC_PORT_VAR} must be a port number\");\n",
        p.grpc_port()
    )
}

/// The service-layer methods, one per RPC.
pub fn service_methods(p: &Project, n: &Naming) -> String {
    let mut out = String::new();
    let names = client_names(p, n);
    for (si, s) in p.grpc.iter().enumerate() {
        let a = alias(s);
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = n
                .rpcs
                .get(si)
                .and_then(|v| v.get(ri))
                .cloned()
                .unwrap_or_default();
            let summary = comment(&r.endpoint.summary);
            let body = forward_call(
                p,
                n,
                &names,
                RpcRef {
                    service: si,
                    rpc: ri,
                },
            )
            .unwrap_or_else(|| {
                "    void request;\n    // TODO: the business logic of this RPC.\n    return {};\n"
                    .to_owned()
            });
            let _ = writeln!(
                out,
                "\n  /** `rpc {}` of `{}.{}`{} */\n  async {name}(ctx: Ctx, request: {a}.{}): Promise<{a}.{}> {{\n    this.log.debug({{ requestId: ctx.requestId, operation: {} }}, \"service layer\");\n{body}  }}",
                r.name,
                s.contract.package,
                s.contract.service,
                after_colon(&summary),
                r.request,
                r.response,
                ts_str(&name)
            );
        }
    }
    out
}

/// The body of served RPC `served` when it forwards to a client RPC: the request goes as it
/// is (same schema, so the same shape), the answer comes back as it is.
fn forward_call(
    p: &Project,
    n: &Naming,
    names: &[Option<ClientRpcNames>],
    served: RpcRef,
) -> Option<String> {
    let f = p.rpc_forward(served)?;
    let client = p.clients.get(f.client)?;
    let t = client.grpc.as_ref()?;
    let to = t.services.get(f.to.service)?;
    let rpc = to.contract.rpcs.get(f.to.rpc)?;
    let (field, _) = n.clients.get(f.client)?;
    let method = names
        .get(f.client)?
        .as_ref()?
        .methods
        .get(f.to.service)?
        .get(f.to.rpc)?;
    Some(format!(
        "    // Forwards to `rpc {}` of `{}.{}` on {} (same messages, another package).\n    return await this.{field}.{method}(ctx, request);\n",
        rpc.name, to.contract.package, to.contract.service, t.server
    ))
}

/// The names of one client's gRPC side (see [`grpc_client_names`]).
pub type ClientRpcNames = GrpcClientNames;

/// Per client of `p`: the names of its gRPC side, if it calls gRPC. Methods are the RPC names
/// in camel case, after the client's HTTP methods; config fields after the peers'.
pub fn client_names(p: &Project, n: &Naming) -> Vec<Option<ClientRpcNames>> {
    grpc_client_names(
        p,
        n,
        (Lang::TypeScript, Case::Camel),
        &["port", "logLevel", "jwtSecret", "apiKeys", "grpcPort"],
        &[
            "constructor",
            "new",
            "send",
            "call",
            "close",
            "http",
            "grpc",
        ],
    )
}

/// The `Config` fields of the gRPC clients.
pub fn client_config_fields(p: &Project, names: &[Option<ClientRpcNames>]) -> String {
    let mut out = String::new();
    for (c, names) in p.clients.iter().zip(names) {
        let (Some(t), Some(names)) = (&c.grpc, names) else {
            continue;
        };
        let _ = writeln!(
            out,
            "  /** {}: the gRPC address of {} (`https://` for TLS). */\n  {}: string;\n  /** {}: a PEM file of the certificates to trust for {}. */\n  {}?: string;",
            t.var, c.peer, names.url, t.ca_var, c.peer, names.ca
        );
    }
    out
}

/// The lines of `loadConfig`'s object that read them.
pub fn client_config_read(p: &Project, names: &[Option<ClientRpcNames>]) -> String {
    let mut out = String::new();
    for (c, names) in p.clients.iter().zip(names) {
        let (Some(t), Some(names)) = (&c.grpc, names) else {
            continue;
        };
        let _ = writeln!(
            out,
            "    {}: read({}, {}),\n    {}: env[{}] || undefined,",
            names.url,
            ts_str(&t.var),
            ts_str(&t.address(Host::Local)),
            names.ca,
            ts_str(&t.ca_var)
        );
    }
    out
}

/// The second and third arguments of the client's constructor in the service layer.
pub fn client_arguments(names: &ClientRpcNames) -> String {
    format!(
        ", {{ url: config.{}, ca: config.{} }}, log",
        names.url, names.ca
    )
}

/// The gRPC members of a client class: the `GrpcClient`, its constructor, one method per RPC.
/// `http` is the class's HTTP constructor line (`this.http = …;`), kept in the constructor.
pub fn client_members(c: &Client, t: &GrpcTarget, names: &ClientRpcNames, http: &str) -> String {
    let mut out = String::new();
    let files: Vec<String> = t.services.iter().map(|s| ts_str(&s.file)).collect();
    let timeout = c
        .call
        .timeout_ms
        .map(|m| m.to_string())
        .unwrap_or_else(|| "undefined".to_owned());
    let breaker = if c.call.circuit_breaker {
        "\n      breaker: this.http.breaker,"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "  private readonly http: HttpClient;\n  private readonly grpc: GrpcClient;\n\n  /** `grpc.url` is {}'s gRPC address ({}), `grpc.ca` the certificates to trust ({}). */\n  constructor(base: string, grpc: {{ url: string; ca?: string }}, log: FastifyBaseLogger) {{\n{http}\n    this.grpc = new GrpcClient({{\n      name: {},\n      address: grpc.url,\n      caVar: {},\n      ca: grpc.ca,\n      files: [{}],\n      timeoutMs: {timeout},\n      retries: {},{breaker}\n      relayCredentials: {},\n      log,\n    }});\n  }}\n\n  /** Closes the gRPC channels. */\n  close(): void {{\n    this.grpc.close();\n  }}",
        t.server,
        t.var,
        t.ca_var,
        ts_str(c.peer.as_str()),
        ts_str(&t.ca_var),
        files.join(", "),
        c.call.retries,
        !c.external
    );
    for (si, s) in t.services.iter().enumerate() {
        let a = alias(s);
        let full = ts_str(&format!("{}.{}", s.contract.package, s.contract.service));
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let Some(method) = names.methods.get(si).and_then(|m| m.get(ri)) else {
                continue;
            };
            let summary = comment(&r.endpoint.summary);
            let _ = writeln!(
                out,
                "\n  /** `rpc {}` of `{}.{}`{} */\n  {method}(ctx: Ctx, request: {a}.{}): Promise<{a}.{}> {{\n    return this.grpc.unary(ctx, {full}, {}, request);\n  }}",
                r.name,
                s.contract.package,
                s.contract.service,
                after_colon(&summary),
                r.request,
                r.response,
                ts_str(&r.name)
            );
        }
    }
    out
}

/// The contracts the clients of `p` call, once each (by file).
pub fn called(p: &Project) -> Vec<&GrpcService> {
    let mut out: Vec<&GrpcService> = Vec::new();
    for s in p
        .clients
        .iter()
        .filter_map(|c| c.grpc.as_ref())
        .flat_map(|t| &t.services)
    {
        if !out.iter().any(|o| o.file == s.file) {
            out.push(s);
        }
    }
    out
}

/// The `import type` lines of the message modules.
pub fn message_imports(p: &Project, from: &str) -> String {
    p.grpc
        .iter()
        .map(|s| {
            format!(
                "import type * as {} from \"{from}/messages/{}\";\n",
                alias(s),
                s.stem
            )
        })
        .collect()
}

fn authorize_fn(auth: Auth) -> &'static str {
    match auth {
        Auth::None => "",
        Auth::Jwt | Auth::Oauth2 => {
            "\n/** Checks the bearer token in the call's `authorization` metadata (HS256, JWT_SECRET). */\nfunction authorize(config: Config, metadata: grpc.Metadata): void {\n  const auth = text(metadata, \"authorization\");\n  if (!auth || !auth.startsWith(\"Bearer \")) throw new AppError(\"unauthorized\", \"a bearer token is required\");\n  if (!config.jwtSecret) throw new AppError(\"internal\", \"JWT_SECRET is not set\");\n  verifyJwt(auth.slice(\"Bearer \".length), config.jwtSecret, Math.floor(Date.now() / 1000));\n}\n"
        }
        Auth::ApiKey => {
            "\n/** Checks the `x-api-key` metadata against API_KEYS. */\nfunction authorize(config: Config, metadata: grpc.Metadata): void {\n  const key = text(metadata, \"x-api-key\");\n  if (!key) throw new AppError(\"unauthorized\", \"an x-api-key is required\");\n  const given = Buffer.from(key);\n  const known = config.apiKeys.some((k) => {\n    const candidate = Buffer.from(k);\n    return candidate.length === given.length && timingSafeEqual(candidate, given);\n  });\n  if (!known) throw new AppError(\"unauthorized\", \"unknown API key\");\n}\n"
        }
        Auth::Mtls => {
            "\n/** The TLS-terminating proxy verifies the client certificate and says so in `x-client-verify`. */\nfunction authorize(_config: Config, metadata: grpc.Metadata): void {\n  if (text(metadata, \"x-client-verify\") !== \"SUCCESS\") {\n    throw new AppError(\"unauthorized\", \"a verified client certificate is required\");\n  }\n}\n"
        }
    }
}

/// `src/grpc.ts`: loads the contracts, one handler per RPC, the server.
pub fn grpc_ts(p: &Project, n: &Naming, header: &str, uses_auth: bool) -> String {
    let auth = uses_auth && p.grpc.iter().any(GrpcService::any_auth);
    let mut out = String::from(header);
    out.push('\n');
    if auth && p.auth == Auth::ApiKey {
        out.push_str("import { timingSafeEqual } from \"node:crypto\";\n");
    }
    out.push_str("import * as fs from \"node:fs\";\nimport * as path from \"node:path\";\n\nimport * as grpc from \"@grpc/grpc-js\";\nimport * as protoLoader from \"@grpc/proto-loader\";\nimport type { FastifyBaseLogger } from \"fastify\";\n\n");
    if auth && matches!(p.auth, Auth::Jwt | Auth::Oauth2) {
        out.push_str("import { verifyJwt } from \"./auth\";\n");
    }
    out.push_str("import type { Config } from \"./config\";\nimport { type Ctx, ctxFromHeaders } from \"./context\";\nimport { AppError } from \"./errors\";\n");
    out.push_str(&message_imports(p, "."));
    out.push_str("import type { Service } from \"./services\";\n");
    let files: Vec<String> = p.grpc.iter().map(|s| ts_str(&s.file)).collect();
    let _ = writeln!(
        out,
        "\n/**\n * The project's copies of the contracts: `proto/` beside `dist/` (the compiled `dist/src/grpc.js`),\n * or beside the compiled `src/` when a build puts the project in a folder of its own.\n */\nexport const PROTO_DIR = [path.join(__dirname, \"..\", \"proto\"), path.join(__dirname, \"..\", \"..\", \"proto\")].find((dir) =>\n  fs.existsSync(dir),\n) ?? path.join(__dirname, \"..\", \"..\", \"proto\");\n\n/** Loads the contracts: `.proto` field names, 64-bit integers as strings, every field present. */\nexport function loadDefinitions(): protoLoader.PackageDefinition {{\n  return protoLoader.loadSync([{}], {{\n    includeDirs: [PROTO_DIR],\n    keepCase: true,\n    longs: String,\n    enums: String,\n    defaults: true,\n    oneofs: true,\n  }});\n}}",
        files.join(", ")
    );
    out.push_str("\n/** The definition of service `name` (`package.Service`). */\nexport function serviceDefinition(definitions: protoLoader.PackageDefinition, name: string): grpc.ServiceDefinition {\n  const found = definitions[name];\n  if (found === undefined || \"format\" in found) throw new Error(`${name} is not a service of proto/`);\n  return found as unknown as grpc.ServiceDefinition;\n}\n\nconst CODES: Record<string, grpc.status> = {\n  bad_request: grpc.status.INVALID_ARGUMENT,\n  unauthorized: grpc.status.UNAUTHENTICATED,\n  forbidden: grpc.status.PERMISSION_DENIED,\n  not_found: grpc.status.NOT_FOUND,\n  conflict: grpc.status.ALREADY_EXISTS,\n  too_many_requests: grpc.status.RESOURCE_EXHAUSTED,\n  upstream: grpc.status.UNAVAILABLE,\n  internal: grpc.status.INTERNAL,\n};\n\n/** One metadata value as text. */\nfunction text(metadata: grpc.Metadata, name: string): string | undefined {\n  const value = metadata.get(name)[0];\n  return typeof value === \"string\" ? value : undefined;\n}\n\n/** What travels with a call: its request id and credentials, read like HTTP headers. */\nfunction ctxOf(metadata: grpc.Metadata): Ctx {\n  const headers: Record<string, string> = {};\n  for (const [key, value] of Object.entries(metadata.getMap())) {\n    if (typeof value === \"string\") headers[key] = value;\n  }\n  return ctxFromHeaders(headers);\n}\n");
    if auth {
        out.push_str(authorize_fn(p.auth));
    }
    out.push_str("\n/** A unary handler: logs the call, checks it, runs the service layer, maps its errors to gRPC codes. */\nfunction unary<Req, Res>(\n  operation: string,\n  log: FastifyBaseLogger,\n  check: (metadata: grpc.Metadata) => void,\n  run: (ctx: Ctx, request: Req) => Promise<Res>,\n): grpc.handleUnaryCall<Req, Res> {\n  return (call, callback) => {\n    const ctx = ctxOf(call.metadata);\n    log.info({ requestId: ctx.requestId, operation }, \"request received\");\n    Promise.resolve()\n      .then(() => {\n        check(call.metadata);\n        return run(ctx, call.request);\n      })\n      .then(\n        (reply) => callback(null, reply),\n        (e: unknown) => {\n          const code = e instanceof AppError ? (CODES[e.code] ?? grpc.status.INTERNAL) : grpc.status.INTERNAL;\n          const details = e instanceof Error ? e.message : String(e);\n          if (code === grpc.status.INTERNAL) log.error({ requestId: ctx.requestId, error: details }, \"request failed\");\n          else log.warn({ requestId: ctx.requestId, error: details }, \"request refused\");\n          callback({ code, details });\n        },\n      );\n  };\n}\n");
    out.push_str("\n/** Serves every gRPC service on `address` (all interfaces, `GRPC_PORT`, by default). */\nexport async function startGrpc(\n  config: Config,\n  service: Service,\n  log: FastifyBaseLogger,\n  address = `0.0.0.0:${config.grpcPort}`,\n): Promise<{ server: grpc.Server; port: number }> {\n  const definitions = loadDefinitions();\n  const server = new grpc.Server();\n  const open = (_metadata: grpc.Metadata): void => undefined;\n");
    if auth {
        out.push_str(
            "  const guarded = (metadata: grpc.Metadata): void => authorize(config, metadata);\n",
        );
    } else {
        out.push_str("  void config;\n");
    }
    for (si, s) in p.grpc.iter().enumerate() {
        let a = alias(s);
        let _ = writeln!(
            out,
            "  // `{}.{}`, from proto/{}.\n  server.addService(serviceDefinition(definitions, {}), {{",
            s.contract.package,
            s.contract.service,
            s.file,
            ts_str(&format!("{}.{}", s.contract.package, s.contract.service))
        );
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = n
                .rpcs
                .get(si)
                .and_then(|v| v.get(ri))
                .cloned()
                .unwrap_or_default();
            let check = if auth && r.endpoint.auth {
                "guarded"
            } else {
                "open"
            };
            let _ = writeln!(
                out,
                "    {}: unary<{a}.{}, {a}.{}>({}, log, {check}, (ctx, request) => service.{name}(ctx, request)),",
                ts_str(&r.name),
                r.request,
                r.response,
                ts_str(&r.name)
            );
        }
        out.push_str("  });\n");
    }
    out.push_str("  const port = await new Promise<number>((resolve, reject) => {\n    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (e, bound) => (e ? reject(e) : resolve(bound)));\n  });\n  log.info({ port }, \"gRPC listening\");\n  return { server, port };\n}\n");
    out
}

/// `test/grpc.test.ts`: the first RPC answers through a grpc-js client (and, if it requires
/// auth, refuses a call without credentials). When it forwards, its client points at a closed
/// port, and the call answers UNAVAILABLE: the upstream failure, mapped.
pub fn grpc_test(p: &Project, uses_auth: bool) -> Option<String> {
    let s = p.grpc.first()?;
    let r = s.contract.rpcs.first()?;
    let needs_auth = uses_auth && r.endpoint.auth;
    let forward = p
        .rpc_forward(RpcRef { service: 0, rpc: 0 })
        .and_then(|f| p.clients.get(f.client)?.grpc.as_ref());
    let (env, credential, import) = match p.auth {
        _ if !needs_auth => ("", String::new(), ""),
        Auth::ApiKey => (
            "API_KEYS: \"test-key\"",
            "  metadata.set(\"x-api-key\", \"test-key\");\n".to_owned(),
            "",
        ),
        Auth::Mtls => (
            "",
            "  metadata.set(\"x-client-verify\", \"SUCCESS\");\n".to_owned(),
            "",
        ),
        _ => (
            "JWT_SECRET: \"test-secret\"",
            "  metadata.set(\"authorization\", `Bearer ${signJwt({ sub: \"test\", exp: 4102444800 }, \"test-secret\")}`);\n".to_owned(),
            "import { signJwt } from \"../src/auth\";\n",
        ),
    };
    let mut entries: Vec<String> = Vec::new();
    entries.extend((!env.is_empty()).then(|| env.to_owned()));
    if let Some(t) = forward {
        entries.push(format!("{}: \"http://127.0.0.1:1\"", ts_str(&t.var)));
    }
    let env = if entries.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", entries.join(", "))
    };
    let answer = if forward.is_some() {
        "    // It forwards, to a closed port: the upstream failure comes back as UNAVAILABLE.\n    await assert.rejects(call(metadata), (e: unknown) => (e as grpc.ServiceError).code === grpc.status.UNAVAILABLE);\n"
    } else {
        "    const reply = await call(metadata);\n    assert.deepEqual(reply, method.responseDeserialize(method.responseSerialize({})));\n"
    };
    let refused = if needs_auth {
        "    await assert.rejects(call(new grpc.Metadata()), (e: unknown) => (e as grpc.ServiceError).code === grpc.status.UNAUTHENTICATED);\n"
    } else {
        ""
    };
    Some(format!(
        "// `rpc {rpc}` of `{pkg}.{svc}` answers on a gRPC server started in-process, through a\n// grpc-js client.\n\nimport {{ test }} from \"node:test\";\nimport assert from \"node:assert/strict\";\n\nimport * as grpc from \"@grpc/grpc-js\";\n\nimport {{ buildApp }} from \"../src/app\";\n{import}import {{ loadConfig }} from \"../src/config\";\nimport {{ loadDefinitions, serviceDefinition, startGrpc }} from \"../src/grpc\";\nimport {{ Service }} from \"../src/services\";\n\ntest({title}, async () => {{\n  const config = loadConfig({env});\n  const app = buildApp(config);\n  const {{ server, port }} = await startGrpc(config, new Service(config, app.log), app.log, \"127.0.0.1:0\");\n  const client = new grpc.Client(`127.0.0.1:${{port}}`, grpc.credentials.createInsecure());\n  const found = serviceDefinition(loadDefinitions(), {full})[{name}];\n  if (!found) throw new Error(\"the contract has no such RPC\");\n  const method = found;\n  const call = (metadata: grpc.Metadata): Promise<unknown> =>\n    new Promise((resolve, reject) => {{\n      client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, {{}}, metadata, (e, reply) =>\n        e ? reject(e) : resolve(reply),\n      );\n    }});\n  const metadata = new grpc.Metadata();\n{credential}  try {{\n{refused}{answer}  }} finally {{\n    client.close();\n    server.forceShutdown();\n    await app.close();\n  }}\n}});\n",
        rpc = r.name,
        pkg = s.contract.package,
        svc = s.contract.service,
        title = ts_str(&format!("rpc {} answers", r.name)),
        full = ts_str(&format!("{}.{}", s.contract.package, s.contract.service)),
        name = ts_str(&r.name),
    ))
}

/// `test/grpcClient.test.ts`: the first gRPC client calls its first RPC on a server started
/// in-process from the same `proto/` copy; the server sees the request id and credentials, and
/// a NOT_FOUND answer comes back as a `not_found` AppError.
pub fn grpc_client_test(
    p: &Project,
    n: &Naming,
    names: &[Option<ClientRpcNames>],
) -> Option<String> {
    let (ci, c, t, names) = p.clients.iter().enumerate().find_map(|(ci, c)| {
        let t = c.grpc.as_ref()?;
        let names = names.get(ci)?.as_ref()?;
        t.services
            .iter()
            .any(|s| !s.contract.rpcs.is_empty())
            .then_some((ci, c, t, names))
    })?;
    let si = t
        .services
        .iter()
        .position(|s| !s.contract.rpcs.is_empty())?;
    let s = t.services.get(si)?;
    let r = s.contract.rpcs.first()?;
    let method = names.methods.get(si)?.first()?;
    let (_, ty) = n.clients.get(ci)?;
    let credentials = if c.external {
        "    assert.equal(seen[0]?.get(\"x-api-key\").length, 0);\n"
    } else {
        "    assert.equal(seen[0]?.get(\"x-api-key\")[0], \"test-key\");\n    assert.equal(seen[0]?.get(\"authorization\")[0], \"Bearer test-token\");\n"
    };
    Some(format!(
        "// The gRPC client of `{peer}` calls `rpc {rpc}` of `{pkg}.{svc}` on a server started in-process\n// from the same proto/ copy: the server sees the request id and credentials, and a refusal\n// comes back as an AppError.\n\nimport {{ test }} from \"node:test\";\nimport assert from \"node:assert/strict\";\n\nimport * as grpc from \"@grpc/grpc-js\";\nimport Fastify from \"fastify\";\n\nimport {{ {ty} }} from \"../src/clients\";\nimport type {{ Ctx }} from \"../src/context\";\nimport {{ AppError }} from \"../src/errors\";\nimport {{ loadContracts }} from \"../src/grpcClient\";\n\ntest({title}, async () => {{\n  const found = loadContracts([{file}])[{full}];\n  if (found === undefined || \"format\" in found) throw new Error(\"proto/ has no such service\");\n  const definition = found as grpc.ServiceDefinition;\n  const rpc = definition[{name}];\n  if (!rpc) throw new Error(\"the contract has no such RPC\");\n  const seen: grpc.Metadata[] = [];\n  let refuse = false;\n  const server = new grpc.Server();\n  server.addService(definition, {{\n    {name}: (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {{\n      seen.push(call.metadata);\n      if (refuse) callback({{ code: grpc.status.NOT_FOUND, details: \"no such thing\" }});\n      else callback(null, {{}});\n    }},\n  }});\n  const port = await new Promise<number>((resolve, reject) => {{\n    server.bindAsync(\"127.0.0.1:0\", grpc.ServerCredentials.createInsecure(), (e, bound) => (e ? reject(e) : resolve(bound)));\n  }});\n  const app = Fastify();\n  const client = new {ty}(\"http://127.0.0.1:1\", {{ url: `http://127.0.0.1:${{port}}` }}, app.log);\n  const ctx: Ctx = {{ requestId: \"grpc-client-test\", apiKey: \"test-key\", authorization: \"Bearer test-token\" }};\n  try {{\n    const reply = await client.{method}(ctx, {{}});\n    assert.deepEqual(reply, rpc.responseDeserialize(rpc.responseSerialize({{}})));\n    assert.equal(seen[0]?.get(\"x-request-id\")[0], \"grpc-client-test\");\n{credentials}    refuse = true;\n    await assert.rejects(client.{method}(ctx, {{}}), (e: unknown) => e instanceof AppError && e.code === \"not_found\");\n  }} finally {{\n    client.close();\n    server.forceShutdown();\n    await app.close();\n  }}\n}});\n",
        peer = c.peer,
        rpc = r.name,
        pkg = s.contract.package,
        svc = s.contract.service,
        title = ts_str(&format!(
            "the gRPC client of {} relays the request id and maps refusals",
            c.peer
        )),
        file = ts_str(&s.file),
        full = ts_str(&format!("{}.{}", s.contract.package, s.contract.service)),
        name = ts_str(&r.name),
    ))
}
