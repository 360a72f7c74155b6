//! Names and strings that try to escape the folder, break a file or inject code.

use archcanvas::export::escape::is_invisible;
use archcanvas::export::{self, ExportOptions, RelPath, WriteOptions};
use archcanvas::model::identifier_key;

use super::load;

const HOSTILE: &str = "Quote \" back\\slash\nnew line ${x} */ '; DROP TABLE users; -- \u{202e}\u{2066}bidi\u{2069} `tick` {{brace}}";

#[test]
fn every_path_stays_inside_and_is_portable() {
    let arch = load("tests/fixtures/export/hostile.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    assert!(plan.len() > 20);
    let mut folded = std::collections::BTreeSet::new();
    for f in plan.files() {
        let p = f.path.as_str();
        assert!(RelPath::new(p).is_ok(), "{p}");
        assert!(!p.contains(".."), "{p}");
        assert!(folded.insert(p.to_ascii_lowercase()), "case collision: {p}");
        for name in p.split('/') {
            let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
            assert!(
                !["con", "nul", "prn", "aux"].contains(&stem.as_str()),
                "{p}"
            );
            assert!(name.len() <= 100, "{p}");
        }
    }
    // The 300-character id became a short, distinct folder.
    assert!(plan.files().any(|f| {
        f.path.as_str().starts_with("services/abbbb")
            && f.path
                .as_str()
                .split('/')
                .nth(1)
                .is_some_and(|n| n.len() <= 64)
    }));
}

#[test]
fn no_file_carries_invisible_or_bidirectional_characters() {
    let arch = load("tests/fixtures/export/hostile.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    for f in plan.files() {
        assert!(
            !f.contents.chars().any(is_invisible),
            "{} has an invisible character",
            f.path
        );
    }
    // Sources are plain ASCII: every non-ASCII character is escaped.
    for f in plan.files().filter(|f| {
        [
            ".rs", ".ts", ".py", ".go", ".yaml", ".yml", ".graphql", ".proto",
        ]
        .iter()
        .any(|ext| f.path.as_str().ends_with(ext))
    }) {
        assert!(f.contents.is_ascii(), "{} is not ASCII", f.path);
    }
}

#[test]
fn strings_survive_yaml_exactly_or_as_plain_prose() {
    let arch = load("tests/fixtures/export/hostile.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let asyncapi = plan
        .files()
        .find(|f| f.path.as_str().starts_with("asyncapi/"))
        .unwrap();
    let doc: serde_norway::Value = serde_norway::from_str(&asyncapi.contents).unwrap();
    // The topic name is data, so it is kept exactly.
    let addresses: Vec<&str> = doc["channels"]
        .as_mapping()
        .unwrap()
        .values()
        .filter_map(|c| c["address"].as_str())
        .collect();
    assert_eq!(addresses, [HOSTILE]);
    // Descriptions are prose: one line, no invisible characters.
    let channel = doc["channels"]
        .as_mapping()
        .unwrap()
        .values()
        .next()
        .unwrap();
    let description = channel["description"].as_str().unwrap_or_default();
    assert!(description.contains("'; DROP TABLE users; --") && !description.contains('\n'));
}

#[test]
fn field_names_keep_their_wire_names_and_never_collide() {
    let arch = load("tests/fixtures/export/hostile.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let models = plan
        .files()
        .find(|f| f.path.as_str() == "services/con_/src/models.rs")
        .unwrap();
    let text = &models.contents;
    assert!(
        text.contains("#[serde(rename = \"\\\"; DROP TABLE x; --\", default)]"),
        "{text}"
    );
    assert!(text.contains("pub self_: bool,"), "{text}");
    assert!(text.contains("pub class: String,"), "{text}");
    assert!(text.contains("pub x__42_things: i32,"), "{text}");
    assert!(text.contains("pub caf__u0000e9: String,"), "{text}");
    // `Order Item` and `order_item` share a key: the second gets a suffix, nothing collides.
    assert_eq!(identifier_key("Order Item"), identifier_key("order_item"));
    assert!(text.contains("pub order_item: Option<String>,"), "{text}");
    assert!(
        text.contains("pub order_item__2: Option<String>,"),
        "{text}"
    );
    // `order-item` and `orderitem` share a key but stay apart as `OrderItem` and `Orderitem`.
    assert!(
        text.contains("pub struct OrderItem {") && text.contains("pub struct Orderitem {"),
        "{text}"
    );
}

#[test]
fn writing_hostile_plans_stays_in_the_folder() {
    let arch = load("tests/fixtures/export/hostile.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("out");
    let report = export::write_plan(&plan, &dir, WriteOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(report.written(), plan.len());
    let outside: Vec<_> = std::fs::read_dir(outer.path()).unwrap().collect();
    assert_eq!(
        outside.len(),
        1,
        "something was written beside the export folder"
    );
}
