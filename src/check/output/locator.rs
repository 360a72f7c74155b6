//! Where each id is defined in a model file's text, for pointing findings at lines.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::file::Position;

/// `id: "orders"` — how components, connections, groups, views, flows and notes name
/// themselves in the file, with any spacing a hand-edited file may use.
static DEFINITION: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"\bid\s*:\s*"([a-z][a-z0-9-]*)""#).ok());

/// The position of the first `id: "…"` definition of each id in a text.
///
/// Components come first in a canonical file, so an id shared by a component and (say) a
/// group points at the component, which is what findings are about.
#[derive(Clone, Debug, Default)]
pub struct Locator {
    positions: HashMap<String, Position>,
}

impl Locator {
    /// Scans `text` once.
    pub fn new(text: &str) -> Self {
        let mut positions = HashMap::new();
        let Some(re) = DEFINITION.as_ref() else {
            return Self { positions };
        };
        // Count lines incrementally: one pass over the text in all.
        let mut line = 1;
        let mut line_start = 0;
        let mut scanned = 0;
        for caps in re.captures_iter(text) {
            let (Some(whole), Some(id)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let start = whole.start();
            let between = text.get(scanned..start).unwrap_or("");
            for (i, b) in between.bytes().enumerate() {
                if b == b'\n' {
                    line += 1;
                    line_start = scanned + i + 1;
                }
            }
            scanned = start;
            let column = text.get(line_start..start).map_or(0, |s| s.chars().count()) + 1;
            positions
                .entry(id.as_str().to_owned())
                .or_insert(Position { line, column });
        }
        Self { positions }
    }

    /// Where `id` is defined.
    pub fn find(&self, id: &str) -> Option<Position> {
        self.positions.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_definition_with_line_and_column() {
        let text = "(\n  components: [\n    (id: \"a\", name: \"A\"),\n    ( id : \"b\" ),\n  ],\n  groups: [(id: \"a\")],\n)";
        let loc = Locator::new(text);
        assert_eq!(loc.find("a"), Some(Position { line: 3, column: 6 }));
        assert_eq!(loc.find("b"), Some(Position { line: 4, column: 7 }));
        assert_eq!(loc.find("c"), None);
    }
}
