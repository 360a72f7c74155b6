//! Older formats load, migrated step by step.

use archcanvas::file;
use archcanvas::model::{ConnectionKind, DbEngine, Language, Spec, StorageEngine};

use super::root;

#[test]
fn the_version_1_file_migrates() {
    let path = root().join("tests/fixtures/v1/shop-v1.ron");
    let (arch, info) = file::load_with_info(&path).unwrap();
    assert_eq!(info.format, 1);
    assert!(info.migrated());

    // Positions moved to the layout section; components without one have none.
    assert_eq!(arch.layout.len(), 6);
    assert_eq!(
        arch.layout.get("orders").map(|p| (p.x, p.y)),
        Some((600.0, 40.0))
    );
    assert!(!arch.layout.contains_key("events"));

    // The free technology text became typed properties.
    let spec = |id: &str| &arch.components.get(id).unwrap().spec;
    assert!(
        matches!(spec("orders"), Spec::Service(s) if s.language == Language::Rust && s.port == Some(8082) && s.replicas == 2)
    );
    assert!(matches!(spec("users"), Spec::Service(s) if s.language == Language::TypeScript));
    assert!(matches!(spec("users-db"), Spec::Database(d) if d.engine == DbEngine::Mysql));
    assert!(matches!(spec("orders-db"), Spec::Database(d) if d.engine == DbEngine::Postgres));
    assert!(matches!(spec("files"), Spec::Storage(s) if s.engine == StorageEngine::Gcs));
    assert!(matches!(spec("gateway"), Spec::Api(a) if a.public && a.port == Some(8080)));

    // Connections got ids; two connections between the same pair got distinct ones.
    assert_eq!(arch.connections.len(), 12);
    assert!(arch.connections.contains("orders-to-stripe"));
    assert!(arch.connections.contains("orders-to-stripe-2"));
    let publish = arch.connections.get("orders-to-events").unwrap();
    assert_eq!(
        publish.kind,
        ConnectionKind::Publishes {
            topic: "orders.created".into()
        }
    );

    // And the result is pinned.
    insta::assert_snapshot!(
        "shop_v1_migrated",
        file::to_canonical_string(&arch).unwrap()
    );
}

#[test]
fn fmt_migrates_a_version_1_file_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    std::fs::copy(root().join("tests/fixtures/v1/shop-v1.ron"), &path).unwrap();
    let out = super::archcanvas().arg("fmt").arg(&path).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("format 1 → 2"));
    let (_, info) = file::load_with_info(&path).unwrap();
    assert_eq!(info.format, file::CURRENT_FORMAT);
}
