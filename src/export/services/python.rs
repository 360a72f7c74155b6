//! Python projects: FastAPI with pydantic v2 models, uvicorn, httpx clients, JSON log lines,
//! a pytest health test.
//!
//! Fixed parts live in `assets/export/python/`. Model fields keep their wire names as
//! pydantic aliases, so a field may be called anything in the model.

use std::fmt::Write;

use super::super::escape::{comment, py_str};
use super::super::names::{Case, Lang, file_stem};
use super::super::plan::{Plan, PlanError};
use super::super::project::{Operation, Project};
use super::super::route::Segment;
use super::super::wiring::{API_KEYS_VAR, Host, JWT_SECRET_VAR, LOG_LEVEL_VAR, PORT_VAR, address};
use super::after_colon;
use super::naming::{Naming, Style};
use super::python_grpc;
use super::{project_readme, schedule_seconds};
use crate::model::{Architecture, Auth, Field, FieldType, Id, Language};

const ERRORS_PY: &str = include_str!("../../../assets/export/python/errors.py");
const CONTEXT_PY: &str = include_str!("../../../assets/export/python/context.py");
const LOGS_PY: &str = include_str!("../../../assets/export/python/logs.py");
const AUTH_PY: &str = include_str!("../../../assets/export/python/auth.py");
const RATE_LIMIT_PY: &str = include_str!("../../../assets/export/python/rate_limit.py");
/// The test of `HttpClient.graphql`: the document posted, `data` returned, errors mapped.
const GRAPHQL_CLIENT_TEST: &str =
    include_str!("../../../assets/export/python/test_graphql_client.py");
const HTTP_PY: &str = include_str!("../../../assets/export/python/http.py");
const EVENTS_PY: &str = include_str!("../../../assets/export/python/events.py");

const RESERVED_TYPES: &[&str] = &[
    "AppError",
    "Broker",
    "Config",
    "Ctx",
    "GrpcClient",
    "HttpClient",
    "Hub",
    "Producer",
    "RateLimiter",
    "Service",
];

const STYLE: Style = Style {
    lang: Lang::Python,
    function: Case::Snake,
    field: Case::Snake,
};

struct Gen<'a> {
    arch: &'a Architecture,
    p: &'a Project,
    n: Naming,
    /// The gRPC clients' config fields and methods.
    g: python_grpc::ClientNames,
}

fn scheme(auth: Auth) -> Option<&'static str> {
    match auth {
        Auth::None => None,
        Auth::Jwt | Auth::Oauth2 => Some("jwt"),
        Auth::ApiKey => Some("apiKey"),
        Auth::Mtls => Some("mtls"),
    }
}

/// Adds the Python project of `p`.
pub fn generate(arch: &Architecture, p: &Project, plan: &mut Plan) -> Result<(), PlanError> {
    let n = Naming::new(p, STYLE, RESERVED_TYPES);
    let g = Gen {
        arch,
        p,
        g: python_grpc::ClientNames::new(p, &n),
        n,
    };
    let dir = format!("services/{}", file_stem(p.id.as_str()));
    let id = Some(&p.id);
    let mut requirements = String::from(
        "fastapi>=0.110,<1\nhttpx>=0.27,<1\npydantic>=2.6,<3\npytest>=8,<9\nuvicorn>=0.29,<1\n",
    );
    if p.graphql.is_some() {
        requirements.push_str("graphql-core>=3.2,<3.3\n");
    }
    if p.serves_grpc() || p.calls_grpc() {
        requirements.push_str(python_grpc::REQUIREMENTS);
    }
    plan.add(&format!("{dir}/requirements.txt"), requirements, id)?;
    plan.add(
        &format!("{dir}/Dockerfile"),
        super::dockerfile_grpc(g.dockerfile(), p),
        id,
    )?;
    plan.add(
        &format!("{dir}/.dockerignore"),
        "__pycache__\n.venv\n.pytest_cache\n",
        id,
    )?;
    plan.add(
        &format!("{dir}/.gitignore"),
        "__pycache__/\n.venv/\n.pytest_cache/\n",
        id,
    )?;
    plan.add(
        &format!("{dir}/README.md"),
        project_readme(p, Language::Python),
        id,
    )?;
    plan.add(
        &format!("{dir}/app/__init__.py"),
        "\"\"\"The service package.\"\"\"\n",
        id,
    )?;
    plan.add(&format!("{dir}/app/main.py"), g.main_py(), id)?;
    plan.add(&format!("{dir}/app/config.py"), g.config_py(), id)?;
    plan.add(&format!("{dir}/app/context.py"), CONTEXT_PY, id)?;
    plan.add(&format!("{dir}/app/errors.py"), ERRORS_PY, id)?;
    plan.add(&format!("{dir}/app/logs.py"), LOGS_PY, id)?;
    plan.add(&format!("{dir}/app/models.py"), g.models_py(), id)?;
    plan.add(&format!("{dir}/app/routes.py"), g.routes_py(), id)?;
    plan.add(&format!("{dir}/app/services.py"), g.services_py(), id)?;
    plan.add(
        &format!("{dir}/app/repositories.py"),
        g.repositories_py(),
        id,
    )?;
    if g.uses_auth() {
        let s = scheme(p.auth).unwrap_or("jwt");
        plan.add(
            &format!("{dir}/app/auth.py"),
            AUTH_PY.replace("__SCHEME__", s),
            id,
        )?;
    }
    if let Some(limit) = p.rate_limit {
        plan.add(
            &format!("{dir}/app/rate_limit.py"),
            RATE_LIMIT_PY.replace("__PER_MINUTE__", &limit.max(1).to_string()),
            id,
        )?;
    }
    if !p.clients.is_empty() {
        plan.add(&format!("{dir}/app/http.py"), HTTP_PY, id)?;
        plan.add(&format!("{dir}/app/clients.py"), g.clients_py(), id)?;
    }
    if p.clients.iter().any(|c| c.graphql.is_some()) {
        plan.add(
            &format!("{dir}/tests/test_graphql_client.py"),
            GRAPHQL_CLIENT_TEST,
            id,
        )?;
    }
    if p.calls_grpc() {
        plan.add(
            &format!("{dir}/app/grpc_client.py"),
            python_grpc::GRPC_CLIENT_PY,
            id,
        )?;
        if let Some(test) = python_grpc::client_test(p, &g.g, &g.n) {
            plan.add(&format!("{dir}/tests/test_grpc_client.py"), test, id)?;
        }
    }
    if !p.producers.is_empty() || !p.consumers.is_empty() {
        plan.add(&format!("{dir}/app/events.py"), EVENTS_PY, id)?;
    }
    plan.add(&format!("{dir}/tests/__init__.py"), "", id)?;
    plan.add(&format!("{dir}/tests/test_health.py"), HEALTH_TEST, id)?;
    if p.graphql.is_some() {
        plan.add(&format!("{dir}/app/graphql_http.py"), GRAPHQL_HTTP_PY, id)?;
        plan.add(&format!("{dir}/app/graphql_api.py"), g.graphql_py(), id)?;
        plan.add(
            &format!("{dir}/tests/test_graphql.py"),
            g.graphql_test(),
            id,
        )?;
        if let Some(test) = g.subscription_test() {
            plan.add(&format!("{dir}/app/hub.py"), HUB_PY, id)?;
            plan.add(&format!("{dir}/tests/test_subscription.py"), test, id)?;
        }
    }
    if p.serves_grpc() || p.calls_grpc() {
        plan.add(
            &format!("{dir}/app/protos.py"),
            python_grpc::protos_py(
                p,
                &g.header("The gRPC contracts in proto/, compiled at import by grpcio-tools."),
            ),
            id,
        )?;
    }
    if p.serves_grpc() {
        let uses_auth = g.uses_auth();
        plan.add(
            &format!("{dir}/app/grpc_server.py"),
            python_grpc::grpc_server_py(p, &g.n, &g.header("gRPC: the services of proto/, one handler per RPC; each reads the call, calls the\nservice layer and maps errors to gRPC status codes."), uses_auth),
            id,
        )?;
        if let Some(test) = python_grpc::grpc_test(p, uses_auth) {
            plan.add(&format!("{dir}/tests/test_grpc.py"), test, id)?;
        }
    }
    Ok(())
}

const GRAPHQL_HTTP_PY: &str = include_str!("../../../assets/export/python/graphql_http.py");
const HUB_PY: &str = include_str!("../../../assets/export/python/hub.py");

const HEALTH_TEST: &str = r#""""The health and readiness endpoints answer 200."""

from fastapi.testclient import TestClient

from app.config import load_config
from app.main import create_app


def test_health_and_readiness_answer_200() -> None:
    client = TestClient(create_app(load_config({})))
    for path in ("/healthz", "/readyz"):
        assert client.get(path).status_code == 200, path
"#;

impl Gen<'_> {
    fn uses_auth(&self) -> bool {
        scheme(self.p.auth).is_some() && self.p.needs_auth()
    }

    fn header(&self, what: &str) -> String {
        format!(
            "\"\"\"{what}\n\nGenerated by ArchCanvas for `{}` ({}); edit freely: a re-export never overwrites a\nfile you changed.\n\"\"\"\n",
            self.p.id,
            comment(&self.p.name)
                .replace('\\', "/")
                .replace("\"\"\"", "'''")
        )
    }

    fn dockerfile(&self) -> String {
        let image = Language::Python.info().image.unwrap_or("python:3.11-slim");
        format!(
            "# Generated by ArchCanvas. Runs the service with uvicorn.\nFROM {image}\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nENV {PORT_VAR}={port}\nEXPOSE {port}\nUSER 65532\nCMD [\"python\", \"-m\", \"app.main\"]\n",
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

    fn config_py(&self) -> String {
        let mut out = self.header(
            "Configuration, read from environment variables only (no secret is ever in code).",
        );
        out.push_str("\nimport dataclasses\nimport os\nimport typing as _t\n\n\n@dataclasses.dataclass(frozen=True)\nclass Config:\n");
        let _ = writeln!(
            out,
            "    port: int  # {PORT_VAR}\n    log_level: str  # {LOG_LEVEL_VAR}\n    jwt_secret: _t.Optional[str]  # {JWT_SECRET_VAR}\n    api_keys: _t.List[str]  # {API_KEYS_VAR}, comma-separated"
        );
        if self.p.serves_grpc() {
            let _ = writeln!(out, "{}", python_grpc::config_field());
        }
        for (i, peer) in self.p.peers.iter().enumerate() {
            let field = self.n.peers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "    {field}: str  # {}: the address of {}",
                peer.var, peer.id
            );
        }
        out.push_str(&python_grpc::client_config_fields(self.p, &self.g));
        let _ = writeln!(
            out,
            "\n\ndef load_config(env: _t.Optional[_t.Mapping[str, str]] = None) -> Config:\n    source = os.environ if env is None else env\n\n    def read(name: str, default: str) -> str:\n        value = source.get(name)\n        return value if value else default\n\n    port = read(\"{PORT_VAR}\", \"{}\")\n    if not port.isdigit() or not 0 < int(port) < 65536:\n        raise ValueError(\"{PORT_VAR} must be a port number\")\n    return Config(\n        port=int(port),\n        log_level=read(\"{LOG_LEVEL_VAR}\", \"info\"),\n        jwt_secret=source.get(\"{JWT_SECRET_VAR}\") or None,\n        api_keys=[k.strip() for k in read(\"{API_KEYS_VAR}\", \"\").split(\",\") if k.strip()],",
            self.p.port
        );
        if self.p.serves_grpc() {
            out = out.replacen(
                "    return Config(\n        port=int(port),\n",
                &format!(
                    "{}    return Config(\n        port=int(port),\n        grpc_port=int(grpc_port),\n",
                    python_grpc::config_check(self.p)
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
                "        {field}=read({}, {}),",
                py_str(&peer.var),
                py_str(&default)
            );
        }
        out.push_str(&python_grpc::client_config_reads(self.p, &self.g));
        out.push_str("    )\n");
        out
    }

    fn field_type(&self, f: &Field, recursive: bool) -> String {
        let base = match &f.ty {
            FieldType::Int | FieldType::Long => "int".to_owned(),
            FieldType::Float => "float".to_owned(),
            FieldType::Bool => "bool".to_owned(),
            FieldType::Json => "_t.Any".to_owned(),
            FieldType::Object(name) => self
                .n
                .ty(name)
                .map(str::to_owned)
                .unwrap_or_else(|| "_t.Any".to_owned()),
            _ => "str".to_owned(),
        };
        let t = if f.list {
            format!("_t.List[{base}]")
        } else {
            base
        };
        if f.nullable || (recursive && !f.list) {
            format!("_t.Optional[{t}]")
        } else {
            t
        }
    }

    fn message_type(&self, schema: Option<&Id>) -> String {
        schema
            .and_then(|s| self.n.ty(s))
            .map(|t| format!("models.{t}"))
            .unwrap_or_else(|| "_t.Any".to_owned())
    }

    fn models_py(&self) -> String {
        let mut out =
            self.header("Request, response, message and entity types, from the model's schemas.");
        out.push_str("\nfrom __future__ import annotations\n\nimport typing as _t\n\nimport pydantic as _pd\n");
        for s in &self.p.schemas {
            let Some(ty) = self.n.ty(&s.name) else {
                continue;
            };
            let names = self.n.fields.get(&s.name).cloned().unwrap_or_default();
            let about = comment(&s.description);
            let _ = writeln!(
                out,
                "\n\nclass {ty}(_pd.BaseModel):\n    # `{}`{}\n    model_config = _pd.ConfigDict(populate_by_name=True)",
                s.name,
                if about.is_empty() {
                    String::new()
                } else {
                    format!(": {about}")
                }
            );
            for (i, (f, name)) in s.fields.iter().zip(&names).enumerate() {
                let recursive = self.n.is_recursive(&s.name, i);
                let about = comment(&f.description);
                if !about.is_empty() {
                    let _ = writeln!(out, "    # {about}");
                }
                let default = if f.nullable || (recursive && !f.list) {
                    "default=None, "
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "    {name}: {} = _pd.Field({default}alias={})",
                    self.field_type(f, recursive),
                    py_str(&f.name)
                );
            }
        }
        for s in &self.p.schemas {
            let Some(ty) = self.n.ty(&s.name) else {
                continue;
            };
            let names = self.n.fields.get(&s.name).cloned().unwrap_or_default();
            let _ = writeln!(
                out,
                "\n\ndef empty_{}() -> {ty}:\n    \"\"\"A value with every required field empty, for skeleton answers.\"\"\"\n    return {ty}(",
                super::super::names::to_case(ty, Case::Snake)
            );
            for (i, (f, name)) in s.fields.iter().zip(&names).enumerate() {
                let recursive = self.n.is_recursive(&s.name, i);
                if f.nullable || (recursive && !f.list) {
                    continue;
                }
                let value = if f.list {
                    "[]".to_owned()
                } else {
                    match &f.ty {
                        FieldType::Int | FieldType::Long => "0".to_owned(),
                        FieldType::Float => "0.0".to_owned(),
                        FieldType::Bool => "False".to_owned(),
                        FieldType::Json => "None".to_owned(),
                        FieldType::Object(o) => match self.n.ty(o) {
                            Some(t) => {
                                format!("empty_{}()", super::super::names::to_case(t, Case::Snake))
                            }
                            None => "None".to_owned(),
                        },
                        _ => "\"\"".to_owned(),
                    }
                };
                let _ = writeln!(out, "        {name}={value},");
            }
            out.push_str("    )\n");
        }
        if !self.p.schemas.is_empty() {
            out.push_str("\n\n");
            for s in &self.p.schemas {
                if let Some(ty) = self.n.ty(&s.name) {
                    let _ = writeln!(out, "{ty}.model_rebuild()");
                }
            }
        }
        out
    }

    fn empty_value(&self, ty: &str) -> String {
        if let Some(name) = ty.strip_prefix("models.") {
            format!(
                "models.empty_{}()",
                super::super::names::to_case(name, Case::Snake)
            )
        } else if ty.starts_with("_t.List[") {
            "[]".to_owned()
        } else {
            "{}".to_owned()
        }
    }

    fn response_type(&self, op: &Operation) -> String {
        match &op.response {
            Some(r) => {
                let t = self.message_type(Some(r));
                if op.response_list {
                    format!("_t.List[{t}]")
                } else {
                    t
                }
            }
            None => "_t.Any".to_owned(),
        }
    }

    fn main_py(&self) -> String {
        let mut out = self.header("The application: FastAPI with JSON logs, the error mapping, the routes, background work.");
        out.push_str("\nimport asyncio\nimport contextlib\nimport typing as _t\n\nimport uvicorn\nfrom fastapi import FastAPI, Request\nfrom fastapi.exceptions import RequestValidationError\nfrom fastapi.responses import JSONResponse\n\nfrom . import logs\nfrom .config import Config, load_config\n");
        let bg = !self.p.consumers.is_empty() || self.p.schedule.is_some();
        if bg {
            out.push_str("from .context import background_ctx\n");
        }
        if !self.p.consumers.is_empty() {
            out.push_str("from .events import Broker, consume\n");
            if self
                .p
                .consumers
                .iter()
                .any(|t| t.schema.as_ref().and_then(|s| self.n.ty(s)).is_some())
            {
                out.push_str("from . import models\n");
            }
        }
        out.push_str("from .errors import AppError\nfrom .routes import build_router\nfrom .services import Service\n\n\ndef create_app(config: _t.Optional[Config] = None, run_background: bool = False) -> FastAPI:\n    config = config or load_config()\n    logs.setup(config.log_level)\n    service = Service(config)\n\n    @contextlib.asynccontextmanager\n    async def lifespan(_app: FastAPI) -> _t.AsyncIterator[None]:\n        tasks: _t.List[\"asyncio.Task[None]\"] = []\n        if run_background:\n");
        let mut any = false;
        for (i, t) in self.p.consumers.iter().enumerate() {
            any = true;
            let handler = self.n.consumers.get(i).cloned().unwrap_or_default();
            let parse = match t.schema.as_ref().and_then(|s| self.n.ty(s)) {
                Some(ty) => format!("models.{ty}.model_validate"),
                None => "lambda data: data".to_owned(),
            };
            let _ = writeln!(
                out,
                "            tasks.append(asyncio.create_task(consume(Broker(config.{}), {}, {parse}, service.{handler})))",
                self.peer_field(&t.queue),
                py_str(&t.topic)
            );
        }
        if let Some(cron) = &self.p.schedule {
            any = true;
            let _ = writeln!(
                out,
                "\n            async def schedule() -> None:\n                # Schedule {}: every {} s.\n                while True:\n                    await asyncio.sleep({})\n                    ctx = background_ctx()\n                    try:\n                        await service.run_scheduled_job(ctx)\n                    except Exception as e:  # the next run must still happen\n                        logs.log.error(\"scheduled job failed\", extra={{\"request_id\": ctx.request_id, \"error\": str(e)}})\n\n            tasks.append(asyncio.create_task(schedule()))",
                comment(cron),
                schedule_seconds(cron),
                schedule_seconds(cron)
            );
        }
        if self.p.serves_grpc() {
            any = true;
            out.push_str("            grpc_server, _ = await start_grpc(config, service)\n            grpc_servers.append(grpc_server)\n");
            out = out.replacen(
                "        tasks: _t.List[\"asyncio.Task[None]\"] = []\n",
                "        tasks: _t.List[\"asyncio.Task[None]\"] = []\n        grpc_servers: _t.List[_t.Any] = []\n",
                1,
            );
            out = out.replacen(
                "from .errors import AppError\n",
                "from .errors import AppError\nfrom .grpc_server import start_grpc\n",
                1,
            );
        }
        if !any {
            out.push_str("            pass\n");
        }
        let _ = bg;
        let _ = writeln!(
            out,
            "        yield\n        for task in tasks:\n            task.cancel()\n\n    app = FastAPI(title={}, version=\"0.1.0\", lifespan=lifespan)\n\n    @app.exception_handler(AppError)\n    async def app_error(request: Request, error: AppError) -> JSONResponse:\n        if error.status >= 500:\n            logs.log.error(\"request failed\", extra={{\"error\": error.message}})\n        else:\n            logs.log.warning(\"request refused\", extra={{\"error\": error.message}})\n        return JSONResponse(status_code=error.status, content={{\"error\": error.code, \"message\": error.message}})\n\n    @app.exception_handler(RequestValidationError)\n    async def bad_request(request: Request, error: RequestValidationError) -> JSONResponse:\n        return JSONResponse(status_code=400, content={{\"error\": \"bad_request\", \"message\": str(error)}})\n\n    app.include_router(build_router(service))\n    return app\n\n\ndef main() -> None:\n    config = load_config()\n    if __import__(\"sys\").argv[1:2] == [\"healthcheck\"]:\n        import urllib.request\n\n        urllib.request.urlopen(f\"http://127.0.0.1:{{config.port}}/healthz\", timeout=3)\n        return\n    uvicorn.run(create_app(config, run_background=True), host=\"0.0.0.0\", port=config.port, log_config=None)\n\n\nif __name__ == \"__main__\":\n    main()",
            py_str(&self.p.name)
        );
        if self.p.operations.iter().any(|o| o.is_subscription()) {
            // Tests publish through the service to what a subscription streams.
            out = out.replacen(
                "    app.include_router(build_router(service))\n",
                "    app.state.service = service\n    app.include_router(build_router(service))\n",
                1,
            );
        }
        if self.p.serves_grpc() {
            out = out.replacen(
                "        yield\n        for task in tasks:\n            task.cancel()\n",
                "        yield\n        for task in tasks:\n            task.cancel()\n        for server in grpc_servers:\n            await server.stop(1)\n",
                1,
            );
        }
        // The gRPC clients' channels close with the app, after its gRPC server stopped.
        let closes: String = self
            .p
            .clients
            .iter()
            .enumerate()
            .filter(|(_, c)| c.grpc.is_some())
            .filter_map(|(i, _)| self.n.clients.get(i))
            .map(|(field, _)| format!("        await service.{field}.grpc.close()\n"))
            .collect();
        if !closes.is_empty() {
            out = out.replacen(
                "\n\n    app = FastAPI(",
                &format!("\n{closes}\n    app = FastAPI("),
                1,
            );
        }
        out
    }

    fn routes_py(&self) -> String {
        let header = self.header("Routes: one handler per endpoint; each reads the request, calls the service layer and sets the status.");
        let mut body = String::from(
            "\n\ndef build_router(service: Service) -> APIRouter:\n    router = APIRouter()\n\n    @router.get(\"/healthz\", include_in_schema=False)\n    async def health() -> _t.Dict[str, str]:\n        return {\"status\": \"ok\"}\n\n    @router.get(\"/readyz\", include_in_schema=False)\n    async def ready(response: Response) -> _t.Dict[str, str]:\n        if await service.ready():\n            return {\"status\": \"ready\"}\n        response.status_code = 503\n        return {\"status\": \"starting\"}\n",
        );
        for (i, op) in self.p.operations.iter().enumerate() {
            if !op.is_http() {
                continue; // a GraphQL resolver: see graphql_api.py
            }
            let name = self.n.operations.get(i).cloned().unwrap_or_default();
            let params: Vec<&str> = op.route.params().collect();
            let mut deps = Vec::new();
            if self.p.rate_limit.is_some() {
                deps.push("Depends(limit)");
            }
            if op.auth && self.uses_auth() {
                deps.push("Depends(require_auth)");
            }
            let status = op.success_status();
            let response = self.response_type(op);
            let mut decorator = format!(
                "    @router.{}({}, status_code={status}",
                op.method.label().to_lowercase(),
                py_str(&op.route.braces())
            );
            if status == 204 {
                decorator.push_str(", response_class=Response");
            } else {
                let _ = write!(decorator, ", response_model={response}");
            }
            if !deps.is_empty() {
                let _ = write!(decorator, ", dependencies=[{}]", deps.join(", "));
            }
            if !op.summary.is_empty() {
                let _ = write!(
                    decorator,
                    ", summary={}",
                    py_str(&super::super::escape::plain_text(&op.summary))
                );
            }
            decorator.push(')');
            let mut args = vec!["request: Request".to_owned()];
            args.extend(params.iter().map(|p| format!("{p}: str")));
            let mut call = vec!["ctx".to_owned()];
            call.extend(params.iter().map(|p| (*p).to_owned()));
            if let Some(r) = &op.request {
                args.push(format!("body: {}", self.message_type(Some(r))));
                call.push("body".to_owned());
            }
            let ret = if status == 204 {
                "Response".to_owned()
            } else {
                response.clone()
            };
            let _ = writeln!(
                body,
                "\n{decorator}\n    async def {name}({}) -> {ret}:\n        ctx = ctx_from_headers(request.headers)\n        log.info(\"request received\", extra={{\"request_id\": ctx.request_id, \"operation\": {}}})\n        out = await service.{name}({})",
                args.join(", "),
                py_str(&name),
                call.join(", ")
            );
            if status == 204 {
                body.push_str("        del out\n        return Response(status_code=204)\n");
            } else {
                body.push_str("        return out\n");
            }
        }
        if self.p.graphql.is_some() {
            let deps = if self.p.rate_limit.is_some() {
                "[Depends(limit)]"
            } else {
                "[]"
            };
            let _ = writeln!(
                body,
                "\n    # POST /graphql: the resolvers of the GraphQL API.\n    router.include_router(graphql_routes(service, {deps}))"
            );
        }
        body.push_str("\n    return router\n");
        let mut imports = String::from("\nimport typing as _t\n\n");
        let fastapi: Vec<&str> = ["APIRouter", "Depends", "Request", "Response"]
            .into_iter()
            .filter(|n| {
                *n == "APIRouter"
                    || *n == "Response"
                    || body.contains(&format!("{n}("))
                    || body.contains(&format!(": {n}"))
            })
            .collect();
        let _ = writeln!(imports, "from fastapi import {}\n", fastapi.join(", "));
        if body.contains("models.") {
            imports.push_str("from . import models\n");
        }
        if body.contains("require_auth") {
            imports.push_str("from .auth import require_auth\n");
        }
        if body.contains("ctx_from_headers") {
            imports.push_str("from .context import ctx_from_headers\nfrom .logs import log\n");
        }
        if body.contains("graphql_routes(") {
            imports.push_str("from .graphql_api import graphql_routes\n");
        }
        if body.contains("Depends(limit)") {
            imports.push_str("from .rate_limit import limit\n");
        }
        imports.push_str("from .services import Service\n");
        format!("{header}{imports}{body}")
    }

    fn services_py(&self) -> String {
        let header = self.header("The service layer: one method per operation, between the routes and the repositories and clients.");
        let mut body = String::from(
            "\n\nclass Service:\n    def __init__(self, config: Config) -> None:\n        self.config = config\n",
        );
        for (i, c) in self.p.clients.iter().enumerate() {
            let (field, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "        # Calls `{}` ({}).\n        self.{field} = clients.{ty}(config.{}{})",
                c.peer,
                comment(&c.name),
                self.peer_field(&c.peer),
                python_grpc::client_args(&self.g, i)
            );
        }
        for (i, t) in self.p.producers.iter().enumerate() {
            let field = self.n.producers.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "        # Publishes to `{}` on `{}`.\n        self.{field}: Producer[{}] = Producer(Broker(config.{}), {})",
                comment(&t.topic),
                t.queue,
                self.message_type(t.schema.as_ref()),
                self.peer_field(&t.queue),
                py_str(&t.topic)
            );
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (field, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let _ = writeln!(
                body,
                "        # `{}` in `{}`.\n        self.{field} = repositories.{ty}(config.{})",
                r.entity,
                r.database,
                self.peer_field(&r.database)
            );
        }
        for (i, op) in self.p.operations.iter().enumerate() {
            let Some((hub, publish)) = self.n.hubs.get(i).filter(|_| op.is_subscription()) else {
                continue;
            };
            let _ = writeln!(
                body,
                "        # What `{}` streams: the values published with `{publish}`.\n        self.{hub}: Hub[{}] = Hub()",
                op.label(),
                self.response_type(op)
            );
        }
        body.push_str("\n    async def ready(self) -> bool:\n        \"\"\"Whether the service can take traffic (check your connections here).\"\"\"\n        return True\n");
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
                "\n    async def {name}(self, ctx: Ctx, message: {}) -> None:\n        # Handles one message from `{}` on `{}`.\n        log.info(\"message received\", extra={{\"request_id\": ctx.request_id, \"topic\": {}}})\n        del message",
                self.message_type(t.schema.as_ref()),
                comment(&t.topic),
                t.queue,
                py_str(&t.topic)
            );
        }
        body.push_str(&python_grpc::service_methods(self.p, &self.n, &self.g));
        if self.p.schedule.is_some() {
            body.push_str("\n    async def run_scheduled_job(self, ctx: Ctx) -> None:\n        log.info(\"scheduled job\", extra={\"request_id\": ctx.request_id})\n");
        }
        let mut imports = String::from("\nimport typing as _t\n\n");
        if body.contains("clients.") {
            imports.push_str("from . import clients\n");
        }
        if body.contains("models.") {
            imports.push_str("from . import models\n");
        }
        if body.contains("protos.") {
            imports.push_str("from . import protos\n");
        }
        if body.contains("repositories.") {
            imports.push_str("from . import repositories\n");
        }
        imports.push_str("from .config import Config\n");
        if body.contains("Ctx") {
            imports.push_str("from .context import Ctx\n");
        }
        if body.contains("Producer") {
            imports.push_str("from .events import Broker, Producer\n");
        }
        if body.contains("] = Hub()") {
            imports.push_str("from .hub import Hub\n");
        }
        if body.contains("log.") {
            imports.push_str("from .logs import log\n");
        }
        if !body.contains("_t.") {
            imports = imports.replace("import typing as _t\n\n", "");
        }
        format!("{header}{imports}{body}")
    }

    /// The service method of a GraphQL subscription: a stream of the values published on its
    /// hub, and the method that publishes to it.
    fn subscription(&self, i: usize, op: &Operation) -> String {
        let name = self.n.operations.get(i).cloned().unwrap_or_default();
        let (hub, publish) = self.n.hubs.get(i).cloned().unwrap_or_default();
        let response = self.response_type(op);
        let mut args = vec!["self".to_owned(), "ctx: Ctx".to_owned()];
        if let Some(r) = &op.request {
            args.push(format!("body: {}", self.message_type(Some(r))));
        }
        let summary = comment(&op.summary);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n    def {name}({}) -> _t.AsyncIterator[{response}]:\n        # {}{}",
            args.join(", "),
            op.label(),
            after_colon(&summary)
        );
        let _ = writeln!(
            out,
            "        log.debug(\"service layer\", extra={{\"request_id\": ctx.request_id, \"operation\": {}}})",
            py_str(&name)
        );
        if op.request.is_some() {
            out.push_str("        del body\n");
        }
        let _ = writeln!(
            out,
            "        # TODO: feed the hub from the project's events (`{publish}` from a consumer of the\n        # right topic, for instance); each subscriber streams what is published from now on.\n        return self.{hub}.subscribe()"
        );
        let _ = writeln!(
            out,
            "\n    def {publish}(self, value: {response}) -> None:\n        # Sends `value` to every open `{}`.\n        self.{hub}.publish(value)",
            op.label()
        );
        out
    }

    fn operation(&self, i: usize, op: &Operation) -> String {
        let name = self.n.operations.get(i).cloned().unwrap_or_default();
        let params: Vec<&str> = op.route.params().collect();
        let mut args = vec!["self".to_owned(), "ctx: Ctx".to_owned()];
        args.extend(params.iter().map(|p| format!("{p}: str")));
        if let Some(r) = &op.request {
            args.push(format!("body: {}", self.message_type(Some(r))));
        }
        let response = self.response_type(op);
        let mut out = String::new();
        let summary = comment(&op.summary);
        let _ = writeln!(
            out,
            "\n    async def {name}({}) -> {response}:\n        # {}{}",
            args.join(", "),
            op.label(),
            after_colon(&summary)
        );
        let _ = writeln!(
            out,
            "        log.debug(\"service layer\", extra={{\"request_id\": ctx.request_id, \"operation\": {}}})",
            py_str(&name)
        );
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
                } else if op.request.is_some() && forward && tty.starts_with("models.") {
                    call_args.push(format!(
                        "{tty}.model_validate(body.model_dump(by_alias=True))"
                    ));
                } else {
                    call_args.push(self.empty_value(&tty));
                }
            }
            let var = if forward {
                "forwarded".to_owned()
            } else {
                format!("reply_{n}")
            };
            let _ = writeln!(
                out,
                "        {var} = await self.{field}.{method}({})",
                call_args.join(", ")
            );
            if forward {
                result = Some("forwarded".to_owned());
            } else {
                let _ = writeln!(out, "        del {var}");
            }
        }
        for &pi in &op.publishes {
            let Some(t) = self.p.producers.get(pi) else {
                continue;
            };
            let field = self.n.producers.get(pi).cloned().unwrap_or_default();
            let value = self.empty_value(&self.message_type(t.schema.as_ref()));
            let _ = writeln!(out, "        await self.{field}.publish(ctx, {value})");
        }
        let value = result.unwrap_or_else(|| self.empty_value(&response));
        let _ = writeln!(
            out,
            "        # TODO: the business logic of this operation.\n        return {value}"
        );
        out
    }

    fn repositories_py(&self) -> String {
        let mut out = self.header("Repositories: one per entity the service reads or writes. Each keeps rows in\nmemory behind the methods a database-backed one has, and knows the database address;\nreplace the bodies with queries when the schema in sql/ is deployed.");
        if self.p.repositories.is_empty() {
            return out;
        }
        out.push_str("\nimport typing as _t\n");
        if self
            .p
            .repositories
            .iter()
            .any(|r| self.n.ty(&r.entity).is_some())
        {
            out.push_str("\nfrom . import models\n");
        }
        for (i, r) in self.p.repositories.iter().enumerate() {
            let (_, ty) = self.n.repositories.get(i).cloned().unwrap_or_default();
            let row = self.message_type(Some(&r.entity));
            let _ = writeln!(
                out,
                "\n\nclass {ty}:\n    \"\"\"Rows of `{}` in `{}`.\"\"\"\n\n    def __init__(self, url: str) -> None:\n        self.url = url\n        self._rows: _t.Dict[str, {row}] = {{}}\n\n    async def get(self, key: str) -> _t.Optional[{row}]:\n        return self._rows.get(key)\n\n    async def list(self) -> _t.List[{row}]:\n        return list(self._rows.values())",
                r.entity, r.database
            );
            if r.writes {
                let _ = writeln!(
                    out,
                    "\n    async def save(self, key: str, row: {row}) -> None:\n        self._rows[key] = row\n\n    async def delete(self, key: str) -> bool:\n        return self._rows.pop(key, None) is not None"
                );
            }
        }
        out
    }

    fn clients_py(&self) -> String {
        let header = self.header(
            "Clients: one per component this service calls, with the model's timeout and retries.",
        );
        let mut body = String::new();
        for (i, c) in self.p.clients.iter().enumerate() {
            let (_, ty) = self.n.clients.get(i).cloned().unwrap_or_default();
            let timeout = c
                .call
                .timeout_ms
                .map(|m| m.to_string())
                .unwrap_or_else(|| "None".to_owned());
            let grpc = python_grpc::client_class(self.p, &self.g, i);
            let _ = writeln!(
                body,
                "\n\nclass {ty}:\n    \"\"\"Calls `{}`.\"\"\"\n\n    def __init__(self, base: str{}) -> None:\n        self.http = HttpClient({}, base, {timeout}, {}, {}, {})",
                c.peer,
                if grpc.is_some() {
                    python_grpc::CLIENT_PARAMS
                } else {
                    ""
                },
                py_str(c.peer.as_str()),
                c.call.retries,
                if c.call.circuit_breaker {
                    "True"
                } else {
                    "False"
                },
                if c.external { "False" } else { "True" }
            );
            if let Some((init, _)) = &grpc {
                body.push_str(init);
            }
            if c.external {
                body.push_str("\n    async def call(self, ctx: Ctx, method: str, path: str, body: _t.Any = None) -> _t.Any:\n        \"\"\"Sends `body` to `path` (an external API: shape the calls you need).\"\"\"\n        return await self.http.send(ctx, method, path, body)\n");
            }
            if let Some(g) = &c.graphql {
                let _ = writeln!(
                    body,
                    "\n    async def graphql(self, ctx: Ctx, query: str, variables: _t.Optional[_t.Dict[str, _t.Any]] = None) -> _t.Any:\n        \"\"\"Runs one query or mutation of the GraphQL API `{}` (`api/{}.graphql`, served by `{}`)\n        and returns its `data`; an error in the answer raises AppError. For example:\n        `{}`\"\"\"\n        return await self.http.graphql(ctx, query, variables)",
                    g.api,
                    file_stem(g.api.as_str()),
                    g.server,
                    comment(&g.example).replace('\\', "/")
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
                let mut args = vec!["self".to_owned(), "ctx: Ctx".to_owned()];
                args.extend(params.iter().map(|p| format!("{p}: str")));
                if let Some(r) = &op.request {
                    args.push(format!("body: {}", self.message_type(Some(r))));
                }
                let mut path = Vec::new();
                for seg in &op.route.segments {
                    match seg {
                        Segment::Literal(l) => path.push(py_str(&format!("/{l}"))),
                        Segment::Param(p) => path.push(format!("\"/\" + segment({p})")),
                    }
                }
                if path.is_empty() {
                    path.push("\"/\"".to_owned());
                }
                let send_body = match &op.request {
                    Some(r) if self.n.ty(r).is_some() => ", body.model_dump(by_alias=True)",
                    Some(_) => ", body",
                    None => "",
                };
                let response = self.response_type(op);
                let parse = match &op.response {
                    Some(r) => match self.n.ty(r) {
                        Some(t) if op.response_list => {
                            format!("[models.{t}.model_validate(item) for item in (data or [])]")
                        }
                        Some(t) => format!("models.{t}.model_validate(data)"),
                        None => "data".to_owned(),
                    },
                    None => "data".to_owned(),
                };
                let _ = writeln!(
                    body,
                    "\n    async def {name}({}) -> {response}:\n        # {} {}\n        data = await self.http.send(ctx, \"{}\", {}{send_body})\n        return {parse}",
                    args.join(", "),
                    op.method.label(),
                    op.route.braces(),
                    op.method.label(),
                    path.join(" + ")
                );
            }
            if let Some((_, methods)) = &grpc {
                body.push_str(methods);
            }
        }
        let mut imports = String::from("\nimport typing as _t\n\n");
        match (body.contains("models."), body.contains("protos.")) {
            (true, true) => imports.push_str("from . import models, protos\n"),
            (true, false) => imports.push_str("from . import models\n"),
            (false, true) => imports.push_str("from . import protos\n"),
            (false, false) => {}
        }
        imports.push_str("from .context import Ctx\n");
        if body.contains("GrpcClient(") {
            imports.push_str("from .grpc_client import GrpcClient\n");
        }
        if body.contains("segment(") {
            imports.push_str("from .http import HttpClient, segment\n");
        } else {
            imports.push_str("from .http import HttpClient\n");
        }
        format!("{header}{imports}{body}")
    }
}

// ---------------------------------------------------------------------------- GraphQL

impl Gen<'_> {
    /// `app/graphql_api.py`: the contract's SDL, the table from GraphQL names to wire names,
    /// and one resolver per query and mutation, each calling its service method.
    fn graphql_py(&self) -> String {
        let Some(g) = &self.p.graphql else {
            return String::new();
        };
        let header = self.header(&format!(
            "GraphQL: the schema of `{}` served at POST /graphql, one resolver per query, mutation and\nsubscription; each checks credentials where the model asks and calls the service layer.",
            g.api
        ));
        let mut body = String::new();
        let _ = writeln!(
            body,
            "\n# The contract api/{}.graphql, served as it is.\nSDL = \"\\n\".join(\n    [",
            file_stem(g.api.as_str())
        );
        for line in g.sdl.lines() {
            let _ = writeln!(body, "        {},", py_str(line));
        }
        body.push_str("    ]\n)\n\n# Per GraphQL type: per field, (the model's wire name, the field's type).\nTYPES: TypeTable = {\n");
        for t in &g.schema.types {
            let fields: Vec<String> = t
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: ({}, {})",
                        py_str(&f.name),
                        py_str(&f.key),
                        py_str(&f.ty)
                    )
                })
                .collect();
            let _ = writeln!(body, "    {}: {{{}}},", py_str(&t.name), fields.join(", "));
        }
        body.push_str("}\n\n\ndef graphql_routes(service: Service, dependencies: _t.Sequence[_t.Any]) -> APIRouter:\n");
        let auth = self.uses_auth();
        let mut table = Vec::new();
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
            let _ = writeln!(
                body,
                "    async def {name}(ctx: Ctx, request: Request, args: _t.Dict[str, _t.Any]) -> _t.Any:\n        # {}{}",
                op.label(),
                after_colon(&summary)
            );
            if op.auth && auth {
                body.push_str("        await require_auth(request)\n");
            }
            let _ = writeln!(
                body,
                "        log.info(\"resolver\", extra={{\"request_id\": ctx.request_id, \"operation\": {}}})",
                py_str(&name)
            );
            let mut call_args = vec!["ctx".to_owned()];
            if let Some(r) = &op.request {
                let ty = rf.input.as_ref().map(|(t, _)| t.as_str()).unwrap_or("JSON");
                let value = format!("from_graphql(args.get(\"input\"), {}, TYPES)", py_str(ty));
                let model = self.message_type(Some(r));
                call_args.push(if model.starts_with("models.") {
                    format!("parse({model}, {value})")
                } else {
                    value
                });
            }
            if op.is_subscription() {
                let value = if op.response.is_some() {
                    format!("to_graphql(dump(out), {}, TYPES)", py_str(&rf.ty))
                } else {
                    "True".to_owned()
                };
                let _ = writeln!(
                    body,
                    "        return map_stream(service.{name}({}), lambda out: {value})\n",
                    call_args.join(", ")
                );
                table.push(format!(
                    "        {}: {name},",
                    py_str(&format!("{root}.{field}"))
                ));
                continue;
            }
            let call = format!("await service.{name}({})", call_args.join(", "));
            if op.response.is_some() {
                let _ = writeln!(
                    body,
                    "        return to_graphql(dump({call}), {}, TYPES)\n",
                    py_str(&rf.ty)
                );
            } else {
                let _ = writeln!(body, "        {call}\n        return True\n");
            }
            table.push(format!(
                "        {}: {name},",
                py_str(&format!("{root}.{field}"))
            ));
        }
        let _ = writeln!(
            body,
            "    resolvers: _t.Dict[str, RootResolver] = {{\n{}\n    }}\n    return graphql_router(SDL, resolvers, dependencies)",
            table.join("\n")
        );
        let mut imports =
            String::from("\nimport typing as _t\n\nfrom fastapi import APIRouter, Request\n\n");
        if body.contains("models.") {
            imports.push_str("from . import models\n");
        }
        if body.contains("require_auth(") {
            imports.push_str("from .auth import require_auth\n");
        }
        imports.push_str("from .context import Ctx\n");
        let mut helpers = vec!["RootResolver", "TypeTable", "graphql_router"];
        for h in ["dump", "from_graphql", "map_stream", "parse", "to_graphql"] {
            if body.contains(&format!("{h}(")) {
                helpers.push(h);
            }
        }
        let _ = writeln!(imports, "from .graphql_http import {}", helpers.join(", "));
        imports.push_str("from .logs import log\nfrom .services import Service\n\n");
        format!("{header}{imports}{body}")
    }

    /// `tests/test_subscription.py` (when the project serves a subscription): the subscription
    /// opened over SSE streams a value the service publishes, with the schema's shape; without
    /// `Accept: text/event-stream` it is refused, and without credentials (if it needs them) it
    /// answers `UNAUTHENTICATED`. The app runs in-process over ASGI, its answer read as it comes.
    fn subscription_test(&self) -> Option<String> {
        let probe = super::graphql::subscription_probe(self.p)?;
        let op = self.p.operations.get(probe.operation)?;
        let (_, publish) = self.n.hubs.get(probe.operation)?;
        let scheme = scheme(self.p.auth).filter(|_| self.uses_auth() && probe.auth);
        let mut out = String::from(
            "\"\"\"A subscription posted to /graphql over SSE streams what the service publishes.\"\"\"\n\nimport asyncio\nimport json\nimport typing as _t\n\nimport pytest\nfrom fastapi.testclient import TestClient\n\n",
        );
        let value = self.empty_value(&self.response_type(op));
        if value.starts_with("models.") {
            out.push_str("from app import models\n");
        }
        if scheme == Some("jwt") {
            out.push_str("from app.auth import sign_jwt\n");
            out = out.replace("import json\n", "import json\nimport time\n");
        }
        out.push_str("from app.config import load_config\nfrom app.main import create_app\n");
        let headers = match scheme {
            Some("jwt") => {
                "{\"authorization\": \"Bearer \" + sign_jwt({\"sub\": \"test\", \"exp\": int(time.time()) + 300}, \"graphql-test-secret\")}"
            }
            Some("apiKey") => "{\"x-api-key\": \"graphql-test-key\"}",
            Some(_) => "{\"x-client-verify\": \"SUCCESS\"}",
            None => "{}",
        };
        let check = match &probe.expect {
            super::graphql::Expect::Object { typename, keys } => format!(
                "            assert isinstance(value, dict), answer\n            assert sorted(value) == [{}]\n            assert value[\"__typename\"] == {}\n",
                keys.iter()
                    .map(|k| py_str(k))
                    .collect::<Vec<_>>()
                    .join(", "),
                py_str(typename)
            ),
            super::graphql::Expect::List => {
                "            assert isinstance(value, list), answer\n".to_owned()
            }
            super::graphql::Expect::True => "            assert value is True, answer\n".to_owned(),
            super::graphql::Expect::Any => {
                "            assert value is not None or answer[\"data\"] is not None, answer\n"
                    .to_owned()
            }
        };
        let snake = super::super::names::to_case(&probe.field, Case::Snake);
        let _ = write!(
            out,
            r#"
QUERY = {query}
VARIABLES = {variables}


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> _t.Any:
    # The auth check reads its secrets from the environment.
    monkeypatch.setenv("JWT_SECRET", "graphql-test-secret")
    monkeypatch.setenv("API_KEYS", "graphql-test-key")
    return create_app(load_config({{}}))


async def open_request(
    app: _t.Any, headers: _t.Dict[str, str]
) -> _t.Tuple["asyncio.Queue[_t.Dict[str, _t.Any]]", asyncio.Event, "asyncio.Task[None]"]:
    """POSTs the subscription to the app over ASGI: what it sends, a switch to hang up, its task."""
    body = json.dumps({{"query": QUERY, "variables": json.loads(VARIABLES)}}).encode()
    sent: "asyncio.Queue[_t.Dict[str, _t.Any]]" = asyncio.Queue()
    gone = asyncio.Event()
    delivered = False

    async def receive() -> _t.Dict[str, _t.Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {{"type": "http.request", "body": body, "more_body": False}}
        await gone.wait()
        return {{"type": "http.disconnect"}}

    async def send(message: _t.Dict[str, _t.Any]) -> None:
        await sent.put(message)

    all_headers = {{"content-type": "application/json", "content-length": str(len(body)), **headers}}
    scope = {{
        "type": "http",
        "asgi": {{"version": "3.0"}},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "root_path": "",
        "query_string": b"",
        "headers": [(k.encode(), v.encode()) for k, v in all_headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }}
    return sent, gone, asyncio.ensure_future(app(scope, receive, send))


async def next_event(sent: "asyncio.Queue[_t.Dict[str, _t.Any]]", buffered: _t.List[str]) -> _t.Tuple[str, str]:
    """Reads the answer up to the end of its next SSE event: its `event` and `data` fields."""
    while "\n\n" not in buffered[0]:
        message = await asyncio.wait_for(sent.get(), 10)
        assert message["type"] == "http.response.body", message
        buffered[0] += message.get("body", b"").decode()
        if not message.get("more_body", False) and "\n\n" not in buffered[0]:
            raise AssertionError(f"the stream ended before an event: {{buffered[0]!r}}")
    block, buffered[0] = buffered[0].split("\n\n", 1)
    fields: _t.Dict[str, _t.List[str]] = {{}}
    for line in block.split("\n"):
        name, _, value = line.partition(":")
        fields.setdefault(name, []).append(value.lstrip())
    return "\n".join(fields.get("event", [])), "\n".join(fields.get("data", []))


async def start(sent: "asyncio.Queue[_t.Dict[str, _t.Any]]") -> _t.Dict[str, _t.Any]:
    message = await asyncio.wait_for(sent.get(), 10)
    assert message["type"] == "http.response.start", message
    assert message["status"] == 200, message
    content_type = dict(message["headers"]).get(b"content-type", b"")
    assert content_type.startswith(b"text/event-stream"), message
    return message


def test_subscription_{snake}_over_sse_streams_a_published_value_of_the_schema_shape(app: _t.Any) -> None:
    async def run() -> None:
        sent, gone, task = await open_request(app, {{"accept": "text/event-stream", **{headers}}})
        try:
            await start(sent)
            # The answer starts once the subscription listens: what is published now reaches it.
            app.state.service.{publish}({value})
            event, data = await next_event(sent, [""])
            assert event == "next", (event, data)
            answer = json.loads(data)
            assert "errors" not in answer, answer
            value = answer["data"][{field}]
{check}        finally:
            gone.set()
            await asyncio.wait_for(task, 10)

    asyncio.run(run())


def test_subscription_{snake}_without_accept_event_stream_is_refused(app: _t.Any) -> None:
    response = TestClient(app).post(
        "/graphql",
        json={{"query": QUERY, "variables": json.loads(VARIABLES)}},
        headers={{"accept": "application/json", **{headers}}},
    )
    assert response.status_code == 400, response.text
    assert "text/event-stream" in response.json()["errors"][0]["message"]
"#,
            query = py_str(&probe.query),
            variables = py_str(&probe.variables),
            field = py_str(&probe.field),
        );
        if scheme.is_some() {
            let _ = write!(
                out,
                r#"

def test_subscription_{snake}_without_credentials_answers_unauthenticated(app: _t.Any) -> None:
    async def run() -> None:
        sent, gone, task = await open_request(app, {{"accept": "text/event-stream"}})
        try:
            await start(sent)
            buffered = [""]
            event, data = await next_event(sent, buffered)
            assert event == "next", (event, data)
            assert json.loads(data)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", data
            assert (await next_event(sent, buffered))[0] == "complete"
        finally:
            gone.set()
            await asyncio.wait_for(task, 10)

    asyncio.run(run())
"#
            );
        }
        Some(out)
    }

    /// `tests/test_graphql.py`: a query posted to /graphql answers data of the schema's
    /// shape; a field that needs credentials refuses a caller without them.
    fn graphql_test(&self) -> String {
        let mut out = String::from(
            "\"\"\"POST /graphql answers a query of the schema with data of its shape.\"\"\"\n\nimport json\nimport typing as _t\n\nimport pytest\nfrom fastapi.testclient import TestClient\n\n",
        );
        let Some(probe) = super::graphql::probe(self.p) else {
            return out;
        };
        let scheme = scheme(self.p.auth).filter(|_| self.uses_auth());
        let needs_credentials = probe.auth && scheme.is_some();
        if needs_credentials && scheme == Some("jwt") {
            out.push_str("from app.auth import sign_jwt\n");
        }
        out.push_str("from app.config import load_config\nfrom app.main import create_app\n\n\n@pytest.fixture\ndef client(monkeypatch: pytest.MonkeyPatch) -> TestClient:\n    # The auth check reads its secrets from the environment.\n    monkeypatch.setenv(\"JWT_SECRET\", \"graphql-test-secret\")\n    monkeypatch.setenv(\"API_KEYS\", \"graphql-test-key\")\n    return TestClient(create_app(load_config({})))\n\n\ndef post(client: TestClient, query: str, variables: str, headers: _t.Dict[str, str]) -> _t.Dict[str, _t.Any]:\n    response = client.post(\"/graphql\", json={\"query\": query, \"variables\": json.loads(variables)}, headers=headers)\n    assert response.status_code == 200, response.text\n    answer: _t.Dict[str, _t.Any] = response.json()\n    return answer\n");
        let headers = match scheme.filter(|_| needs_credentials) {
            Some("jwt") => {
                "{\"authorization\": \"Bearer \" + sign_jwt({\"sub\": \"test\", \"exp\": int(time.time()) + 300}, \"graphql-test-secret\")}"
            }
            Some("apiKey") => "{\"x-api-key\": \"graphql-test-key\"}",
            Some(_) => "{\"x-client-verify\": \"SUCCESS\"}",
            None => "{}",
        };
        if headers.contains("time.") {
            out = out.replace("import json\n", "import json\nimport time\n");
        }
        let check = match &probe.expect {
            super::graphql::Expect::Object { typename, keys } => format!(
                "    assert isinstance(value, dict), answer\n    assert sorted(value) == [{}]\n    assert value[\"__typename\"] == {}\n",
                keys.iter()
                    .map(|k| py_str(k))
                    .collect::<Vec<_>>()
                    .join(", "),
                py_str(typename)
            ),
            super::graphql::Expect::List => {
                "    assert isinstance(value, list), answer\n".to_owned()
            }
            super::graphql::Expect::True => "    assert value is True, answer\n".to_owned(),
            super::graphql::Expect::Any => format!(
                "    assert {} in answer[\"data\"], answer\n",
                py_str(&probe.field)
            ),
        };
        let _ = write!(
            out,
            "\n\ndef test_graphql_answers_{}_with_data_of_the_schema_shape(client: TestClient) -> None:\n    answer = post(\n        client,\n        {},\n        {},\n        {headers},\n    )\n    assert \"errors\" not in answer, answer\n    value = answer[\"data\"][{}]\n{check}",
            super::super::names::to_case(&probe.field, Case::Snake),
            py_str(&probe.query),
            py_str(&probe.variables),
            py_str(&probe.field)
        );
        if let Some(locked) =
            super::graphql::unauthenticated_probe(self.p).filter(|_| scheme.is_some())
        {
            let _ = write!(
                out,
                "\n\ndef test_graphql_{}_without_credentials_answers_unauthenticated(client: TestClient) -> None:\n    answer = post(\n        client,\n        {},\n        {},\n        {{}},\n    )\n    assert answer[\"errors\"][0][\"extensions\"][\"code\"] == \"UNAUTHENTICATED\", answer\n",
                super::super::names::to_case(&locked.field, Case::Snake),
                py_str(&locked.query),
                py_str(&locked.variables)
            );
        }
        out
    }
}
