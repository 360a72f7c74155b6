//! A report with the file it came from.

use crate::file::Position;

use super::Locator;
use crate::check::{Finding, Report};

/// One checked file: its path as the user wrote it, the report, and where each id is
/// defined in its text.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as given on the command line (printed as is).
    pub path: String,
    /// What the check found.
    pub report: Report,
    locator: Locator,
}

impl FileReport {
    /// A report for the file at `path` whose text is `text`.
    pub fn new(path: impl Into<String>, text: &str, report: Report) -> Self {
        Self {
            path: path.into(),
            report,
            locator: Locator::new(text),
        }
    }

    /// Where the finding's main subject is defined in the file, if it has one there.
    pub fn position(&self, finding: &Finding) -> Option<Position> {
        finding
            .primary()
            .and_then(|id| self.locator.find(id.as_str()))
    }
}
