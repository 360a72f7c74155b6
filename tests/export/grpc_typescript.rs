//! The TypeScript side of gRPC calls: clients built from `proto/`, served RPCs forwarding to
//! them, and projects that only call gRPC.

use std::collections::BTreeSet;

use archcanvas::export::{self, ExportOptions};
use archcanvas::model::{Language, Spec};

use super::load;

fn typescript(arch: &archcanvas::model::Architecture) -> export::Plan {
    let options = ExportOptions {
        only: BTreeSet::new(),
        language: Some(Language::TypeScript),
    };
    export::plan(arch, &options).expect("plan")
}

fn text<'a>(plan: &'a export::Plan, path: &str) -> &'a str {
    plan.get(path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
        .as_str()
}

#[test]
fn typescript_grpc_clients_call_every_rpc_with_the_models_deadline_and_retries() {
    let plan = typescript(&load("tests/fixtures/export/grpc.ron"));
    let clients = text(&plan, "services/edge/src/clients.ts");
    // One method per RPC of the called contract, typed with its messages.
    for expected in [
        "import type * as pbCatalog from \"./messages/catalog\";",
        "getBook(ctx: Ctx, request: pbCatalog.BookRef): Promise<pbCatalog.Book> {\n    return this.grpc.unary(ctx, \"catalog.v1.CatalogueService\", \"GetBook\", request);",
        "listBooks(ctx: Ctx, request: pbCatalog.Empty): Promise<pbCatalog.BookList> {",
        "restock(ctx: Ctx, request: pbStockRpc.Restock): Promise<pbStockRpc.StockLevel> {\n    return this.grpc.unary(ctx, \"stock_rpc.v1.StockRpc\", \"Restock\", request);",
        "files: [\"catalog.proto\"],\n      timeoutMs: 2000,\n      retries: 1,\n      relayCredentials: true,",
        "files: [\"stock_rpc.proto\"],\n      timeoutMs: 1500,\n      retries: 2,\n      breaker: this.http.breaker,",
        "caVar: \"STOCK_RPC_GRPC_CA\",",
    ] {
        assert!(
            clients.contains(expected),
            "missing {expected:?} in\n{clients}"
        );
    }
    // The breaker only where the model asks for one.
    assert_eq!(clients.matches("breaker: this.http.breaker").count(), 1);
    let config = text(&plan, "services/edge/src/config.ts");
    assert!(config.contains(
        "catalogGrpcUrl: read(\"CATALOG_GRPC_URL\", \"http://127.0.0.1:19501\"),\n    catalogGrpcCa: env[\"CATALOG_GRPC_CA\"] || undefined,"
    ));
    let services = text(&plan, "services/edge/src/services.ts");
    assert!(services.contains(
        "new clients.CatalogClient(config.catalogUrl, { url: config.catalogGrpcUrl, ca: config.catalogGrpcCa }, log);"
    ));
    let runtime = text(&plan, "services/edge/src/grpcClient.ts");
    assert!(runtime.contains(
        "RETRIED = new Set<grpc.status>([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED])"
    ));
    assert!(runtime.contains("deadline: Date.now() + timeoutMs"));
    assert!(runtime.contains("metadata.set(REQUEST_ID, ctx.requestId);"));
    assert!(runtime.contains("rejectUnauthorized: false"));
    assert!(plan.get("services/edge/test/grpcClient.test.ts").is_some());
    // The stock service calls nobody over gRPC.
    assert!(plan.get("services/stock/src/grpcClient.ts").is_none());
    assert!(!text(&plan, "services/stock/src/services.ts").contains("new clients."));
}

#[test]
fn typescript_served_rpcs_forward_to_the_client_rpc() {
    let plan = typescript(&load("tests/fixtures/export/grpc.ron"));
    let services = text(&plan, "services/edge/src/services.ts");
    let body = |rpc: &str| {
        let start = services
            .find(&format!("async {rpc}("))
            .unwrap_or_else(|| panic!("no {rpc}"));
        let end = services[start..]
            .find("\n  }\n")
            .map_or(services.len(), |e| start + e);
        &services[start..end]
    };
    assert!(body("rpcGetBook").contains("return await this.catalog.getBook(ctx, request);"));
    assert!(body("rpcRestock").contains("return await this.stockRpc.restock(ctx, request);"));
    assert!(!body("rpcGetBook").contains("TODO"));
    // Ping has nowhere to go: it keeps the TODO.
    assert!(body("rpcPing").contains("// TODO: the business logic of this RPC."));
    // The catalogue forwards GetBook to the stock service; its server test expects the
    // upstream failure, the client pointed at a closed port.
    let catalog = text(&plan, "services/catalog/src/services.ts");
    assert!(catalog.contains("return await this.stock.getBook(ctx, request);"));
    let test = text(&plan, "services/catalog/test/grpc.test.ts");
    assert!(test.contains("\"STOCK_GRPC_URL\": \"http://127.0.0.1:1\""));
    assert!(test.contains("grpc.status.UNAVAILABLE"));
}

#[test]
fn a_typescript_client_of_a_go_server_speaks_tls() {
    let mut arch = load("tests/fixtures/export/grpc.ron");
    let mut catalog = arch.components.get("catalog").expect("catalog").clone();
    if let Spec::Service(s) = &mut catalog.spec {
        s.language = Language::TypeScript;
    }
    arch.components.insert(catalog);
    let plan = export::plan(&arch, &ExportOptions::default()).expect("plan");
    let config = text(&plan, "services/catalog/src/config.ts");
    assert!(
        config.contains("stockGrpcUrl: read(\"STOCK_GRPC_URL\", \"https://127.0.0.1:19502\"),"),
        "{config}"
    );
    assert!(config.contains("stockGrpcCa: env[\"STOCK_GRPC_CA\"] || undefined,"));
}

#[test]
fn a_typescript_project_that_only_calls_grpc_has_its_dependencies() {
    let plan = typescript(&load("examples/rides.ron"));
    let dir = "services/dispatch-worker";
    assert!(
        plan.get(&format!("{dir}/src/grpc.ts")).is_none(),
        "it serves nothing"
    );
    assert!(plan.get(&format!("{dir}/src/grpcClient.ts")).is_some());
    let package = text(&plan, &format!("{dir}/package.json"));
    assert!(package.contains("\"@grpc/grpc-js\""));
    assert!(package.contains("\"@grpc/proto-loader\""));
    let clients = text(&plan, &format!("{dir}/src/clients.ts"));
    assert!(clients.contains("this.grpc.unary("), "{clients}");
    // The messages it calls with, beside the contracts.
    assert!(plan.files().any(|f| {
        f.path
            .to_string()
            .starts_with(&format!("{dir}/src/messages/"))
    }));
}
