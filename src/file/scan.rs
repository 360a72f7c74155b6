//! Splitting a model file into its top-level fields without parsing them.
//!
//! Parsing is the slow part of loading a large model, and the top-level sections
//! (components, connections, layout…) are independent, so they can be parsed on different
//! cores. This scanner finds where each top-level value starts and ends: it only tracks
//! brackets, strings, character literals and comments. It accepts a subset of RON — when the
//! text is anything unusual it answers `None` and the loader parses the whole text the plain
//! way, which also produces the precise error message for a broken file.

/// A top-level field: its name and the text of its value.
pub struct Field<'a> {
    /// Field name (`components`).
    pub name: &'a str,
    /// The value's text, without surrounding whitespace.
    pub value: &'a str,
    /// For a list or map value: the offsets in `value` just after each comma that separates
    /// two of its items.
    pub item_cuts: Vec<usize>,
}

impl<'a> Field<'a> {
    /// Splits a list or map value into about `pieces` runs of whole items: the text between
    /// its brackets, cut after separating commas. `None` if the value is not a list or map.
    pub fn runs(&self, pieces: usize) -> Option<Vec<&'a str>> {
        let value = self.value;
        let bytes = value.as_bytes();
        let close = match bytes.first()? {
            b'[' => b']',
            b'{' => b'}',
            _ => return None,
        };
        if bytes.len() < 2 || *bytes.last()? != close {
            return None;
        }
        let inner_end = bytes.len() - 1;
        let target = (inner_end / pieces.max(1)).max(1);
        let mut cuts = vec![1];
        for &cut in &self.item_cuts {
            if cut - cuts.last().copied().unwrap_or(0) >= target && cuts.len() < pieces {
                cuts.push(cut);
            }
        }
        cuts.push(inner_end);
        Some(
            cuts.windows(2)
                .filter_map(|w| value.get(w[0]..w[1]))
                .collect(),
        )
    }
}

/// The top-level fields of `text`, in order; `None` if the text is not of the plain shape
/// `[Architecture](name: value, …)` with nothing but whitespace and comments around it.
pub fn top_level_fields(text: &str) -> Option<Vec<Field<'_>>> {
    let bytes = text.as_bytes();
    let mut p = skip_trivia(bytes, 0)?;
    if bytes.get(p) == Some(&b'#') {
        return None; // `#![enable(…)]` changes how the rest parses: take the plain path.
    }
    let (struct_name, after) = ident(bytes, p);
    if !struct_name.is_empty() {
        if struct_name != b"Architecture" {
            return None;
        }
        p = skip_trivia(bytes, after)?;
    }
    if bytes.get(p) != Some(&b'(') {
        return None;
    }
    p += 1;
    let mut fields = Vec::new();
    loop {
        p = skip_trivia(bytes, p)?;
        if bytes.get(p) == Some(&b')') {
            p = skip_trivia(bytes, p + 1)?;
            return (p == bytes.len()).then_some(fields);
        }
        let (name, after) = ident(bytes, p);
        if name.is_empty() {
            return None;
        }
        let name = text.get(p..after)?;
        p = skip_trivia(bytes, after)?;
        if bytes.get(p) != Some(&b':') {
            return None;
        }
        let start = skip_trivia(bytes, p + 1)?;
        let mut item_cuts = Vec::new();
        let end = value_end(bytes, start, &mut item_cuts)?;
        let value = text.get(start..end)?.trim_end();
        if value.is_empty() {
            return None;
        }
        for cut in &mut item_cuts {
            *cut -= start;
        }
        fields.push(Field {
            name,
            value,
            item_cuts,
        });
        p = skip_trivia(bytes, end)?;
        match bytes.get(p) {
            Some(b',') => p += 1,
            Some(b')') => {}
            _ => return None,
        }
    }
}

fn ident(bytes: &[u8], p: usize) -> (&[u8], usize) {
    let mut end = p;
    while bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        end += 1;
    }
    (bytes.get(p..end).unwrap_or(&[]), end)
}

/// Skips whitespace and comments; `None` on an unclosed comment.
fn skip_trivia(bytes: &[u8], mut p: usize) -> Option<usize> {
    loop {
        match (bytes.get(p), bytes.get(p + 1)) {
            (Some(b' ' | b'\t' | b'\n' | b'\r'), _) => p += 1,
            (Some(b'/'), Some(b'/')) => {
                while bytes.get(p).is_some_and(|b| *b != b'\n') {
                    p += 1;
                }
            }
            (Some(b'/'), Some(b'*')) => p = block_comment_end(bytes, p)?,
            _ => return Some(p),
        }
    }
}

/// The end of a (nesting) block comment starting at `p`.
fn block_comment_end(bytes: &[u8], mut p: usize) -> Option<usize> {
    let mut level = 0usize;
    loop {
        match (bytes.get(p), bytes.get(p + 1)) {
            (Some(b'/'), Some(b'*')) => {
                level += 1;
                p += 2;
            }
            (Some(b'*'), Some(b'/')) => {
                level -= 1;
                p += 2;
                if level == 0 {
                    return Some(p);
                }
            }
            (Some(_), _) => p += 1,
            (None, _) => return None,
        }
    }
}

/// Bytes the value scanner must look at; every other byte is skipped in bulk.
const SPECIAL: [bool; 256] = byte_set(b"\"'/()[]{},");

/// A lookup table that is true for the given bytes.
const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// The end of the value starting at `p`: the `,` or `)` that closes it at depth 0. Records
/// in `cuts` the position after every comma directly inside the value's own brackets.
fn value_end(bytes: &[u8], mut p: usize, cuts: &mut Vec<usize>) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        p += bytes.get(p..)?.iter().position(|b| SPECIAL[*b as usize])?;
        let b = *bytes.get(p)?;
        match b {
            b'"' => {
                // `r"…"` and `r#"…"#` are raw strings, which this scanner does not follow.
                if p > 0 && matches!(bytes.get(p - 1), Some(b'r' | b'#')) {
                    return None;
                }
                p = string_end(bytes, p)?;
            }
            b'\'' => p = char_end(bytes, p)?,
            b'/' => match bytes.get(p + 1) {
                Some(b'/' | b'*') => p = skip_trivia(bytes, p)?,
                _ => p += 1,
            },
            b'(' | b'[' | b'{' => {
                depth += 1;
                p += 1;
            }
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return (b == b')').then_some(p);
                }
                depth -= 1;
                p += 1;
            }
            b',' if depth == 0 => return Some(p),
            b',' => {
                p += 1;
                if depth == 1 {
                    cuts.push(p);
                }
            }
            _ => p += 1,
        }
    }
}

/// Bytes [`push_unindented`] must look at.
const UNINDENT_SPECIAL: [bool; 256] = byte_set(b"\"'/\n");

/// Appends `text` to `out` without the indentation of its lines: the spaces and tabs after
/// each line break outside strings, character literals and comments.
///
/// ron spends a quarter of its parsing time skipping whitespace, and indentation is nearly half
/// of a canonical file. Line breaks stay, so a line comment still ends where it did. `None`
/// when the text has something this scanner does not follow (a raw string, an unclosed
/// string or comment).
pub fn push_unindented(text: &str, out: &mut String) -> Option<()> {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut p = 0;
    while let Some(skip) = bytes
        .get(p..)?
        .iter()
        .position(|b| UNINDENT_SPECIAL[*b as usize])
    {
        p += skip;
        match bytes.get(p)? {
            b'\n' => {
                out.push_str(text.get(copied..=p)?);
                p += 1;
                while matches!(bytes.get(p), Some(b' ' | b'\t')) {
                    p += 1;
                }
                copied = p;
            }
            b'"' => {
                if p > 0 && matches!(bytes.get(p - 1), Some(b'r' | b'#')) {
                    return None;
                }
                p = string_end(bytes, p)?;
            }
            b'\'' => p = char_end(bytes, p)?,
            _ => match bytes.get(p + 1) {
                Some(b'/') => {
                    p = bytes
                        .get(p..)?
                        .iter()
                        .position(|b| *b == b'\n')
                        .map_or(bytes.len(), |n| p + n)
                }
                Some(b'*') => p = block_comment_end(bytes, p)?,
                _ => p += 1,
            },
        }
    }
    out.push_str(text.get(copied..)?);
    Some(())
}

fn string_end(bytes: &[u8], mut p: usize) -> Option<usize> {
    p += 1;
    loop {
        p += bytes
            .get(p..)?
            .iter()
            .position(|b| *b == b'"' || *b == b'\\')?;
        match bytes.get(p)? {
            b'\\' => p += 2,
            _ => return Some(p + 1),
        }
    }
}

fn char_end(bytes: &[u8], mut p: usize) -> Option<usize> {
    p += 1;
    for _ in 0..12 {
        match bytes.get(p)? {
            b'\\' => p += 2,
            b'\'' => return Some(p + 1),
            _ => p += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Option<Vec<(String, String)>> {
        top_level_fields(text).map(|f| {
            f.into_iter()
                .map(|f| (f.name.to_owned(), f.value.to_owned()))
                .collect()
        })
    }

    #[test]
    fn splits_fields_with_nested_brackets_strings_and_comments() {
        let text = "// c\nArchitecture(\n format: 2,\n name: \"a, (b\\\" ]\",\n x: [(a: 1), /* ) */ {\"k\": ')'}], // t\n y: Z(1)\n)\n";
        let got = names(text).unwrap();
        assert_eq!(got[0], ("format".into(), "2".into()));
        assert_eq!(got[1], ("name".into(), "\"a, (b\\\" ]\"".into()));
        assert_eq!(
            got[2],
            ("x".into(), "[(a: 1), /* ) */ {\"k\": ')'}]".into())
        );
        assert_eq!(got[3], ("y".into(), "Z(1)".into()));
    }

    fn runs(value: &str, pieces: usize) -> Option<Vec<String>> {
        let text = format!("(v: {value})");
        let fields = top_level_fields(&text)?;
        let runs = fields.first()?.runs(pieces)?;
        Some(runs.into_iter().map(str::to_owned).collect())
    }

    #[test]
    fn runs_cut_between_whole_items() {
        let value = "[(a: \"x,y\"), (b: [1, 2]), (c: 3), // d, e\n (f: 4)]";
        let got = runs(value, 2).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got.concat(), &value[1..value.len() - 1]);
        for run in &got {
            assert!(
                run.matches('(').count() == run.matches(')').count(),
                "{run}"
            );
        }
        assert_eq!(runs("{\"a\": (x: 1), \"b\": (x: 2)}", 8).unwrap().len(), 2);
        assert_eq!(runs("[]", 4).unwrap(), [""]);
        assert!(runs("(a: 1)", 2).is_none());
    }

    #[test]
    fn unindenting_keeps_strings_comments_and_line_breaks() {
        let unindent = |text: &str| {
            let mut out = String::new();
            push_unindented(text, &mut out).map(|()| out)
        };
        assert_eq!(
            unindent("(\n    a: 1,\n\t  b: \"x\n   y\",\n    c: '\\n',\n  )").unwrap(),
            "(\na: 1,\nb: \"x\n   y\",\nc: '\\n',\n)"
        );
        assert_eq!(
            unindent("a, // \" quote\n    b /* \"\n   */ c\n  /").unwrap(),
            "a, // \" quote\nb /* \"\n   */ c\n/"
        );
        assert_eq!(unindent("").unwrap(), "");
        for text in ["r\"raw\"", "\"open", "/* open", "'open"] {
            assert!(unindent(text).is_none(), "{text}");
        }
    }

    #[test]
    fn unusual_text_takes_the_plain_path() {
        for text in [
            "#![enable(implicit_some)] (format: 2)",
            "(format: 2",
            "(format: 2) trailing",
            "(format: r\"raw\")",
            "Other(format: 2)",
            "(format: \"unclosed)",
            "(: 2)",
            "(a: )",
            "(a: [1, 2)",
        ] {
            assert!(names(text).is_none(), "{text}");
        }
        assert_eq!(names("( )").unwrap().len(), 0);
    }
}
