//! The gRPC clients of the generated Rust projects: one method per RPC with the call's
//! deadline and retries, gateways forwarding to them, projects that only call gRPC.

use std::collections::BTreeSet;

use archcanvas::export::{self, ExportOptions};
use archcanvas::model::{Architecture, Endpoint, Language, Method, Spec};

use super::load;

/// The plan of `arch`, every project in Rust or (`None`) in its own language.
fn plan(arch: &Architecture, language: Option<Language>) -> export::Plan {
    export::plan(
        arch,
        &ExportOptions {
            only: BTreeSet::new(),
            language,
        },
    )
    .unwrap()
}

fn text<'a>(plan: &'a export::Plan, path: &str) -> &'a str {
    &plan
        .get(path)
        .unwrap_or_else(|| panic!("{path} is missing"))
        .contents
}

#[test]
fn rust_grpc_clients_have_one_method_per_rpc_with_the_call_s_deadline_and_retries() {
    let plan = plan(
        &load("tests/fixtures/export/grpc.ron"),
        Some(Language::Rust),
    );
    let clients = text(&plan, "services/edge/src/clients.rs");
    // Every RPC of the catalogue's contract, through the tonic client of that contract.
    for method in [
        "pub async fn get_book(&self, ctx: &Ctx, request: grpc::catalog::BookRef) -> Result<grpc::catalog::Book, AppError>",
        "pub async fn list_books(&self, ctx: &Ctx, request: grpc::catalog::Empty) -> Result<grpc::catalog::BookList, AppError>",
        "pub async fn restock(&self, ctx: &Ctx, request: grpc::stock_rpc::Restock) -> Result<grpc::stock_rpc::StockLevel, AppError>",
        "grpc::catalog::catalogue_service_client::CatalogueServiceClient::new(channel).get_book(request)",
    ] {
        assert!(clients.contains(method), "{method}\n{clients}");
    }
    // The model's timeout as the deadline, its retries, credentials relayed, and the circuit
    // breaker of the HTTP client of the same peer (on where the call asks for one).
    for (http, grpc) in [
        (
            "let http = HttpClient::new(\"catalog\", base, Some(Duration::from_millis(2000)), 1, false, true);",
            "let grpc = GrpcClient::new(\"catalog\", grpc, grpc_ca, \"CATALOG_GRPC_CA\", Some(Duration::from_millis(2000)), 1, http.breaker(), true);",
        ),
        (
            "let http = HttpClient::new(\"stock-rpc\", base, Some(Duration::from_millis(1500)), 2, true, true);",
            "let grpc = GrpcClient::new(\"stock-rpc\", grpc, grpc_ca, \"STOCK_RPC_GRPC_CA\", Some(Duration::from_millis(1500)), 2, http.breaker(), true);",
        ),
    ] {
        assert!(
            clients.contains(&format!("{http}\n        {grpc}\n")),
            "{grpc}\n{clients}"
        );
    }
    // The address and CA file come from the configuration, the address defaulting to the
    // server's local one.
    let config = text(&plan, "services/edge/src/config.rs");
    assert!(
        config
            .contains("catalog_grpc_url: read(\"CATALOG_GRPC_URL\", \"http://127.0.0.1:19501\"),")
    );
    assert!(
        config.contains(
            "stock_rpc_grpc_ca: lookup(\"STOCK_RPC_GRPC_CA\").filter(|v| !v.is_empty()),"
        )
    );
    let services = text(&plan, "services/edge/src/services.rs");
    assert!(services.contains(
        "clients::CatalogClient::new(config.catalog_url.clone(), config.catalog_grpc_url.clone(), config.catalog_grpc_ca.clone())"
    ));
    // The shared core: deadline, retries of UNAVAILABLE and DEADLINE_EXCEEDED, metadata.
    let core = text(&plan, "services/edge/src/grpc_client.rs");
    for part in [
        "request.set_timeout(limit)",
        "e.is::<tonic::TimeoutExpired>()",
        "Code::Unavailable | Code::DeadlineExceeded",
        "metadata.insert(REQUEST_ID, v)",
        "metadata.insert(\"x-api-key\", v)",
        "Code::Unauthenticated => AppError::Unauthorized(message)",
        "Code::NotFound => AppError::NotFound(message)",
    ] {
        assert!(core.contains(part), "{part}");
    }
    // build.rs compiles the contracts called beside the one served.
    assert!(text(&plan, "services/edge/build.rs").contains(
        "compile_protos(&[\"proto/edge.proto\", \"proto/catalog.proto\", \"proto/stock_rpc.proto\"], &[\"proto\"])"
    ));
    assert!(text(&plan, "services/edge/Cargo.toml").contains("tokio-rustls"));
}

#[test]
fn a_rust_grpc_gateway_forwards_to_its_clients_and_keeps_a_todo_elsewhere() {
    let plan = plan(
        &load("tests/fixtures/export/grpc.ron"),
        Some(Language::Rust),
    );
    let services = text(&plan, "services/edge/src/services.rs");
    let body = |name: &str| {
        let start = services
            .find(&format!("pub async fn {name}("))
            .unwrap_or_else(|| panic!("{name}"));
        let end = services[start..].find("\n    }\n").unwrap() + start;
        services[start..end].to_owned()
    };
    let get_book = body("rpc_get_book");
    assert!(
        get_book.contains(
            ".catalog\n            .get_book(ctx, crate::grpc_client::convert(&request)?)"
        ),
        "{get_book}"
    );
    assert!(get_book.ends_with("crate::grpc_client::convert(&forwarded)"));
    assert!(body("rpc_restock").contains(".stock_rpc\n            .restock(ctx, "));
    let ping = body("rpc_ping");
    assert!(
        !ping.contains("forwarded") && ping.contains("Ok(Default::default())"),
        "{ping}"
    );
    // Its in-process test points the client at a closed port and expects UNAVAILABLE from
    // the peer: the call went out (the stock service's test, with nothing to forward, expects
    // the default answer).
    let test = text(&plan, "services/edge/tests/grpc.rs");
    assert!(test.contains("\"CATALOG_GRPC_URL\" => Some(\"http://127.0.0.1:1\".to_owned())"));
    assert!(
        test.contains("assert_eq!(refused.code(), tonic::Code::Unavailable, \"{refused:?}\");")
    );
    assert!(test.contains("refused.message().starts_with(\"catalog: \")"));
    let stock_test = text(&plan, "services/stock/tests/grpc.rs");
    assert!(stock_test.contains("expect(\"the RPC answers\")") && !stock_test.contains("GRPC_URL"));
    // The catalogue forwards to the stock service in turn.
    let catalog = text(&plan, "services/catalog/src/services.rs");
    assert!(
        catalog
            .contains(".stock\n            .get_book(ctx, crate::grpc_client::convert(&request)?)")
    );
}

#[test]
fn a_rust_project_that_only_calls_grpc_builds_the_contracts_it_calls() {
    let plan = plan(&load("examples/rides.ron"), Some(Language::Rust));
    let dir = "services/dispatch-worker";
    let grpc = text(&plan, &format!("{dir}/src/grpc.rs"));
    assert!(grpc.contains("tonic::include_proto!(\"matching.v1\");"));
    assert!(
        !grpc.contains("Server") && !grpc.contains("use tonic"),
        "{grpc}"
    );
    assert!(text(&plan, &format!("{dir}/build.rs")).contains("&[\"proto/matching.proto\"]"));
    let cargo = text(&plan, &format!("{dir}/Cargo.toml"));
    assert!(cargo.contains("tonic = ") && cargo.contains("tonic-prost-build = "));
    let lib = text(&plan, &format!("{dir}/src/lib.rs"));
    assert!(lib.contains("pub mod grpc;") && lib.contains("pub mod grpc_client;"));
    let dockerfile = text(&plan, &format!("{dir}/Dockerfile"));
    assert!(dockerfile.contains("protobuf-compiler"));
    assert!(!dockerfile.contains("GRPC_PORT"));
    assert!(plan.get(&format!("{dir}/tests/grpc.rs")).is_none());
}

#[test]
fn a_rust_client_of_a_go_server_defaults_to_tls() {
    // Each project in its own language: edge (Rust) calls stock (Go, TLS) through stock-rpc.
    let plan = plan(&load("tests/fixtures/export/grpc.ron"), None);
    let config = text(&plan, "services/edge/src/config.rs");
    assert!(config.contains(
        "stock_rpc_grpc_url: read(\"STOCK_RPC_GRPC_URL\", \"https://127.0.0.1:19502\"),"
    ));
    let core = text(&plan, "services/edge/src/grpc_client.rs");
    assert!(core.contains("with_root_certificates(roots)"));
    assert!(core.contains("is not set: the gRPC server's certificate is accepted unverified"));
}

#[test]
fn rust_grpc_client_methods_never_clash_with_the_http_ones() {
    let mut arch = load("tests/fixtures/export/grpc.ron");
    // The catalogue also serves GET /book: its HTTP client method is `get_book` too.
    let catalog = arch.components.get_mut("catalog").unwrap();
    let Spec::Service(s) = &mut catalog.spec else {
        panic!("catalog is a service")
    };
    s.endpoints.push(Endpoint {
        method: Method::Get,
        path: "/book".to_owned(),
        ..Endpoint::default()
    });
    let plan = plan(&arch, Some(Language::Rust));
    let clients = text(&plan, "services/edge/src/clients.rs");
    assert!(clients.contains(
        "pub async fn get_book(&self, ctx: &Ctx) -> Result<serde_json::Value, AppError>"
    ));
    assert!(
        clients.contains(
            "pub async fn get_book__2(&self, ctx: &Ctx, request: grpc::catalog::BookRef)"
        )
    );
    assert!(
        text(&plan, "services/edge/src/services.rs")
            .contains(".get_book__2(ctx, crate::grpc_client::convert(&request)?)")
    );
}
