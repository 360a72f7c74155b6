//! The Code panel (issue 5, in the editor).

use archcanvas::ui::AppConfig;
use egui_kittest::kittest::Queryable;

use crate::support::*;

#[test]
fn shows_the_generated_code_of_the_selected_service() {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    h.get_by_label("Code").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("Select a component")
            .next()
            .is_some()
    );
    h.get_by_label("orders").click();
    h.run();
    let expected = archcanvas::export::plan_component(
        &h.state().doc.arch,
        "orders",
        &archcanvas::export::ExportOptions::default(),
    )
    .unwrap();
    assert!(!expected.is_empty());
    // The file list names the files of the component, and the first one is on screen.
    let first = &expected[0];
    let name = first.path.as_str().rsplit('/').next().unwrap();
    assert!(h.query_by_label(name).is_some(), "{name} listed");
    assert!(
        h.query_by_label(first.path.as_str()).is_some(),
        "its path as heading"
    );
    // Choosing another file shows its text.
    // (the second file: near the top of the list, so in view in a short dock)
    let other = &expected[1];
    let other_name = other.path.as_str().rsplit('/').next().unwrap();
    h.get_all_by_label(other_name).next().unwrap().click();
    h.run();
    assert!(
        h.query_by_label(other.path.as_str()).is_some(),
        "{} chosen",
        other.path.as_str()
    );
    let line = other
        .contents
        .lines()
        .find(|l| l.trim().len() > 8)
        .unwrap()
        .trim();
    assert!(
        h.query_all_by_label_contains(line).next().is_some(),
        "the text of {} is shown",
        other.path.as_str()
    );
}
