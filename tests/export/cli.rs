//! `archcanvas export` on the command line: exit codes, messages, re-export rules.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn archcanvas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archcanvas"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/shop.ron")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn export(out: &Path, extra: &[&str]) -> Output {
    let model = example();
    let mut args = vec![
        "export",
        model.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    archcanvas(&args)
}

#[test]
fn exports_reports_and_reexports_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop");
    let first = export(&out, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let stdout = text(&first.stdout);
    assert!(
        stdout.contains(" written, 0 unchanged, 0 skipped"),
        "{stdout}"
    );
    assert!(out.join("archcanvas-manifest.json").exists());
    assert!(out.join("services/orders/src/main.rs").exists());

    let again = export(&out, &[]);
    assert!(
        text(&again.stdout).contains(": 0 written, "),
        "{}",
        text(&again.stdout)
    );

    // A person edits a generated file: the next export keeps it and says so.
    let edited = out.join("services/orders/src/services.rs");
    std::fs::write(&edited, "// my business logic\n").unwrap();
    let third = export(&out, &[]);
    assert_eq!(third.status.code(), Some(0));
    let stdout = text(&third.stdout);
    assert!(
        stdout.contains("edited      services/orders/src/services.rs"),
        "{stdout}"
    );
    assert!(stdout.contains("1 skipped"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&edited).unwrap(),
        "// my business logic\n"
    );

    let forced = export(&out, &["--force"]);
    assert!(text(&forced.stdout).contains("0 skipped"));
    assert_ne!(
        std::fs::read_to_string(&edited).unwrap(),
        "// my business logic\n"
    );
}

#[test]
fn only_and_lang_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x");
    let result = export(&out, &["--only", "sql,k8s", "--lang", "python"]);
    assert_eq!(result.status.code(), Some(0), "{}", text(&result.stderr));
    assert!(out.join("sql/orders-db.sql").exists());
    assert!(out.join("k8s/orders.yaml").exists());
    assert!(!out.join("services").exists());
    assert!(!out.join("docker-compose.yml").exists());
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x");
    let bad_only = export(&out, &["--only", "pictures"]);
    assert_eq!(bad_only.status.code(), Some(2));
    assert!(
        text(&bad_only.stderr).contains("unknown artifact `pictures`"),
        "{}",
        text(&bad_only.stderr)
    );

    let bad_lang = export(&out, &["--lang", "cobol"]);
    assert_eq!(bad_lang.status.code(), Some(2));
    assert!(text(&bad_lang.stderr).contains("unknown language `cobol`"));

    let missing = archcanvas(&["export", "no-such-file.ron", "--out", out.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(!out.exists(), "nothing is written for unusable input");

    let file_target = dir.path().join("a-file");
    std::fs::write(&file_target, "x").unwrap();
    let onto_file = export(&file_target, &[]);
    assert_eq!(onto_file.status.code(), Some(2));
    assert!(
        text(&onto_file.stderr).contains("not a folder"),
        "{}",
        text(&onto_file.stderr)
    );
}
