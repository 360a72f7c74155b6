//! A small model with a problem for most rules, built in code and written with the canonical
//! writer (file text is never hard-coded here).

use std::path::{Path, PathBuf};

use archcanvas::file;
use archcanvas::id;
use archcanvas::model::{
    ApiSpec, Architecture, Auth, CallSpec, Component, Connection, ConnectionKind, Group, GroupKind,
    Kind, Level, Spec, Suppression, Zone,
};

fn component(id: &str, kind: Kind, description: &str) -> Component {
    let mut c = Component::new(id!(id), id, kind);
    c.description = description.into();
    c
}

fn call() -> ConnectionKind {
    ConnectionKind::Calls(CallSpec {
        timeout_ms: Some(1000),
        retries: 1,
        ..CallSpec::default()
    })
}

/// A model with a sync cycle, an orphan, a shared and exposed database, a public API without
/// auth, a bare call to an external system, a secret in a description and a dangling
/// connection; `lonely` is suppressed and `fan-out` turned off.
pub fn model() -> Architecture {
    let mut arch = Architecture::new("Flawed");
    arch.description = "A model with problems, for the tests.".into();
    let mut api = component("api", Kind::Api, "Public API.");
    api.spec = Spec::Api(ApiSpec {
        public: true,
        auth: Auth::None,
        replicas: 2,
        ..ApiSpec::default()
    });
    arch.components.insert(api);
    for (id, kind, description) in [
        ("web", Kind::Client, "Browser app."),
        (
            "orders",
            Kind::Service,
            "Orders; db at postgres://app:Sup3r!@db/orders",
        ),
        ("billing", Kind::Service, "Billing."),
        ("db", Kind::Database, "Shared database."),
        ("stripe", Kind::External, "Payments."),
        ("lonely", Kind::Service, "Nobody uses it."),
        ("forgotten", Kind::Cache, ""),
    ] {
        arch.components.insert(component(id, kind, description));
    }
    for c in arch.components.iter_mut() {
        if let Spec::Service(s) = &mut c.spec {
            s.replicas = 2;
        }
        if let Spec::Database(d) = &mut c.spec {
            d.replicas = 2;
        }
    }
    let conns = [
        ("web-to-api", "web", "api", call()),
        ("api-to-orders", "api", "orders", call()),
        ("orders-to-billing", "orders", "billing", call()),
        ("billing-to-orders", "billing", "orders", call()),
        ("orders-writes-db", "orders", "db", ConnectionKind::Writes),
        ("billing-writes-db", "billing", "db", ConnectionKind::Writes),
        ("web-reads-db", "web", "db", ConnectionKind::Reads),
        (
            "billing-to-stripe",
            "billing",
            "stripe",
            ConnectionKind::Calls(CallSpec::default()),
        ),
        (
            "orders-to-ghost",
            "orders",
            "ghost",
            ConnectionKind::DependsOn,
        ),
    ];
    for (id, from, to, kind) in conns {
        arch.connections
            .insert(Connection::new(id!(id), id!(from), id!(to), kind));
    }
    let mut edge = Group::new(id!("edge"), "Edge", GroupKind::TrustZone(Zone::Public));
    edge.members.insert(id!("api"));
    arch.groups.insert(edge);
    arch.rules.levels.insert("fan-out".into(), Level::Off);
    arch.rules.suppress.push(Suppression {
        rule: "orphan".into(),
        subject: id!("lonely"),
        reason: "kept for the migration next quarter".into(),
    });
    arch
}

/// Writes `arch` as `name` in `dir` (canonical text) and returns the path.
pub fn write(dir: &Path, name: &str, arch: &Architecture) -> PathBuf {
    let path = dir.join(name);
    let text = file::to_canonical_string(arch).expect("the model writes");
    std::fs::write(&path, text).expect("write the model");
    path
}
