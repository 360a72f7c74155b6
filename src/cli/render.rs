//! `archcanvas render FILE --out PATH [--format F] [--view NAME | --flow NAME] [--theme T]
//! [--scale N]`.

use std::path::{Path, PathBuf};

use archcanvas::file;
use archcanvas::render::{self, Format, RenderError, RenderOptions};
use archcanvas::theme::Mode;

use super::{OK, UNUSABLE};

/// Light or dark colours.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// Write one diagram of a model: svg, png, pdf, mmd (Mermaid), puml (PlantUML), dot
/// (Graphviz), d2, dsl (Structurizr), md (Markdown document) or html (review pack: every
/// view and a player per flow in one self-contained page). With --flow, the sequence
/// diagram of that flow, as mmd or puml.
///
/// Exit status: 0 written, 2 unusable input (unreadable model, unknown view, flow or
/// format, unwritable path); the output file is then left as it was.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Model file.
    file: PathBuf,
    /// Where to write the diagram.
    #[arg(long, short)]
    out: PathBuf,
    /// Output format: svg, png, pdf, mmd, puml, dot, d2, dsl, md or html [default: from
    /// the extension of --out].
    #[arg(long, short)]
    format: Option<String>,
    /// Render only what this view (by id) shows.
    #[arg(long)]
    view: Option<String>,
    /// Write the sequence diagram of this flow (by id) instead, as mmd or puml.
    #[arg(long, conflicts_with = "view")]
    flow: Option<String>,
    /// Colours.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    theme: Theme,
    /// Pixels per canvas unit (PNG only; 2 for high-density screens).
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
}

pub fn run(args: &Args) -> u8 {
    let format = match choose_format(args.format.as_deref(), &args.out) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("error: {message}");
            return UNUSABLE;
        }
    };
    let arch = match file::load(&args.file) {
        Ok(arch) => arch,
        Err(e) => {
            eprintln!("error: {e}");
            return UNUSABLE;
        }
    };
    let options = RenderOptions {
        format,
        view: args.view.clone(),
        mode: match args.theme {
            Theme::Light => Mode::Light,
            Theme::Dark => Mode::Dark,
        },
        scale: args.scale,
    };
    let written = match &args.flow {
        Some(flow) => render::render_flow_to_file(&arch, flow, &args.out, format, options.mode),
        None => render::render_to_file(&arch, &args.out, &options),
    };
    match written {
        Ok(()) => {
            println!("wrote {} ({format})", args.out.display());
            OK
        }
        Err(e @ (RenderError::Write(_) | RenderError::OutIsFolder(_))) => {
            eprintln!("error: {e}");
            UNUSABLE
        }
        Err(e) => {
            eprintln!("error: {}: {e}", args.file.display());
            UNUSABLE
        }
    }
}

fn choose_format(given: Option<&str>, out: &Path) -> Result<Format, String> {
    match given {
        Some(name) => Format::parse(name)
            .ok_or_else(|| format!("unknown format `{name}`; use one of {}", Format::keywords())),
        None => Format::from_path(out).ok_or_else(|| {
            let why = match out.extension() {
                Some(e) => format!("the extension `.{}` names no format", e.to_string_lossy()),
                None => "it has no extension".to_owned(),
            };
            format!(
                "cannot tell the format of {}: {why}; name the file with one of .{} or give \
                 --format",
                out.display(),
                Format::ALL.map(Format::keyword).join(" .")
            )
        }),
    }
}
