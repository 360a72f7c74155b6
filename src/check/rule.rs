//! What the engine knows about a rule: its id, default severity, description and code.

use std::fmt;

use crate::model::{RuleSettings, Severity};

use super::{Context, Sink};

/// One topology rule.
///
/// The id is stable: tools outside the project (CI configurations, SARIF consumers, the
/// model's own `rules` section) refer to it.
pub struct Rule {
    /// Stable kebab-case id (`sync-cycle`).
    pub id: &'static str,
    /// Severity unless the model overrides it.
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// How to fix what it finds, in general (findings may say something more precise).
    pub help: &'static str,
    /// Looks at the model and reports into the sink.
    pub(crate) run: fn(&Context<'_>, &mut Sink<'_>),
}

impl Rule {
    /// The severity the rule's findings get in a model with these settings; `None` when the
    /// model turns the rule off.
    pub fn severity_in(&self, settings: &RuleSettings) -> Option<Severity> {
        match settings.levels.get(self.id) {
            Some(level) => level.severity(),
            None => Some(self.default_severity),
        }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("default_severity", &self.default_severity)
            .finish_non_exhaustive()
    }
}
