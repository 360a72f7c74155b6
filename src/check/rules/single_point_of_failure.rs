//! `single-point-of-failure` (warning): an articulation point of the topology that runs with
//! a single replica.
//!
//! Why it matters: an articulation point is a component whose loss splits the system into
//! parts that can no longer reach each other — every path between them goes through it. If it
//! also runs as one instance, one crash, deploy or noisy neighbour takes down everything on
//! the far side. (A component that is not an articulation point can fail with less damage:
//! there is another way round it, or nothing depends on it through it.)
//!
//! How to fix: run it with at least two replicas (`replicas: 2`), or add a redundant path so
//! the system does not depend on this one component.
//!
//! The topology is every connection, of any type, with both ends present, taken as undirected.
//! Only components whose replica count the model knows are judged: clients, external systems
//! and object storage are outside our control or replicated by their provider.

use crate::check::warm::{in_batches, touch_id};
use crate::check::{Context, Rule, Sink};
use crate::model::Severity;

use super::kind_word;

pub(crate) const RULE: Rule = Rule {
    id: "single-point-of-failure",
    default_severity: Severity::Warning,
    summary: "an articulation point of the topology that runs with a single replica",
    help: "run it with at least two replicas, or add a redundant path around it",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let points = cx.topology().articulation_points();
    let components = points
        .into_iter()
        .filter_map(|node| cx.index().components.get(node).copied());
    in_batches(components, touch_id, |c| {
        if c.spec.replicas() != Some(1) {
            return;
        }
        sink.report(
            vec![c.id.clone()],
            format!(
                "{} `{}` runs a single replica, and the system splits in parts without it",
                kind_word(c),
                c.id
            ),
        );
    });
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{flagged, model};
    use crate::model::{ConnectionKind, Kind, Spec};

    fn replicas(n: u32) -> impl FnOnce(&mut crate::model::Component) {
        move |c| match &mut c.spec {
            Spec::Service(s) => s.replicas = n,
            Spec::Database(d) => d.replicas = n,
            _ => {}
        }
    }

    #[test]
    fn a_single_instance_in_the_middle_is_flagged() {
        // web → hub → {a, b}; hub is the only way between them.
        let arch = model()
            .add("web", Kind::Client)
            .services(&["hub", "a", "b"])
            .calls("web", "hub")
            .calls("hub", "a")
            .calls("hub", "b")
            .build();
        assert_eq!(flagged(&arch, "single-point-of-failure"), ["hub"]);
    }

    #[test]
    fn replicas_or_a_second_path_make_it_fine() {
        let replicated = model()
            .add("web", Kind::Client)
            .services(&["hub", "a", "b"])
            .with("hub", replicas(3))
            .calls("web", "hub")
            .calls("hub", "a")
            .calls("hub", "b")
            .build();
        assert!(flagged(&replicated, "single-point-of-failure").is_empty());

        let redundant = model()
            .services(&["hub", "a", "b"])
            .add("db", Kind::Database)
            .calls("hub", "a")
            .calls("hub", "b")
            .connect("a", "db", ConnectionKind::Writes)
            .connect("b", "db", ConnectionKind::Reads)
            .build();
        assert!(flagged(&redundant, "single-point-of-failure").is_empty());
    }

    #[test]
    fn clients_and_externals_are_not_judged() {
        // The external system joins two services, but its replicas are not ours to set.
        let arch = model()
            .services(&["a", "b"])
            .add("stripe", Kind::External)
            .with("a", replicas(2))
            .with("b", replicas(2))
            .calls("a", "stripe")
            .calls("b", "stripe")
            .build();
        assert!(flagged(&arch, "single-point-of-failure").is_empty());
    }
}
