//! The checker never panics on any model the loader accepts.
//!
//! Models are drawn from small pools of ids and names, so references collide, dangle and
//! loop (group parents, sync calls), names clash, ports repeat, and budgets reach 0 and
//! `u32::MAX`. Each model is written with the canonical writer and read back, and both the
//! model and what the loader made of it are checked. Besides "no panic", the run must be
//! deterministic and honour the model's levels and suppressions.

use std::collections::BTreeSet;

use archcanvas::check;
use archcanvas::file;
use archcanvas::model::{
    ApiSpec, Architecture, Auth, CallSpec, Component, Connection, ConnectionKind, DatabaseSpec,
    Endpoint, Field, FieldType, Flow, FlowStep, Group, GroupKind, Id, Kind, Level, Method, Note,
    NoteTarget, Placement, QueueSpec, Schema, ServiceSpec, Severity, Spec, Suppression, Topic,
    Trigger, View, WorkerSpec, Zone,
};
use proptest::prelude::*;

const IDS: [&str; 10] = [
    "a", "b", "c", "d", "e", "f", "gateway", "db", "events", "ghost",
];
const NAMES: [&str; 6] = [
    "Orders",
    "orders",
    "Orders API",
    "orders_api",
    "Billing",
    "",
];
const TEXTS: [&str; 7] = [
    "",
    "Takes orders.",
    "password=hunter2",
    "postgres://app:pw1@db/x",
    "AKIAIOSFODNN7EXAMPLE",
    "日本語のテキスト",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz",
];
const RULE_IDS: [&str; 5] = [
    "orphan",
    "sync-cycle",
    "fan-out",
    "no-such-rule",
    "unreachable",
];
const TOPICS: [&str; 3] = ["", "orders.created", "other"];

fn id(i: usize) -> Id {
    Id::new(IDS[i % IDS.len()]).expect("pool ids are valid")
}

fn kind(k: u8) -> Kind {
    Kind::ALL[k as usize % Kind::ALL.len()]
}

fn spec(kind: Kind, n: u8) -> Spec {
    let mut spec = Spec::default_for(kind);
    let schema = || Some(id(n as usize));
    match &mut spec {
        Spec::Service(s) => {
            *s = ServiceSpec {
                port: (n.is_multiple_of(3)).then_some(8080),
                replicas: u32::from(n % 3),
                endpoints: endpoints(n),
                ..ServiceSpec::default()
            }
        }
        Spec::Api(a) => {
            *a = ApiSpec {
                public: n.is_multiple_of(2),
                auth: if n.is_multiple_of(3) {
                    Auth::None
                } else {
                    Auth::Jwt
                },
                endpoints: endpoints(n),
                replicas: u32::from(n % 2),
                ..ApiSpec::default()
            }
        }
        Spec::Database(d) => {
            let mut e = Schema::new(id(n as usize + 1));
            let mut f = Field::new("ref", FieldType::Object(id(n as usize + 2)));
            f.references = schema();
            e.fields.push(f);
            *d = DatabaseSpec {
                entities: vec![e],
                replicas: u32::from(n % 2),
                ..DatabaseSpec::default()
            }
        }
        Spec::Queue(q) => {
            *q = QueueSpec {
                topics: vec![Topic {
                    name: TOPICS[n as usize % TOPICS.len()].into(),
                    schema: schema(),
                    ..Topic::default()
                }],
                ..QueueSpec::default()
            }
        }
        Spec::Worker(w) => {
            *w = WorkerSpec {
                trigger: if n.is_multiple_of(2) {
                    Trigger::Schedule("*/5 * * * *".into())
                } else {
                    Trigger::Queue
                },
                ..WorkerSpec::default()
            }
        }
        _ => {}
    }
    spec
}

fn endpoints(n: u8) -> Vec<Endpoint> {
    (0..n % 3)
        .map(|i| Endpoint {
            method: if i % 2 == 0 {
                Method::Get
            } else {
                Method::Post
            },
            path: ["/x/{id}", "/x/:y", "/x", ""][(n as usize + i as usize) % 4].into(),
            request: Some(id(n as usize + i as usize)),
            response: (i == 0).then(|| id(n as usize)),
            ..Endpoint::default()
        })
        .collect()
}

fn connection_kind(t: u8, n: u8) -> ConnectionKind {
    let topic = TOPICS[n as usize % TOPICS.len()].to_owned();
    match t % 6 {
        0 => ConnectionKind::Calls(CallSpec {
            timeout_ms: (n.is_multiple_of(2)).then_some(u32::from(n)),
            retries: u32::from(n % 3),
            ..CallSpec::default()
        }),
        1 => ConnectionKind::Publishes { topic },
        2 => ConnectionKind::Consumes { topic },
        3 => ConnectionKind::Reads,
        4 => ConnectionKind::Writes,
        _ => ConnectionKind::DependsOn,
    }
}

prop_compose! {
    fn arb_model()(
        components in prop::collection::vec((0..10usize, any::<u8>(), 0..6usize, 0..7usize, any::<u8>()), 0..10),
        connections in prop::collection::vec((0..10usize, 0..10usize, any::<u8>(), any::<u8>(), 0..7usize), 0..25),
        groups in prop::collection::vec((0..10usize, any::<u8>(), prop::option::of(0..10usize), prop::collection::vec(0..10usize, 0..4)), 0..5),
        extras in prop::collection::vec((any::<u8>(), 0..10usize, 0..10usize, 0..7usize), 0..8),
        budgets in (prop_oneof![Just(0u32), Just(4), Just(u32::MAX), any::<u32>()], prop_oneof![Just(0u32), Just(7), Just(u32::MAX)]),
    ) -> Architecture {
        let mut arch = Architecture::new("Random");
        for (i, k, name, text, n) in components {
            let kind = kind(k);
            let mut c = Component::new(id(i), NAMES[name], kind);
            c.description = TEXTS[text].into();
            c.spec = spec(kind, n);
            arch.components.insert(c);
        }
        for (n, (from, to, t, extra, text)) in connections.into_iter().enumerate() {
            let Ok(cid) = Id::new(format!("c{}", n % 12)) else { continue };
            let mut c = Connection::new(cid, id(from), id(to), connection_kind(t, extra));
            c.label = TEXTS[text].into();
            arch.connections.insert(c);
        }
        for (g, k, parent, members) in groups {
            let kind = match k % 4 {
                0 => GroupKind::BoundedContext,
                1 => GroupKind::TrustZone(Zone::Public),
                2 => GroupKind::TrustZone(Zone::Private),
                _ => GroupKind::DeploymentUnit,
            };
            let mut group = Group::new(id(g), "G", kind);
            group.parent = parent.map(id);
            group.members = members.into_iter().map(id).collect();
            arch.groups.insert(group);
        }
        for (n, (what, a, b, text)) in extras.into_iter().enumerate() {
            match what % 6 {
                0 => {
                    let mut s = Schema::new(id(a));
                    s.description = TEXTS[text].into();
                    s.fields.push(Field::new("x", FieldType::Object(id(b))));
                    arch.schemas.insert(s);
                }
                1 => {
                    if let Ok(vid) = Id::new(format!("v{n}")) {
                        let mut v = View { id: vid, name: "V".into(), description: TEXTS[text].into(), filter: Default::default(), viewport: None };
                        v.filter.groups.insert(id(a));
                        v.filter.include.insert(id(b));
                        arch.views.push(v);
                    }
                }
                2 => {
                    if let Ok(fid) = Id::new(format!("f{n}")) {
                        let step = FlowStep::new(Id::new(format!("c{b}")).unwrap_or_else(|_| id(b)), TEXTS[text]);
                        arch.flows.push(Flow { id: fid, name: "F".into(), description: String::new(), steps: vec![step] });
                    }
                }
                3 => {
                    if let Ok(nid) = Id::new(format!("n{n}")) {
                        let target = if a.is_multiple_of(2) { NoteTarget::Component(id(b)) } else { NoteTarget::Connection(id(b)) };
                        arch.notes.insert(Note { id: nid, target, author: String::new(), text: TEXTS[text].into(), resolved: false });
                    }
                }
                4 => {
                    arch.layout.insert(id(a), Placement::at(a as f32, b as f32));
                }
                _ => {
                    let rule = RULE_IDS[a % RULE_IDS.len()];
                    if b.is_multiple_of(2) {
                        arch.rules.levels.insert(rule.into(), [Level::Off, Level::Info, Level::Warning, Level::Error][text % 4]);
                    } else {
                        arch.rules.suppress.push(Suppression { rule: rule.into(), subject: id(b), reason: TEXTS[text].into() });
                    }
                }
            }
        }
        arch.rules.max_sync_depth = budgets.0;
        arch.rules.max_fan_out = budgets.1;
        arch
    }
}

/// What must hold for any report of `arch`.
fn check_invariants(arch: &Architecture) {
    let report = check::run(arch);
    assert_eq!(
        report,
        check::run(arch),
        "the same model gives the same report"
    );
    let suppressed: BTreeSet<(&str, &str)> = arch
        .rules
        .suppress
        .iter()
        .map(|s| (s.rule.as_str(), s.subject.as_str()))
        .collect();
    for f in report.findings() {
        let rule = check::rule(f.rule).expect("a known rule");
        let expected: Option<Severity> = rule.severity_in(&arch.rules);
        assert_eq!(
            Some(f.severity),
            expected,
            "{}: severity follows the model",
            f.rule
        );
        assert!(!f.message.is_empty() && !f.hint.is_empty());
        if let Some(primary) = f.primary() {
            assert!(
                !suppressed.contains(&(f.rule, primary.as_str())),
                "{} on {primary} is suppressed",
                f.rule
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn checking_never_panics_on_a_loadable_model(arch in arb_model()) {
        check_invariants(&arch);
        let text = file::to_canonical_string(&arch).expect("a generated model writes");
        let loaded = file::parse(&text).expect("the loader accepts what the writer wrote");
        check_invariants(&loaded);
    }
}
