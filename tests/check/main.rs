//! Integration tests of the topology checks: every example model, the `check` and `rules`
//! commands, the SARIF output against the official schema, and a property test that the
//! checker never panics on a model the loader accepts.

mod cli;
mod examples;
mod flawed;
mod generated;
mod property;
mod sarif;

/// Replaces line and column numbers with placeholders, so snapshots do not change when the
/// canonical writer's layout does; the tests that need positions check them directly.
pub fn redact_positions(text: &str) -> String {
    let human = regex::Regex::new(r"(\.ron):\d+:\d+").expect("a valid pattern");
    let json = regex::Regex::new(r#""(line|column)": \d+"#).expect("a valid pattern");
    let text = human.replace_all(text, "$1:[line]:[column]");
    json.replace_all(&text, "\"$1\": [$1]").into_owned()
}
