//! What can go wrong rendering a diagram, said so a person can act on it.

use std::path::PathBuf;

use crate::file::SaveError;

/// Why a diagram could not be rendered or written. A failed render writes nothing.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// `--view` named a view the model does not have.
    #[error("the model has no view `{name}`; {}", available_views(.available))]
    UnknownView {
        /// The name asked for.
        name: String,
        /// The ids of the views the model has.
        available: Vec<String>,
    },
    /// `--flow` named a flow the model does not have.
    #[error("the model has no flow `{name}`; {}", available_flows(.available))]
    UnknownFlow {
        /// The name asked for.
        name: String,
        /// The ids of the flows the model has.
        available: Vec<String>,
    },
    /// A flow was asked for in a format that has no sequence diagrams.
    #[error(
        "a flow is drawn as a sequence diagram, in Mermaid (.mmd) or PlantUML (.puml), not as \
         {0}; the review pack (--format html) plays every flow"
    )]
    NoSequenceIn(super::Format),
    /// The review pack was asked for one view only.
    #[error("the review pack always holds every view; leave out --view")]
    PackTakesNoView,
    /// The scale is not a positive number in range.
    #[error("the scale {scale} is out of range; use a number from {min} to {max}")]
    BadScale {
        /// The scale asked for.
        scale: f32,
        /// The smallest accepted.
        min: f32,
        /// The largest accepted.
        max: f32,
    },
    /// The picture would be too large to rasterise.
    #[error(
        "the picture would be {width} × {height} pixels, more than a PNG can hold here \
         (at most {limit} pixels a side); use a smaller --scale or render a view"
    )]
    TooLarge {
        /// Width in pixels.
        width: u64,
        /// Height in pixels.
        height: u64,
        /// The largest side accepted.
        limit: u32,
    },
    /// The SVG could not be read back for rasterising (a bug: the writer made bad SVG).
    #[error("internal error: the generated SVG could not be parsed ({0}); please report it")]
    Svg(String),
    /// The PNG could not be encoded.
    #[error("the PNG could not be encoded: {0}")]
    Png(String),
    /// svg2pdf refused the picture.
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    /// The output file could not be written.
    #[error(transparent)]
    Write(#[from] SaveError),
    /// The output path is a folder.
    #[error("{0}: is a folder; give a file name such as {0}/diagram.svg")]
    OutIsFolder(PathBuf),
}

fn available_flows(ids: &[String]) -> String {
    if ids.is_empty() {
        "it has no flows at all; add one in the editor's Flows panel or the file's `flows`"
            .to_owned()
    } else {
        format!("it has: {}", ids.join(", "))
    }
}

fn available_views(ids: &[String]) -> String {
    if ids.is_empty() {
        "it has no views at all; leave out --view to render the whole model".to_owned()
    } else {
        format!("it has: {}", ids.join(", "))
    }
}
