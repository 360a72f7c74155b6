//! The plan: folder shape, selections, languages, one component's files.

use std::collections::BTreeSet;

use archcanvas::export::{self, Artifact, ExportOptions, RelPath};
use archcanvas::model::Language;

use super::load;

fn paths(plan: &export::Plan) -> Vec<String> {
    plan.files().map(|f| f.path.to_string()).collect()
}

#[test]
fn shop_has_the_documented_folder_shape() {
    let arch = load("examples/shop.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let paths = paths(&plan);
    for expected in [
        "README.md",
        "docker-compose.yml",
        "api/gateway.openapi.yaml",
        "api/orders.openapi.yaml",
        "sql/orders-db.sql",
        "asyncapi/events.yaml",
        "k8s/orders.yaml",
        "k8s/gateway.ingress.yaml",
        ".github/workflows/orders.yml",
        // each service in its own language
        "services/orders/Cargo.toml",
        "services/orders/src/routes.rs",
        "services/orders/tests/health.rs",
        "services/catalog/go.mod",
        "services/catalog/internal/handlers/health_test.go",
        "services/payments/app/main.py",
        "services/payments/tests/test_health.py",
        "services/users/package.json",
        "services/users/test/health.test.ts",
        "services/email-worker/src/events.ts",
    ] {
        assert!(paths.iter().any(|p| p == expected), "missing {expected}");
    }
    // Every path is a checked relative path.
    for p in &paths {
        assert!(RelPath::new(p).is_ok(), "{p}");
    }
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn only_selects_artifacts_and_lang_overrides_languages() {
    let arch = load("examples/shop.ron");
    let options = ExportOptions {
        only: BTreeSet::from([Artifact::Sql, Artifact::Compose]),
        language: None,
    };
    let plan = export::plan(&arch, &options).unwrap();
    let paths = paths(&plan);
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("sql/") || p == "docker-compose.yml" || p == "README.md"),
        "{paths:?}"
    );
    assert!(paths.iter().any(|p| p.starts_with("sql/")));

    let go = ExportOptions {
        only: BTreeSet::from([Artifact::Services]),
        language: Some(Language::Go),
    };
    let plan = export::plan(&arch, &go).unwrap();
    for id in [
        "orders",
        "catalog",
        "payments",
        "users",
        "gateway",
        "email-worker",
    ] {
        assert!(plan.get(&format!("services/{id}/go.mod")).is_some(), "{id}");
        assert!(
            plan.get(&format!("services/{id}/Cargo.toml")).is_none(),
            "{id}"
        );
    }
}

#[test]
fn one_component_s_files_for_the_code_panel() {
    let arch = load("examples/shop.ron");
    let files = export::plan_component(&arch, "orders", &ExportOptions::default()).unwrap();
    assert!(!files.is_empty());
    assert!(
        files
            .iter()
            .all(|f| f.component.as_ref().is_some_and(|c| c.as_str() == "orders"))
    );
    let paths: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"services/orders/src/services.rs"));
    assert!(paths.contains(&"api/orders.openapi.yaml"));
    assert!(paths.contains(&"k8s/orders.yaml"));
    let db = export::plan_component(&arch, "orders-db", &ExportOptions::default()).unwrap();
    assert!(db.iter().any(|f| f.path.as_str() == "sql/orders-db.sql"));
}

#[test]
fn plans_are_deterministic() {
    let arch = load("tests/fixtures/export/features.ron");
    let a = export::plan(&arch, &ExportOptions::default()).unwrap();
    let b = export::plan(&arch, &ExportOptions::default()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_wiring_in_compose_k8s_and_code_agrees() {
    let arch = load("examples/shop.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let compose = &plan.get("docker-compose.yml").unwrap().contents;
    let k8s = &plan.get("k8s/orders.yaml").unwrap().contents;
    let config = &plan.get("services/orders/src/config.rs").unwrap().contents;
    for var in [
        "PORT",
        "CATALOG_URL",
        "PAYMENTS_URL",
        "ORDERS_DB_URL",
        "EVENTS_URL",
    ] {
        assert!(compose.contains(&format!("{var}:")), "compose lacks {var}");
        assert!(k8s.contains(&format!("{var}:")), "k8s lacks {var}");
        assert!(config.contains(&format!("\"{var}\"")), "code lacks {var}");
    }
    assert!(
        compose.contains("CATALOG_URL: \"http://catalog:8081\""),
        "{compose}"
    );
    assert!(
        k8s.contains("CATALOG_URL: \"http://catalog:8081\""),
        "{k8s}"
    );
    // Trust zones become networks; the gateway reaches into the private zone.
    assert!(
        compose.contains("networks:\n  edge: {}\n  internal: {}"),
        "{compose}"
    );
}

#[test]
fn the_gateway_forwards_and_orders_calls_payments() {
    let arch = load("examples/shop.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let gateway = &plan
        .get("services/gateway/src/services.rs")
        .unwrap()
        .contents;
    assert!(
        gateway.contains("self.orders.post_orders(ctx, &body).await?"),
        "{gateway}"
    );
    let orders = &plan
        .get("services/orders/src/services.rs")
        .unwrap()
        .contents;
    assert!(orders.contains("self.payments.post_payments("), "{orders}");
    assert!(orders.contains(".publish(ctx,"), "{orders}");
}

// ---------------------------------------------------------------------------- gRPC

/// The RPC names each gRPC service of project `id` serves, by contract.
fn rpcs_of(arch: &archcanvas::model::Architecture, id: &str) -> Vec<(String, Vec<String>)> {
    let index = export::Index::new(arch);
    let (projects, _) = export::project::projects(&index, None);
    let p = projects
        .iter()
        .find(|p| p.id.as_str() == id)
        .unwrap_or_else(|| panic!("no project {id}"));
    p.grpc
        .iter()
        .map(|s| {
            (
                s.component.to_string(),
                s.contract.rpcs.iter().map(|r| r.name.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn grpc_gateways_and_services_serve_their_contracts() {
    let arch = load("examples/rides.ron");
    // A gRPC API with a port serves every RPC of its own contract.
    assert_eq!(
        rpcs_of(&arch, "driver-api"),
        [(
            "driver-api".to_owned(),
            [
                "StreamLocations",
                "SetStatus",
                "GetProfile",
                "AcceptOffer",
                "DeclineOffer",
                "UpdateTrip"
            ]
            .map(String::from)
            .to_vec()
        )]
    );
    // A service serves its own Rpc endpoints (its HTTP ones stay routes).
    assert_eq!(
        rpcs_of(&arch, "drivers"),
        [(
            "drivers".to_owned(),
            vec!["SetStatus".to_owned(), "GetProfile".to_owned()]
        )]
    );
    let index = export::Index::new(&arch);
    let (projects, warnings) = export::project::projects(&index, None);
    let drivers = projects
        .iter()
        .find(|p| p.id.as_str() == "drivers")
        .unwrap();
    let routes: Vec<String> = drivers
        .operations
        .iter()
        .map(|o| o.route.braces())
        .collect();
    assert_eq!(routes, ["/drivers/{id}", "/.well-known/jwks.json"]);
    // A service without Rpc endpoints serves no gRPC.
    assert!(rpcs_of(&arch, "notifications").is_empty());
    // Every RPC is served somewhere now: no "only HTTP routes" warning is left.
    assert!(
        !warnings.iter().any(|w| w.contains("only HTTP routes")),
        "{warnings:?}"
    );
}

#[test]
fn a_port_less_grpc_api_is_served_by_the_service_it_calls() {
    let arch = load("tests/fixtures/export/features.ron");
    assert_eq!(
        rpcs_of(&arch, "authors"),
        [(
            "grpc-api".to_owned(),
            vec![
                "GetBook".to_owned(),
                "ListBooks".to_owned(),
                "Ping".to_owned()
            ]
        )]
    );
    // The contract itself is not a project.
    let index = export::Index::new(&arch);
    let (projects, _) = export::project::projects(&index, None);
    assert!(!projects.iter().any(|p| p.id.as_str() == "grpc-api"));
}

#[test]
fn grpc_projects_carry_their_contract_and_port_in_every_language() {
    let arch = load("examples/rides.ron");
    for (language, files) in [
        (
            Language::Rust,
            &["build.rs", "src/grpc.rs", "tests/grpc.rs"][..],
        ),
        (
            Language::TypeScript,
            &[
                "src/grpc.ts",
                "src/messages/drivers.ts",
                "test/grpc.test.ts",
            ][..],
        ),
        (
            Language::Python,
            &["app/protos.py", "app/grpc_server.py", "tests/test_grpc.py"][..],
        ),
        (
            Language::Go,
            &[
                "internal/platform/grpc.go",
                "internal/pb/driverspb/messages.go",
                "internal/rpc/rpc.go",
                "internal/rpc/rpc_test.go",
            ][..],
        ),
    ] {
        let options = ExportOptions {
            only: BTreeSet::new(),
            language: Some(language),
        };
        let plan = export::plan(&arch, &options).unwrap();
        // The service's own contract, and the project's copy of it, byte for byte.
        let contract = plan.get("api/drivers.proto").expect("api/drivers.proto");
        assert!(
            contract
                .contents
                .contains("rpc SetStatus (StatusChange) returns (DriverProfile);")
        );
        assert!(
            !contract.contents.contains("jwks"),
            "HTTP endpoints stay out of the .proto"
        );
        let copy = plan
            .get("services/drivers/proto/drivers.proto")
            .expect("copy");
        assert_eq!(copy.contents, contract.contents);
        for f in files {
            assert!(
                plan.get(&format!("services/drivers/{f}")).is_some(),
                "{language:?}: missing {f}"
            );
        }
        // One service-layer method per RPC, whatever the language's case.
        let services = plan
            .files()
            .filter(|f| f.path.as_str().starts_with("services/drivers/"))
            .map(|f| f.contents.as_str())
            .collect::<String>();
        let (set, get) = if language == Language::TypeScript {
            ("async rpcSetStatus(", "async rpcGetProfile(")
        } else if language == Language::Go {
            (
                "func (s *Service) RpcSetStatus(",
                "func (s *Service) RpcGetProfile(",
            )
        } else if language == Language::Rust {
            (
                "pub async fn rpc_set_status(",
                "pub async fn rpc_get_profile(",
            )
        } else {
            ("async def rpc_set_status(", "async def rpc_get_profile(")
        };
        assert!(
            services.contains(set) && services.contains(get),
            "{language:?}"
        );
        // The gRPC port is wired like PORT.
        let env = plan.get("services/drivers/.env.example").unwrap();
        assert!(
            env.contents.contains("GRPC_PORT='18106'"),
            "{}",
            env.contents
        );
        let compose = plan.get("docker-compose.yml").unwrap();
        assert!(
            compose.contents.contains("GRPC_PORT: '18106'")
                || compose.contents.contains("GRPC_PORT: \"18106\"")
                || compose.contents.contains("GRPC_PORT: 18106"),
            "compose"
        );
        assert!(compose.contents.contains("18106:18106"));
        let k8s = plan.get("k8s/drivers.yaml").unwrap();
        assert!(k8s.contents.contains("name: grpc"));
    }
}

#[test]
fn an_rpc_outside_any_grpc_contract_is_still_reported() {
    // A REST API with a port is a project of its own; its Rpc endpoint is in no .proto.
    let arch = archcanvas::file::parse(
        r#"(
    format: 2,
    name: "t",
    components: [
        (
            id: "edge",
            name: "Edge",
            kind: Api(
                style: Rest,
                port: 8080,
                endpoints: [
                    (method: Get, path: "/things", summary: "Things"),
                    (method: Rpc, path: "Sync", summary: "Not REST"),
                ],
            ),
        ),
    ],
)"#,
    )
    .unwrap();
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    assert!(
        plan.warnings.iter().any(|w| w.contains("Sync")),
        "{:?}",
        plan.warnings
    );
    assert!(paths(&plan).iter().all(|p| !p.ends_with(".proto")));
    assert!(plan.get("services/edge/build.rs").is_none());
}
