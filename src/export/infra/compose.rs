//! `docker-compose.yml` for the whole model.
//!
//! Generated projects are built from their folders; databases, brokers, caches and object
//! stores run from the catalogue's official images with a healthcheck and a volume for their
//! state. Every service gets the wiring of [`crate::export::wiring`] with compose hosts, waits
//! for what it talks to (`depends_on`, healthy where a healthcheck exists), and joins one
//! network per trust zone it is in plus those of its peers.

use std::collections::BTreeSet;

use super::super::index::Index;
use super::super::names::file_stem;
use super::super::project::Project;
use super::super::rpc::GRPC_PORT_VAR;
use super::super::wiring::{API_KEYS_VAR, Host, JWT_SECRET_VAR, environment, grpc_environment};
use super::super::yaml::{Value, map, put, s, seq, to_yaml};
use super::{networks_of, runtime};
use crate::model::{Auth, DbEngine, Id, Spec};

fn healthcheck(test: Vec<Value>) -> Value {
    map([
        ("test", seq(test)),
        ("interval", s("5s")),
        ("timeout", s("5s")),
        ("retries", Value::Number(20.into())),
        ("start_period", s("10s")),
    ])
}

/// The command that checks a generated project's health from inside its container.
pub fn project_health(p: &Project) -> Vec<String> {
    use crate::model::Language::*;
    let url = format!("http://127.0.0.1:{}/healthz", p.port);
    match p.language {
        Rust | Go => vec!["/app/service".into(), "healthcheck".into()],
        TypeScript => vec![
            "node".into(),
            "-e".into(),
            format!("fetch('{url}').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"),
        ],
        Python => vec![
            "python".into(),
            "-c".into(),
            format!("import urllib.request; urllib.request.urlopen('{url}')"),
        ],
    }
}

/// The compose file.
pub fn compose(index: &Index<'_>, projects: &[Project]) -> String {
    let arch = index.arch;
    let mut services: Vec<(String, Value)> = Vec::new();
    let mut volumes: Vec<(String, Value)> = Vec::new();
    let mut networks: BTreeSet<String> = BTreeSet::new();
    let by_id: std::collections::BTreeMap<&str, &Project> =
        projects.iter().map(|p| (p.id.as_str(), p)).collect();
    let healthy: BTreeSet<&str> = arch
        .components
        .iter()
        .filter(|c| {
            by_id.contains_key(c.id.as_str())
                || runtime(c, c.id.as_str()).is_some_and(|r| r.health.is_some())
        })
        .map(|c| c.id.as_str())
        .collect();
    let deployed = |id: &str| {
        by_id.contains_key(id)
            || arch
                .components
                .get(id)
                .is_some_and(|c| runtime(c, id).is_some())
    };

    for c in arch.components.iter() {
        let project = by_id.get(c.id.as_str()).copied();
        let rt = runtime(c, c.id.as_str());
        if project.is_none() && rt.is_none() {
            continue;
        }
        let nets = networks_of(index, &c.id, |id| deployed(id.as_str()));
        networks.extend(nets.iter().cloned());
        let mut svc = map::<String>([]);
        if let Some(p) = project {
            put(
                &mut svc,
                "build",
                s(format!("./services/{}", file_stem(p.id.as_str()))),
            );
            let mut ports = vec![s(format!("{0}:{0}", p.port))];
            if p.serves_grpc() {
                ports.push(s(format!("{0}:{0}", p.grpc_port())));
            }
            put(&mut svc, "ports", seq(ports));
            let mut env: Vec<(String, Value)> = environment(index, c, Host::Compose)
                .into_iter()
                .chain(grpc_environment(p, Host::Compose))
                .map(|(k, v)| (k, s(v)))
                .collect();
            env.push(("LOG_LEVEL".into(), s("info")));
            if p.serves_grpc() {
                env.push((GRPC_PORT_VAR.into(), s(p.grpc_port().to_string())));
            }
            let needs_auth = p.needs_auth();
            match p.auth {
                _ if !needs_auth => {}
                Auth::ApiKey => {
                    env.push((API_KEYS_VAR.into(), s(format!("${{{API_KEYS_VAR}:-}}"))))
                }
                Auth::None | Auth::Mtls => {}
                _ => env.push((JWT_SECRET_VAR.into(), s(format!("${{{JWT_SECRET_VAR}:-}}")))),
            }
            env.sort_by(|a, b| a.0.cmp(&b.0));
            put(&mut svc, "environment", map(env));
            put(
                &mut svc,
                "healthcheck",
                healthcheck(
                    std::iter::once(s("CMD"))
                        .chain(super::compose::project_health(p).into_iter().map(s))
                        .collect(),
                ),
            );
            // A port-less API's address is its implementer's: wait for that one.
            let hosts: BTreeSet<&Id> = p.peers.iter().map(|peer| &peer.host).collect();
            let deps: Vec<(String, Value)> = hosts
                .into_iter()
                .filter(|host| **host != p.id && deployed(host.as_str()))
                .map(|host| {
                    let condition = if healthy.contains(host.as_str()) {
                        "service_healthy"
                    } else {
                        "service_started"
                    };
                    (host.to_string(), map([("condition", s(condition))]))
                })
                .collect();
            if !deps.is_empty() {
                put(&mut svc, "depends_on", map(deps));
            }
            let sqlite: Vec<Value> = p
                .peers
                .iter()
                .filter(|peer| {
                    matches!(arch.components.get(peer.id.as_str()).map(|c| &c.spec),
                        Some(Spec::Database(d)) if d.engine == DbEngine::Sqlite)
                })
                .map(|peer| s(format!("{}-data:/data", peer.id)))
                .collect();
            for v in &sqlite {
                if let Value::String(text) = v
                    && let Some((name, _)) = text.split_once(':')
                    && !volumes.iter().any(|(n, _)| n == name)
                {
                    volumes.push((name.to_owned(), map::<String>([])));
                }
            }
            if !sqlite.is_empty() {
                put(&mut svc, "volumes", seq(sqlite));
            }
        } else if let Some(rt) = &rt {
            put(&mut svc, "image", s(rt.image));
            if let Some(cmd) = &rt.command {
                put(&mut svc, "command", seq(cmd.iter().cloned().map(s)));
            }
            if !rt.env.is_empty() {
                put(
                    &mut svc,
                    "environment",
                    map(rt.env.iter().map(|(k, v)| (k.clone(), s(v.clone())))),
                );
            }
            let mut mounts = Vec::new();
            if let Some(path) = rt.data_path {
                let volume = format!("{}-data", c.id);
                mounts.push(s(format!("{volume}:{path}")));
                volumes.push((volume, map::<String>([])));
            }
            if let (Some(init), Spec::Database(_)) = (rt.init_sql, &c.spec) {
                mounts.push(s(format!(
                    "./sql/{}.sql:{init}/10-schema.sql:ro",
                    file_stem(c.id.as_str())
                )));
            }
            if !mounts.is_empty() {
                put(&mut svc, "volumes", seq(mounts));
            }
            if let Some(test) = &rt.health {
                put(
                    &mut svc,
                    "healthcheck",
                    healthcheck(
                        std::iter::once(s("CMD"))
                            .chain(test.iter().cloned().map(s))
                            .collect(),
                    ),
                );
            }
        }
        put(&mut svc, "networks", seq(nets.into_iter().map(s)));
        put(&mut svc, "restart", s("unless-stopped"));
        services.push((c.id.to_string(), svc));
    }
    let mut root = map([("services", map(services))]);
    if !volumes.is_empty() {
        volumes.sort_by(|a, b| a.0.cmp(&b.0));
        volumes.dedup_by(|a, b| a.0 == b.0);
        put(&mut root, "volumes", map(volumes));
    }
    if !networks.is_empty() {
        put(
            &mut root,
            "networks",
            map(networks.into_iter().map(|n| (n, map::<String>([])))),
        );
    }
    to_yaml(
        &root,
        &[
            "Generated by ArchCanvas from the model; edit the model, not this file.",
            "Local development only: databases run without passwords. Secrets (JWT_SECRET, \
             API_KEYS) come from your environment.",
        ],
    )
}
