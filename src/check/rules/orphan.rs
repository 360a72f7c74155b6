//! `orphan` (warning): a component with no connections.
//!
//! Why it matters: a box that nothing talks to and that talks to nothing is either
//! unfinished (someone forgot to draw how it is used), obsolete (it should be deleted), or
//! wired up in reality in a way the design does not show — in each case the drawing no
//! longer tells the truth, and exports generate code and infrastructure for nothing.
//!
//! How to fix: draw the connections that use it, or delete it. If it is deliberately on its
//! own (a placeholder in an early sketch), suppress the finding with the reason.
//!
//! A connection counts even when its other end does not exist (that one is reported by
//! `dangling-reference`).

use crate::check::warm::{in_batches, touch_id};
use crate::check::{Context, Rule, Sink};
use crate::model::Severity;

use super::kind_word;

pub(crate) const RULE: Rule = Rule {
    id: "orphan",
    default_severity: Severity::Warning,
    summary: "a component with no connections",
    help: "connect it to what uses it or what it uses, or delete it if it is not part of the \
           system",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let index = cx.index();
    let orphans = index
        .components
        .iter()
        .zip(&index.degree)
        .filter(|(_, degree)| **degree == 0)
        .map(|(c, _)| *c);
    in_batches(orphans, touch_id, |c| {
        sink.report(
            vec![c.id.clone()],
            format!("{} `{}` has no connections", kind_word(c), c.id),
        );
    });
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{flagged, model};
    use crate::model::ConnectionKind;

    #[test]
    fn a_lonely_component_is_flagged() {
        let arch = model()
            .services(&["a", "b", "lonely"])
            .calls("a", "b")
            .build();
        assert_eq!(flagged(&arch, "orphan"), ["lonely"]);
    }

    #[test]
    fn any_connection_counts_even_to_a_missing_component() {
        let arch = model()
            .services(&["a", "b"])
            .connect("a", "ghost", ConnectionKind::DependsOn)
            .connect("ghost", "b", ConnectionKind::DependsOn)
            .build();
        assert!(flagged(&arch, "orphan").is_empty());
    }
}
