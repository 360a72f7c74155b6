//! Group frames after `layout::auto` never cross: a nested group's box lies inside its
//! parent's, boxes of groups not nested in one another are disjoint, and no component box
//! meets the box of a group it is not a (transitive) member of. Checked on every example, in
//! both directions, and on generated and random models with (nested) groups.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use archcanvas::file;
use archcanvas::layout::{self, Direction, Options, Rect};
use archcanvas::model::{Architecture, Id, Layout};
use proptest::prelude::*;

use crate::properties::random_model;

/// Whether `outer` is a strict ancestor of `inner` through `parent` links (cycles cut).
fn is_ancestor(arch: &Architecture, outer: &Id, inner: &Id) -> bool {
    let mut at = arch
        .groups
        .get(inner.as_str())
        .and_then(|g| g.parent.as_ref());
    let mut steps = 0;
    while let Some(p) = at {
        if p == outer {
            return true;
        }
        steps += 1;
        if steps > arch.groups.len() {
            return false;
        }
        at = arch.groups.get(p.as_str()).and_then(|g| g.parent.as_ref());
    }
    false
}

fn show(r: &Rect) -> String {
    format!(
        "[{:.0},{:.0} .. {:.0},{:.0}]",
        r.min_x, r.min_y, r.max_x, r.max_y
    )
}

/// Every way the group frames of `layout` cross, one line each; empty when they don't.
fn frame_violations(arch: &Architecture, layout: &Layout) -> Vec<String> {
    let bounds: BTreeMap<Id, Rect> = layout::group_bounds(arch, layout);
    let mut out = Vec::new();
    let list: Vec<(&Id, &Rect)> = bounds.iter().collect();
    for (i, (g, rg)) in list.iter().enumerate() {
        // (b) a child group lies inside its parent.
        if let Some(parent) = arch.groups.get(g.as_str()).and_then(|x| x.parent.as_ref())
            && let Some(rp) = bounds.get(parent)
            && !is_ancestor(arch, g, parent)
            && !rp.contains(rg)
        {
            out.push(format!(
                "group {g} {} sticks out of its parent {parent} {}",
                show(rg),
                show(rp)
            ));
        }
        // (a) groups not nested in one another are disjoint.
        for (h, rh) in &list[i + 1..] {
            if rg.overlaps(rh) && !is_ancestor(arch, g, h) && !is_ancestor(arch, h, g) {
                out.push(format!(
                    "groups {g} {} and {h} {} overlap",
                    show(rg),
                    show(rh)
                ));
            }
        }
        // (c) no stranger inside a group's box.
        for c in arch.components.iter() {
            let Some(rc) = layout::component_rect(arch, layout, c.id.as_str()) else {
                continue;
            };
            if !arch.group_contains(g, &c.id) && rc.overlaps(rg) {
                out.push(format!(
                    "component {} {} is inside group {g} {} without being a member",
                    c.id,
                    show(&rc),
                    show(rg)
                ));
            }
        }
    }
    out
}

/// `layout::auto` of `arch`, with its pins kept or (`unpin`) dropped first.
fn auto(arch: &Architecture, direction: Direction, unpin: bool) -> Layout {
    let mut arch = arch.clone();
    if unpin {
        arch.layout.values_mut().for_each(|p| p.pinned = false);
    }
    layout::auto(&arch, &Options::new(direction)).expect("no cancel flag")
}

fn report(name: &str, direction: Direction, violations: &[String]) -> String {
    let mut s = format!(
        "{name} ({direction:?}): {} group frame violations\n",
        violations.len()
    );
    for v in violations {
        let _ = writeln!(s, "  {v}");
    }
    s
}

#[test]
fn example_group_frames_never_cross() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "{paths:?}");
    let (mut summary, mut total) = (String::new(), 0);
    for path in &paths {
        let arch = file::load(path).expect("the example loads");
        assert!(!arch.groups.is_empty(), "{} has groups", path.display());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            for unpin in [false, true] {
                let layout = auto(&arch, direction, unpin);
                let mut violations = frame_violations(&arch, &layout);
                // And no two component boxes overlap.
                let laid = Architecture {
                    layout: layout.clone(),
                    ..arch.clone()
                };
                violations.extend(
                    layout::overlaps(&laid, &layout)
                        .into_iter()
                        .filter(|(a, b)| {
                            arch.components.contains(a.as_str())
                                && arch.components.contains(b.as_str())
                        })
                        .map(|(a, b)| format!("components {a} and {b} overlap")),
                );
                let what = if unpin { "unpinned" } else { "as saved" };
                total += violations.len();
                summary.push_str(&report(&format!("{name} {what}"), direction, &violations));
            }
        }
    }
    println!("{summary}");
    assert_eq!(total, 0, "{summary}");
}

/// The positions saved in the examples (what a user sees on opening them) keep the frames
/// apart too.
#[test]
fn examples_are_saved_with_frames_apart() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in ["shop.ron", "rides.ron", "newsfeed.ron"] {
        let arch = file::load(&dir.join(name)).expect("the example loads");
        let layout = layout::complete(&arch);
        let violations = frame_violations(&arch, &layout);
        assert!(
            violations.is_empty(),
            "{}",
            report(
                &format!("{name} as saved"),
                Direction::LeftToRight,
                &violations
            )
        );
    }
}

/// Random models that once came out with sibling groups in a different order from one layer
/// to the next (a sweep left its first layer in the old sibling order).
#[test]
fn sibling_order_holds_across_layers() {
    let (n, seed, direction) = (10, 8521, Direction::LeftToRight);
    let arch = random_model(n, seed, false);
    let layout = auto(&arch, direction, false);
    let violations = frame_violations(&arch, &layout);
    assert!(
        violations.is_empty(),
        "{}",
        report(
            &format!("random_model({n}, {seed})"),
            direction,
            &violations
        )
    );
}

#[test]
fn generated_group_frames_never_cross() {
    for (n, m, seed) in [(60, 90, 1), (120, 180, 2), (300, 450, 3)] {
        let mut arch = archcanvas::model::generate::generate(n, m, seed);
        arch.layout.clear();
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            let layout = auto(&arch, direction, false);
            let violations = frame_violations(&arch, &layout);
            assert!(
                violations.is_empty(),
                "{}",
                report(
                    &format!("generate({n}, {m}, {seed})"),
                    direction,
                    &violations
                )
            );
        }
    }
}

/// The checker itself finds each kind of crossing.
#[test]
fn the_checker_sees_crossed_frames() {
    let mut arch = random_model(3, 1, false);
    arch.groups = Default::default();
    arch.connections = Default::default();
    let ids: Vec<Id> = arch.components.ids().cloned().collect();
    let group = |id: &str, parent: Option<&str>, members: &[&Id]| {
        let mut g = archcanvas::model::Group::new(
            Id::new(id).unwrap(),
            id,
            archcanvas::model::GroupKind::BoundedContext,
        );
        g.parent = parent.map(|p| Id::new(p).unwrap());
        g.members = members.iter().map(|m| (*m).clone()).collect();
        g
    };
    arch.groups.insert(group("a", None, &[&ids[0]]));
    arch.groups.insert(group("b", None, &[&ids[1]]));
    let mut layout = Layout::new();
    for (k, id) in ids.iter().enumerate() {
        layout.insert(
            id.clone(),
            archcanvas::model::Placement::at(k as f32 * 1000.0, 0.0),
        );
    }
    assert_eq!(frame_violations(&arch, &layout), Vec::<String>::new());
    // b's member next to a's: the two frames overlap.
    layout.insert(
        ids[1].clone(),
        archcanvas::model::Placement::at(100.0, 100.0),
    );
    let v = frame_violations(&arch, &layout);
    assert!(
        v.iter()
            .any(|l| l.contains("groups a") && l.contains("overlap")),
        "{v:?}"
    );
    // A stranger inside a's frame.
    layout.insert(
        ids[1].clone(),
        archcanvas::model::Placement::at(1000.0, 0.0),
    );
    layout.insert(ids[2].clone(), archcanvas::model::Placement::at(0.0, 90.0));
    let v = frame_violations(&arch, &layout);
    assert!(
        v.iter()
            .any(|l| l.contains(ids[2].as_str()) && l.contains("without being a member")),
        "{v:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random models with nested groups, both directions.
    #[test]
    fn random_group_frames_never_cross(n in 1usize..45, seed in 1u64..10_000, tb in any::<bool>()) {
        let arch = random_model(n, seed, false);
        let direction = if tb { Direction::TopToBottom } else { Direction::LeftToRight };
        let layout = auto(&arch, direction, false);
        let violations = frame_violations(&arch, &layout);
        prop_assert!(violations.is_empty(), "{}", report(&format!("random_model({n}, {seed})"), direction, &violations));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Pinned components outside every group (like the clients pinned in the examples): the
    /// boxes laid out around them still keep the frames apart and the pins out of them.
    #[test]
    fn frames_stay_apart_around_pins(n in 2usize..40, seed in 1u64..10_000, tb in any::<bool>()) {
        let mut arch = random_model(n, seed, true);
        let pinned: Vec<Id> = arch.layout.iter().filter(|(_, p)| p.pinned).map(|(id, _)| id.clone()).collect();
        let ids: Vec<Id> = arch.groups.ids().cloned().collect();
        for g in ids {
            if let Some(group) = arch.groups.get_mut(g.as_str()) {
                group.members.retain(|m| !pinned.contains(m));
            }
        }
        let direction = if tb { Direction::TopToBottom } else { Direction::LeftToRight };
        let layout = auto(&arch, direction, false);
        for id in &pinned {
            prop_assert_eq!(&layout[id], &arch.layout[id]);
        }
        let violations = frame_violations(&arch, &layout);
        prop_assert!(violations.is_empty(), "{}", report(&format!("random_model({n}, {seed}) with pins"), direction, &violations));
        let laid = { let mut a = arch.clone(); a.layout = layout; a };
        prop_assert_eq!(layout::overlaps(&laid, &laid.layout), vec![]);
    }
}
