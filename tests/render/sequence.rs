//! Sequence diagrams of flows: every example's flows pinned as Mermaid and PlantUML, the
//! tricky model's texts kept inside their statements, and `render --flow` on the CLI.

use std::path::Path;
use std::process::Command;

use archcanvas::render::{Format, RenderError, render_flow};
use archcanvas::theme::Mode;

use super::{load, root, tricky};

fn flow(model: &str, flow: &str, format: Format) -> String {
    let arch = load(model);
    let bytes = render_flow(&arch, flow, format, Mode::Light).expect("renders");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn example_flows_are_pinned() {
    for model in ["shop", "rides", "newsfeed"] {
        let file = format!("examples/{model}.ron");
        let arch = load(&file);
        assert!(!arch.flows.is_empty(), "{model} has flows");
        for f in &arch.flows {
            insta::assert_snapshot!(
                format!("{model}-{}.mmd", f.id),
                flow(&file, f.id.as_str(), Format::Mermaid)
            );
            insta::assert_snapshot!(
                format!("{model}-{}.puml", f.id),
                flow(&file, f.id.as_str(), Format::PlantUml)
            );
        }
    }
}

#[test]
fn every_step_is_one_message_in_order() {
    let arch = load("examples/shop.ron");
    let checkout = &arch.flows[0];
    for format in [Format::Mermaid, Format::PlantUml] {
        let out = flow("examples/shop.ron", "checkout", format);
        let arrows: Vec<&str> = out
            .lines()
            .map(str::trim)
            .filter(|l| {
                l.split_once(": ")
                    .or_else(|| l.split_once(" : "))
                    .is_some_and(|(head, _)| head.contains("->") || head.contains("--)"))
            })
            .collect();
        assert_eq!(arrows.len(), checkout.steps.len(), "{format}:\n{out}");
        assert!(out.contains("autonumber"), "{format}");
        for (line, step) in arrows.iter().zip(&checkout.steps) {
            let words: Vec<&str> = step.narration.split_whitespace().take(2).collect();
            assert!(
                line.contains(&words.join(" ")),
                "{format}: {line:?} is not step {:?}",
                step.narration
            );
        }
    }
    let mmd = flow("examples/shop.ron", "checkout", Format::Mermaid);
    assert!(mmd.contains("sequenceDiagram"));
    assert!(mmd.contains("    actor web as Web shop"), "{mmd}");
    assert!(mmd.contains("    par\n"), "{mmd}");
    assert!(mmd.contains("    and\n"), "{mmd}");
    assert!(mmd.contains("    alt card accepted\n"), "{mmd}");
    assert!(mmd.contains("    else card declined\n"), "{mmd}");
    assert!(mmd.contains("--)"), "async messages are dashed: {mmd}");
    assert!(mmd.contains("-->>web: The browser polls"), "a reply: {mmd}");
    let puml = flow("examples/shop.ron", "checkout", Format::PlantUml);
    assert!(puml.starts_with("@startuml\n") && puml.ends_with("@enduml\n"));
    assert!(puml.contains("\npar\n") && puml.contains("\nalt card accepted\n"));
    assert!(puml.contains(" -->> "), "async messages are dashed: {puml}");
}

#[test]
fn mermaid_texts_cannot_end_their_statement() {
    let arch = tricky();
    let out =
        String::from_utf8(render_flow(&arch, "end", Format::Mermaid, Mode::Dark).unwrap()).unwrap();
    assert!(out.contains("config:\n  theme: dark"));
    for line in out.lines().skip_while(|l| *l != "sequenceDiagram").skip(1) {
        // After the statement's own syntax, only entity codes remain of `#` and `;`.
        let text = line
            .split_once(": ")
            .map(|(_, t)| t)
            .or_else(|| line.split_once(" as ").map(|(_, t)| t))
            .unwrap_or("");
        let cleaned = text.split('#').skip(1).all(|part| {
            part.split_once(';')
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        });
        assert!(cleaned, "a raw # in {line:?}");
        for bad in ['<', '>', '"'] {
            assert!(!text.contains(bad), "{bad} raw in {line:?}");
        }
    }
    // Participants with keyword ids are renamed; the flow's alternatives are there.
    assert!(out.contains("participant end_ as "), "{out}");
    assert!(
        out.contains("    alt yes #124; #34;no#34;#59; #60;b#62; end\n"),
        "{out}"
    );
    assert!(out.contains("    else else#59; end alt\n"), "{out}");
    assert!(!out.contains("</script>"));
}

#[test]
fn plantuml_texts_cannot_reach_the_preprocessor() {
    let out =
        String::from_utf8(render_flow(&tricky(), "end", Format::PlantUml, Mode::Light).unwrap())
            .unwrap();
    for forbidden in ["%date()", "<u>", "<img", "[[x]]", "**b**", "</script>"] {
        assert!(!out.contains(forbidden), "{forbidden} raw in:\n{out}");
    }
    for line in out.lines() {
        assert!(
            line.matches('"').count().is_multiple_of(2),
            "unbalanced: {line}"
        );
    }
    assert!(out.contains("participant \"End &#34;quoted&#34;"), "{out}");
    assert!(out.contains(" as end_\n"), "{out}");
    assert!(out.contains("\\nwith a line break") || out.contains("in parallel with a line break"));
}

#[test]
fn unknown_flows_and_picture_formats_are_refused() {
    let arch = load("examples/shop.ron");
    let err = render_flow(&arch, "nope", Format::Mermaid, Mode::Light).unwrap_err();
    assert!(matches!(err, RenderError::UnknownFlow { .. }));
    assert_eq!(
        err.to_string(),
        "the model has no flow `nope`; it has: checkout"
    );
    let err = render_flow(&arch, "checkout", Format::Svg, Mode::Light).unwrap_err();
    assert!(
        err.to_string()
            .contains("Mermaid (.mmd) or PlantUML (.puml)"),
        "{err}"
    );
}

fn archcanvas(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_archcanvas"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn cli_writes_a_flow_and_refuses_what_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let mmd = dir.path().join("checkout.mmd");
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--flow",
        "checkout",
        "--out",
        path(&mmd),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&mmd).unwrap();
    assert_eq!(text, flow("examples/shop.ron", "checkout", Format::Mermaid));

    let puml = dir.path().join("checkout.txt");
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--flow",
        "checkout",
        "--format",
        "puml",
        "--out",
        path(&puml),
    ]);
    assert_eq!(run.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&puml)
            .unwrap()
            .starts_with("@startuml")
    );

    // An unknown flow: exit 2, the flows listed, nothing written.
    let out = dir.path().join("missing.mmd");
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--flow",
        "refund",
        "--out",
        path(&out),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("no flow `refund`; it has: checkout"),
        "{stderr}"
    );
    assert!(!out.exists());

    // A picture format: exit 2 with the formats that work.
    let svg = dir.path().join("checkout.svg");
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--flow",
        "checkout",
        "--out",
        path(&svg),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("Mermaid (.mmd) or PlantUML (.puml)"));
    assert!(!svg.exists());

    // --flow and --view together: a usage error.
    let run = archcanvas(&[
        "render",
        "examples/shop.ron",
        "--flow",
        "checkout",
        "--view",
        "data",
        "--out",
        path(&mmd),
    ]);
    assert_eq!(run.status.code(), Some(2));
}
