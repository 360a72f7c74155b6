//! The command line: review text and JSON pinned by snapshots, exit codes, unusable input.

use super::archcanvas;

fn diff(case: &str, extra: &[&str]) -> super::Run {
    let old = format!("{case}/old.ron");
    let new = format!("{case}/new.ron");
    let mut args = vec!["diff", old.as_str(), new.as_str()];
    args.extend_from_slice(extra);
    archcanvas(&args)
}

/// Snapshots the human and the JSON output of a pair and checks both exit codes.
fn check_pair(case: &str, expected_code: i32) {
    let human = diff(case, &[]);
    assert_eq!(human.code, expected_code, "{case}: {}", human.stderr);
    assert!(human.stderr.is_empty(), "{case}: {}", human.stderr);
    insta::assert_snapshot!(format!("{case}_human"), human.stdout);

    let json = diff(case, &["--format", "json"]);
    assert_eq!(json.code, expected_code, "{case}: {}", json.stderr);
    insta::assert_snapshot!(format!("{case}_json"), json.stdout);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(parsed["equal"], expected_code == 0);
}

#[test]
fn add() {
    check_pair("add", 1);
}

#[test]
fn remove() {
    check_pair("remove", 1);
}

#[test]
fn rename() {
    check_pair("rename", 1);
}

#[test]
fn change() {
    check_pair("change", 1);
}

#[test]
fn move_only_is_no_difference_without_layout() {
    check_pair("move", 0);
}

#[test]
fn move_with_layout() {
    let run = diff("move", &["--layout"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("move_layout_human", run.stdout);
    let run = diff("move", &["--layout", "--format", "json"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("move_layout_json", run.stdout);
}

#[test]
fn shop() {
    check_pair("shop", 1);
}

#[test]
fn shop_with_layout() {
    let run = diff("shop", &["--layout"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("shop_layout_human", run.stdout);
}

#[test]
fn a_file_against_itself_is_equal() {
    for case in ["add", "shop"] {
        let path = format!("{case}/new.ron");
        let run = archcanvas(&["diff", &path, &path]);
        assert_eq!(run.code, 0);
        assert_eq!(run.stdout, "No differences.\n");
        let run = archcanvas(&["diff", &path, &path, "--format", "json", "--layout"]);
        assert_eq!(run.code, 0);
        let parsed: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
        assert_eq!(parsed["equal"], true);
        assert_eq!(parsed["entries"], serde_json::json!([]));
    }
}

#[test]
fn the_order_of_the_files_decides_added_and_removed() {
    let forward = diff("add", &[]);
    let backward = archcanvas(&["diff", "add/new.ron", "add/old.ron"]);
    assert_eq!(backward.code, 1);
    assert!(forward.stdout.contains("+ component payments"));
    assert!(backward.stdout.contains("- component payments"));
}

#[test]
fn a_bad_file_is_unusable_input_with_line_and_column() {
    let run = archcanvas(&["diff", "rename/old.ron", "broken.ron"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!("broken_stderr", run.stderr);
    assert!(run.stderr.contains("broken.ron:8:"), "{}", run.stderr);
}

#[test]
fn every_unusable_file_is_reported() {
    let run = archcanvas(&["diff", "missing.ron", "broken.ron"]);
    assert_eq!(run.code, 2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(lines[0].starts_with("error: missing.ron: cannot read the file"));
    assert!(lines[1].starts_with("error: broken.ron:8:"));
}

#[test]
fn bad_arguments_are_unusable_input() {
    let run = archcanvas(&["diff", "add/old.ron"]);
    assert_eq!(run.code, 2);
    let run = archcanvas(&["diff", "add/old.ron", "add/new.ron", "--format", "xml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("xml"));
}
