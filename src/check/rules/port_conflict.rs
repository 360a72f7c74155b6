//! `port-conflict` (error): two components in the same deployment unit on the same port.
//!
//! Why it matters: components deployed together (one host, one pod, one compose project
//! network namespace) share the port space. Two of them on one port means the second fails to
//! start — often only in production, where they first run side by side — and the exported
//! docker-compose and Kubernetes files would carry the clash.
//!
//! How to fix: give one of them another `port`, or move it to another deployment unit.
//!
//! The port is the one the exports use: the model's, or the technology's default from the
//! catalogue (two Rust services without a port both listen on 8080). A unit holds its own
//! members and those of groups nested in it; a clash inside a nested unit is reported once.

use std::collections::{BTreeMap, BTreeSet};

use crate::check::{Context, Rule, Sink};
use crate::model::{GroupKind, Severity};

use super::list;

pub(crate) const RULE: Rule = Rule {
    id: "port-conflict",
    default_severity: Severity::Error,
    summary: "two components in the same deployment unit on the same port",
    help: "give one of them another port, or move it to another deployment unit",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let groups = cx.groups();
    let mut seen: BTreeSet<(u16, Vec<u32>)> = BTreeSet::new();
    // Innermost units first, so a clash is reported on the unit closest to it.
    let mut units: Vec<(usize, u32)> = groups
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.kind == GroupKind::DeploymentUnit)
        .filter_map(|(g, _)| {
            let g = u32::try_from(g).ok()?;
            Some((groups.depth(g), g))
        })
        .collect();
    units.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, g) in units {
        let Some(group) = groups.group(g) else {
            continue;
        };
        let mut by_port: BTreeMap<u16, Vec<u32>> = BTreeMap::new();
        for node in groups.members(g, cx.index()) {
            if let Some(port) = cx.index().component(node).and_then(|c| c.spec.port()) {
                by_port.entry(port).or_default().push(node);
            }
        }
        for (port, nodes) in by_port {
            if nodes.len() < 2 || !seen.insert((port, nodes.clone())) {
                continue;
            }
            let ids: Vec<_> = nodes
                .iter()
                .filter_map(|n| cx.index().component(*n).map(|c| &c.id))
                .collect();
            let message = format!(
                "{} {} listen on port {port} in deployment unit `{}`",
                list(ids.iter().map(|i| i.as_str())),
                if ids.len() == 2 { "both" } else { "all" },
                group.id
            );
            sink.report(ids.into_iter().cloned().collect(), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::model::{GroupKind, Kind, Spec};

    fn port(p: u16) -> impl FnOnce(&mut crate::model::Component) {
        move |c| match &mut c.spec {
            Spec::Service(s) => s.port = Some(p),
            Spec::Database(d) => d.port = Some(p),
            _ => {}
        }
    }

    #[test]
    fn two_services_on_one_port_in_one_unit_clash_once() {
        // `a` and `b` get Rust's default port 8080; the clash sits in `inner`, which is
        // nested in `host`, and is reported once, on the inner unit.
        let arch = model()
            .services(&["a", "b", "c"])
            .with("c", port(9000))
            .add("db", Kind::Database)
            .group("host", GroupKind::DeploymentUnit, &["c", "db"])
            .group("inner", GroupKind::DeploymentUnit, &["a", "b"])
            .parent("inner", "host")
            .build();
        let found = findings(&arch, "port-conflict");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "`a` and `b` both listen on port 8080 in deployment unit `inner`"
        );
    }

    #[test]
    fn distinct_ports_or_other_units_are_fine() {
        let arch = model()
            .services(&["a", "b", "c"])
            .with("b", port(8081))
            .group("one", GroupKind::DeploymentUnit, &["a", "b"])
            .group("two", GroupKind::DeploymentUnit, &["c"])
            .group("context", GroupKind::BoundedContext, &["a", "c"])
            .build();
        assert!(findings(&arch, "port-conflict").is_empty());
    }
}
