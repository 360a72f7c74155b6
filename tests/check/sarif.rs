//! The SARIF output, validated against the official SARIF 2.1.0 JSON schema.

use archcanvas::check::{self, output};
use archcanvas::file;
use serde_json::Value;

use crate::flawed;

/// The official schema (as shipped in the `serde-sarif` crate, from the OASIS SARIF
/// repository), compiled with the `jsonschema` validator.
///
/// One pattern is adjusted before compiling: the official file's pattern for `language` (of
/// `run` and of `toolComponent`), `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, has a stray `]`
/// that strict ECMA 262 parsing rejects, and the validator checks a schema's own patterns
/// before using it. It is replaced by the pattern the property means; ArchCanvas writes no
/// `language`, so the change cannot make its output pass where it would fail.
fn validator() -> jsonschema::Validator {
    const BROKEN: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    const MEANT: &str = r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#;
    let text = include_str!("../fixtures/sarif-schema-2.1.0.json");
    assert_eq!(text.matches(BROKEN).count(), 2, "the known pattern, twice");
    let schema: Value =
        serde_json::from_str(&text.replace(BROKEN, MEANT)).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn sarif_of(arch: &archcanvas::model::Architecture, path: &str) -> String {
    let text = file::to_canonical_string(arch).expect("writes");
    let report = check::run(arch);
    output::sarif(&[output::FileReport::new(path, &text, report)])
}

#[test]
fn sarif_output_is_valid_against_the_schema() {
    let validator = validator();
    let shop = file::parse(include_str!("../../examples/shop.ron")).expect("shop loads");
    for (arch, path) in [
        (flawed::model(), "models/flawed model.ron"),
        (shop, "examples/shop.ron"),
        (
            archcanvas::model::Architecture::new("Empty"),
            "/tmp/empty.ron",
        ),
    ] {
        let log: Value = serde_json::from_str(&sarif_of(&arch, path)).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
}

#[test]
fn every_result_has_a_rule_a_level_and_a_location() {
    let log: Value = serde_json::from_str(&sarif_of(&flawed::model(), "flawed.ron")).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), check::RULES.len());
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let at = &r["locations"][0]["physicalLocation"];
        assert_eq!(at["artifactLocation"]["uri"], "flawed.ron");
        assert!(at["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    // The sync cycle points at the line that defines its first member.
    let cycle = results
        .iter()
        .find(|r| r["ruleId"] == "sync-cycle")
        .unwrap();
    let text = file::to_canonical_string(&flawed::model()).unwrap();
    let line = cycle["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    assert!(
        text.lines()
            .nth(line - 1)
            .unwrap()
            .contains("id: \"billing\""),
        "line {line}"
    );
}

#[test]
fn the_validator_rejects_a_broken_log() {
    // Proves the schema check has teeth: a result without a message is not SARIF.
    let mut log: Value = serde_json::from_str(&sarif_of(&flawed::model(), "flawed.ron")).unwrap();
    log["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(!validator().is_valid(&log));
    log["version"] = Value::from("2.0.0");
    assert!(!validator().is_valid(&log));
}
