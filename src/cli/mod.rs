//! The command line. Each subcommand has a file of its own; they parse, call the library,
//! print, and choose the exit code. The work itself is in the library.

mod check;
mod diff;
mod export;
mod fmt;
mod layout;
mod render;
mod rules;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code for a command that found nothing to report.
pub const OK: u8 = 0;
/// Exit code for a command whose answer is "no" (findings, not canonical, differences).
pub const FINDINGS: u8 = 1;
/// Exit code for input that could not be used (unreadable file, bad arguments).
pub const UNUSABLE: u8 = 2;

/// Draw a backend architecture as a typed model, check it, export it as code and diagrams.
///
/// Without a command, opens the editor (on FILE if given).
#[derive(Parser, Debug)]
#[command(
    name = "archcanvas",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Model file to open in the editor.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    Check(check::Args),
    Export(export::Args),
    Fmt(fmt::Args),
    Diff(diff::Args),
    Render(render::Args),
    Layout(layout::Args),
    Rules(rules::Args),
}

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Fmt(args)) => fmt::run(&args),
        Some(Command::Diff(args)) => diff::run(&args),
        Some(Command::Render(args)) => render::run(&args),
        Some(Command::Layout(args)) => layout::run(&args),
        Some(Command::Rules(args)) => rules::run(&args),
        None => open_editor(cli.file),
    };
    ExitCode::from(code)
}

#[cfg(feature = "gui")]
fn open_editor(file: Option<PathBuf>) -> u8 {
    match archcanvas::ui::run(file) {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("error: the editor could not start: {e}");
            UNUSABLE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_editor(_file: Option<PathBuf>) -> u8 {
    eprintln!(
        "error: this archcanvas was built without the editor (the `gui` feature); \
         run `archcanvas --help` for the commands it has"
    );
    UNUSABLE
}
