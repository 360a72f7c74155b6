//! Findings as a compiler prints diagnostics.

use std::fmt::Write;

use super::FileReport;

/// The findings of each file, like a compiler's diagnostics, then a summary line per file:
///
/// ```text
/// error[sync-cycle]: 2 components call each other synchronously in a cycle: `a` and `b`; …
///   --> model.ron:12:13
///    = subjects: a, b, a-to-b, b-to-a
///    = help: break the cycle: …
///
/// model.ron: 1 error, 0 warnings, 0 infos
/// ```
pub fn human(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        for f in file.report.findings() {
            let _ = writeln!(out, "{}[{}]: {}", f.severity, f.rule, f.message);
            match file.position(f) {
                Some(at) => {
                    let _ = writeln!(out, "  --> {}:{}:{}", file.path, at.line, at.column);
                }
                None => {
                    let _ = writeln!(out, "  --> {}", file.path);
                }
            }
            if !f.subjects.is_empty() {
                let subjects: Vec<&str> = f.subjects.iter().map(|s| s.as_str()).collect();
                let _ = writeln!(out, "   = subjects: {}", subjects.join(", "));
            }
            let _ = writeln!(out, "   = help: {}", f.hint);
            out.push('\n');
        }
        if file.report.is_clean() && file.report.suppressed() == 0 {
            let _ = writeln!(out, "{}: no findings", file.path);
        } else {
            let _ = writeln!(out, "{}: {}", file.path, file.report.summary());
        }
    }
    out
}
