//! One problem a rule found.

use std::borrow::Cow;

use crate::model::{Id, Severity};

/// A problem in the model, said so a person can act on it.
///
/// `subjects` are the ids of the components and connections involved, the one the finding is
/// about first: that first subject is what a suppression names, what the editor selects and
/// what the CLI points at in the file. Findings about something that is neither a component
/// nor a connection (a view filter, a layout entry naming nothing) have no subjects; their
/// message names what to look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's stable id (`sync-cycle`).
    pub rule: &'static str,
    /// How serious it is, after the model's level overrides.
    pub severity: Severity,
    /// What is wrong, naming the ids involved.
    pub message: String,
    /// Components and connections involved, the main one first.
    pub subjects: Vec<Id>,
    /// How to fix it.
    pub hint: Cow<'static, str>,
}

impl Finding {
    /// The component or connection the finding is mainly about.
    pub fn primary(&self) -> Option<&Id> {
        self.subjects.first()
    }

    /// Whether `id` is one of the subjects.
    pub fn involves(&self, id: &str) -> bool {
        self.subjects.iter().any(|s| s.as_str() == id)
    }
}
