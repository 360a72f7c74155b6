//! Environment-variable wiring: the one convention the generated code, docker-compose and
//! Kubernetes share.
//!
//! - `PORT`: the port a generated service listens on;
//! - `<ID>_URL` (the component id in screaming snake case, `orders-db` → `ORDERS_DB_URL`):
//!   the address of every component it talks to — every component at the far end of one of
//!   its connections, whatever the type;
//! - `<ID>_GRPC_URL`: the gRPC address of a component called over gRPC (see
//!   [`super::rpc::GrpcTarget`]), set by [`grpc_environment`];
//! - `JWT_SECRET` and `API_KEYS`: secrets for the auth middleware, never written in code or
//!   configuration files; compose reads them from the environment, Kubernetes from a Secret.
//!
//! The generated code reads exactly these names, and each deployment file sets exactly these
//! names with the host that deployment uses (the compose service, the Kubernetes Service,
//! or 127.0.0.1 for a local run), so the two can never disagree.

use std::collections::BTreeMap;

use super::index::Index;
use super::names::dns_label;
use crate::model::{CacheEngine, Component, ConnectionType, DbEngine, Id, Kind, QueueEngine, Spec};

/// The variable holding the listen port.
pub const PORT_VAR: &str = "PORT";
/// The variable holding the HS256 key that signs JWTs.
pub const JWT_SECRET_VAR: &str = "JWT_SECRET";
/// The variable holding the accepted API keys, comma-separated.
pub const API_KEYS_VAR: &str = "API_KEYS";
/// The variable holding the log level filter.
pub const LOG_LEVEL_VAR: &str = "LOG_LEVEL";

/// The variable holding the address of component `id`.
pub fn url_var(id: &Id) -> String {
    format!("{}_URL", id.as_str().to_ascii_uppercase().replace('-', "_"))
}

/// Where the addresses point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// docker-compose: the host is the compose service name (the id).
    Compose,
    /// Kubernetes: the host is the Service name.
    Kubernetes,
    /// A local run: everything on 127.0.0.1 with the model's ports.
    Local,
}

/// One component another one talks to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    /// Its id.
    pub id: Id,
    /// The variable that holds its address.
    pub var: String,
    /// Its kind.
    pub kind: Kind,
    /// Strongest relation drawn to it (calls before publishes before reads…).
    pub relation: ConnectionType,
    /// The component that answers at its address: itself, or for a port-less API (which
    /// runs nowhere of its own) the service implementing it (see [`implementer`]).
    pub host: Id,
}

/// The component answering for `target`: the first service (by id) a port-less API calls,
/// which serves its endpoints ([`super::project`], [`super::rpc`]); else `target` itself.
pub fn implementer<'a>(index: &Index<'a>, target: &'a Component) -> &'a Component {
    let Spec::Api(api) = &target.spec else {
        return target;
    };
    if api.port.is_some() {
        return target;
    }
    index
        .from(target.id.as_str())
        .iter()
        .filter(|k| matches!(k.kind, crate::model::ConnectionKind::Calls(_)))
        .filter_map(|k| index.arch.components.get(k.to.as_str()))
        .filter(|c| matches!(c.spec, Spec::Service(_)))
        .min_by(|a, b| a.id.cmp(&b.id))
        .unwrap_or(target)
}

/// The components `component` talks to: the far end of each of its outgoing connections,
/// once each, sorted by id. Dangling connections are left out (the checks report them).
pub fn peers(index: &Index<'_>, component: &Id) -> Vec<Peer> {
    let arch = index.arch;
    let mut out: BTreeMap<&Id, Peer> = BTreeMap::new();
    for conn in index.from(component.as_str()) {
        let Some(target) = arch.components.get(conn.to.as_str()) else {
            continue;
        };
        if target.id == *component {
            continue;
        }
        let relation = conn.ty();
        out.entry(&target.id)
            .and_modify(|p| p.relation = p.relation.min(relation))
            .or_insert_with(|| Peer {
                id: target.id.clone(),
                var: url_var(&target.id),
                kind: target.kind(),
                relation,
                host: implementer(index, target).id.clone(),
            });
    }
    out.into_values().collect()
}

/// The database name a generated database gets (and that its URL names).
pub fn database_name(id: &Id) -> String {
    id.as_str().replace('-', "_")
}

/// The host name of component `id` as seen from a service running on `host`.
pub fn hostname(id: &Id, host: Host) -> String {
    match host {
        Host::Compose => id.to_string(),
        Host::Kubernetes => dns_label(id.as_str()),
        Host::Local => "127.0.0.1".to_owned(),
    }
}

/// The address of `target` as seen from a service running on `host`.
pub fn address(target: &Component, host: Host) -> String {
    let hostname = hostname(&target.id, host);
    let port = target.spec.port().unwrap_or(80);
    match &target.spec {
        Spec::Service(_) | Spec::Api(_) | Spec::Worker(_) => format!("http://{hostname}:{port}"),
        Spec::Database(db) => {
            let name = database_name(&target.id);
            match db.engine {
                DbEngine::Postgres => format!("postgres://postgres@{hostname}:{port}/{name}"),
                DbEngine::Mysql | DbEngine::Mariadb => {
                    format!("mysql://root@{hostname}:{port}/{name}")
                }
                DbEngine::Mongodb => format!("mongodb://{hostname}:{port}/{name}"),
                DbEngine::Sqlite => format!("sqlite:///data/{name}.db"),
            }
        }
        Spec::Queue(q) => match q.engine {
            QueueEngine::Kafka => format!("kafka://{hostname}:{port}"),
            QueueEngine::Rabbitmq => format!("amqp://{hostname}:{port}"),
            QueueEngine::Sqs => format!("http://{hostname}:{port}"),
            QueueEngine::Nats => format!("nats://{hostname}:{port}"),
            QueueEngine::RedisStreams => format!("redis://{hostname}:{port}"),
        },
        Spec::Cache(c) => match c.engine {
            CacheEngine::Redis => format!("redis://{hostname}:{port}"),
            CacheEngine::Memcached => format!("memcached://{hostname}:{port}"),
        },
        Spec::Storage(_) => format!("http://{hostname}:{port}"),
        Spec::External(e) if !e.url.is_empty() => e.url.clone(),
        Spec::External(_) => format!("https://{}.invalid", target.id),
        Spec::Client(_) => String::new(),
    }
}

/// The non-secret variables a deployment on `host` sets for `component`: `PORT` and one
/// address per peer.
pub fn environment(
    index: &Index<'_>,
    component: &Component,
    host: Host,
) -> BTreeMap<String, String> {
    let arch = index.arch;
    let mut env = BTreeMap::new();
    if let Some(port) = component.spec.port() {
        env.insert(PORT_VAR.to_owned(), port.to_string());
    }
    for peer in peers(index, &component.id) {
        if let Some(target) = arch.components.get(peer.host.as_str()) {
            env.insert(peer.var, address(target, host));
        }
    }
    env
}

/// The gRPC addresses `project`'s clients read, as a deployment on `host` sets them.
pub fn grpc_environment(
    project: &super::project::Project,
    host: Host,
) -> impl Iterator<Item = (String, String)> + '_ {
    project
        .clients
        .iter()
        .filter_map(move |c| c.grpc.as_ref())
        .map(move |t| (t.var.clone(), t.address(host)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::{Architecture, CallSpec, Connection, ConnectionKind, Kind};

    fn model() -> Architecture {
        let mut arch = Architecture::new("t");
        let mut orders = Component::new(id!("orders"), "Orders", Kind::Service);
        if let Spec::Service(s) = &mut orders.spec {
            s.port = Some(8082);
        }
        arch.components.insert(orders);
        arch.components
            .insert(Component::new(id!("orders-db"), "DB", Kind::Database));
        arch.components
            .insert(Component::new(id!("catalog"), "Catalog", Kind::Service));
        arch.connections.insert(Connection::new(
            id!("a"),
            id!("orders"),
            id!("orders-db"),
            ConnectionKind::Writes,
        ));
        arch.connections.insert(Connection::new(
            id!("b"),
            id!("orders"),
            id!("catalog"),
            ConnectionKind::Calls(CallSpec::default()),
        ));
        arch.connections.insert(Connection::new(
            id!("c"),
            id!("orders"),
            id!("catalog"),
            ConnectionKind::DependsOn,
        ));
        arch.connections.insert(Connection::new(
            id!("d"),
            id!("orders"),
            id!("missing"),
            ConnectionKind::DependsOn,
        ));
        arch
    }

    #[test]
    fn variable_names() {
        assert_eq!(url_var(&id!("orders-db")), "ORDERS_DB_URL");
        assert_ne!(url_var(&id!("a-b")), url_var(&id!("ab")));
    }

    #[test]
    fn peers_are_unique_and_keep_the_strongest_relation() {
        let arch = model();
        let peers = peers(&Index::new(&arch), &id!("orders"));
        let ids: Vec<_> = peers.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["catalog", "orders-db"]);
        assert_eq!(peers[0].relation, ConnectionType::Calls);
    }

    #[test]
    fn every_host_sets_the_same_names() {
        let arch = model();
        let orders = arch.components.get("orders").unwrap();
        let index = Index::new(&arch);
        let compose = environment(&index, orders, Host::Compose);
        let k8s = environment(&index, orders, Host::Kubernetes);
        let local = environment(&index, orders, Host::Local);
        assert_eq!(
            compose.keys().collect::<Vec<_>>(),
            k8s.keys().collect::<Vec<_>>()
        );
        assert_eq!(
            compose.keys().collect::<Vec<_>>(),
            local.keys().collect::<Vec<_>>()
        );
        assert_eq!(compose["PORT"], "8082");
        assert_eq!(compose["CATALOG_URL"], "http://catalog:8080");
        assert_eq!(local["CATALOG_URL"], "http://127.0.0.1:8080");
        assert_eq!(
            compose["ORDERS_DB_URL"],
            "postgres://postgres@orders-db:5432/orders_db"
        );
    }
}
