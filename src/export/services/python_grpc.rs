//! The gRPC side of a Python project: a `grpc.aio` server in the same process and event loop
//! as the FastAPI app, serving the project's copy of each contract (`proto/`), compiled at
//! import by `grpc.protos_and_services` (grpcio-tools), so no generated stubs are checked in.
//!
//! A gRPC call gets its methods on the peer's client class, through `app/grpc_client.py`
//! (a `grpc.aio` channel, deadline, retries, the HTTP client's breaker, metadata, status codes
//! mapped to `AppError`); a served RPC that forwards re-encodes the request and the answer
//! between the two contracts' packages.

use std::fmt::Write;

use super::super::escape::{comment, py_str};
use super::super::names::{Case, Lang, ident};
use super::super::project::Project;
use super::super::rpc::{GRPC_PORT_VAR, GrpcService, RpcRef};
use super::super::wiring::Host;
use super::after_colon;
use super::naming::{Naming, grpc_client_names};
use crate::model::Auth;

/// The lines `requirements.txt` gains.
pub const REQUIREMENTS: &str = "grpcio>=1.62,<2\ngrpcio-tools>=1.62,<2\n";

/// The attribute of `app/protos.py` holding one contract's messages (`driver_api_pb2`).
pub fn messages(s: &GrpcService) -> String {
    format!("{}_pb2", s.file.trim_end_matches(".proto"))
}

/// The attribute of `app/protos.py` holding one contract's services.
pub fn services(s: &GrpcService) -> String {
    format!("{}_grpc", messages(s))
}

/// The `Config` field.
pub fn config_field() -> String {
    format!("    grpc_port: int  # {GRPC_PORT_VAR}")
}

/// The check before `return Config(`.
pub fn config_check(p: &Project) -> String {
    format!(
        "    grpc_port = read(\"{GRPC_PORT_VAR}\", \"{}\")\n    if not grpc_port.isdigit() or not 0 < int(grpc_port) < 65536:\n        raise ValueError(\"{GRPC_PORT_VAR} must be a port number\")\n",
        p.grpc_port()
    )
}

/// `app/protos.py`: the contracts served and called, compiled at import.
pub fn protos_py(p: &Project, header: &str) -> String {
    let mut out = String::from(header);
    out.push_str("\nimport pathlib\nimport sys\n\nimport grpc\n\n# The project's copies of the contracts; grpc.protos_and_services finds them on sys.path.\nPROTO_DIR = pathlib.Path(__file__).resolve().parent.parent / \"proto\"\nif str(PROTO_DIR) not in sys.path:\n    sys.path.append(str(PROTO_DIR))\n\n");
    for s in p.contracts() {
        let _ = writeln!(
            out,
            "# `{}`, from proto/{}.\n{}, {} = grpc.protos_and_services({})",
            s.contract.package,
            s.file,
            messages(s),
            services(s),
            py_str(&s.file)
        );
    }
    out
}

/// The service-layer methods, one per RPC: a forward to a gRPC client, or a TODO.
pub fn service_methods(p: &Project, n: &Naming, clients: &ClientNames) -> String {
    let mut out = String::new();
    for (si, s) in p.grpc.iter().enumerate() {
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = n
                .rpcs
                .get(si)
                .and_then(|v| v.get(ri))
                .cloned()
                .unwrap_or_default();
            let summary = comment(&r.endpoint.summary);
            let served = RpcRef {
                service: si,
                rpc: ri,
            };
            let body = forward_body(p, clients, n, served).unwrap_or_else(|| {
                format!(
                    "        del request\n        # TODO: the business logic of this RPC.\n        return protos.{}.{}()",
                    messages(s),
                    r.response
                )
            });
            let _ = writeln!(
                out,
                "\n    async def {name}(self, ctx: Ctx, request: _t.Any) -> _t.Any:\n        # rpc {} of {}.{}{}: takes a {}, answers a {}.\n        log.debug(\"service layer\", extra={{\"request_id\": ctx.request_id, \"operation\": {}}})\n{body}",
                r.name,
                s.contract.package,
                s.contract.service,
                after_colon(&summary),
                r.request,
                r.response,
                py_str(&name),
            );
        }
    }
    out
}

fn authorize_fn(auth: Auth) -> &'static str {
    match auth {
        Auth::None => "",
        Auth::Jwt | Auth::Oauth2 => {
            "\n\ndef _authorize(config: Config, metadata: _t.Mapping[str, str]) -> None:\n    \"\"\"Checks the bearer token in the call's ``authorization`` metadata (HS256, JWT_SECRET).\"\"\"\n    header = metadata.get(\"authorization\", \"\")\n    if not header.startswith(\"Bearer \"):\n        raise AppError(\"unauthorized\", \"a bearer token is required\")\n    if not config.jwt_secret:\n        raise AppError(\"internal\", \"JWT_SECRET is not set\")\n    verify_jwt(header[len(\"Bearer \"):], config.jwt_secret, time.time())\n"
        }
        Auth::ApiKey => {
            "\n\ndef _authorize(config: Config, metadata: _t.Mapping[str, str]) -> None:\n    \"\"\"Checks the ``x-api-key`` metadata against API_KEYS.\"\"\"\n    key = metadata.get(\"x-api-key\")\n    if not key:\n        raise AppError(\"unauthorized\", \"an x-api-key is required\")\n    if not any(hmac.compare_digest(key.encode(), k.encode()) for k in config.api_keys):\n        raise AppError(\"unauthorized\", \"unknown API key\")\n"
        }
        Auth::Mtls => {
            "\n\ndef _authorize(config: Config, metadata: _t.Mapping[str, str]) -> None:\n    \"\"\"The TLS-terminating proxy verifies the client certificate and says so in ``x-client-verify``.\"\"\"\n    del config\n    if metadata.get(\"x-client-verify\") != \"SUCCESS\":\n        raise AppError(\"unauthorized\", \"a verified client certificate is required\")\n"
        }
    }
}

/// `app/grpc_server.py`: one handler class per service, one method per RPC, the server.
pub fn grpc_server_py(p: &Project, n: &Naming, header: &str, uses_auth: bool) -> String {
    let auth = uses_auth && p.grpc.iter().any(GrpcService::any_auth);
    let mut out = String::from(header);
    out.push('\n');
    match p.auth {
        Auth::ApiKey if auth => out.push_str("import hmac\n"),
        Auth::Jwt | Auth::Oauth2 if auth => out.push_str("import time\n"),
        _ => {}
    }
    out.push_str("import typing as _t\n\nimport grpc\n\nfrom . import protos\n");
    if auth && matches!(p.auth, Auth::Jwt | Auth::Oauth2) {
        out.push_str("from .auth import verify_jwt\n");
    }
    out.push_str("from .config import Config\nfrom .context import Ctx, ctx_from_headers\nfrom .errors import AppError\nfrom .logs import log\nfrom .services import Service\n\n_CODES = {\n    \"bad_request\": grpc.StatusCode.INVALID_ARGUMENT,\n    \"unauthorized\": grpc.StatusCode.UNAUTHENTICATED,\n    \"forbidden\": grpc.StatusCode.PERMISSION_DENIED,\n    \"not_found\": grpc.StatusCode.NOT_FOUND,\n    \"conflict\": grpc.StatusCode.ALREADY_EXISTS,\n    \"too_many_requests\": grpc.StatusCode.RESOURCE_EXHAUSTED,\n    \"upstream\": grpc.StatusCode.UNAVAILABLE,\n    \"internal\": grpc.StatusCode.INTERNAL,\n}\n\n\ndef _metadata(context: grpc.aio.ServicerContext) -> _t.Dict[str, str]:\n    \"\"\"The call's metadata as text, read like HTTP headers.\"\"\"\n    return {key: value for key, value in (context.invocation_metadata() or ()) if isinstance(value, str)}\n\n\nasync def _call(\n    context: grpc.aio.ServicerContext,\n    operation: str,\n    check: _t.Optional[_t.Callable[[_t.Mapping[str, str]], None]],\n    run: _t.Callable[[Ctx], _t.Awaitable[_t.Any]],\n) -> _t.Any:\n    \"\"\"One RPC: logs it, checks it, runs the service layer, maps its errors to gRPC codes.\"\"\"\n    metadata = _metadata(context)\n    ctx = ctx_from_headers(metadata)\n    log.info(\"request received\", extra={\"request_id\": ctx.request_id, \"operation\": operation})\n    try:\n        if check is not None:\n            check(metadata)\n        return await run(ctx)\n    except AppError as error:\n        code = _CODES.get(error.code, grpc.StatusCode.INTERNAL)\n        if code == grpc.StatusCode.INTERNAL:\n            log.error(\"request failed\", extra={\"request_id\": ctx.request_id, \"error\": error.message})\n        else:\n            log.warning(\"request refused\", extra={\"request_id\": ctx.request_id, \"error\": error.message})\n        await context.abort(code, error.message)\n");
    if auth {
        out.push_str(authorize_fn(p.auth));
    }
    for (si, s) in p.grpc.iter().enumerate() {
        let svc = &s.contract.service;
        let _ = writeln!(
            out,
            "\n\nclass {svc}Handlers(protos.{}.{svc}Servicer):\n    \"\"\"The RPCs of `{}.{svc}` (`{}`): each reads the call, calls the service layer.\"\"\"\n\n    def __init__(self, service: Service) -> None:\n        self.service = service",
            services(s),
            s.contract.package,
            s.component
        );
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = n
                .rpcs
                .get(si)
                .and_then(|v| v.get(ri))
                .cloned()
                .unwrap_or_default();
            let check = if auth && r.endpoint.auth {
                "lambda metadata: _authorize(self.service.config, metadata)"
            } else {
                "None"
            };
            let _ = writeln!(
                out,
                "\n    async def {}(self, request: _t.Any, context: grpc.aio.ServicerContext) -> _t.Any:\n        return await _call(context, {}, {check}, lambda ctx: self.service.{name}(ctx, request))",
                r.name,
                py_str(&r.name)
            );
        }
    }
    out.push_str("\n\nasync def start_grpc(\n    config: Config, service: Service, address: _t.Optional[str] = None\n) -> _t.Tuple[grpc.aio.Server, int]:\n    \"\"\"Serves every gRPC service on ``address`` (all interfaces, GRPC_PORT, by default).\"\"\"\n    server = grpc.aio.server()\n");
    for s in &p.grpc {
        let svc = &s.contract.service;
        let _ = writeln!(
            out,
            "    protos.{}.add_{svc}Servicer_to_server({svc}Handlers(service), server)",
            services(s)
        );
    }
    out.push_str("    port = server.add_insecure_port(address or f\"0.0.0.0:{config.grpc_port}\")\n    await server.start()\n    log.info(\"gRPC listening\", extra={\"port\": port})\n    return server, port\n");
    out
}

/// `tests/test_grpc.py`: an RPC that forwards nowhere answers through a grpc channel (and, if
/// it requires auth, refuses a call without credentials); an RPC that forwards answers
/// UNAVAILABLE while the server it forwards to is down, so it did try to call it.
pub fn grpc_test(p: &Project, uses_auth: bool) -> Option<String> {
    let all = || {
        p.grpc.iter().enumerate().flat_map(|(si, s)| {
            s.contract.rpcs.iter().enumerate().map(move |(ri, r)| {
                (
                    RpcRef {
                        service: si,
                        rpc: ri,
                    },
                    s,
                    r,
                )
            })
        })
    };
    let local = all().find(|(at, _, _)| p.rpc_forward(*at).is_none());
    let forwarded = all().find_map(|(at, s, r)| Some((p.rpc_forward(at)?, s, r)));
    if local.is_none() && forwarded.is_none() {
        return None;
    }
    let credentials = |auth: bool| {
        match p.auth {
        _ if !(uses_auth && auth) => ("", "()".to_owned(), ""),
        Auth::ApiKey => (
            "\"API_KEYS\": \"test-key\"",
            "((\"x-api-key\", \"test-key\"),)".to_owned(),
            "",
        ),
        Auth::Mtls => ("", "((\"x-client-verify\", \"SUCCESS\"),)".to_owned(), ""),
        _ => (
            "\"JWT_SECRET\": \"test-secret\"",
            "((\"authorization\", \"Bearer \" + sign_jwt({\"sub\": \"test\", \"exp\": 4102444800}, \"test-secret\")),)".to_owned(),
            "from app.auth import sign_jwt\n",
        ),
    }
    };
    let mut tests = String::new();
    let mut imports = String::new();
    let mut pytest = false;
    let mut about = Vec::new();
    if let Some((_, s, r)) = local {
        let needs_auth = uses_auth && r.endpoint.auth;
        let (env, metadata, import) = credentials(r.endpoint.auth);
        imports.push_str(import);
        let refused = if needs_auth {
            pytest = true;
            format!(
                "                with pytest.raises(grpc.aio.AioRpcError) as refused:\n                    await call(protos.{m}.{req}())\n                assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED\n",
                m = messages(s),
                req = r.request
            )
        } else {
            String::new()
        };
        about.push(format!(
            "`rpc {}` of `{}.{}` answers",
            r.name, s.contract.package, s.contract.service
        ));
        let _ = write!(
            tests,
            "\n\ndef test_{test}_answers() -> None:\n    async def run() -> None:\n        config = load_config({{{env}}})\n        server, port = await start_grpc(config, Service(config), \"127.0.0.1:0\")\n        try:\n            async with grpc.aio.insecure_channel(f\"127.0.0.1:{{port}}\") as channel:\n                call = protos.{grpc_mod}.{svc}Stub(channel).{rpc}\n{refused}                reply = await call(protos.{m}.{req}(), metadata={metadata})\n                assert reply == protos.{m}.{resp}()\n        finally:\n            await server.stop(None)\n\n    asyncio.run(run())\n",
            rpc = r.name,
            svc = s.contract.service,
            test = ident(Lang::Python, &r.name, Case::Snake),
            m = messages(s),
            grpc_mod = services(s),
            req = r.request,
            resp = r.response,
        );
    }
    if let Some((f, s, r)) = forwarded {
        let t = p.clients.get(f.client)?.grpc.as_ref()?;
        let (env, metadata, import) = credentials(r.endpoint.auth);
        if !imports.contains(import) {
            imports.push_str(import);
        }
        let env = [env, &format!("{}: \"http://127.0.0.1:1\"", py_str(&t.var))]
            .into_iter()
            .filter(|e| !e.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        pytest = true;
        about.push(format!("`rpc {}` forwards to `{}`", r.name, t.server));
        let _ = write!(
            tests,
            "\n\ndef test_{test}_forwards_to_{server}() -> None:\n    # Nothing listens where {var} points: the forward fails, and says so.\n    async def run() -> None:\n        config = load_config({{{env}}})\n        server, port = await start_grpc(config, Service(config), \"127.0.0.1:0\")\n        try:\n            async with grpc.aio.insecure_channel(f\"127.0.0.1:{{port}}\") as channel:\n                call = protos.{grpc_mod}.{svc}Stub(channel).{rpc}\n                with pytest.raises(grpc.aio.AioRpcError) as failed:\n                    await call(protos.{m}.{req}(), metadata={metadata})\n                assert failed.value.code() == grpc.StatusCode.UNAVAILABLE\n                assert {peer} in (failed.value.details() or \"\")\n        finally:\n            await server.stop(None)\n\n    asyncio.run(run())\n",
            rpc = r.name,
            svc = s.contract.service,
            test = ident(Lang::Python, &r.name, Case::Snake),
            server = ident(Lang::Python, t.server.as_str(), Case::Snake),
            var = t.var,
            peer = py_str(p.clients.get(f.client)?.peer.as_str()),
            m = messages(s),
            grpc_mod = services(s),
            req = r.request,
        );
    }
    Some(format!(
        "\"\"\"On a gRPC server started in-process: {}.\"\"\"\n\nimport asyncio\n\nimport grpc\n{}\nfrom app import protos\n{imports}from app.config import load_config\nfrom app.grpc_server import start_grpc\nfrom app.services import Service\n{tests}",
        about.join("; "),
        if pytest { "import pytest\n" } else { "" },
    ))
}

// ---------------------------------------------------------------------------- clients

/// `app/grpc_client.py`: the channel, deadline, retries, breaker and metadata every gRPC
/// client shares.
pub const GRPC_CLIENT_PY: &str = include_str!("../../../assets/export/python/grpc_client.py");

/// The names of the project's gRPC clients: per client with a [`super::super::rpc::GrpcTarget`],
/// its two `Config` fields and per service, per RPC, its method on the client class.
#[derive(Clone, Debug, Default)]
pub struct ClientNames {
    /// Per client: the fields holding the address and the CA file (`catalog_grpc_url`,
    /// `catalog_grpc_ca`), for gRPC clients only.
    pub fields: Vec<Option<(String, String)>>,
    /// Per client: per service of its target, per RPC, the method name (none without a target).
    pub methods: Vec<Vec<Vec<String>>>,
}

impl ClientNames {
    /// Names that clash with nothing the config or the client classes already define.
    pub fn new(p: &Project, n: &Naming) -> Self {
        let names = grpc_client_names(
            p,
            n,
            (Lang::Python, Case::Snake),
            &["port", "log_level", "jwt_secret", "api_keys", "grpc_port"],
            &["http", "grpc", "send", "call"],
        );
        Self {
            fields: names
                .iter()
                .map(|c| c.as_ref().map(|c| (c.url.clone(), c.ca.clone())))
                .collect(),
            methods: names
                .into_iter()
                .map(|c| c.map(|c| c.methods).unwrap_or_default())
                .collect(),
        }
    }

    fn method(&self, client: usize, to: RpcRef) -> String {
        self.methods
            .get(client)
            .and_then(|m| m.get(to.service))
            .and_then(|m| m.get(to.rpc))
            .cloned()
            .unwrap_or_default()
    }
}

/// The `Config` fields of the gRPC clients.
pub fn client_config_fields(p: &Project, names: &ClientNames) -> String {
    let mut out = String::new();
    for (c, fields) in p.clients.iter().zip(&names.fields) {
        let (Some(t), Some((url, ca))) = (&c.grpc, fields) else {
            continue;
        };
        let _ = writeln!(
            out,
            "    {url}: str  # {}: the gRPC address of {}\n    {ca}: _t.Optional[str]  # {}: a PEM file of the certificates to trust for it",
            t.var, t.server, t.ca_var
        );
    }
    out
}

/// The lines of `return Config(` reading the gRPC clients' fields.
pub fn client_config_reads(p: &Project, names: &ClientNames) -> String {
    let mut out = String::new();
    for (c, fields) in p.clients.iter().zip(&names.fields) {
        let (Some(t), Some((url, ca))) = (&c.grpc, fields) else {
            continue;
        };
        let _ = writeln!(
            out,
            "        {url}=read({}, {}),\n        {ca}=source.get({}) or None,",
            py_str(&t.var),
            py_str(&t.address(Host::Local)),
            py_str(&t.ca_var)
        );
    }
    out
}

/// The extra arguments of client `ci`'s constructor call in the service layer.
pub fn client_args(names: &ClientNames, ci: usize) -> String {
    match names.fields.get(ci) {
        Some(Some((url, ca))) => format!(", config.{url}, config.{ca}"),
        _ => String::new(),
    }
}

/// The constructor parameters of a gRPC client class.
pub const CLIENT_PARAMS: &str = ", grpc_url: str, grpc_ca: _t.Optional[str]";

/// The gRPC part of client `ci`'s class: the channel in `__init__`, then one method per RPC.
/// `init` goes right after `self.http = ...`; `methods` after the HTTP methods.
pub fn client_class(p: &Project, names: &ClientNames, ci: usize) -> Option<(String, String)> {
    let t = p.clients.get(ci)?.grpc.as_ref()?;
    let init = format!(
        "        # gRPC: {} of `{}`, at {}.\n        self.grpc = GrpcClient(self.http, grpc_url, grpc_ca, {})\n",
        t.services
            .iter()
            .map(|s| format!("{}.{}", s.contract.package, s.contract.service))
            .collect::<Vec<_>>()
            .join(", "),
        t.server,
        t.var,
        py_str(&t.ca_var)
    );
    let mut methods = String::new();
    for (si, s) in t.services.iter().enumerate() {
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = names.method(
                ci,
                RpcRef {
                    service: si,
                    rpc: ri,
                },
            );
            let summary = comment(&r.endpoint.summary);
            let _ = writeln!(
                methods,
                "\n    async def {name}(self, ctx: Ctx, request: _t.Any) -> _t.Any:\n        # rpc {} of {}.{}{}: takes a {}, answers a {}.\n        return await self.grpc.call(ctx, {}, lambda channel: protos.{}.{}Stub(channel).{}, request)",
                r.name,
                s.contract.package,
                s.contract.service,
                after_colon(&summary),
                r.request,
                r.response,
                py_str(&format!(
                    "{}.{}/{}",
                    s.contract.package, s.contract.service, r.name
                )),
                services(s),
                s.contract.service,
                r.name
            );
        }
    }
    Some((init, methods))
}

/// The body of served RPC `served`'s service-layer method when it forwards: the request
/// re-encoded as the called contract's message, the answer re-encoded as ours.
pub fn forward_body(
    p: &Project,
    names: &ClientNames,
    n: &Naming,
    served: RpcRef,
) -> Option<String> {
    let f = p.rpc_forward(served)?;
    let ours = p.grpc.get(served.service)?;
    let r = ours.contract.rpcs.get(served.rpc)?;
    let t = p.clients.get(f.client)?.grpc.as_ref()?;
    let theirs = t.services.get(f.to.service)?;
    let to = theirs.contract.rpcs.get(f.to.rpc)?;
    let (field, _) = n.clients.get(f.client)?;
    Some(format!(
        "        # Forwarded to {}.{}.{} on `{}`: the same fields, re-encoded between the two packages.\n        forwarded = await self.{field}.{}(ctx, protos.{}.{}.FromString(request.SerializeToString()))\n        # TODO: the business logic of this RPC.\n        return protos.{}.{}.FromString(forwarded.SerializeToString())",
        theirs.contract.package,
        theirs.contract.service,
        to.name,
        t.server,
        names.method(f.client, f.to),
        messages(theirs),
        to.request,
        messages(ours),
        r.response
    ))
}

/// `tests/test_grpc_client.py`: the first gRPC client's first RPC reaches a fake server
/// started in-process, with the request id and credentials in its metadata, and a
/// NOT_FOUND answer becomes a `not_found` AppError.
pub fn client_test(p: &Project, names: &ClientNames, n: &Naming) -> Option<String> {
    let (ci, c, t) = p
        .clients
        .iter()
        .enumerate()
        .find_map(|(ci, c)| Some((ci, c, c.grpc.as_ref()?)))?;
    let s = t.services.first()?;
    let r = s.contract.rpcs.first()?;
    let (_, ty) = n.clients.get(ci)?;
    let method = names.method(ci, RpcRef { service: 0, rpc: 0 });
    let relay = !c.external;
    Some(format!(
        "\"\"\"The gRPC client of `{peer}` calls `rpc {rpc}` of `{pkg}.{svc}` on a fake server started in-process.\"\"\"\n\nimport asyncio\nimport typing as _t\n\nimport grpc\nimport pytest\n\nfrom app import clients, protos\nfrom app.context import Ctx\nfrom app.errors import AppError\n\n\nclass Fake(protos.{grpc_mod}.{svc}Servicer):\n    def __init__(self) -> None:\n        self.metadata: _t.Dict[str, str] = {{}}\n\n    async def {rpc}(self, request: _t.Any, context: grpc.aio.ServicerContext) -> _t.Any:\n        self.metadata = {{k: v for k, v in (context.invocation_metadata() or ()) if isinstance(v, str)}}\n        if self.metadata.get(\"x-request-id\") == \"missing\":\n            await context.abort(grpc.StatusCode.NOT_FOUND, \"no such thing\")\n        return protos.{m}.{resp}()\n\n\ndef test_{test}_reaches_the_server_with_the_request_id() -> None:\n    async def run() -> None:\n        fake = Fake()\n        server = grpc.aio.server()\n        protos.{grpc_mod}.add_{svc}Servicer_to_server(fake, server)\n        port = server.add_insecure_port(\"127.0.0.1:0\")\n        await server.start()\n        client = clients.{ty}(\"http://127.0.0.1:1\", f\"http://127.0.0.1:{{port}}\", None)\n        try:\n            ctx = Ctx(request_id=\"grpc-client-test\", authorization=\"Bearer t\", api_key=\"k\")\n            reply = await client.{method}(ctx, protos.{m}.{req}())\n            assert reply == protos.{m}.{resp}()\n            assert fake.metadata[\"x-request-id\"] == \"grpc-client-test\"\n            assert fake.metadata.get(\"x-api-key\") == {key}\n            with pytest.raises(AppError) as refused:\n                await client.{method}(Ctx(request_id=\"missing\"), protos.{m}.{req}())\n            assert refused.value.code == \"not_found\"\n        finally:\n            await client.grpc.close()\n            await server.stop(None)\n\n    asyncio.run(run())\n",
        peer = c.peer,
        rpc = r.name,
        pkg = s.contract.package,
        svc = s.contract.service,
        grpc_mod = services(s),
        m = messages(s),
        req = r.request,
        resp = r.response,
        test = ident(Lang::Python, &format!("{} {}", c.peer, r.name), Case::Snake),
        key = if relay { "\"k\"" } else { "None" },
    ))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::export::{ExportOptions, Plan, plan};
    use crate::model::{Architecture, Language, Spec};

    fn load(relative: &str) -> Architecture {
        crate::file::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    fn export(arch: &Architecture, language: Option<Language>) -> Plan {
        let options = ExportOptions {
            language,
            ..ExportOptions::default()
        };
        plan(arch, &options).expect("plan")
    }

    fn text<'a>(plan: &'a Plan, path: &str) -> &'a str {
        plan.get(path)
            .map(|f| f.contents.as_str())
            .unwrap_or_else(|| panic!("no {path}"))
    }

    fn has(text: &str, wanted: &[&str]) {
        for w in wanted {
            assert!(text.contains(w), "missing {w:?} in\n{text}");
        }
    }

    #[test]
    fn a_gateway_gets_grpc_clients_and_forwards_its_rpcs() {
        let plan = export(
            &load("tests/fixtures/export/grpc.ron"),
            Some(Language::Python),
        );
        // One method per RPC of each contract called, on the client with the call's timeout,
        // retries and breaker.
        has(
            text(&plan, "services/edge/app/clients.py"),
            &[
                "from .grpc_client import GrpcClient\n",
                "def __init__(self, base: str, grpc_url: str, grpc_ca: _t.Optional[str]) -> None:",
                "self.http = HttpClient(\"catalog\", base, 2000, 1, False, True)",
                "self.grpc = GrpcClient(self.http, grpc_url, grpc_ca, \"CATALOG_GRPC_CA\")",
                "async def get_book(self, ctx: Ctx, request: _t.Any) -> _t.Any:",
                "lambda channel: protos.catalog_pb2_grpc.CatalogueServiceStub(channel).GetBook",
                "async def list_books(",
                "self.http = HttpClient(\"stock-rpc\", base, 1500, 2, True, True)",
                "protos.stock_rpc_pb2_grpc.StockRpcStub(channel).Restock",
            ],
        );
        // GetBook and Restock forward, re-encoded between the packages; Ping stays a TODO.
        let services = text(&plan, "services/edge/app/services.py");
        has(
            services,
            &[
                "forwarded = await self.catalog.get_book(ctx, protos.catalog_pb2.BookRef.FromString(request.SerializeToString()))\n        # TODO: the business logic of this RPC.\n        return protos.edge_pb2.Book.FromString(forwarded.SerializeToString())",
                "forwarded = await self.stock_rpc.restock(ctx, protos.stock_rpc_pb2.Restock.FromString(request.SerializeToString()))",
                "return protos.edge_pb2.StockLevel.FromString(forwarded.SerializeToString())",
                "self.catalog = clients.CatalogClient(config.catalog_url, config.catalog_grpc_url, config.catalog_grpc_ca)",
            ],
        );
        assert_eq!(services.matches("forwarded = await").count(), 2);
        has(
            text(&plan, "services/edge/app/config.py"),
            &[
                "    catalog_grpc_url: str  # CATALOG_GRPC_URL",
                "catalog_grpc_url=read(\"CATALOG_GRPC_URL\", \"http://127.0.0.1:19501\"),",
                "stock_rpc_grpc_ca=source.get(\"STOCK_RPC_GRPC_CA\") or None,",
            ],
        );
        // The contracts called are compiled beside the one served.
        has(
            text(&plan, "services/edge/app/protos.py"),
            &[
                "edge_pb2, edge_pb2_grpc = grpc.protos_and_services(\"edge.proto\")",
                "catalog_pb2, catalog_pb2_grpc = grpc.protos_and_services(\"catalog.proto\")",
                "stock_rpc_pb2, stock_rpc_pb2_grpc = grpc.protos_and_services(\"stock_rpc.proto\")",
            ],
        );
        // The server's test calls the RPC that stays local, and a forward with its peer down.
        has(
            text(&plan, "services/edge/tests/test_grpc.py"),
            &[
                "def test_ping_answers() -> None:",
                "def test_get_book_forwards_to_catalog() -> None:",
                "\"CATALOG_GRPC_URL\": \"http://127.0.0.1:1\"",
                "assert failed.value.code() == grpc.StatusCode.UNAVAILABLE",
            ],
        );
        has(
            text(&plan, "services/edge/tests/test_grpc_client.py"),
            &[
                "clients.CatalogClient(\"http://127.0.0.1:1\", f\"http://127.0.0.1:{port}\", None)",
                "assert fake.metadata[\"x-request-id\"] == \"grpc-client-test\"",
                "assert refused.value.code == \"not_found\"",
            ],
        );
        let client = text(&plan, "services/edge/app/grpc_client.py");
        has(
            client,
            &[
                "timeout=http.timeout, metadata=metadata",
                "RETRY = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)",
                "grpc.StatusCode.UNAUTHENTICATED: \"unauthorized\"",
                "grpc.StatusCode.NOT_FOUND: \"not_found\"",
                "grpc.ssl_target_name_override",
            ],
        );
        // The stock service calls nobody: no client, and its one RPC answers itself.
        assert!(plan.get("services/stock/app/grpc_client.py").is_none());
        assert!(!text(&plan, "services/stock/app/services.py").contains("forwarded"));
    }

    #[test]
    fn a_python_client_of_a_go_server_speaks_tls() {
        let plan = export(&load("tests/fixtures/export/grpc.ron"), None);
        has(
            text(&plan, "services/catalog/app/config.py"),
            &["stock_grpc_url=read(\"STOCK_GRPC_URL\", \"https://127.0.0.1:19502\"),"],
        );
    }

    #[test]
    fn a_project_that_only_calls_grpc_loads_its_contracts() {
        let plan = export(&load("examples/rides.ron"), Some(Language::Python));
        let dir = "services/dispatch-worker";
        assert!(plan.get(&format!("{dir}/app/grpc_server.py")).is_none());
        has(
            text(&plan, &format!("{dir}/requirements.txt")),
            &["grpcio>=", "grpcio-tools>="],
        );
        has(
            text(&plan, &format!("{dir}/app/protos.py")),
            &["grpc.protos_and_services(\"matching.proto\")"],
        );
        assert!(plan.get(&format!("{dir}/proto/matching.proto")).is_some());
        assert!(
            plan.get(&format!("{dir}/tests/test_grpc_client.py"))
                .is_some()
        );
        assert!(!text(&plan, &format!("{dir}/app/main.py")).contains("start_grpc"));
    }

    #[test]
    fn client_methods_never_shadow_the_client_s_own_members() {
        let mut arch = load("tests/fixtures/export/grpc.ron");
        let Some(Spec::Service(s)) = arch.components.get_mut("catalog").map(|c| &mut c.spec) else {
            panic!("no catalog service");
        };
        s.endpoints[0].path = "Http".to_owned();
        s.endpoints[1].path = "Call".to_owned();
        let plan = export(&arch, Some(Language::Python));
        let clients = text(&plan, "services/edge/app/clients.py");
        has(
            clients,
            &[
                "async def http__2(self, ctx: Ctx",
                "async def call__2(self, ctx: Ctx",
                "CatalogueServiceStub(channel).Http,",
            ],
        );
    }
}
