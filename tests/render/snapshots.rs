//! The text formats of the example shop, pinned: a change to any output shows as a diff.

use archcanvas::render::{Format, RenderOptions, render};
use archcanvas::theme::Mode;

use super::{shop, text};

#[test]
fn mermaid() {
    insta::assert_snapshot!("shop.mmd", text(&shop(), Format::Mermaid));
}

#[test]
fn plantuml() {
    insta::assert_snapshot!("shop.puml", text(&shop(), Format::PlantUml));
}

#[test]
fn dot() {
    insta::assert_snapshot!("shop.dot", text(&shop(), Format::Dot));
}

#[test]
fn d2() {
    insta::assert_snapshot!("shop.d2", text(&shop(), Format::D2));
}

#[test]
fn structurizr() {
    insta::assert_snapshot!("shop.dsl", text(&shop(), Format::Structurizr));
}

#[test]
fn markdown() {
    insta::assert_snapshot!("shop.md", text(&shop(), Format::Markdown));
}

#[test]
fn markdown_of_a_view_in_dark_mode() {
    let options = RenderOptions {
        view: Some("checkout-path".into()),
        mode: Mode::Dark,
        ..RenderOptions::new(Format::Markdown)
    };
    let bytes = render(&shop(), &options).unwrap();
    insta::assert_snapshot!(
        "shop-checkout-path-dark.md",
        String::from_utf8(bytes).unwrap()
    );
}
