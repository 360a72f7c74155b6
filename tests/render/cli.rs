//! `archcanvas render`: formats from extensions, views, themes, and every way to fail.

use std::path::Path;
use std::process::{Command, Output};

use super::root;

fn archcanvas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archcanvas"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn every_extension_picks_its_format() {
    let dir = tempfile::tempdir().unwrap();
    let checks: [(&str, &[u8]); 9] = [
        ("svg", b"<svg"),
        ("png", b"\x89PNG"),
        ("pdf", b"%PDF"),
        ("mmd", b"---\ntitle:"),
        ("puml", b"@startuml"),
        ("dot", b"digraph"),
        ("d2", b"direction: right"),
        ("dsl", b"workspace"),
        ("md", b"# Shop"),
    ];
    for (ext, start) in checks {
        let out = dir.path().join(format!("shop.{ext}"));
        let run = archcanvas(&["render", "examples/shop.ron", "--out", path(&out)]);
        assert!(run.status.success(), "{ext}: {}", stderr(&run));
        assert_eq!(run.status.code(), Some(0));
        let bytes = std::fs::read(&out).unwrap();
        assert!(
            bytes.starts_with(start),
            "{ext} starts with {:?}",
            &bytes[..8.min(bytes.len())]
        );
    }
    // Nothing but the outputs is left in the folder (no temporary files).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 9);
}

#[test]
fn format_flag_wins_over_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("diagram.txt");
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--out",
        path(&out),
        "--format",
        "dot",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("digraph")
    );
}

#[test]
fn view_theme_and_scale_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data.svg");
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--out",
        path(&out),
        "--view",
        "data",
        "--theme",
        "dark",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("component-orders-db") && !svg.contains("component-orders\""));
    assert!(svg.contains("archcanvas dark"));

    let small = dir.path().join("one.png");
    let big = dir.path().join("two.png");
    for (file, scale) in [(&small, "1"), (&big, "2")] {
        let run = archcanvas(&[
            "render",
            "examples/shop.ron",
            "--out",
            path(file),
            "--scale",
            scale,
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let width = |p: &Path| {
        let bytes = std::fs::read(p).unwrap();
        u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]])
    };
    assert_eq!(width(&big), 2 * width(&small));
}

#[test]
fn unknown_view_is_refused_and_names_the_views() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--out",
        path(&out),
        "--view",
        "nope",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(
        err.contains("no view `nope`") && err.contains("overview, checkout-path, data"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn unknown_format_or_extension_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--out",
        path(&out),
        "--format",
        "gif",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run)
            .contains("unknown format `gif`; use one of svg|png|pdf|mmd|puml|dot|d2|dsl|md")
    );

    let out = dir.path().join("x.gif");
    let run = archcanvas(&["render", "examples/shop.ron", "--out", path(&out)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("the extension `.gif` names no format"),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists());
}

#[test]
fn unwritable_paths_leave_everything_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing").join("x.svg");
    let run = archcanvas(&["render", "examples/shop.ron", "--out", path(&out)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("does not exist"), "{}", stderr(&run));

    // A folder as the output.
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--out",
        path(dir.path()),
        "--format",
        "svg",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("is a folder"), "{}", stderr(&run));

    // A failed render keeps the previous file byte for byte.
    let kept = dir.path().join("kept.svg");
    std::fs::write(&kept, "previous").unwrap();
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--out",
        path(&kept),
        "--view",
        "nope",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "previous");
}

#[test]
fn unreadable_model_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("bad.ron");
    std::fs::write(&model, "(format: 2, name: ").unwrap();
    let out = dir.path().join("x.svg");
    let run = archcanvas(&["render", path(&model), "--out", path(&out)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("bad.ron:1:"), "{}", stderr(&run));
    assert!(!out.exists());
}
