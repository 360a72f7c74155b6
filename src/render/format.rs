//! The diagram formats, by name and by file extension.

use std::fmt;
use std::path::Path;

/// One output format of `archcanvas render`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Scalable Vector Graphics: the canvas as a picture, text kept as text.
    Svg,
    /// A PNG picture rasterised from the SVG with the embedded font.
    Png,
    /// A one-page PDF converted from the SVG.
    Pdf,
    /// A Mermaid flowchart.
    Mermaid,
    /// A PlantUML component diagram.
    PlantUml,
    /// A Graphviz DOT digraph.
    Dot,
    /// A D2 diagram.
    D2,
    /// A Structurizr DSL workspace.
    Structurizr,
    /// A Markdown architecture document.
    Markdown,
    /// A self-contained HTML review pack: every view as SVG, the flows playable.
    Html,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 10] = [
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Mermaid,
        Format::PlantUml,
        Format::Dot,
        Format::D2,
        Format::Structurizr,
        Format::Markdown,
        Format::Html,
    ];

    /// The name `--format` takes, which is also the usual extension (`mmd`, `puml`).
    pub fn keyword(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Mermaid => "mmd",
            Format::PlantUml => "puml",
            Format::Dot => "dot",
            Format::D2 => "d2",
            Format::Structurizr => "dsl",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// Parses a `--format` value or an extension, ignoring case; the tools' other usual
    /// extensions (`mermaid`, `plantuml`, `gv`, `markdown`) are accepted too.
    pub fn parse(text: &str) -> Option<Format> {
        let t = text.trim().trim_start_matches('.').to_ascii_lowercase();
        let format = match t.as_str() {
            "svg" => Format::Svg,
            "png" => Format::Png,
            "pdf" => Format::Pdf,
            "mmd" | "mermaid" => Format::Mermaid,
            "puml" | "plantuml" | "pu" | "iuml" => Format::PlantUml,
            "dot" | "gv" => Format::Dot,
            "d2" => Format::D2,
            "dsl" | "structurizr" => Format::Structurizr,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            _ => return None,
        };
        Some(format)
    }

    /// The format a file name's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::parse)
    }

    /// Whether the output is text (every format but PNG and PDF).
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Png | Format::Pdf)
    }

    /// The keywords of every format, for messages: `svg|png|…`.
    pub fn keywords() -> String {
        Format::ALL.map(Format::keyword).join("|")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_extensions_parse_back() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.keyword()), Some(format));
            let file = format!("out/diagram.{}", format.keyword().to_uppercase());
            assert_eq!(Format::from_path(Path::new(&file)), Some(format));
        }
        assert_eq!(Format::parse(".gv"), Some(Format::Dot));
        assert_eq!(Format::from_path(Path::new("diagram")), None);
        assert_eq!(Format::from_path(Path::new("diagram.txt")), None);
        assert_eq!(
            Format::keywords(),
            "svg|png|pdf|mmd|puml|dot|d2|dsl|md|html"
        );
    }
}
