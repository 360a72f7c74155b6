//! All rules on generated models of the sizes issue 4 names.
//!
//! Targets, in a release build: 100 000 components with 300 000 connections under 300 ms;
//! 10 000 components under 10 ms and 200 components under 1 ms, so the editor can re-check
//! after every edit. The smaller models keep the big one's three connections per component.
//! Run with `cargo bench -p archcanvas --no-default-features --bench check`.

use std::sync::LazyLock;

use archcanvas::check::{self, Report};
use archcanvas::model::{Architecture, generate::generate};

/// What the `archcanvas` binary allocates with, so the figures are those of what ships.
#[global_allocator]
static ALLOCATOR: archcanvas::Allocator = mimalloc::MiMalloc;

static SMALL: LazyLock<Architecture> = LazyLock::new(|| generate(200, 600, 1));
static MEDIUM: LazyLock<Architecture> = LazyLock::new(|| generate(10_000, 30_000, 1));
static LARGE: LazyLock<Architecture> = LazyLock::new(|| generate(100_000, 300_000, 1));

fn main() {
    archcanvas::keep_freed_memory();
    // With ARCHCANVAS_BENCH_SUMMARY set, show what the checks find on each model first.
    if std::env::var_os("ARCHCANVAS_BENCH_SUMMARY").is_some() {
        for (name, arch) in [("200", &*SMALL), ("10k", &*MEDIUM), ("100k", &*LARGE)] {
            let report = check::run(arch);
            eprintln!(
                "{name}: {} components, {} connections: {}",
                arch.components.len(),
                arch.connections.len(),
                report.summary()
            );
            let mut by_rule = std::collections::BTreeMap::<&str, usize>::new();
            for f in report.findings() {
                *by_rule.entry(f.rule).or_default() += 1;
            }
            eprintln!("  by rule: {by_rule:?}");
        }
    }
    divan::main();
}

/// 200 components, 600 connections: one edit in the editor.
#[divan::bench(sample_count = 200)]
fn check_200() -> Report {
    check::run(divan::black_box(&SMALL))
}

/// 10 000 components, 30 000 connections.
#[divan::bench(sample_count = 50)]
fn check_10k() -> Report {
    check::run(divan::black_box(&MEDIUM))
}

/// 100 000 components, 300 000 connections.
#[divan::bench(sample_count = 10)]
fn check_100k() -> Report {
    check::run(divan::black_box(&LARGE))
}

fn rule_ids() -> Vec<&'static str> {
    check::RULES.iter().map(|r| r.id).collect()
}

/// Each rule alone on 10 000 components, with the index and graphs it needs built in every
/// run, to see where the time goes (`orphan` needs only the index: its time is about the
/// index's).
#[divan::bench(args = rule_ids(), sample_count = 20)]
fn rule_10k(id: &str) -> Report {
    let rule = check::rule(id).into_iter();
    check::run_rules(divan::black_box(&MEDIUM), rule)
}

/// No rule at all on 10 000 components: what every run pays whatever it checks (the index is
/// built only when a rule asks for it).
#[divan::bench(sample_count = 50)]
fn no_rules_10k() -> Report {
    check::run_rules(divan::black_box(&MEDIUM), [])
}
