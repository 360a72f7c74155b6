//! Reports rendered for people (compiler-style text), for scripts (JSON) and for code
//! scanning in CI (SARIF 2.1.0).
//!
//! The renderers live in the library, not the CLI, so the editor, tests and the CLI print the
//! same thing. They work on [`FileReport`]s: a report together with the file it came from, so
//! each finding can point at the line where its main subject is defined.

mod file_report;
mod human;
mod json;
mod locator;
mod sarif;

pub use file_report::FileReport;
pub use human::human;
pub use json::json;
pub use locator::Locator;
pub use sarif::sarif;
