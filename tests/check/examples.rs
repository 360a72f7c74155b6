//! Every example model is checked; its findings are pinned, and each one must be deliberate:
//! the example's description names the rule (an example that checks clean says so).

use std::path::PathBuf;

use archcanvas::check::{self, output};
use archcanvas::file;

/// Every `examples/*.ron`, sorted, so a new example is picked up without touching this test.
fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the examples folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == file::EXTENSION))
        .collect();
    found.sort();
    found
}

#[test]
fn every_example_is_checked_and_its_findings_are_explained() {
    let all = examples();
    assert!(
        all.iter().any(|p| p.ends_with("shop.ron")),
        "the shop example is there: {all:?}"
    );
    for path in all {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 file name")
            .to_owned();
        let stem = name.trim_end_matches(".ron").to_owned();
        let text = std::fs::read_to_string(&path).expect("read the example");
        let arch = file::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = check::run(&arch);
        for finding in report.findings() {
            assert!(
                arch.description.contains(finding.rule),
                "{name}: the {} finding is not explained in the example's description \
                 (name the rule there if it is deliberate, or fix the model):\n{}",
                finding.rule,
                finding.message
            );
        }
        if report.is_clean() {
            assert!(
                arch.description.contains("no findings"),
                "{name}: checks clean; its description should say so"
            );
        }
        let rendered = output::human(&[output::FileReport::new(
            format!("examples/{name}"),
            &text,
            report,
        )]);
        insta::assert_snapshot!(
            format!("example_{stem}"),
            crate::redact_positions(&rendered)
        );
    }
}
