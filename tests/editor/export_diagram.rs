//! File → Export diagram…: options, a save dialog answered by the test, the file written on a
//! worker thread.

use std::path::Path;
use std::sync::Arc;

use archcanvas::ui::dialogs::FixedDialogs;
use archcanvas::ui::{App, AppConfig};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::*;

fn exporting_to(path: &Path) -> AppConfig {
    AppConfig {
        dialogs: Arc::new(FixedDialogs {
            save: Some(path.to_owned()),
            ..Default::default()
        }),
        recovery_dir: None,
        watch_every: None,
    }
}

fn export_through_the_menu(h: &mut Harness<'_, App>) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export diagram…").click();
    h.run();
    assert!(h.query_by_label("Light").is_some(), "theme choice");
    assert!(h.query_by_label_contains("PNG scale").is_some());
}

fn xml_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn exports_an_svg_that_parses_and_names_every_component() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop.svg");
    let arch = shop();
    let mut h = harness(app_on(arch.clone(), exporting_to(&out)));
    export_through_the_menu(&mut h);
    h.get_by_label("Dark").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    wait_for(&mut h, |app| {
        app.last_message()
            .is_some_and(|(_, m)| m.contains("Exported"))
    });
    let msg = &h.state().last_message().unwrap().1;
    assert!(msg.contains("shop.svg") && msg.contains("SVG"), "{msg}");

    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("<svg"));
    assert!(svg.contains("archcanvas dark"), "the chosen theme");
    for c in arch.components.iter() {
        assert!(svg.contains(&xml_escaped(&c.name)), "{} missing", c.name);
        assert!(svg.contains(&format!("component-{}", c.id)));
    }
    // A real SVG parser (usvg, through the PNG renderer) accepts it.
    let png = archcanvas::render::raster::png(&svg, 0.5).expect("the SVG parses");
    assert!(png.starts_with(b"\x89PNG"));
    assert!(!h.state().doc.is_dirty(), "exporting is not an edit");
}

#[test]
fn the_extension_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop.puml");
    let mut h = harness(app_on(shop(), exporting_to(&out)));
    export_through_the_menu(&mut h);
    h.get_by_label("Export…").click();
    h.run();
    wait_for(&mut h, |_| out.exists());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("@startuml"), "{text}");
}

#[test]
fn a_name_without_a_diagram_extension_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop.txt");
    let mut h = harness(app_on(shop(), exporting_to(&out)));
    export_through_the_menu(&mut h);
    h.get_by_label("Export…").click();
    h.run();
    wait_for(&mut h, |app| app.last_message().is_some());
    let (level, msg) = h.state().last_message().unwrap().clone();
    assert_eq!(level, archcanvas::ui::actions::Level::Error);
    assert!(msg.contains("svg, png"), "{msg}");
    assert!(!out.exists(), "nothing written");
}
