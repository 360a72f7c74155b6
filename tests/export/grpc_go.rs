//! gRPC clients and forwarding in the generated Go projects (the fixture grpc.ron exported
//! with `--lang go`: edge → catalog → stock over TLS, edge → stock-rpc answered by stock).

use std::collections::BTreeSet;

use archcanvas::export::{self, ExportOptions, Plan};
use archcanvas::model::Language;

use super::load;

fn go_plan(model: &str, language: Option<Language>) -> Plan {
    let arch = load(model);
    export::plan(
        &arch,
        &ExportOptions {
            only: BTreeSet::new(),
            language,
        },
    )
    .expect("plan")
}

fn text(plan: &Plan, path: &str) -> String {
    plan.files()
        .find(|f| f.path.to_string() == path)
        .map(|f| f.contents.clone())
        .unwrap_or_else(|| panic!("no {path}"))
}

fn has(plan: &Plan, path: &str) -> bool {
    plan.files().any(|f| f.path.to_string() == path)
}

#[test]
fn go_grpc_clients_call_each_rpc_with_the_model_deadline_retries_and_breaker() {
    let plan = go_plan("tests/fixtures/export/grpc.ron", Some(Language::Go));
    let clients = text(&plan, "services/edge/internal/clients/clients.go");
    // One method per RPC of the called contract, with that contract's messages.
    assert!(
        clients.contains("func (c *CatalogClient) GetBook(ctx platform.Ctx, request *catalogpb.BookRef) (*catalogpb.Book, error) {"),
        "{clients}"
    );
    assert!(
        clients
            .contains("c.grpc.Invoke(ctx, \"/catalog.v1.CatalogueService/GetBook\", request, out)"),
        "{clients}"
    );
    assert!(
        clients.contains("func (c *CatalogClient) ListBooks(ctx platform.Ctx, request *catalogpb.Empty) (*catalogpb.BookList, error) {"),
        "{clients}"
    );
    // The port-less stock-rpc's contract, answered by stock.
    assert!(
        clients.contains("func (c *StockRpcClient) Restock(ctx platform.Ctx, request *stockrpcpb.Restock) (*stockrpcpb.StockLevel, error) {"),
        "{clients}"
    );
    // Timeout, retries, breaker and credential relay as the model says, per call.
    assert!(
        clients.contains("platform.NewGrpcClient(\"catalog\", \"CATALOG_GRPC_URL\", grpcBase, \"CATALOG_GRPC_CA\", grpcCA, 2000 * time.Millisecond, 1, false, true)"),
        "{clients}"
    );
    assert!(
        clients.contains("platform.NewGrpcClient(\"stock-rpc\", \"STOCK_RPC_GRPC_URL\", grpcBase, \"STOCK_RPC_GRPC_CA\", grpcCA, 1500 * time.Millisecond, 2, true, true)"),
        "{clients}"
    );
    assert!(
        clients.contains("\"edge-service/internal/pb/catalogpb\""),
        "{clients}"
    );
    // The address and CA variables are read, the address defaulting to the local server.
    let config = text(&plan, "services/edge/internal/config/config.go");
    assert!(
        config.contains("CatalogGrpcUrl: read(\"CATALOG_GRPC_URL\", \"https://127.0.0.1:19501\"),"),
        "{config}"
    );
    assert!(
        config.contains("StockRpcGrpcCa: lookup(\"STOCK_RPC_GRPC_CA\"),"),
        "{config}"
    );
    let services = text(&plan, "services/edge/internal/services/services.go");
    assert!(
        services.contains(
            "clients.NewCatalogClient(cfg.CatalogUrl, cfg.CatalogGrpcUrl, cfg.CatalogGrpcCa)"
        ),
        "{services}"
    );
    // Message packages for the contracts it only calls, and the client with its Go test.
    for path in [
        "internal/pb/edgepb/messages.go",
        "internal/pb/catalogpb/messages.go",
        "internal/pb/stockrpcpb/messages.go",
        "internal/platform/grpc_client.go",
        "internal/platform/grpc_client_test.go",
    ] {
        assert!(has(&plan, &format!("services/edge/{path}")), "{path}");
    }
    // stock calls nobody: no client code.
    assert!(!has(
        &plan,
        "services/stock/internal/platform/grpc_client.go"
    ));
}

#[test]
fn go_grpc_gateways_forward_and_recode_between_contracts() {
    let plan = go_plan("tests/fixtures/export/grpc.ron", Some(Language::Go));
    let services = text(&plan, "services/edge/internal/services/services.go");
    let method = |name: &str| {
        let start = services
            .find(&format!("func (s *Service) {name}("))
            .unwrap_or_else(|| panic!("no {name}: {services}"));
        let rest = &services[start..];
        rest[..rest.find("\n}\n").unwrap_or(rest.len())].to_owned()
    };
    let get_book = method("RpcGetBook");
    assert!(
        get_book.contains(
            "var forward catalogpb.BookRef\n\tif err := platform.Recode(request, &forward)"
        ),
        "{get_book}"
    );
    assert!(
        get_book.contains("answer, err := s.Catalog.GetBook(ctx, &forward)"),
        "{get_book}"
    );
    assert!(
        get_book.contains("out := &edgepb.Book{}\n\tif err := platform.Recode(answer, out)"),
        "{get_book}"
    );
    assert!(!get_book.contains("TODO"), "{get_book}");
    let restock = method("RpcRestock");
    assert!(
        restock.contains("s.StockRpc.Restock(ctx, &forward)"),
        "{restock}"
    );
    // Ping forwards nowhere: still the TODO.
    assert!(method("RpcPing").contains("TODO"));
    // The catalogue forwards GetBook on to stock; ListBooks stays its own.
    let catalog = text(&plan, "services/catalog/internal/services/services.go");
    assert!(
        catalog.contains("s.Stock.GetBook(ctx, &forward)"),
        "{catalog}"
    );
    // The handler test calls an RPC that answers by itself (not one needing its upstream).
    let test = text(&plan, "services/edge/internal/rpc/rpc_test.go");
    assert!(test.contains("func TestPingAnswers("), "{test}");
    let test = text(&plan, "services/catalog/internal/rpc/rpc_test.go");
    assert!(test.contains("func TestListBooksAnswers("), "{test}");
}

#[test]
fn a_go_project_that_only_calls_grpc_has_the_client_without_a_server() {
    // newsfeed: the Go fanout-worker calls the Go graph service over gRPC and serves none.
    let plan = go_plan("examples/newsfeed.ron", None);
    let dir = "services/fanout-worker";
    assert!(has(
        &plan,
        &format!("{dir}/internal/pb/graphpb/messages.go")
    ));
    assert!(has(&plan, &format!("{dir}/internal/platform/grpc.go")));
    assert!(has(
        &plan,
        &format!("{dir}/internal/platform/grpc_client.go")
    ));
    assert!(!has(&plan, &format!("{dir}/internal/rpc/rpc.go")));
    let main = text(&plan, &format!("{dir}/cmd/service/main.go"));
    assert!(!main.contains("ServeGRPC"), "{main}");
    let dockerfile = text(&plan, &format!("{dir}/Dockerfile"));
    assert!(!dockerfile.contains("GRPC_PORT"), "{dockerfile}");
    let clients = text(&plan, &format!("{dir}/internal/clients/clients.go"));
    assert!(
        clients
            .contains("c.grpc.Invoke(ctx, \"/graph.v1.SocialGraphService/Follow\", request, out)"),
        "{clients}"
    );
}

#[test]
fn a_go_client_of_a_cleartext_server_is_warned_about_in_one_sentence() {
    // catalog in Go calls stock in Python, whose server speaks cleartext HTTP/2.
    let mut arch = load("tests/fixtures/export/grpc.ron");
    for (id, language) in [("catalog", Language::Go), ("stock", Language::Python)] {
        let Some(c) = arch.components.get_mut(id) else {
            panic!("no {id}");
        };
        if let archcanvas::model::Spec::Service(s) = &mut c.spec {
            s.language = language;
        }
    }
    let plan = export::plan(&arch, &ExportOptions::default()).expect("plan");
    let warning = plan
        .warnings
        .iter()
        .find(|w| w.starts_with("catalog: calls stock over gRPC"))
        .unwrap_or_else(|| panic!("{:?}", plan.warnings));
    assert!(warning.contains("TLS only"), "{warning}");
    assert!(!warning.contains("  "), "{warning}");
    // The client is still generated; it refuses the http:// address when called.
    let env = text(&plan, "services/catalog/.env.example");
    assert!(
        env.contains("STOCK_GRPC_URL='http://127.0.0.1:19502'"),
        "{env}"
    );
    let clients = text(&plan, "services/catalog/internal/clients/clients.go");
    assert!(
        clients.contains("platform.NewGrpcClient(\"stock\""),
        "{clients}"
    );
}
