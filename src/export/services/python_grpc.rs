//! The gRPC side of a Python project: a `grpc.aio` server in the same process and event loop
//! as the FastAPI app, serving the project's copy of each contract (`proto/`), compiled at
//! import by `grpc.protos_and_services` (grpcio-tools), so no generated stubs are checked in.

use std::fmt::Write;

use super::super::escape::{comment, py_str};
use super::super::project::Project;
use super::super::rpc::{GRPC_PORT_VAR, GrpcService};
use super::after_colon;
use super::naming::Naming;
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

/// `app/protos.py`: the contracts, compiled at import.
pub fn protos_py(p: &Project, header: &str) -> String {
    let mut out = String::from(header);
    out.push_str("\nimport pathlib\nimport sys\n\nimport grpc\n\n# The project's copies of the contracts; grpc.protos_and_services finds them on sys.path.\nPROTO_DIR = pathlib.Path(__file__).resolve().parent.parent / \"proto\"\nif str(PROTO_DIR) not in sys.path:\n    sys.path.append(str(PROTO_DIR))\n\n");
    for s in &p.grpc {
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

/// The service-layer methods, one per RPC.
pub fn service_methods(p: &Project, n: &Naming) -> String {
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
            let _ = writeln!(
                out,
                "\n    async def {name}(self, ctx: Ctx, request: _t.Any) -> _t.Any:\n        # rpc {} of {}.{}{}: takes a {}, answers a {}.\n        log.debug(\"service layer\", extra={{\"request_id\": ctx.request_id, \"operation\": {}}})\n        del request\n        # TODO: the business logic of this RPC.\n        return protos.{}.{}()",
                r.name,
                s.contract.package,
                s.contract.service,
                after_colon(&summary),
                r.request,
                r.response,
                py_str(&name),
                messages(s),
                r.response
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

/// `tests/test_grpc.py`: the first RPC answers through a grpc channel (and, if it requires
/// auth, refuses a call without credentials).
pub fn grpc_test(p: &Project, uses_auth: bool) -> Option<String> {
    let s = p.grpc.first()?;
    let r = s.contract.rpcs.first()?;
    let needs_auth = uses_auth && r.endpoint.auth;
    let (env, metadata, import) = match p.auth {
        _ if !needs_auth => ("{}", "()".to_owned(), ""),
        Auth::ApiKey => (
            "{\"API_KEYS\": \"test-key\"}",
            "((\"x-api-key\", \"test-key\"),)".to_owned(),
            "",
        ),
        Auth::Mtls => ("{}", "((\"x-client-verify\", \"SUCCESS\"),)".to_owned(), ""),
        _ => (
            "{\"JWT_SECRET\": \"test-secret\"}",
            "((\"authorization\", \"Bearer \" + sign_jwt({\"sub\": \"test\", \"exp\": 4102444800}, \"test-secret\")),)".to_owned(),
            "from app.auth import sign_jwt\n",
        ),
    };
    let refused = if needs_auth {
        format!(
            "                with pytest.raises(grpc.aio.AioRpcError) as refused:\n                    await call(protos.{m}.{req}())\n                assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED\n",
            m = messages(s),
            req = r.request
        )
    } else {
        String::new()
    };
    let pytest = if needs_auth { "import pytest\n" } else { "" };
    Some(format!(
        "\"\"\"`rpc {rpc}` of `{pkg}.{svc}` answers on a gRPC server started in-process.\"\"\"\n\nimport asyncio\n\nimport grpc\n{pytest}\nfrom app import protos\n{import}from app.config import load_config\nfrom app.grpc_server import start_grpc\nfrom app.services import Service\n\n\ndef test_{test}_answers() -> None:\n    async def run() -> None:\n        config = load_config({env})\n        server, port = await start_grpc(config, Service(config), \"127.0.0.1:0\")\n        try:\n            async with grpc.aio.insecure_channel(f\"127.0.0.1:{{port}}\") as channel:\n                call = protos.{grpc_mod}.{svc}Stub(channel).{rpc}\n{refused}                reply = await call(protos.{m}.{req}(), metadata={metadata})\n                assert reply == protos.{m}.{resp}()\n        finally:\n            await server.stop(None)\n\n    asyncio.run(run())\n",
        rpc = r.name,
        pkg = s.contract.package,
        svc = s.contract.service,
        test = heck::ToSnakeCase::to_snake_case(r.name.as_str()),
        m = messages(s),
        grpc_mod = services(s),
        req = r.request,
        resp = r.response,
    ))
}
