//! The result of one run: every finding, sorted, with counts for status bars and exit codes.

use std::collections::BTreeMap;

use crate::model::{Id, Severity};

use super::Finding;

/// Everything one run found.
///
/// Findings are sorted (errors first, then by rule id, subjects and message), so two runs on
/// the same model give the same report, and a text rendered from it is stable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    findings: Vec<Finding>,
    suppressed: usize,
}

impl Report {
    /// A report of `findings` (sorted here), `suppressed` more having been silenced by the
    /// model.
    pub fn new(mut findings: Vec<Finding>, suppressed: usize) -> Self {
        findings.sort_by(report_order);
        Self {
            findings,
            suppressed,
        }
    }

    /// A report of `findings` that are already in report order.
    ///
    /// [`super::run`] sorts each rule's findings where they are made and puts the rules in
    /// order: sorting them all again would only confirm the order, and on a large model that
    /// costs a string comparison (and two cache misses) per finding.
    pub(crate) fn from_sorted(findings: Vec<Finding>, suppressed: usize) -> Self {
        debug_assert!(findings.is_sorted_by(|a, b| report_order(a, b).is_le()));
        Self {
            findings,
            suppressed,
        }
    }

    /// The findings, most severe first.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Takes the findings out.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// How many findings the model's suppressions silenced.
    pub fn suppressed(&self) -> usize {
        self.suppressed
    }

    /// Whether nothing was found.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The most serious severity found, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// The findings that involve `id` (as any subject).
    pub fn about<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| f.involves(id))
    }

    /// The worst severity per subject, for badges on the canvas: one pass over the findings,
    /// then a lookup per drawn component.
    pub fn worst_by_subject(&self) -> BTreeMap<&Id, Severity> {
        let mut worst: BTreeMap<&Id, Severity> = BTreeMap::new();
        for finding in &self.findings {
            for subject in &finding.subjects {
                let entry = worst.entry(subject).or_insert(finding.severity);
                *entry = (*entry).max(finding.severity);
            }
        }
        worst
    }

    /// "2 errors, 1 warning, 0 infos", as a status line says it.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut text = format!(
            "{}, {}, {}",
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
            plural(self.count(Severity::Info), "info"),
        );
        if self.suppressed > 0 {
            text.push_str(&format!(" ({} suppressed)", self.suppressed));
        }
        text
    }
}

/// Errors first, then by rule id, subjects and message.
fn report_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    b.severity
        .cmp(&a.severity)
        .then_with(|| a.rule.cmp(b.rule))
        .then_with(|| a.subjects.cmp(&b.subjects))
        .then_with(|| a.message.cmp(&b.message))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::id;

    fn finding(rule: &'static str, severity: Severity, subject: &str) -> Finding {
        Finding {
            rule,
            severity,
            message: format!("{rule} on {subject}"),
            subjects: vec![id!(subject)],
            hint: Cow::Borrowed(""),
        }
    }

    #[test]
    fn sorts_errors_first_and_counts() {
        let report = Report::new(
            vec![
                finding("orphan", Severity::Warning, "b"),
                finding("fan-out", Severity::Info, "a"),
                finding("sync-cycle", Severity::Error, "c"),
                finding("orphan", Severity::Warning, "a"),
            ],
            2,
        );
        let order: Vec<(&str, &str)> = report
            .findings()
            .iter()
            .map(|f| (f.rule, f.subjects[0].as_str()))
            .collect();
        assert_eq!(
            order,
            [
                ("sync-cycle", "c"),
                ("orphan", "a"),
                ("orphan", "b"),
                ("fan-out", "a")
            ]
        );
        assert_eq!(report.count(Severity::Warning), 2);
        assert_eq!(report.worst(), Some(Severity::Error));
        assert_eq!(
            report.summary(),
            "1 error, 2 warnings, 1 info (2 suppressed)"
        );
        assert_eq!(report.about("a").count(), 2);
        let badges = report.worst_by_subject();
        assert_eq!(badges.get(&id!("a")), Some(&Severity::Warning));
        assert_eq!(badges.get(&id!("c")), Some(&Severity::Error));
    }

    #[test]
    fn empty_report_is_clean() {
        let report = Report::default();
        assert!(report.is_clean());
        assert_eq!(report.worst(), None);
        assert_eq!(report.summary(), "0 errors, 0 warnings, 0 infos");
    }
}
