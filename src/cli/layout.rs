//! `archcanvas layout FILE [--in-place] [--direction lr|tb]`: automatic layout, headless.

use std::path::PathBuf;

use archcanvas::file::{self, SaveOptions};
use archcanvas::layout::{self, Direction, Options};

use super::{OK, UNUSABLE};

/// Lay out a model automatically (layered: groups kept together, pinned components kept in
/// place) and print it, or save it in place.
///
/// Exit status: 0 done, 2 the file could not be read or written.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Model file.
    file: PathBuf,
    /// Save the result to FILE (atomically, keeping FILE.bak) instead of printing it.
    #[arg(long)]
    in_place: bool,
    /// Which way connections run: lr (left to right) or tb (top to bottom).
    #[arg(long, value_enum, default_value_t = DirectionArg::Lr)]
    direction: DirectionArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DirectionArg {
    /// Left to right.
    Lr,
    /// Top to bottom.
    Tb,
}

pub fn run(args: &Args) -> u8 {
    let path = &args.file;
    let mut arch = match file::load(path) {
        Ok(arch) => arch,
        Err(e) => {
            eprintln!("error: {e}");
            return UNUSABLE;
        }
    };
    let direction = match args.direction {
        DirectionArg::Lr => Direction::LeftToRight,
        DirectionArg::Tb => Direction::TopToBottom,
    };
    arch.layout = match layout::auto(&arch, &Options::new(direction)) {
        Ok(layout) => layout,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return UNUSABLE;
        }
    };
    if args.in_place {
        return match file::save(path, &arch, SaveOptions::default()) {
            Ok(()) => {
                eprintln!("laid out {}", path.display());
                OK
            }
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                UNUSABLE
            }
        };
    }
    match file::to_canonical_string(&arch) {
        Ok(text) => {
            print!("{text}");
            OK
        }
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            UNUSABLE
        }
    }
}
