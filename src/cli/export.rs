//! `archcanvas export FILE --out DIR [--only KIND,...] [--lang LANG] [--force]`: write code
//! stubs and infrastructure files.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use archcanvas::export::{self, Artifact, ExportOptions, Outcome, WriteOptions, gate};
use archcanvas::file;
use archcanvas::model::Language;

use super::{OK, UNUSABLE};

/// Write service projects, API contracts, SQL, AsyncAPI, docker-compose and Kubernetes files.
///
/// Files are written only inside DIR. A re-export rewrites files it wrote that are unchanged
/// since, skips files a person edited or that it never wrote (and says so), and deletes only
/// its own unchanged files that the model no longer produces.
///
/// Exit status: 0 exported (skipped files are reported, not failures), 2 unusable input, an
/// unsafe target, or a model with error-level findings without --force.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Model file.
    file: PathBuf,
    /// Folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Only these artifacts: services, openapi, sql, asyncapi, compose, k8s.
    #[arg(long, value_delimiter = ',', value_parser = parse_artifact, value_name = "KIND,...")]
    only: Vec<Artifact>,
    /// Generate every service in this language: rust, typescript, python or go.
    #[arg(long, value_parser = parse_language, value_name = "LANG")]
    lang: Option<Language>,
    /// Export despite error-level findings, and overwrite files edited since the last export.
    #[arg(long)]
    force: bool,
    /// List every file and what happened to it.
    #[arg(long, short)]
    verbose: bool,
}

fn parse_artifact(text: &str) -> Result<Artifact, String> {
    Artifact::parse(text).ok_or_else(|| {
        let all: Vec<&str> = Artifact::ALL.iter().map(|a| a.keyword()).collect();
        format!("unknown artifact `{text}`; choose from {}", all.join(", "))
    })
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::parse(text)
        .ok_or_else(|| format!("unknown language `{text}`; choose rust, typescript, python or go"))
}

pub fn run(args: &Args) -> u8 {
    let arch = match file::load(&args.file) {
        Ok(arch) => arch,
        Err(e) => {
            eprintln!("error: {e}");
            return UNUSABLE;
        }
    };
    if let Err(refused) = gate::allow(gate::error_findings(&arch), args.force) {
        eprintln!("error: {}: {refused}", args.file.display());
        return UNUSABLE;
    }
    let options = ExportOptions {
        only: args.only.iter().copied().collect::<BTreeSet<_>>(),
        language: args.lang,
    };
    let plan = match export::plan(&arch, &options) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("error: {}: {e}", args.file.display());
            return UNUSABLE;
        }
    };
    for w in &plan.warnings {
        eprintln!("warning: {w}");
    }
    let mut stderr = std::io::stderr();
    let interactive = std::io::IsTerminal::is_terminal(&stderr);
    let report = export::write_plan(
        &plan,
        &args.out,
        WriteOptions { force: args.force },
        &mut |p| {
            if interactive && (p.done % 50 == 0 || p.done == p.total) {
                let _ = write!(stderr, "\rwriting {}/{}", p.done, p.total);
                if p.done == p.total {
                    let _ = writeln!(stderr);
                }
            }
        },
    );
    let report = match report {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return UNUSABLE;
        }
    };
    for f in &report.files {
        let notable = f.outcome.is_skipped() || f.outcome == Outcome::KeptEdited;
        if args.verbose || notable {
            println!("{:<11} {}", short(f.outcome), f.path);
        }
    }
    println!(
        "{}: {} written, {} unchanged, {} skipped{}",
        args.out.display(),
        report.written(),
        report.unchanged(),
        report.skipped(),
        if report.skipped() > 0 {
            " (edited by a person or not ours; --force overwrites)"
        } else {
            ""
        }
    );
    OK
}

fn short(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Created => "created",
        Outcome::Updated => "updated",
        Outcome::Unchanged => "unchanged",
        Outcome::Overwritten => "overwritten",
        Outcome::SkippedEdited => "edited",
        Outcome::SkippedNotOurs => "not-ours",
        Outcome::Removed => "removed",
        Outcome::KeptEdited => "kept",
    }
}
