//! Service skeletons: one project per service, worker and gateway, in its language.
//!
//! Each language module renders a [`Project`] into the same layering — routes (handlers) →
//! services (one method per operation) → repositories — with the same pieces: health and
//! readiness endpoints, configuration from the environment ([`super::wiring`]), structured
//! logs, an error type mapped to HTTP status codes, auth middleware and rate limiting where
//! the model asks, a client per outgoing call (timeout, retries, circuit breaker), a producer
//! per publish, a consumer loop per consume, a repository per entity, a health test, a README
//! and a Dockerfile. A project that implements a GraphQL API also serves it at `POST /graphql`
//! (the contract's SDL, one resolver per query and mutation calling its service method) and
//! tests it with the query of `graphql::probe`. Names come from [`Naming`], so every language
//! agrees on what is called what, and every model string passes through [`super::escape`].

mod go;
mod go_grpc;
mod graphql;
mod naming;
mod python;
mod python_grpc;
mod rust;
mod rust_grpc;
mod typescript;
mod typescript_grpc;

pub use naming::Naming;

use super::index::Index;
use super::plan::{Plan, PlanError};
use super::project::Project;
use crate::model::Language;

/// Adds the files of `project` under `services/<id>/`.
pub fn generate(index: &Index<'_>, project: &Project, plan: &mut Plan) -> Result<(), PlanError> {
    let arch = index.arch;
    plan.add(
        &format!(
            "services/{}/.env.example",
            super::names::file_stem(project.id.as_str())
        ),
        env_example(index, project),
        Some(&project.id),
    )?;
    add_protos(project, plan)?;
    match project.language {
        Language::Rust => rust::generate(arch, project, plan),
        Language::TypeScript => typescript::generate(arch, project, plan),
        Language::Python => python::generate(arch, project, plan),
        Language::Go => go::generate(arch, project, plan),
    }
}

/// The copies of the contracts a project serves or calls over gRPC, in `proto/`: each
/// language builds its server and clients from them.
fn add_protos(project: &Project, plan: &mut Plan) -> Result<(), PlanError> {
    let dir = super::names::file_stem(project.id.as_str());
    for s in project.contracts() {
        plan.add(
            &format!("services/{dir}/proto/{}", s.file),
            s.text.clone(),
            Some(&project.id),
        )?;
    }
    Ok(())
}

/// A Dockerfile with the gRPC port set and exposed after the HTTP one's `EXPOSE` line.
pub fn dockerfile_grpc(text: String, project: &Project) -> String {
    if !project.serves_grpc() {
        return text;
    }
    let expose = format!("EXPOSE {}\n", project.port);
    text.replacen(
        &expose,
        &format!(
            "{expose}ENV {}={grpc}\nEXPOSE {grpc}\n",
            super::rpc::GRPC_PORT_VAR,
            grpc = project.grpc_port()
        ),
        1,
    )
}

/// `.env.example`: the variables of a local run (everything on 127.0.0.1 with the model's
/// ports), readable by shells (`set -a; . ./.env.example`), docker and dotenv libraries.
/// Values are single-quoted and keep only characters that need no escaping anywhere.
pub fn env_example(index: &Index<'_>, project: &Project) -> String {
    let arch = index.arch;
    use super::wiring::{API_KEYS_VAR, Host, JWT_SECRET_VAR, LOG_LEVEL_VAR, environment};
    let mut out = String::from(
        "# Local run: every address on 127.0.0.1 with the model's ports. Secrets stay empty here;\n# set them in your shell.\n",
    );
    let Some(component) = arch.components.get(project.id.as_str()) else {
        return out;
    };
    let mut env = environment(index, component, Host::Local);
    env.extend(super::wiring::grpc_environment(project, Host::Local));
    env.insert(super::wiring::PORT_VAR.to_owned(), project.port.to_string());
    env.insert(LOG_LEVEL_VAR.to_owned(), "info".to_owned());
    if project.serves_grpc() {
        env.insert(
            super::rpc::GRPC_PORT_VAR.to_owned(),
            project.grpc_port().to_string(),
        );
    }
    for (k, v) in env {
        let safe: String = v
            .chars()
            .filter(|c| c.is_ascii_graphic() && !matches!(c, '\'' | '"' | '\\' | '$' | '`'))
            .collect();
        out.push_str(&format!("{k}='{safe}'\n"));
    }
    out.push_str(&format!("# {JWT_SECRET_VAR}=\n# {API_KEYS_VAR}=\n"));
    out
}

/// Seconds between runs of a scheduled job: `*/N * * * *` runs every N minutes; any other
/// schedule runs every minute and the job decides (the README says so).
pub fn schedule_seconds(cron: &str) -> u64 {
    let mut parts = cron.split_whitespace();
    let minute = parts.next().unwrap_or("*");
    let rest_is_any = parts.all(|p| p == "*");
    match minute.strip_prefix("*/").map(str::parse::<u64>) {
        Some(Ok(n)) if n > 0 && rest_is_any => n * 60,
        _ => 60,
    }
}

/// `: <summary>` after an operation's label in a generated comment, or nothing without a
/// summary (`summary` already made safe for a comment).
pub fn after_colon(summary: &str) -> String {
    if summary.is_empty() {
        String::new()
    } else {
        format!(": {summary}")
    }
}

/// `summary` after a colon, or a full stop without one: for Go, whose doc comments are
/// sentences.
pub fn after_colon_or_stop(summary: &str) -> String {
    if summary.is_empty() {
        ".".to_owned()
    } else {
        format!(": {summary}")
    }
}

/// The README of one generated project: what it is, how to run and test it, what it reads
/// from the environment, what it serves and calls.
pub fn project_readme(p: &Project, language: Language) -> String {
    use super::escape::markdown;
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "# {} (`{}`)\n", markdown(&p.name), p.id);
    let about = markdown(&p.description);
    if !about.is_empty() {
        let _ = writeln!(out, "{about}\n");
    }
    let (run, test) = match language {
        Language::Rust => ("cargo run", "cargo test"),
        Language::TypeScript => ("npm install && npm run build && npm start", "npm test"),
        Language::Python => (
            "pip install -r requirements.txt && python -m app.main",
            "python -m pytest -q",
        ),
        Language::Go => ("go run ./cmd/service", "go vet ./... && go test ./..."),
    };
    let _ = writeln!(
        out,
        "Generated by ArchCanvas from the model: a starting point laid out as routes (handlers) → \
         services (business logic, one method per operation) → repositories (data), with clients \
         for the services it calls and producers and consumers for its topics. Fill in the \
         `TODO`s; a re-export never overwrites a file you changed.\n\n## Run and test\n\n\
         ```sh\n{run}\n{test}\n```\n\nIt listens on `PORT` (default {}), serves `/healthz` \
         (alive) and `/readyz` (ready for traffic), and logs one JSON object per line.\n",
        p.port
    );
    out.push_str("## Configuration\n\n| variable | what |\n| --- | --- |\n| `PORT` | listen port |\n| `LOG_LEVEL` | `debug`, `info`, `warn`, `error` |\n");
    if p.serves_grpc() {
        let _ = writeln!(
            out,
            "| `{}` | gRPC listen port |",
            super::rpc::GRPC_PORT_VAR
        );
        if language == Language::Go {
            out.push_str("| `GRPC_TLS_CERT` / `GRPC_TLS_KEY` | the gRPC server's certificate and key files (self-signed without them) |\n");
        }
    }
    if p.needs_auth() {
        let _ = writeln!(
            out,
            "| `JWT_SECRET` / `API_KEYS` | credentials checked by the auth middleware ({}) |",
            p.auth.label()
        );
    }
    for peer in &p.peers {
        let _ = writeln!(
            out,
            "| `{}` | address of `{}` ({}) |",
            peer.var,
            peer.id,
            peer.relation.label()
        );
    }
    for c in &p.clients {
        let Some(t) = &c.grpc else { continue };
        let _ = writeln!(
            out,
            "| `{}` | gRPC address of `{}` (answered by `{}`; `https://` for a TLS server) |",
            t.var, c.peer, t.server
        );
        if t.tls {
            let _ = writeln!(
                out,
                "| `{}` | PEM file of the certificates to trust for `{}` (unset: its certificate is accepted unverified, with a warning) |",
                t.ca_var, t.server
            );
        }
    }
    if !p.operations.is_empty() {
        out.push_str(
            "\n## Endpoints\n\n| method | path | auth | summary |\n| --- | --- | --- | --- |\n",
        );
        for op in &p.operations {
            let place = match op.graphql_field() {
                Some((_, field)) => format!("`{field}` at `/graphql`"),
                None => format!("`{}`", op.route.braces()),
            };
            let _ = writeln!(
                out,
                "| {} | {place} | {} | {} |",
                op.method.label(),
                if op.auth { "yes" } else { "no" },
                markdown(&op.summary)
            );
        }
        if let Some(limit) = p.rate_limit {
            let _ = writeln!(
                out,
                "\nAt most {limit} requests per minute per caller (429 beyond)."
            );
        }
    }
    if let Some(g) = &p.graphql {
        let _ = write!(
            out,
            "\n## GraphQL\n\n`POST /graphql` serves the schema of \
             `{}` (`api/{}.graphql`, embedded in the code) with one resolver per query, mutation and subscription, \
             each calling its service method like a route does. Fields that need auth answer an \
             `UNAUTHENTICATED` error without credentials.",
            g.api,
            super::names::file_stem(g.api.as_str())
        );
        if p.operations.iter().any(|o| o.is_subscription()) {
            out.push_str(
                "\n\nSubscriptions are served over SSE (the GraphQL over SSE protocol, distinct \
                 connections mode): POST the subscription to `/graphql` with \
                 `Accept: text/event-stream`; each value is an `event: next` whose `data` is an \
                 execution result, and `event: complete` ends the stream. Each subscription \
                 streams what its service publishes on an in-process hub (its `publish` method); \
                 feed it from the project's events. Without `Accept: text/event-stream` a \
                 subscription answers an error.\n",
            );
        } else {
            out.push('\n');
        }
    }
    grpc_readme(p, language, &mut out);
    if !p.producers.is_empty() || !p.consumers.is_empty() {
        out.push_str("\n## Messages\n\n");
        for t in &p.producers {
            let _ = writeln!(out, "- publishes `{}` on `{}`", markdown(&t.topic), t.queue);
        }
        for t in &p.consumers {
            let _ = writeln!(
                out,
                "- consumes `{}` from `{}`",
                markdown(&t.topic),
                t.queue
            );
        }
        out.push_str("\nThe broker connection in the events module carries messages inside the process and logs them until you plug in your broker's client there.\n");
    }
    if let Some(cron) = &p.schedule {
        let _ = writeln!(
            out,
            "\n## Schedule\n\nRuns its job on `{}` (every {} s).",
            markdown(cron),
            schedule_seconds(cron)
        );
    }
    out
}

/// The README's gRPC section: the port, how the server is built, each RPC.
fn grpc_readme(p: &Project, language: Language, out: &mut String) {
    use super::escape::markdown;
    use std::fmt::Write;
    grpc_clients_readme(p, out);
    if !p.serves_grpc() {
        return;
    }
    let how = match language {
        Language::Rust => {
            "tonic, with code generated from `proto/` at build time by `tonic-prost-build` \
             (it needs `protoc`: `apt-get install protobuf-compiler`; the Dockerfile installs it)"
        }
        Language::TypeScript => {
            "`@grpc/grpc-js`, loading `proto/` at start-up with `@grpc/proto-loader`"
        }
        Language::Python => {
            "`grpcio`, loading `proto/` at start-up with `grpc.protos_and_services` (from `grpcio-tools`)"
        }
        Language::Go => {
            "the standard library: TLS and HTTP/2 from `net/http`, the protobuf wire format in \
             `internal/pb/` (a self-signed certificate unless `GRPC_TLS_CERT` and `GRPC_TLS_KEY` \
             name one; clients connect with TLS)"
        }
    };
    let _ = writeln!(
        out,
        "\n## gRPC\n\nServes the contracts in `proto/` on `{}` (default {}) with {how}; every RPC goes \
         through the same service layer as the HTTP routes. Credentials travel in the call's metadata \
         (`authorization: Bearer …`, `x-api-key`), and `x-request-id` is logged like the header.\n\n\
         | service | rpc | auth | summary |\n| --- | --- | --- | --- |",
        super::rpc::GRPC_PORT_VAR,
        p.grpc_port()
    );
    for (si, s) in p.grpc.iter().enumerate() {
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let served = super::rpc::RpcRef {
                service: si,
                rpc: ri,
            };
            let forward = p
                .rpc_forward(served)
                .and_then(|f| {
                    let t = p.clients.get(f.client)?.grpc.as_ref()?;
                    let to = t.services.get(f.to.service)?;
                    Some(format!(
                        " (forwarded to `{}.{}` on `{}`)",
                        to.contract.service,
                        to.contract.rpcs.get(f.to.rpc)?.name,
                        t.server
                    ))
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "| `{}.{}` | `{}` | {} | {}{forward} |",
                s.contract.package,
                s.contract.service,
                r.name,
                if r.endpoint.auth { "yes" } else { "no" },
                markdown(&r.endpoint.summary)
            );
        }
    }
}

/// The README's list of gRPC clients: what each calls, with the call's timeout and retries.
fn grpc_clients_readme(p: &Project, out: &mut String) {
    use std::fmt::Write;
    if !p.calls_grpc() {
        return;
    }
    out.push_str(
        "\n## gRPC clients\n\nCalls over gRPC go through generated clients built from the contracts \
         in `proto/`, with the model's timeout, retries and circuit breaker; each call carries the \
         request's `x-request-id` and credentials in its metadata.\n\n\
         | calls | server | address | services | timeout | retries |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for c in &p.clients {
        let Some(t) = &c.grpc else { continue };
        let services: Vec<String> = t
            .services
            .iter()
            .map(|s| format!("`{}.{}`", s.contract.package, s.contract.service))
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | `{}` | `{}` | {} | {} | {}{} |",
            c.peer,
            t.server,
            t.var,
            services.join(", "),
            c.call
                .timeout_ms
                .map(|ms| format!("{ms} ms"))
                .unwrap_or_else(|| "none".to_owned()),
            c.call.retries,
            if c.call.circuit_breaker {
                ", circuit breaker"
            } else {
                ""
            }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules() {
        assert_eq!(schedule_seconds("*/5 * * * *"), 300);
        assert_eq!(schedule_seconds("0 3 * * *"), 60);
        assert_eq!(schedule_seconds("*/0 * * * *"), 60);
        assert_eq!(schedule_seconds("garbage"), 60);
    }
}
