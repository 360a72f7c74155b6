//! Semantic diff of two generated models with 10 000 components and 20 000 connections.
//!
//! Target (issue 7): under 200 ms in a release build. Run with `cargo bench -p archcanvas
//! --no-default-features --bench diff`.
//!
//! The new model is a copy of the old one with the edits of a busy pull request spread over
//! the whole model: components renamed, ports and replica counts changed, endpoints added,
//! components removed and added (with their connections), call timeouts changed, group members
//! moved, and a tenth of the boxes moved on the canvas.

use std::sync::LazyLock;

use archcanvas::diff::{self, Diff, Options};
use archcanvas::model::generate::generate;
use archcanvas::model::{
    Architecture, CallSpec, Component, ConnectionKind, Endpoint, Id, Kind, Method, Placement, Spec,
};

/// What the `archcanvas` binary allocates with, so the figures are those of what ships.
#[global_allocator]
static ALLOCATOR: archcanvas::Allocator = mimalloc::MiMalloc;

static OLD: LazyLock<Architecture> = LazyLock::new(|| generate(10_000, 20_000, 1));
static NEW: LazyLock<Architecture> = LazyLock::new(|| edited(&OLD));

fn main() {
    archcanvas::keep_freed_memory();
    divan::main();
}

/// The edited copy: about 1 000 components touched, 1 000 moved.
fn edited(old: &Architecture) -> Architecture {
    let mut new = old.clone();
    let ids: Vec<Id> = new.components.ids().cloned().collect();
    for (i, id) in ids.iter().enumerate() {
        let Some(c) = new.components.get_mut(id.as_str()) else {
            continue;
        };
        match i % 40 {
            0 => c.name.push_str(" (renamed)"),
            1 => match &mut c.spec {
                Spec::Service(s) => s.port = Some(9000),
                Spec::Api(s) => s.endpoints.push(Endpoint {
                    method: Method::Post,
                    path: format!("/new-{i}"),
                    auth: true,
                    ..Endpoint::default()
                }),
                Spec::Database(s) => s.replicas += 1,
                _ => c.owner = "team-new".into(),
            },
            2 => {
                c.tags.insert("reviewed".into());
            }
            _ => {}
        }
        if i % 10 == 5
            && let Some(p) = new.layout.get_mut(id)
        {
            p.x += 40.0;
        }
    }
    for id in ids.iter().step_by(200) {
        new.components.remove(id.as_str());
        new.layout.remove(id);
        new.connections.retain(|c| c.from != *id && c.to != *id);
    }
    for n in 0..50 {
        let Ok(id) = Id::new(format!("added-{n}")) else {
            continue;
        };
        new.components.insert(Component::new(
            id.clone(),
            format!("Added {n}"),
            Kind::Service,
        ));
        new.layout
            .insert(id, Placement::at(-300.0, n as f32 * 160.0));
    }
    for (n, c) in new.connections.iter_mut().enumerate() {
        if n % 100 == 0
            && let ConnectionKind::Calls(call) = &mut c.kind
        {
            *call = CallSpec {
                timeout_ms: Some(250),
                ..call.clone()
            };
        }
    }
    for (n, g) in new.groups.iter_mut().enumerate() {
        if n % 10 == 0
            && let Some(first) = g.members.iter().next().cloned()
        {
            g.members.remove(&first);
        }
    }
    new
}

/// The CLI's default: design changes, moves only counted.
#[divan::bench(sample_count = 20)]
fn diff_10k() -> Diff {
    diff::compare(
        divan::black_box(&OLD),
        divan::black_box(&NEW),
        &Options::default(),
    )
}

/// With `--layout`: the moves listed too.
#[divan::bench(sample_count = 20)]
fn diff_10k_layout() -> Diff {
    diff::compare(
        divan::black_box(&OLD),
        divan::black_box(&NEW),
        &Options { layout: true },
    )
}

/// Two equal models (separate copies, so every item is compared, not just pointers).
#[divan::bench(sample_count = 20)]
fn diff_10k_equal(bencher: divan::Bencher) {
    let copy = OLD.clone();
    bencher.bench(|| {
        diff::compare(
            divan::black_box(&OLD),
            divan::black_box(&copy),
            &Options::default(),
        )
    });
}

/// The whole of `archcanvas diff --layout` after loading: compare and write the review text.
#[divan::bench(sample_count = 20)]
fn diff_10k_layout_human() -> String {
    let diff = diff::compare(&OLD, &NEW, &Options { layout: true });
    diff::human::render(&diff)
}

/// The same with JSON output.
#[divan::bench(sample_count = 20)]
fn diff_10k_layout_json() -> String {
    let diff = diff::compare(&OLD, &NEW, &Options { layout: true });
    diff::json::render(&diff).expect("serialises")
}

/// Calibration, not a target: `==` on two equal copies of the model (what any comparison must
/// at least do). On a busy machine, read the diff figures against this one.
#[divan::bench(sample_count = 20)]
fn baseline_10k_model_eq(bencher: divan::Bencher) {
    let copy = OLD.clone();
    bencher.bench(|| divan::black_box(&*OLD) == divan::black_box(&copy));
}
