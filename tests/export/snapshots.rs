//! Every generated file of the shop example, pinned: a change to a generator shows up here as
//! a reviewable diff.

use archcanvas::export::{self, ExportOptions};

use super::load;

#[test]
fn shop_export_files() {
    let arch = load("examples/shop.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/shop");
    settings.bind(|| {
        for file in plan.files() {
            let name = file.path.as_str().replace('/', "__");
            insta::assert_snapshot!(name, &file.contents);
        }
    });
}
