//! The `archcanvas` binary: parses the command line, runs a command or opens the editor.

mod cli;

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: archcanvas::Allocator = mimalloc::MiMalloc;

fn main() -> ExitCode {
    archcanvas::keep_freed_memory();
    let args = cli::Cli::parse();
    cli::run(args)
}
