//! The export's question to the checks: does the model have error-level findings?
//!
//! A model with errors exports only with `--force`, and the refusal says which findings stop
//! it. [`error_findings`] is the one place the export asks the checks engine.

use std::fmt;

use crate::model::{Architecture, Severity};

/// An error-level finding that stops an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockingFinding {
    /// Rule id (`sync-cycle`).
    pub rule: String,
    /// What is wrong, for people.
    pub message: String,
}

impl fmt::Display for BlockingFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.rule, self.message)
    }
}

/// The error-level findings of `arch` that stop an export, after the model's own level
/// overrides and suppressions.
pub fn error_findings(arch: &Architecture) -> Vec<BlockingFinding> {
    crate::check::run(arch)
        .into_findings()
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| BlockingFinding {
            rule: f.rule.to_owned(),
            message: f.message,
        })
        .collect()
}

/// Why an export was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the model has {} error-level finding(s), so it was not exported:\n{}\nfix them (run \
     `archcanvas check` for details), or export anyway with --force",
    findings.len(),
    findings.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n")
)]
pub struct Refused {
    /// The findings.
    pub findings: Vec<BlockingFinding>,
}

/// `Ok` when there are no findings or `force` is set; else the refusal to show.
pub fn allow(findings: Vec<BlockingFinding>, force: bool) -> Result<(), Refused> {
    if findings.is_empty() || force {
        Ok(())
    } else {
        Err(Refused { findings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_stop_the_export_unless_forced() {
        let f = vec![BlockingFinding {
            rule: "sync-cycle".into(),
            message: "a calls b calls a".into(),
        }];
        let err = allow(f.clone(), false).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("[sync-cycle] a calls b calls a"), "{text}");
        assert!(text.contains("--force"), "{text}");
        assert!(allow(f, true).is_ok());
        assert!(allow(Vec::new(), false).is_ok());
    }

    #[test]
    fn the_checks_decide_what_blocks() {
        let clean = crate::file::parse(include_str!("../../examples/shop.ron")).unwrap();
        assert!(error_findings(&clean).is_empty());
        let mut broken = clean.clone();
        let first = broken.connections.iter().next().unwrap().id.clone();
        let mut conn = broken.connections.get(first.as_str()).unwrap().clone();
        conn.to = "nowhere".parse().unwrap();
        broken.connections.insert(conn);
        let found = error_findings(&broken);
        assert!(!found.is_empty(), "a dangling reference is an error");
    }
}
