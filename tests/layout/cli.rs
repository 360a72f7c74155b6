//! `archcanvas layout FILE [--in-place] [--direction lr|tb]`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use archcanvas::file;
use archcanvas::layout;
use archcanvas::model::Architecture;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop.ron")
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archcanvas"))
        .arg("layout")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Positions as `id x y`, one a line: stable against changes of the file format's whitespace.
fn positions(arch: &Architecture) -> String {
    arch.layout
        .iter()
        .map(|(id, p)| format!("{id} {} {}\n", p.x, p.y))
        .collect()
}

fn laid_out(direction: &str) -> Architecture {
    let out = run(&[
        example().as_os_str(),
        "--direction".as_ref(),
        direction.as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file::parse(&String::from_utf8(out.stdout).expect("utf-8")).expect("the output loads")
}

#[test]
fn prints_the_laid_out_model_left_to_right() {
    let arch = laid_out("lr");
    let original = file::load(&example()).unwrap();
    // Only the layout changed, every component is placed, nothing overlaps.
    let mut same = arch.clone();
    same.layout = original.layout.clone();
    assert_eq!(same, original);
    assert_eq!(arch.layout.len(), arch.components.len());
    assert_eq!(layout::overlaps(&arch, &arch.layout), vec![]);
    // Left to right: every call goes rightwards.
    for c in arch.connections.iter() {
        let (a, b) = (&arch.layout[&c.from], &arch.layout[&c.to]);
        if c.ty() == archcanvas::model::ConnectionType::Calls {
            assert!(a.x < b.x, "{} calls {}", c.from, c.to);
        }
    }
    insta::assert_snapshot!("shop_lr", positions(&arch));
}

#[test]
fn top_to_bottom_runs_downwards() {
    let arch = laid_out("tb");
    assert_eq!(layout::overlaps(&arch, &arch.layout), vec![]);
    for c in arch.connections.iter() {
        if c.ty() == archcanvas::model::ConnectionType::Calls {
            assert!(arch.layout[&c.from].y < arch.layout[&c.to].y);
        }
    }
    insta::assert_snapshot!("shop_tb", positions(&arch));
}

#[test]
fn in_place_saves_atomically_with_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.ron");
    std::fs::copy(example(), &path).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    let out = run(&[path.as_os_str(), "--in-place".as_ref()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("shop.ron.bak")).unwrap(),
        before
    );
    let saved = file::load(&path).unwrap();
    assert_eq!(saved, laid_out("lr"));
    // Laying out again changes nothing.
    let again = run(&[path.as_os_str(), "--in-place".as_ref()]);
    assert!(again.status.success());
    assert_eq!(file::load(&path).unwrap(), saved);
}

#[test]
fn a_bad_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "(format: 2, name: \"x\", components: [oops])").unwrap();
    let out = run(&[path.as_os_str(), "--in-place".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.ron:1:"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(format: 2, name: \"x\", components: [oops])"
    );
    assert!(!dir.path().join("bad.ron.bak").exists());
}

#[test]
fn a_missing_file_or_bad_direction_exits_2() {
    let out = run(&["/nonexistent/model.ron".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/model.ron"));
    let out = run(&[
        example().as_os_str(),
        "--direction".as_ref(),
        "diagonal".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("diagonal"));
}

#[test]
fn pinned_components_stay_put_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.ron");
    let mut arch = file::load(&example()).unwrap();
    let pin = arch.layout.get_mut("gateway").unwrap();
    pin.pinned = true;
    pin.x = 5000.0;
    pin.y = -3000.0;
    file::save(&path, &arch, file::SaveOptions { backup: false }).unwrap();
    let out = run(&[path.as_os_str()]);
    assert!(out.status.success());
    let result = file::parse(&String::from_utf8(out.stdout).unwrap()).unwrap();
    let gateway = &result.layout["gateway"];
    assert!(gateway.pinned && gateway.x == 5000.0 && gateway.y == -3000.0);
    // The others moved to the pin, and no two boxes overlap.
    assert!(result.layout["web"].x > 3000.0);
    let components: Vec<_> = layout::overlaps(&result, &result.layout)
        .into_iter()
        .filter(|(a, b)| {
            result.components.contains(a.as_str()) && result.components.contains(b.as_str())
        })
        .collect();
    assert_eq!(components, vec![]);
}
