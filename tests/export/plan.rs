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
