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

use super::contracts::proto::{ProtoContract, contract, render};
use super::index::Index;
use super::names::{Case, Lang, file_stem, ident};
use super::project::Project;
use crate::model::{ApiStyle, Component, ConnectionKind, Endpoint, Id, Method, Spec};

/// The variable holding the gRPC listen port.
pub const GRPC_PORT_VAR: &str = "GRPC_PORT";

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
