//! Properties of `layout::auto`, `place_new` and `complete` on random models: no overlaps,
//! pins kept, groups kept apart, unselected components untouched, deterministic output,
//! cancellation and progress.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use archcanvas::layout::{self, Cancelled, Direction, Options, Progress};
use archcanvas::model::generate::Rng;
use archcanvas::model::{
    Architecture, Component, Connection, ConnectionKind, Group, GroupKind, Id, Kind, Placement,
};
use proptest::prelude::*;

/// A random model: `n` components of any kind, random connections of every type, nested
/// groups, some components pinned far apart, and sometimes odd sizes.
pub(crate) fn random_model(n: usize, seed: u64, pins: bool) -> Architecture {
    let mut rng = Rng::new(seed);
    let mut arch = Architecture::new("random");
    let ids: Vec<Id> = (0..n)
        .map(|i| Id::new(format!("c{i:03}")).unwrap())
        .collect();
    for id in &ids {
        let kind = Kind::ALL[rng.below(Kind::ALL.len())];
        arch.components
            .insert(Component::new(id.clone(), id.as_str(), kind));
        if rng.below(5) == 0 {
            arch.layout.insert(
                id.clone(),
                Placement {
                    width: Some(60.0 + rng.below(300) as f32),
                    height: Some(30.0 + rng.below(150) as f32),
                    ..Placement::default()
                },
            );
        }
    }
    let kinds = [
        ConnectionKind::Calls(Default::default()),
        ConnectionKind::Publishes {
            topic: String::new(),
        },
        ConnectionKind::Consumes {
            topic: String::new(),
        },
        ConnectionKind::Reads,
        ConnectionKind::Writes,
        ConnectionKind::DependsOn,
    ];
    for e in 0..(n * 3 / 2) {
        let (a, b) = (rng.below(n), rng.below(n));
        arch.connections.insert(Connection::new(
            Id::new(format!("e{e:03}")).unwrap(),
            ids[a].clone(),
            ids[b].clone(),
            kinds[rng.below(kinds.len())].clone(),
        ));
    }
    let groups = rng.below(5);
    for g in 0..groups {
        let mut group = Group::new(
            Id::new(format!("g{g}")).unwrap(),
            "G",
            GroupKind::BoundedContext,
        );
        if g > 0 && rng.below(2) == 0 {
            group.parent = Some(Id::new(format!("g{}", rng.below(g))).unwrap());
        }
        arch.groups.insert(group);
    }
    if groups > 0 {
        for id in &ids {
            if rng.below(3) > 0 {
                let g = format!("g{}", rng.below(groups));
                if let Some(group) = arch.groups.get_mut(&g) {
                    group.members.insert(id.clone());
                }
            }
        }
    }
    if pins {
        for (k, id) in ids.iter().enumerate() {
            if rng.below(6) == 0 {
                let p = arch.layout.entry(id.clone()).or_default();
                p.pinned = true;
                p.x = (k % 5) as f32 * 700.0;
                p.y = (k / 5) as f32 * 500.0;
            }
        }
    }
    arch
}

fn component_overlaps(arch: &Architecture, layout: &archcanvas::model::Layout) -> Vec<(Id, Id)> {
    layout::overlaps(arch, layout)
        .into_iter()
        .filter(|(a, b)| {
            arch.components.contains(a.as_str()) && arch.components.contains(b.as_str())
        })
        .collect()
}

fn with(arch: &Architecture, layout: archcanvas::model::Layout) -> Architecture {
    let mut out = arch.clone();
    out.layout = layout;
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Without pins, nothing overlaps: no two boxes, no box inside a group it is not in, no
    /// two groups unless nested. Every component is placed and the result is deterministic.
    #[test]
    fn no_overlaps_and_groups_kept_apart(n in 1usize..45, seed in 1u64..10_000, tb in any::<bool>()) {
        let arch = random_model(n, seed, false);
        let direction = if tb { Direction::TopToBottom } else { Direction::LeftToRight };
        let options = Options::new(direction);
        let layout = layout::auto(&arch, &options).unwrap();
        prop_assert_eq!(layout.len(), n);
        let laid = with(&arch, layout.clone());
        prop_assert_eq!(layout::overlaps(&laid, &laid.layout), vec![]);
        for (id, p) in &layout {
            prop_assert!(p.x.is_finite() && p.y.is_finite());
            // Sizes set by the user survive.
            prop_assert_eq!(p.width, arch.layout.get(id).and_then(|o| o.width));
        }
        prop_assert_eq!(layout::auto(&arch, &options).unwrap(), layout);
    }

    /// Pinned components keep their placement exactly; no two boxes overlap.
    #[test]
    fn pinned_components_stay_put(n in 2usize..40, seed in 1u64..10_000) {
        let arch = random_model(n, seed, true);
        let layout = layout::auto(&arch, &Options::default()).unwrap();
        for (id, p) in &arch.layout {
            if p.pinned {
                prop_assert_eq!(&layout[id], p);
            }
        }
        prop_assert_eq!(component_overlaps(&arch, &layout), vec![]);
    }

    /// Laying out a selection moves nothing else and overlaps nothing.
    #[test]
    fn a_selection_moves_alone(n in 4usize..40, seed in 1u64..10_000) {
        let mut arch = random_model(n, seed, false);
        arch.layout = layout::auto(&arch, &Options::default()).unwrap();
        let mut rng = Rng::new(seed + 1);
        let only: BTreeSet<Id> = arch.components.ids().filter(|_| rng.below(3) == 0).cloned().collect();
        let options = Options { only: Some(only.clone()), ..Options::default() };
        let layout = layout::auto(&arch, &options).unwrap();
        for (id, p) in &arch.layout {
            if !only.contains(id) {
                prop_assert_eq!(&layout[id], p);
            }
        }
        prop_assert_eq!(component_overlaps(&arch, &layout), vec![]);
    }

    /// A new component lands clear of every other box, next to its neighbours if it has any.
    #[test]
    fn place_new_overlaps_nothing(n in 2usize..40, seed in 1u64..10_000) {
        let mut arch = random_model(n, seed, false);
        arch.layout = layout::auto(&arch, &Options::default()).unwrap();
        let id = Id::new(format!("c{:03}", n / 2)).unwrap();
        arch.layout.remove(&id);
        let placement = layout::place_new(&arch, &id);
        let mut layout = arch.layout.clone();
        layout.insert(id.clone(), placement);
        prop_assert_eq!(component_overlaps(&arch, &layout), vec![]);
    }
}

#[test]
fn a_new_component_goes_after_what_calls_it() {
    let mut arch = random_model(1, 1, false);
    let ids = ["api", "orders", "db"];
    for id in ids {
        arch.components
            .insert(Component::new(Id::new(id).unwrap(), id, Kind::Service));
    }
    arch.connections = Default::default();
    for (i, (a, b)) in [("api", "orders"), ("orders", "db")]
        .into_iter()
        .enumerate()
    {
        arch.connections.insert(Connection::new(
            Id::new(format!("x{i}")).unwrap(),
            Id::new(a).unwrap(),
            Id::new(b).unwrap(),
            ConnectionKind::DependsOn,
        ));
    }
    arch.layout = Default::default();
    arch.layout
        .insert(Id::new("api").unwrap(), Placement::at(0.0, 0.0));
    arch.layout
        .insert(Id::new("c000").unwrap(), Placement::at(0.0, 400.0));
    let orders = layout::place_new(&arch, &Id::new("orders").unwrap());
    assert!(orders.x > 100.0 && orders.y.abs() < 1.0, "{orders:?}");
    arch.layout.insert(Id::new("orders").unwrap(), orders);
    let db = layout::place_new(&arch, &Id::new("db").unwrap());
    assert!(db.x > orders.x + 100.0 && db.y.abs() < 1.0, "{db:?}");
}

#[test]
fn complete_places_only_what_is_missing() {
    let mut arch = random_model(30, 7, false);
    arch.layout.clear();
    let full = layout::complete(&arch);
    assert_eq!(full.len(), 30);
    assert_eq!(full, layout::auto(&arch, &Options::default()).unwrap());
    arch.layout = full;
    let gone: Vec<Id> = arch.layout.keys().take(3).cloned().collect();
    let kept = arch.layout.clone();
    for id in &gone {
        arch.layout.remove(id);
    }
    let completed = layout::complete(&arch);
    assert_eq!(completed.len(), 30);
    for (id, p) in &kept {
        if !gone.contains(id) {
            assert_eq!(&completed[id], p);
        }
    }
    assert_eq!(component_overlaps(&arch, &completed), vec![]);
}

#[test]
fn big_models_have_no_overlaps() {
    for arch in [
        layout::generate::layered(1000, 3),
        archcanvas::model::generate::generate(600, 900, 2),
    ] {
        let arch = with(&arch, Default::default());
        let layout = layout::auto(&arch, &Options::default()).unwrap();
        let laid = with(&arch, layout);
        assert_eq!(layout::overlaps(&laid, &laid.layout), vec![]);
    }
}

#[test]
fn cancelling_returns_cancelled_and_progress_reaches_the_end() {
    let arch = layout::generate::layered(300, 1);
    let flag = Arc::new(AtomicBool::new(false));
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let (flag2, seen2) = (flag.clone(), seen.clone());
    let options = Options {
        cancel: Some(flag.clone()),
        progress: Some(Arc::new(move |p: Progress| {
            seen2.lock().unwrap().push(p);
            // Cancel from "another thread" half way through ordering.
            if p.done > 0.5 {
                flag2.store(true, Ordering::Relaxed);
            }
        })),
        ..Options::default()
    };
    assert_eq!(layout::auto(&arch, &options), Err(Cancelled));
    assert!(seen.lock().unwrap().iter().all(|p| p.done <= 0.8));

    flag.store(false, Ordering::Relaxed);
    let options = Options {
        cancel: Some(flag),
        progress: Some(Arc::new({
            let seen = seen.clone();
            move |p| seen.lock().unwrap().push(p)
        })),
        ..Options::default()
    };
    seen.lock().unwrap().clear();
    let handle = std::thread::spawn(move || layout::auto(&arch, &options));
    let result = handle.join().unwrap();
    assert!(result.is_ok());
    let seen = seen.lock().unwrap();
    assert!(
        seen.windows(2).all(|w| w[0].done <= w[1].done),
        "progress goes forward"
    );
    assert_eq!(seen.last().map(|p| p.done), Some(1.0));
}
