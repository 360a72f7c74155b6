//! The model whose names hold every format's special characters. Here each output is read
//! back the way its tool tokenises it (quotes balance, one statement per line, tables keep
//! their columns); `scripts/conformance-render.sh` then feeds the same files to the real
//! tools.

use archcanvas::render::{Format, RenderOptions, render};
use resvg::usvg::roxmltree;

use super::{text, tricky};

/// Double quotes not preceded by a backslash escape.
fn bare_quotes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

#[test]
fn every_format_renders_the_tricky_model() {
    let arch = tricky();
    for format in Format::ALL {
        let bytes =
            render(&arch, &RenderOptions::new(format)).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(bytes.len() > 100, "{format}");
        if format == Format::Html {
            // The review pack holds every view; asking for one is refused.
            continue;
        }
        let view = RenderOptions {
            view: Some("inside".into()),
            ..RenderOptions::new(format)
        };
        render(&arch, &view).unwrap_or_else(|e| panic!("{format} with a view: {e}"));
    }
}

#[test]
fn svg_keeps_every_name_as_text() {
    let arch = tricky();
    let svg = text(&arch, Format::Svg);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let titles: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect();
    for c in arch.components.iter() {
        let one_line = c.name.replace(['\n', '\t'], " ");
        assert!(
            titles.iter().any(|t| t.starts_with(&one_line)),
            "{:?} not found in {titles:?}",
            c.name
        );
    }
    // usvg, the parser behind the PNG and PDF, reads it too.
    archcanvas::render::raster::parse(&svg).expect("usvg parses it");
}

/// `s` without Mermaid's `#NN;` entity codes.
fn without_entity_codes(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with(';') {
            rest = &tail[digits + 1..];
        } else {
            out.push('#');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn mermaid_labels_stay_inside_their_quotes() {
    let out = text(&tricky(), Format::Mermaid);
    for line in out.lines().skip_while(|l| !l.starts_with("flowchart")) {
        let quotes = line.matches('"').count();
        assert!(quotes.is_multiple_of(2), "unbalanced: {line}");
        // Inside the quotes only entity codes and <br/> remain of the special characters.
        for inside in line.split('"').skip(1).step_by(2) {
            let cleaned = without_entity_codes(&inside.replace("<br/>", ""));
            for bad in ['|', ';', '<', '>', '`'] {
                assert!(!cleaned.contains(bad), "{bad} in {inside}");
            }
        }
    }
    assert!(out.contains("end_(\""), "the id `end` is renamed: {out}");
    assert!(
        out.contains("subgraph end_group["),
        "group with a component's id"
    );
}

#[test]
fn dot_d2_and_structurizr_strings_close_on_their_line() {
    let arch = tricky();
    for format in [Format::Dot, Format::D2, Format::Structurizr] {
        let out = text(&arch, format);
        for line in out.lines() {
            assert!(
                bare_quotes(line).is_multiple_of(2),
                "{format}: unbalanced: {line}"
            );
        }
    }
    // A name with a line break stays one statement.
    let dsl = text(&arch, Format::Structurizr);
    assert!(dsl.contains("\"Line one line two tabbed\""), "{dsl}");
    assert!(!dsl.contains("${sub}"));
    let d2 = text(&arch, Format::D2);
    assert!(d2.contains("\\${sub}"), "{d2}");
    assert!(
        d2.contains("\"Line one\\nline two tabbed\\nKafka\""),
        "{d2}"
    );
    // Structurizr needs unique container names.
    assert!(
        dsl.contains("\"Duplicate name [default]\"")
            && dsl.contains("\"Duplicate name [direction]\"")
    );
    // Two relationships of the same pair with the same label get told apart.
    assert!(dsl.contains("[c11]"), "{dsl}");
}

#[test]
fn plantuml_text_cannot_reach_the_preprocessor_or_creole() {
    let out = text(&tricky(), Format::PlantUml);
    for forbidden in [
        "%date()",
        "<b>",
        "[[link]]",
        "**bold**",
        "!include",
        "--strike--",
        "&#36;",
    ] {
        assert!(!out.contains(forbidden), "{forbidden} is raw in:\n{out}");
    }
    for line in out.lines() {
        assert!(
            line.matches('"').count().is_multiple_of(2),
            "unbalanced: {line}"
        );
    }
    assert!(
        out.contains("\"Line one\\nline two tabbed\\nKafka\""),
        "{out}"
    );
}

#[test]
fn markdown_tables_keep_their_columns() {
    let md = text(&tricky(), Format::Markdown);
    let mut columns = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        match columns {
            None => columns = Some(cells),
            Some(n) => assert_eq!(cells, n, "row with other columns: {line}"),
        }
    }
    assert!(md.contains("\\*\\*bold\\*\\*"));
    assert!(md.contains("## Current findings"));
}
