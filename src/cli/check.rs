//! `archcanvas check FILE... [--format human|json|sarif] [--deny-warnings]`: run every rule.

use std::io::Write;
use std::path::PathBuf;

use archcanvas::check::{self, output};
use archcanvas::file;

use super::{FINDINGS, OK, UNUSABLE};

/// How findings are printed.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default)]
pub enum Format {
    /// Like a compiler: `error[sync-cycle]: …`, the file and line, the ids, a hint.
    #[default]
    Human,
    /// One JSON array of objects with rule, severity, message, subjects, file.
    Json,
    /// A SARIF 2.1.0 log, for code scanning in CI.
    Sarif,
}

/// Check model files against every topology rule.
///
/// Exit status: 0 no error-level findings, 1 findings at error level (or any finding, with
/// --deny-warnings), 2 some file could not be read or is not a model.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Model files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Fail (exit 1) on any finding, not only on errors.
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(args: &Args) -> u8 {
    let mut code = OK;
    let mut reports = Vec::new();
    for path in &args.files {
        let text = match file::read_text(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {e}");
                code = UNUSABLE;
                continue;
            }
        };
        let arch = match file::parse(&text) {
            Ok(arch) => arch,
            Err(e) => {
                eprintln!("error: {}", e.in_file(path));
                code = UNUSABLE;
                continue;
            }
        };
        let report = check::run(&arch);
        let failing = match report.worst() {
            None => false,
            Some(archcanvas::model::Severity::Error) => true,
            Some(_) => args.deny_warnings,
        };
        if failing {
            code = code.max(FINDINGS);
        }
        reports.push(output::FileReport::new(
            path.display().to_string(),
            &text,
            report,
        ));
    }
    let text = match args.format {
        Format::Human => output::human(&reports),
        Format::Json => output::json(&reports),
        Format::Sarif => output::sarif(&reports),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`| head`) is the reader's choice; anything else is worth saying.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
            return UNUSABLE;
        }
    }
    code
}
