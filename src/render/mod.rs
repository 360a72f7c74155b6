//! Diagrams of a model, in every format teams use.
//!
//! One module per format; all of them render a [`Scene`] — the part of the model a view
//! selects, with its groups as a tree — so `--view` means the same everywhere. The picture
//! formats share one drawing: [`svg`] draws the canvas from [`crate::theme`], and
//! [`raster`] turns that SVG into PNG (resvg) or PDF (svg2pdf) with the embedded font
//! ([`font`]). The text formats ([`mermaid`], [`plantuml`], [`dot`], [`d2`],
//! [`structurizr`], [`markdown`]) each write what their tool's users would write by hand,
//! with every label escaped for that tool. Positions come from the model's layout; where a
//! component has none, [`crate::layout::complete`] places it, as the editor does when it
//! opens such a file.
//!
//! [`render`] returns the bytes; [`render_to_file`] writes them atomically. The CLI and the
//! editor's File → Export diagram… both call these, so they cannot disagree.

mod error;
mod format;
mod options;

pub mod d2;
pub mod dot;
pub mod font;
pub mod html;
pub mod markdown;
pub mod mermaid;
pub mod plantuml;
pub mod raster;
pub mod scene;
pub mod sequence;
pub mod structurizr;
pub mod svg;
mod text;

use std::path::Path;

pub use error::RenderError;
pub use format::Format;
pub use options::{RenderOptions, SCALE_RANGE};
pub use scene::{Scene, Visit};

use crate::file::{SaveOptions, write_atomic};
use crate::model::Architecture;
use crate::theme::Mode;

/// Renders `arch` as `options` ask, returning the file's bytes.
pub fn render(arch: &Architecture, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    if !SCALE_RANGE.contains(&options.scale) {
        return Err(RenderError::BadScale {
            scale: options.scale,
            min: *SCALE_RANGE.start(),
            max: *SCALE_RANGE.end(),
        });
    }
    let scene = Scene::new(arch, options.view.as_deref())?;
    let mode = options.mode;
    let text = match options.format {
        Format::Svg => svg::render(&scene, mode),
        Format::Png => return raster::png(&svg::render(&scene, mode), options.scale),
        Format::Pdf => return raster::pdf(&svg::render(&scene, mode)),
        Format::Mermaid => mermaid::render(&scene, mode),
        Format::PlantUml => plantuml::render(&scene, mode),
        Format::Dot => dot::render(&scene, mode),
        Format::D2 => d2::render(&scene, mode),
        Format::Structurizr => structurizr::render(&scene, mode),
        Format::Markdown => markdown::render(&scene, mode),
        Format::Html => {
            if options.view.is_some() {
                return Err(RenderError::PackTakesNoView);
            }
            html::render(arch, mode)
        }
    };
    Ok(text.into_bytes())
}

/// Renders `arch` and writes the result to `path` atomically (a temporary file renamed
/// over the target, no backup), so a failed render or write leaves `path` as it was.
pub fn render_to_file(
    arch: &Architecture,
    path: &Path,
    options: &RenderOptions,
) -> Result<(), RenderError> {
    if path.is_dir() {
        return Err(RenderError::OutIsFolder(path.to_owned()));
    }
    let bytes = render(arch, options)?;
    write_atomic(path, &bytes, SaveOptions { backup: false })?;
    Ok(())
}

/// The sequence diagram of flow `flow` (by id) in `format`: Mermaid or PlantUML.
pub fn render_flow(
    arch: &Architecture,
    flow: &str,
    format: Format,
    mode: Mode,
) -> Result<Vec<u8>, RenderError> {
    let Some(found) = arch.flows.iter().find(|f| f.id.as_str() == flow) else {
        return Err(RenderError::UnknownFlow {
            name: flow.to_owned(),
            available: arch.flows.iter().map(|f| f.id.to_string()).collect(),
        });
    };
    let seq = sequence::Sequence::new(arch, found);
    let text = match format {
        Format::Mermaid => sequence::mermaid::render(&seq, mode),
        Format::PlantUml => sequence::plantuml::render(&seq, mode),
        other => return Err(RenderError::NoSequenceIn(other)),
    };
    Ok(text.into_bytes())
}

/// Renders the sequence diagram of flow `flow` and writes it to `path` atomically; a
/// failed render leaves `path` as it was.
pub fn render_flow_to_file(
    arch: &Architecture,
    flow: &str,
    path: &Path,
    format: Format,
    mode: Mode,
) -> Result<(), RenderError> {
    if path.is_dir() {
        return Err(RenderError::OutIsFolder(path.to_owned()));
    }
    let bytes = render_flow(arch, flow, format, mode)?;
    write_atomic(path, &bytes, SaveOptions { backup: false })?;
    Ok(())
}
