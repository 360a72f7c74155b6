//! `archcanvas rules`: list every rule.

use archcanvas::check::RULES;

use super::OK;

/// List every rule: id, default severity and what it finds.
#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: &Args) -> u8 {
    print!("{}", table());
    OK
}

/// The rules as an aligned table.
pub fn table() -> String {
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = format!("{:width$}  {:8}  description\n", "id", "severity");
    for r in &RULES {
        out.push_str(&format!(
            "{:width$}  {:8}  {}\n",
            r.id,
            r.default_severity.keyword(),
            r.summary
        ));
    }
    out
}
