//! `archcanvas check` and `archcanvas rules`, run as a user runs them.

use std::path::Path;
use std::process::{Command, Output};

use archcanvas::model::Architecture;

use crate::flawed;

fn archcanvas(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archcanvas"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 output")
}

#[test]
fn human_output_reads_like_a_compiler_and_errors_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    flawed::write(dir.path(), "flawed.ron", &flawed::model());
    let out = archcanvas(dir.path(), &["check", "flawed.ron"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("error[sync-cycle]: "), "{text}");
    assert!(text.contains("  --> flawed.ron:"), "{text}");
    assert!(
        !text.contains("Sup3r!"),
        "the secret itself is never printed"
    );
    // Positions point at the line that defines the main subject.
    let text_of_file = std::fs::read_to_string(dir.path().join("flawed.ron")).unwrap();
    for line in text.lines().filter(|l| l.starts_with("  --> flawed.ron:")) {
        let number: usize = line.split(':').nth(1).unwrap().parse().unwrap();
        assert!(
            text_of_file
                .lines()
                .nth(number - 1)
                .unwrap()
                .contains("id: \""),
            "{line}"
        );
    }
    insta::assert_snapshot!("check_flawed_human", crate::redact_positions(&text));
}

#[test]
fn json_output_is_an_array_of_findings() {
    let dir = tempfile::tempdir().unwrap();
    flawed::write(dir.path(), "flawed.ron", &flawed::model());
    let out = archcanvas(dir.path(), &["check", "--format", "json", "flawed.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let findings = value.as_array().expect("an array");
    assert!(!findings.is_empty());
    for f in findings {
        for key in ["rule", "severity", "message", "subjects", "file"] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        assert_eq!(f["file"], "flawed.ron");
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
    }
    // The model turns fan-out off and suppresses the orphan finding on `lonely`.
    assert!(!findings.iter().any(|f| f["rule"] == "fan-out"));
    assert!(
        !findings
            .iter()
            .any(|f| f["rule"] == "orphan" && f["subjects"][0] == "lonely")
    );
    insta::assert_snapshot!("check_flawed_json", crate::redact_positions(&text));
}

#[test]
fn warnings_pass_unless_denied_and_clean_files_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    // Only a warning: an orphan (and the info that it has no description is off).
    let mut arch = Architecture::new("Warn");
    arch.components.insert(archcanvas::model::Component::new(
        archcanvas::id!("alone"),
        "Alone",
        archcanvas::model::Kind::Service,
    ));
    arch.rules
        .levels
        .insert("missing-description".into(), archcanvas::model::Level::Off);
    flawed::write(dir.path(), "warn.ron", &arch);
    let out = archcanvas(dir.path(), &["check", "warn.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("warning[orphan]: service `alone` has no connections"));
    let denied = archcanvas(dir.path(), &["check", "--deny-warnings", "warn.ron"]);
    assert_eq!(denied.status.code(), Some(1));

    flawed::write(dir.path(), "empty.ron", &Architecture::new("Empty"));
    let clean = archcanvas(dir.path(), &["check", "--deny-warnings", "empty.ron"]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(stdout(&clean), "empty.ron: no findings\n");
}

#[test]
fn unusable_input_exits_2_and_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.ron"), "(format: 2, components: [").unwrap();
    flawed::write(dir.path(), "empty.ron", &Architecture::new("Empty"));
    let out = archcanvas(
        dir.path(),
        &["check", "missing.ron", "broken.ron", "empty.ron"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("missing.ron: cannot read the file"), "{err}");
    assert!(err.contains("broken.ron:1:"), "{err}");
    assert_eq!(stdout(&out), "empty.ron: no findings\n");
    // The broken file is left as it was.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.ron")).unwrap(),
        "(format: 2, components: ["
    );
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = archcanvas(dir.path(), &["check", "--format", "xml", "a.ron"]);
    assert_eq!(out.status.code(), Some(2));
    let out = archcanvas(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_lists_every_rule_with_its_default_severity() {
    let dir = tempfile::tempdir().unwrap();
    let out = archcanvas(dir.path(), &["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for rule in &archcanvas::check::RULES {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.id))
            .unwrap_or_else(|| panic!("{} is not listed", rule.id));
        assert!(line.contains(rule.default_severity.keyword()), "{line}");
    }
    insta::assert_snapshot!("rules", text);
}
