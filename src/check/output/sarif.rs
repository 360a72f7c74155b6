//! Findings as a SARIF 2.1.0 log, the format code-scanning services read.
//!
//! One run of one tool (`archcanvas`) with every rule described in the driver, and one result
//! per finding. Every result has a physical location (code scanning drops results without
//! one): the line where the finding's main subject is defined, or the first line of the file
//! for findings about the model as a whole. The output is validated against the official
//! schema in the tests.

use std::borrow::Cow;
use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::FileReport;
use crate::check::RULES;
use crate::model::Severity;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    semantic_version: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    name: String,
    short_description: Text<'static>,
    help: Text<'static>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    name: &'a str,
}

/// SARIF's name for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `sync-cycle` → `SyncCycle`, the rule's name as SARIF viewers show it.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Characters left as they are in a URI path: unreserved ones and the separator.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The file as a URI reference: relative paths stay relative (code scanning resolves them
/// against the repository), absolute ones become `file://` URIs.
fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let encoded = utf8_percent_encode(&slashed, PATH).to_string();
    if Path::new(path).is_absolute() {
        format!(
            "file://{}{encoded}",
            if slashed.starts_with('/') { "" } else { "/" }
        )
    } else {
        encoded
    }
}

/// A SARIF 2.1.0 log of every finding of every file, pretty-printed, ending with a newline.
pub fn sarif(files: &[FileReport]) -> String {
    let rules = RULES
        .iter()
        .map(|r| RuleDescriptor {
            id: r.id,
            name: pascal_case(r.id),
            short_description: Text {
                text: Cow::Borrowed(r.summary),
            },
            help: Text {
                text: Cow::Borrowed(r.help),
            },
            default_configuration: Configuration {
                level: level(r.default_severity),
            },
        })
        .collect();
    let artifacts = files
        .iter()
        .map(|f| Artifact {
            location: ArtifactLocation {
                uri: uri(&f.path),
                index: None,
            },
        })
        .collect();
    let results = files
        .iter()
        .enumerate()
        .flat_map(|(index, file)| {
            file.report.findings().iter().map(move |f| {
                let at = file.position(f);
                SarifResult {
                    rule_id: f.rule,
                    rule_index: RULES.iter().position(|r| r.id == f.rule),
                    level: level(f.severity),
                    message: Text {
                        text: Cow::Owned(format!("{} Fix: {}.", sentence(&f.message), f.hint)),
                    },
                    locations: [Location {
                        physical_location: PhysicalLocation {
                            artifact_location: ArtifactLocation {
                                uri: uri(&file.path),
                                index: Some(index),
                            },
                            region: Region {
                                start_line: at.map_or(1, |p| p.line),
                                start_column: at.map(|p| p.column),
                            },
                        },
                        logical_locations: f
                            .subjects
                            .iter()
                            .map(|s| LogicalLocation { name: s.as_str() })
                            .collect(),
                    }],
                }
            })
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "archcanvas",
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            artifacts,
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

/// The message as a sentence: capitalised, with a full stop.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(
            pascal_case("single-point-of-failure"),
            "SinglePointOfFailure"
        );
        assert_eq!(uri("examples/shop.ron"), "examples/shop.ron");
        assert_eq!(uri("my models/a b.ron"), "my%20models/a%20b.ron");
        assert_eq!(uri("/tmp/x.ron"), "file:///tmp/x.ron");
    }
}
