//! The model's own settings for the topology checks.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::Id;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Probably a mistake.
    Warning,
    /// A design that will fail or is unsafe.
    Error,
}

impl Severity {
    /// Lowercase name (`warning`), as compilers print it.
    pub fn keyword(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

/// A rule's level as the model sets it: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Findings are infos.
    Info,
    /// Findings are warnings.
    Warning,
    /// Findings are errors.
    Error,
}

impl Level {
    /// The severity, or `None` when off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// One finding silenced on purpose.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// The rule's id (`orphan`).
    pub rule: String,
    /// The component or connection the finding is about.
    pub subject: Id,
    /// Why it is fine here; required, so the next reader knows.
    pub reason: String,
}

/// Rule settings stored in the model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSettings {
    /// Severity overrides by rule id, or `Off`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub levels: BTreeMap<String, Level>,
    /// Findings silenced on one subject each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppress: Vec<Suppression>,
    /// Longest acceptable chain of synchronous calls, in hops.
    #[serde(
        default = "default_max_sync_depth",
        skip_serializing_if = "is_default_max_sync_depth"
    )]
    pub max_sync_depth: u32,
    /// Most synchronous dependencies one component should have.
    #[serde(
        default = "default_max_fan_out",
        skip_serializing_if = "is_default_max_fan_out"
    )]
    pub max_fan_out: u32,
}

/// Default of [`RuleSettings::max_sync_depth`].
pub const DEFAULT_MAX_SYNC_DEPTH: u32 = 4;
/// Default of [`RuleSettings::max_fan_out`].
pub const DEFAULT_MAX_FAN_OUT: u32 = 7;

fn default_max_sync_depth() -> u32 {
    DEFAULT_MAX_SYNC_DEPTH
}
fn is_default_max_sync_depth(n: &u32) -> bool {
    *n == DEFAULT_MAX_SYNC_DEPTH
}
fn default_max_fan_out() -> u32 {
    DEFAULT_MAX_FAN_OUT
}
fn is_default_max_fan_out(n: &u32) -> bool {
    *n == DEFAULT_MAX_FAN_OUT
}

impl Default for RuleSettings {
    fn default() -> Self {
        Self {
            levels: BTreeMap::new(),
            suppress: Vec::new(),
            max_sync_depth: DEFAULT_MAX_SYNC_DEPTH,
            max_fan_out: DEFAULT_MAX_FAN_OUT,
        }
    }
}

impl RuleSettings {
    /// Whether nothing differs from the defaults.
    pub fn is_default(&self) -> bool {
        *self == RuleSettings::default()
    }

    /// Whether the finding of `rule` on `subject` is suppressed.
    pub fn is_suppressed(&self, rule: &str, subject: &str) -> bool {
        self.suppress
            .iter()
            .any(|s| s.rule == rule && s.subject.as_str() == subject)
    }
}
