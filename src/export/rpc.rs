//! Which gRPC services a generated project serves, worked out once for every language.
//!
//! A `.proto` contract belongs to one component: a gRPC-style API (every endpoint of it), or
//! a service with `Rpc` endpoints of its own (those endpoints, in `api/<id>.proto`). A project
//! serves the contracts it implements:
//!
//! - a gRPC API with a port of its own (a gateway) serves its own contract;
//! - a service serves the contracts of the port-less gRPC APIs that call it, and its own.
//!
//! Each language copies the contract into the project (`proto/<stem>.proto`) and builds its
//! server from that copy, with one handler per RPC going through the service layer, so the
//! code can never drift from the contract. The gRPC server listens on its own port,
//! [`GRPC_PORT_VAR`], next to the HTTP one (health endpoints, REST routes).
//!
//! A call drawn with `protocol: Grpc` gets a gRPC client ([`GrpcTarget`]) when the component
//! called serves a contract: a project with gRPC services, or a port-less gRPC API, which
//! the (first, by id) service serving its contract answers for. The client copies the
//! contracts into the caller's `proto/` as well, and reads the server's address from
//! [`grpc_url_var`] (`https://` for a TLS server: Go's, which Go 1.19's standard library
//! needs; `http://` otherwise) and the certificates to trust from [`grpc_ca_var`].
//! An RPC a project serves forwards to the RPC of the same name, request and response on
//! a gRPC client ([`RpcForward`]): what a gRPC gateway does.

use super::contracts::proto::{ProtoContract, contract, render};
use super::index::Index;
use super::names::{Case, Lang, file_stem, ident};
use super::project::Project;
use crate::model::{ApiStyle, Component, ConnectionKind, Endpoint, Id, Method, Spec};

/// The variable holding the gRPC listen port.
pub const GRPC_PORT_VAR: &str = "GRPC_PORT";

/// The variable holding the gRPC address of component `id` (`graph` → `GRAPH_GRPC_URL`).
pub fn grpc_url_var(id: &Id) -> String {
    format!(
        "{}_GRPC_URL",
        id.as_str().to_ascii_uppercase().replace('-', "_")
    )
}

/// The variable naming a PEM file of the certificates a client trusts for the TLS gRPC server
/// of component `id` (`GRAPH_GRPC_CA`). Unset, a client accepts the server's certificate
/// unverified and logs a warning, as the server warns of its self-signed certificate.
pub fn grpc_ca_var(id: &Id) -> String {
    format!(
        "{}_GRPC_CA",
        id.as_str().to_ascii_uppercase().replace('-', "_")
    )
}

/// What a gRPC client calls: the project that answers and the contracts it serves.
#[derive(Clone, Debug, PartialEq)]
pub struct GrpcTarget {
    /// The project that answers: the component called, or for a port-less gRPC API the
    /// service serving its contract.
    pub server: Id,
    /// The variable holding its address ([`grpc_url_var`] of the component called).
    pub var: String,
    /// The variable naming the certificates to trust ([`grpc_ca_var`]).
    pub ca_var: String,
    /// The server's gRPC port.
    pub port: u16,
    /// Whether the server speaks TLS (a Go server does; the others speak cleartext HTTP/2).
    pub tls: bool,
    /// The contracts the client can call, in the server's order.
    pub services: Vec<GrpcService>,
}

impl GrpcTarget {
    /// The server's address as seen from `host`: `https://graph:18303`.
    pub fn address(&self, host: super::wiring::Host) -> String {
        format!(
            "{}://{}:{}",
            if self.tls { "https" } else { "http" },
            super::wiring::hostname(&self.server, host),
            self.port
        )
    }
}

/// One RPC of a [`GrpcTarget`]: indices into its services and that service's RPCs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RpcRef {
    /// Index into [`GrpcTarget::services`] (or [`Project::grpc`] for a served RPC).
    pub service: usize,
    /// Index into that service's `contract.rpcs`.
    pub rpc: usize,
}

/// A served RPC that forwards to a client's RPC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RpcForward {
    /// The RPC served (into [`Project::grpc`]).
    pub served: RpcRef,
    /// Index into [`Project::clients`]; that client has a [`GrpcTarget`].
    pub client: usize,
    /// The RPC it calls (into the client's [`GrpcTarget::services`]).
    pub to: RpcRef,
}

/// One gRPC service a project serves.
#[derive(Clone, Debug, PartialEq)]
pub struct GrpcService {
    /// The component whose contract it is.
    pub component: Id,
    /// The contract's file stem (`api/<stem>.proto`).
    pub stem: String,
    /// The name of the project's copy, in `proto/`: the package's first part (`driver_api.proto`),
    /// which every language's tooling accepts as a module name, made a safe file name.
    pub file: String,
    /// The contract's text, as in `api/`.
    pub text: String,
    /// The names in it.
    pub contract: ProtoContract,
}

impl GrpcService {
    /// The RPCs that require authentication.
    pub fn any_auth(&self) -> bool {
        self.contract.rpcs.iter().any(|r| r.endpoint.auth)
    }
}

impl Project {
    /// Whether the project serves gRPC.
    pub fn serves_grpc(&self) -> bool {
        !self.grpc.is_empty()
    }

    /// The port its gRPC server listens on by default.
    pub fn grpc_port(&self) -> u16 {
        grpc_port(self.port)
    }

    /// Whether any operation or RPC it serves requires authentication.
    pub fn needs_auth(&self) -> bool {
        self.operations.iter().any(|o| o.auth) || self.grpc.iter().any(GrpcService::any_auth)
    }

    /// Whether it calls anything over gRPC.
    pub fn calls_grpc(&self) -> bool {
        self.clients.iter().any(|c| c.grpc.is_some())
    }

    /// Every contract the project needs a copy of in `proto/`: those it serves, then those
    /// its clients call, once each (by file), in that order.
    pub fn contracts(&self) -> Vec<&GrpcService> {
        let mut out: Vec<&GrpcService> = Vec::new();
        let called = self
            .clients
            .iter()
            .filter_map(|c| c.grpc.as_ref())
            .flat_map(|t| &t.services);
        for s in self.grpc.iter().chain(called) {
            if !out.iter().any(|o| o.file == s.file) {
                out.push(s);
            }
        }
        out
    }

    /// The client RPC that served RPC `served` forwards to, if any.
    pub fn rpc_forward(&self, served: RpcRef) -> Option<&RpcForward> {
        self.rpc_forwards.iter().find(|f| f.served == served)
    }
}

/// Gives each gRPC call of `projects` its [`GrpcTarget`], and each served RPC its forward.
pub fn link(projects: &mut [Project], warnings: &mut Vec<String>) {
    use crate::model::{Language, Protocol};
    let servers: Vec<(Id, u16, bool, Vec<GrpcService>)> = projects
        .iter()
        .filter(|p| p.serves_grpc())
        .map(|p| {
            (
                p.id.clone(),
                p.grpc_port(),
                p.language == Language::Go,
                p.grpc.clone(),
            )
        })
        .collect();
    for p in projects.iter_mut() {
        for client in &mut p.clients {
            if client.call.protocol != Protocol::Grpc {
                continue;
            }
            let own = servers.iter().find(|s| s.0 == client.peer);
            let target = match own {
                Some((id, port, tls, services)) => Some((id, *port, *tls, services.clone())),
                None => servers
                    .iter()
                    .filter(|s| s.0 != p.id)
                    .find(|s| s.3.iter().any(|g| g.component == client.peer))
                    .map(|(id, port, tls, services)| {
                        let served = services
                            .iter()
                            .filter(|g| g.component == client.peer)
                            .cloned()
                            .collect();
                        (id, *port, *tls, served)
                    }),
            };
            let Some((server, port, tls, services)) = target else {
                if !client.external {
                    warnings.push(format!(
                        "{}: calls {} over gRPC, but {} serves no gRPC contract, so the generated client speaks HTTP; give {} `rpc` endpoints or call it over HTTP",
                        p.id, client.peer, client.peer, client.peer
                    ));
                }
                continue;
            };
            if p.language == Language::Go && !tls {
                warnings.push(format!(
                    "{}: calls {} over gRPC, whose generated server speaks cleartext HTTP/2; Go 1.19's standard library speaks gRPC over TLS only, so the Go client fails until {} serves TLS",
                    p.id, client.peer, server
                ));
            }
            client.grpc = Some(GrpcTarget {
                server: server.clone(),
                var: grpc_url_var(&client.peer),
                ca_var: grpc_ca_var(&client.peer),
                port,
                tls,
                services,
            });
        }
        p.rpc_forwards = forwards(p);
    }
}

/// Rule 1 of [`super::project`] for gRPC: a served RPC forwards to the first client RPC with
/// the same name, request and response.
fn forwards(p: &Project) -> Vec<RpcForward> {
    let mut out = Vec::new();
    for (si, s) in p.grpc.iter().enumerate() {
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let same = |o: &super::contracts::proto::ProtoRpc| {
                o.name == r.name
                    && o.endpoint.request == r.endpoint.request
                    && o.endpoint.response == r.endpoint.response
                    && o.endpoint.response_list == r.endpoint.response_list
            };
            let found = p.clients.iter().enumerate().find_map(|(ci, c)| {
                let t = c.grpc.as_ref()?;
                t.services.iter().enumerate().find_map(|(tsi, ts)| {
                    let tri = ts.contract.rpcs.iter().position(same)?;
                    Some(RpcForward {
                        served: RpcRef {
                            service: si,
                            rpc: ri,
                        },
                        client: ci,
                        to: RpcRef {
                            service: tsi,
                            rpc: tri,
                        },
                    })
                })
            });
            out.extend(found);
        }
    }
    out
}

/// The default gRPC port of a project whose HTTP port is `port`: 10000 above it (below it
/// near the top of the range), so a local run with every service on 127.0.0.1 has no clash
/// as long as the model's HTTP ports stay apart.
pub fn grpc_port(port: u16) -> u16 {
    port.checked_add(10000)
        .unwrap_or_else(|| port.saturating_sub(10000))
}

/// The endpoints of `c`'s `.proto` contract, if it has one.
pub fn contract_endpoints(c: &Component) -> Option<Vec<&Endpoint>> {
    match &c.spec {
        Spec::Api(api) if api.style == ApiStyle::Grpc => Some(api.endpoints.iter().collect()),
        Spec::Service(s) => {
            let rpcs: Vec<&Endpoint> = s
                .endpoints
                .iter()
                .filter(|e| e.method == Method::Rpc)
                .collect();
            (!rpcs.is_empty()).then_some(rpcs)
        }
        _ => None,
    }
}

/// The contract of `c` (see [`contract_endpoints`]); none for a contract without RPCs.
pub fn service_of(index: &Index<'_>, c: &Component) -> Option<GrpcService> {
    let endpoints: Vec<Endpoint> = contract_endpoints(c)
        .filter(|e| !e.is_empty())?
        .into_iter()
        .cloned()
        .collect();
    let contract = contract(index, &c.id, &c.name, &endpoints);
    Some(GrpcService {
        component: c.id.clone(),
        stem: file_stem(c.id.as_str()),
        file: format!(
            "{}.proto",
            file_stem(&ident(Lang::Proto, c.id.as_str(), Case::Snake))
        ),
        text: render(&contract, &c.name),
        contract,
    })
}

/// The gRPC services project `c` serves: its own contract, and for a service those of the
/// port-less gRPC APIs that call it (by id).
pub fn services_of(index: &Index<'_>, c: &Component) -> Vec<GrpcService> {
    let arch = index.arch;
    let mut out: Vec<GrpcService> = Vec::new();
    if matches!(c.spec, Spec::Service(_)) {
        let mut apis: Vec<&Component> = index
            .to(c.id.as_str())
            .iter()
            .filter(|k| matches!(k.kind, ConnectionKind::Calls(_)))
            .filter_map(|k| arch.components.get(k.from.as_str()))
            .filter(|a| matches!(&a.spec, Spec::Api(api) if api.port.is_none() && api.style == ApiStyle::Grpc))
            .collect();
        apis.sort_by(|a, b| a.id.cmp(&b.id));
        apis.dedup_by(|a, b| a.id == b.id);
        out.extend(apis.into_iter().filter_map(|a| service_of(index, a)));
    }
    if matches!(c.spec, Spec::Service(_)) || matches!(&c.spec, Spec::Api(api) if api.port.is_some())
    {
        out.extend(service_of(index, c));
    }
    out
}

/// Whether `endpoint` of component `from`, served by project `c`, is served over gRPC.
pub fn serves(index: &Index<'_>, c: &Component, from: &str, endpoint: &Endpoint) -> bool {
    if endpoint.method != Method::Rpc {
        return false;
    }
    let Some(source) = index.arch.components.get(from) else {
        return false;
    };
    if source.id != c.id && !matches!(c.spec, Spec::Service(_)) {
        return false;
    }
    contract_endpoints(source).is_some_and(|es| es.contains(&endpoint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_ports_stay_in_range() {
        assert_eq!(grpc_port(8080), 18080);
        assert_eq!(grpc_port(60000), 50000);
        assert_eq!(grpc_port(1), 10001);
    }
}
