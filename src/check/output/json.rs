//! Findings as a JSON array, for scripts.

use serde::Serialize;

use super::FileReport;

/// One finding as JSON shows it.
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    subjects: Vec<&'a str>,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    hint: &'a str,
}

/// Every finding of every file as one JSON array of objects with `rule`, `severity`
/// (`error`, `warning`, `info`), `message`, `subjects`, `file`, `line` and `column` (where the
/// main subject is defined, when known) and `hint`; pretty-printed, ending with a newline.
pub fn json(files: &[FileReport]) -> String {
    let all: Vec<JsonFinding<'_>> = files
        .iter()
        .flat_map(|file| {
            file.report.findings().iter().map(move |f| {
                let at = file.position(f);
                JsonFinding {
                    rule: f.rule,
                    severity: f.severity.keyword(),
                    message: &f.message,
                    subjects: f.subjects.iter().map(|s| s.as_str()).collect(),
                    file: &file.path,
                    line: at.map(|p| p.line),
                    column: at.map(|p| p.column),
                    hint: &f.hint,
                }
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}
