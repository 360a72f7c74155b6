//! Where a rule reports what it finds; applies the model's severity and suppressions.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::model::{Id, RuleSettings, Severity};

use super::{Finding, Rule};

/// The model's suppressions as a set of (rule, subject), for quick lookup.
pub(crate) struct Suppressions<'a> {
    set: FxHashSet<(&'a str, &'a str)>,
}

impl<'a> Suppressions<'a> {
    /// Collects the suppressions of `settings`.
    pub fn new(settings: &'a RuleSettings) -> Self {
        Self {
            set: settings
                .suppress
                .iter()
                .map(|s| (s.rule.as_str(), s.subject.as_str()))
                .collect(),
        }
    }

    fn silences(&self, rule: &str, subject: Option<&Id>) -> bool {
        !self.set.is_empty() && subject.is_some_and(|s| self.set.contains(&(rule, s.as_str())))
    }
}

/// Collects one rule's findings with the severity the model gives it, dropping the ones the
/// model suppresses (a suppression names the rule and the finding's first subject).
pub(crate) struct Sink<'r> {
    rule: &'r Rule,
    severity: Severity,
    suppressions: &'r Suppressions<'r>,
    findings: Vec<Finding>,
    suppressed: usize,
}

impl<'r> Sink<'r> {
    /// A sink for `rule`'s findings at `severity`.
    pub fn new(rule: &'r Rule, severity: Severity, suppressions: &'r Suppressions<'r>) -> Self {
        Self {
            rule,
            severity,
            suppressions,
            findings: Vec::new(),
            suppressed: 0,
        }
    }

    /// Whether the model suppresses this rule's finding about `primary`; if so, counts it as
    /// suppressed, and the rule skips building a message nobody will read.
    pub fn silenced(&mut self, primary: &Id) -> bool {
        let silenced = self.suppressions.silences(self.rule.id, Some(primary));
        if silenced {
            self.suppressed += 1;
        }
        silenced
    }

    /// Reports a finding with the rule's general help as its hint.
    pub fn report(&mut self, subjects: Vec<Id>, message: String) {
        self.push(subjects, message, Cow::Borrowed(self.rule.help));
    }

    /// Reports a finding with a hint of its own.
    pub fn report_with_hint(&mut self, subjects: Vec<Id>, message: String, hint: String) {
        self.push(subjects, message, Cow::Owned(hint));
    }

    fn push(&mut self, subjects: Vec<Id>, message: String, hint: Cow<'static, str>) {
        if self.suppressions.silences(self.rule.id, subjects.first()) {
            self.suppressed += 1;
            return;
        }
        self.findings.push(Finding {
            rule: self.rule.id,
            severity: self.severity,
            message,
            subjects,
            hint,
        });
    }

    /// The findings kept and how many were suppressed.
    pub fn finish(self) -> (Vec<Finding>, usize) {
        (self.findings, self.suppressed)
    }
}
