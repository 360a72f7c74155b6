//! Load + save of an unchanged file gives the same bytes.

use archcanvas::file::{self, SaveOptions};
use archcanvas::model::generate::generate;
use archcanvas::model::{Architecture, Component, Id, Kind, Placement};
use proptest::prelude::*;

use super::examples;

#[test]
fn every_example_is_canonical_and_round_trips_byte_for_byte() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let arch = file::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let written = file::to_canonical_string(&arch).unwrap();
        assert!(
            written == text,
            "{} is not in canonical form; run `archcanvas fmt` on it",
            path.display()
        );

        // Through the real save, too.
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("copy.ron");
        file::save(&copy, &file::load(&path).unwrap(), SaveOptions::default()).unwrap();
        assert!(
            std::fs::read(&copy).unwrap() == text.as_bytes(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn generated_models_round_trip_through_the_parallel_reader_and_writer() {
    // Large enough that reading and writing split the work across threads.
    let arch = generate(3_000, 6_000, 11);
    let text = file::to_canonical_string(&arch).unwrap();
    let back = file::parse(&text).unwrap();
    assert!(back == arch);
    assert_eq!(file::to_canonical_string(&back).unwrap(), text);
}

#[test]
fn the_writer_orders_collections_by_id_whatever_the_input_order() {
    let text = "(format: 2, name: \"x\", components: [(id: \"b\", name: \"B\", kind: Cache()), \
                (id: \"a\", name: \"A\", kind: Cache())], layout: {\"b\": (x: 1, y: 2), \"a\": (x: 3, y: 4)})";
    let canonical = file::to_canonical_string(&file::parse(text).unwrap()).unwrap();
    let a = canonical.find("id: \"a\"").unwrap();
    let b = canonical.find("id: \"b\"").unwrap();
    assert!(a < b, "{canonical}");
    assert!(
        canonical.find("\"a\": (x: 3.0, y: 4.0)").unwrap()
            < canonical.find("\"b\": (x: 1.0").unwrap()
    );
}

fn any_text() -> impl Strategy<Value = String> {
    // Quotes, backslashes, RON syntax, control and bidi characters, emoji, long runs.
    prop::collection::vec(
        prop_oneof![
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just("), ] } /* */ // ".to_owned()),
            Just("\n\r\t\u{0}\u{7f}".to_owned()),
            Just("\u{202e}\u{2066}\u{200b}\u{feff}".to_owned()),
            Just("r#\"raw\"#".to_owned()),
            "\\PC{0,12}",
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever people type into names and descriptions survives a save and a load.
    #[test]
    fn any_text_round_trips(name in any_text(), description in any_text(), x in -1e9f32..1e9, y in -1e9f32..1e9) {
        let mut arch = Architecture::new(name.clone());
        arch.description = description.clone();
        let id = Id::new("c").unwrap();
        let mut c = Component::new(id.clone(), name.clone(), Kind::Service);
        c.description = description;
        c.tags.insert(name);
        arch.components.insert(c);
        arch.layout.insert(id, Placement::at(x, y));
        let text = file::to_canonical_string(&arch).unwrap();
        let back = file::parse(&text).unwrap();
        prop_assert_eq!(&back, &arch);
        prop_assert_eq!(file::to_canonical_string(&back).unwrap(), text);
    }
}
