//! The binary's own surface: version, help, `fmt --check`.

use super::{archcanvas, examples};

#[test]
fn version_and_help() {
    let out = archcanvas().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with(&format!("archcanvas {}", env!("CARGO_PKG_VERSION")))
    );
    let out = archcanvas().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("fmt"), "{help}");
}

#[test]
fn fmt_check_passes_on_the_examples_and_fails_on_a_reordered_copy() {
    let out = archcanvas()
        .arg("fmt")
        .arg("--check")
        .args(examples())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("messy.ron");
    let text = "(format: 2, name: \"Messy\", components: [(id: \"b\", name: \"B\", kind: Cache()), (id: \"a\", name: \"A\", kind: Cache())], connections: [], layout: {})";
    std::fs::write(&path, text).unwrap();
    let out = archcanvas()
        .args(["fmt", "--check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not in canonical form"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "--check must not write"
    );

    let out = archcanvas().arg("fmt").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = archcanvas()
        .args(["fmt", "--check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "fmt must produce canonical text"
    );
}

#[test]
fn fmt_reports_every_file_and_exits_with_the_worst_code() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let out = archcanvas()
        .args(["fmt", "--check"])
        .args(examples())
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.ron: cannot read the file"));
}
