//! Reading the format version before anything else.
//!
//! The version decides which reader parses the rest, so it is read first, by a small lexer
//! that accepts exactly the start of a model file: comments and whitespace, an optional
//! struct name, `(`, then `format: N`. Anything else is an error at that spot.

use super::Position;

/// The version in a file's header, and where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// The version number.
    pub format: u64,
    /// Where the number starts.
    pub at: Position,
}

/// Reads the header, or says where it went wrong and what was expected.
pub fn read_header(text: &str) -> Result<Header, (Position, String)> {
    let mut lx = Lexer { text, pos: 0 };
    lx.skip_trivia()?;
    if lx.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
        let name = lx.ident();
        lx.skip_trivia()?;
        if name != "Architecture" && lx.peek() != Some('(') {
            return Err(lx.expected("`(` to open the model"));
        }
    }
    if !lx.eat('(') {
        return Err(lx.expected("`(` to open the model, as in `(format: 2, …)`"));
    }
    lx.skip_trivia()?;
    let field_start = lx.pos;
    if lx.ident() != "format" {
        lx.pos = field_start;
        return Err(lx.expected("`format: <version>` as the first field of the model"));
    }
    lx.skip_trivia()?;
    if !lx.eat(':') {
        return Err(lx.expected("`:` after `format`"));
    }
    lx.skip_trivia()?;
    let at = lx.position();
    let digits: String = std::iter::from_fn(|| lx.next_if(|c| c.is_ascii_digit())).collect();
    if digits.is_empty() {
        return Err(lx.expected("a format version number such as 2"));
    }
    let format = digits.parse::<u64>().map_err(|_| {
        (
            at,
            format!("the format version {digits} is not a version number"),
        )
    })?;
    Ok(Header { format, at })
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn next_if(&mut self, f: impl Fn(char) -> bool) -> Option<char> {
        let c = self.peek().filter(|c| f(*c))?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        self.next_if(|x| x == c).is_some()
    }

    fn ident(&mut self) -> String {
        std::iter::from_fn(|| self.next_if(|c| c.is_alphanumeric() || c == '_')).collect()
    }

    fn position(&self) -> Position {
        position_at(self.text, self.pos)
    }

    fn expected(&self, what: &str) -> (Position, String) {
        let found = match self.peek() {
            None => "the end of the file".to_owned(),
            Some(c) => format!("{c:?}"),
        };
        (self.position(), format!("expected {what}, found {found}"))
    }

    /// Skips whitespace, `//` and `/* */` comments and `#![…]` attributes.
    fn skip_trivia(&mut self) -> Result<(), (Position, String)> {
        loop {
            let rest = self.rest();
            if let Some(c) = rest.chars().next().filter(|c| c.is_whitespace()) {
                self.pos += c.len_utf8();
            } else if rest.starts_with("//") {
                self.pos += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                let Some(end) = rest.find("*/") else {
                    return Err((
                        self.position(),
                        "this comment is never closed with `*/`".into(),
                    ));
                };
                self.pos += end + 2;
            } else if rest.starts_with("#!") {
                let Some(end) = rest.find(']') else {
                    return Err((
                        self.position(),
                        "this attribute is never closed with `]`".into(),
                    ));
                };
                self.pos += end + 1;
            } else {
                return Ok(());
            }
        }
    }
}

/// The line and column (in characters) of byte offset `offset` in `text`.
pub fn position_at(text: &str, offset: usize) -> Position {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    Position { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_and_named_headers() {
        assert_eq!(read_header("(format: 2)").map(|h| h.format), Ok(2));
        let h = read_header("// a model\n/* x */ Architecture(\n    format: 17,").unwrap();
        assert_eq!(h.format, 17);
        assert_eq!(
            h.at,
            Position {
                line: 3,
                column: 13
            }
        );
    }

    #[test]
    fn says_what_it_expected() {
        let (at, msg) = read_header("(name: \"x\", format: 2)").unwrap_err();
        assert_eq!(at, Position { line: 1, column: 2 });
        assert!(
            msg.contains("`format: <version>` as the first field"),
            "{msg}"
        );
        let (_, msg) = read_header("").unwrap_err();
        assert!(msg.contains("found the end of the file"), "{msg}");
        let (_, msg) = read_header("(format: two)").unwrap_err();
        assert!(msg.contains("version number"), "{msg}");
        assert!(read_header("(format: 99999999999999999999999)").is_err());
        assert!(read_header("/* never closed").is_err());
    }

    #[test]
    fn positions_count_characters() {
        let text = "ab\néé|";
        assert_eq!(
            position_at(text, text.find('|').unwrap()),
            Position { line: 2, column: 3 }
        );
    }
}
