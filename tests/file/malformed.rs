//! Broken files give an error with a line and a column, `fmt` exits with 2, nothing panics and
//! the file is left as it was.

use archcanvas::file::{self, LoadError, Position};

fn error_of(text: &str) -> LoadError {
    match file::parse(text) {
        Ok(_) => panic!("expected an error for {text:?}"),
        Err(e) => e,
    }
}

fn at(line: usize, column: usize) -> Option<Position> {
    Some(Position { line, column })
}

const GOOD: &str = "(\n    format: 2,\n    name: \"x\",\n    components: [\n        (id: \"a\", name: \"A\", kind: Service(port: 80)),\n        (id: \"b\", name: \"B\", kind: Cache()),\n    ],\n    connections: [],\n    layout: {\"a\": (x: 1, y: 2)},\n)\n";

#[test]
fn the_good_text_loads() {
    assert_eq!(file::parse(GOOD).unwrap().components.len(), 2);
}

#[test]
fn truncated() {
    let e = error_of(&GOOD[..GOOD.find("(id: \"b\"").unwrap() + 10]);
    assert!(e.position().is_some(), "{e}");
    assert!(e.to_string().contains("ends too early"), "{e}");
}

#[test]
fn wrong_type() {
    let e = error_of(&GOOD.replace("port: 80", "port: \"eighty\""));
    assert_eq!(e.position(), at(5, 49), "{e}");
    assert!(
        e.to_string().contains("expected integer") || e.to_string().contains("Expected integer"),
        "{e}"
    );
    let e = error_of(&GOOD.replace("port: 80", "port: 70000"));
    assert_eq!(e.position().map(|p| p.line), Some(5), "{e}");
}

#[test]
fn unknown_kind() {
    let e = error_of(&GOOD.replace("Cache()", "Mainframe()"));
    assert_eq!(e.position().map(|p| p.line), Some(6), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("`Mainframe`") && msg.contains("`Service`") && msg.contains("`Storage`"),
        "{msg}"
    );
}

#[test]
fn unknown_field() {
    let e = error_of(&GOOD.replace("name: \"x\"", "nmae: \"x\""));
    assert_eq!(e.position(), at(3, 5), "{e}");
    assert!(
        e.to_string().contains("`nmae`") && e.to_string().contains("`name`"),
        "{e}"
    );
}

#[test]
fn duplicate_ids() {
    let e = error_of(&GOOD.replace("id: \"b\"", "id: \"a\""));
    assert_eq!(e.position().map(|p| p.line), Some(6), "{e}");
    assert!(e.to_string().contains("duplicate component id `a`"), "{e}");
}

#[test]
fn invalid_id() {
    let e = error_of(&GOOD.replace("id: \"b\"", "id: \"B b\""));
    assert_eq!(e.position().map(|p| p.line), Some(6), "{e}");
    assert!(
        e.to_string().contains("must start with a lowercase letter"),
        "{e}"
    );
}

#[test]
fn deeply_nested_brackets() {
    for open in ["(", "[", "{"] {
        let text = format!("(format: 2, components: {})", open.repeat(100_000));
        let e = error_of(&text);
        assert_eq!(e.position().map(|p| p.line), Some(1), "{e}");
    }
    // Nesting where the model does allow a value of any shape still stops at the limit.
    let text = format!(
        "(format: 2, name: \"x\", rules: (levels: {{\"a\": {}}}))",
        "[".repeat(100_000)
    );
    assert!(error_of(&text).position().is_some());
    let text = "(".repeat(100_000);
    assert!(error_of(&text).position().is_some());
}

#[test]
fn random_bytes() {
    let mut state = 0x1234_5678_9abc_def0u64;
    for round in 0..200 {
        let len = 1 + round * 13;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let e = error_of(&text);
        assert!(e.position().is_some(), "{e}");
        // Random bytes after a valid header, too.
        let e = error_of(&format!("(format: 2, {text}"));
        assert!(e.position().is_some(), "{e}");
    }
}

#[test]
fn a_newer_format_is_refused_and_says_so() {
    let e = error_of(&GOOD.replace("format: 2", "format: 3"));
    assert!(matches!(e, LoadError::NewerFormat { found: 3, .. }), "{e}");
    assert_eq!(e.position(), at(2, 13));
    assert!(e.to_string().contains("newer ArchCanvas"), "{e}");
}

#[test]
fn a_missing_or_misplaced_format_says_what_was_expected() {
    let e = error_of("(name: \"x\", format: 2)");
    assert_eq!(e.position(), at(1, 2));
    assert!(
        e.to_string().contains("expected `format: <version>`"),
        "{e}"
    );
    assert!(
        error_of("")
            .to_string()
            .contains("found the end of the file")
    );
    assert!(error_of("(format: 0)").to_string().contains("format 0"));
}

#[test]
fn non_finite_coordinates_are_refused() {
    for bad in ["NaN", "inf", "-inf"] {
        let e = error_of(&GOOD.replace("x: 1", &format!("x: {bad}")));
        assert_eq!(e.position().map(|p| p.line), Some(9), "{e}");
        assert!(e.to_string().contains("finite number"), "{e}");
    }
    let e = error_of(&GOOD.replace("x: 1, y: 2", "x: 1, y: 2, width: -5"));
    assert!(e.to_string().contains("positive finite number"), "{e}");
}

#[test]
fn not_utf8_names_the_spot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    let mut bytes = b"(\n  format: 2,\n  name: \"ab".to_vec();
    bytes.extend([0xff, 0xfe]);
    std::fs::write(&path, &bytes).unwrap();
    let e = file::load(&path).unwrap_err();
    assert_eq!(e.position(), at(3, 12), "{e}");
    assert!(e.to_string().contains("not UTF-8"), "{e}");
}

#[test]
fn references_to_missing_ids_still_load() {
    let text = GOOD.replace(
        "connections: []",
        "connections: [(id: \"c\", from: \"a\", to: \"ghost\", kind: Reads)], groups: [(id: \"g\", name: \"G\", members: [\"nobody\"])], flows: [(id: \"f\", name: \"F\", steps: [(connection: \"nothing\")])]",
    ).replace("layout: {", "layout: {\"phantom\": (x: 0, y: 0), ");
    let arch = file::parse(&text).unwrap();
    assert_eq!(arch.connections.get("c").unwrap().to.as_str(), "ghost");
    assert!(arch.layout.contains_key("phantom"));
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(file::MAX_FILE_SIZE + 1).unwrap(); // sparse: no disk space used
    let e = file::load(&path).unwrap_err();
    assert!(matches!(e, LoadError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("over the limit"), "{e}");
}

#[test]
fn fmt_exits_with_2_and_leaves_broken_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("truncated.ron", GOOD[..40].to_owned()),
        ("type.ron", GOOD.replace("port: 80", "port: true")),
        ("kind.ron", GOOD.replace("Cache()", "Robot()")),
        ("dup.ron", GOOD.replace("id: \"b\"", "id: \"a\"")),
        (
            "nested.ron",
            format!("(format: 2, components: {})", "[".repeat(100_000)),
        ),
        ("newer.ron", GOOD.replace("format: 2", "format: 9")),
    ];
    for (name, text) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        for check in [false, true] {
            let mut cmd = super::archcanvas();
            cmd.arg("fmt");
            if check {
                cmd.arg("--check");
            }
            let out = cmd.arg(&path).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
            // `path:line:column: message`
            let prefix = format!("error: {}:", path.display());
            assert!(stderr.starts_with(&prefix), "{name}: {stderr}");
            let rest = &stderr[prefix.len()..];
            let mut parts = rest.splitn(3, ':');
            assert!(
                parts.next().unwrap().parse::<usize>().is_ok(),
                "{name}: no line in {stderr}"
            );
            assert!(
                parts.next().unwrap().parse::<usize>().is_ok(),
                "{name}: no column in {stderr}"
            );
            assert!(!stderr.contains("panicked"), "{name}: {stderr}");
            assert_eq!(
                &std::fs::read_to_string(&path).unwrap(),
                text,
                "{name} was changed"
            );
        }
    }
}
