//! Connections: their ends, their type and its properties, their label.

use super::super::recorder::At;
use crate::model::{CallSpec, Connection, ConnectionKind};

/// Records what differs between two versions of a connection (same id).
pub(crate) fn connection(at: &mut At<'_>, a: &Connection, b: &Connection) {
    let Connection {
        id: _,
        from,
        to,
        kind,
        label,
        description,
    } = a;
    at.prop("from", from, &b.from);
    at.prop("to", to, &b.to);
    connection_kind(&mut at.field("kind"), kind, &b.kind);
    at.prop("label", label, &b.label);
    at.prop("description", description, &b.description);
}

/// The same type compares property by property (`kind.timeout_ms`); a new type is one change
/// of the whole `kind` (`Reads` → `Writes`).
fn connection_kind(at: &mut At<'_>, a: &ConnectionKind, b: &ConnectionKind) {
    match (a, b) {
        (ConnectionKind::Calls(a), ConnectionKind::Calls(b)) => {
            let CallSpec {
                protocol,
                timeout_ms,
                retries,
                circuit_breaker,
            } = a;
            at.prop("protocol", protocol, &b.protocol);
            at.prop("timeout_ms", timeout_ms, &b.timeout_ms);
            at.prop("retries", retries, &b.retries);
            at.prop("circuit_breaker", circuit_breaker, &b.circuit_breaker);
        }
        (ConnectionKind::Publishes { topic: a }, ConnectionKind::Publishes { topic: b })
        | (ConnectionKind::Consumes { topic: a }, ConnectionKind::Consumes { topic: b }) => {
            at.prop("topic", a, b);
        }
        _ => at.value(a, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;

    fn changes(
        a: &Connection,
        b: &Connection,
    ) -> Vec<(Op, String, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        connection(&mut At::root(&mut out), a, b);
        out.into_iter()
            .map(|c| (c.op, c.path, c.before, c.after))
            .collect()
    }

    #[test]
    fn call_properties_ends_and_label() {
        let a = Connection::new(
            id!("web-to-gateway"),
            id!("web"),
            id!("gateway"),
            ConnectionKind::Calls(CallSpec {
                timeout_ms: Some(5000),
                ..CallSpec::default()
            }),
        );
        let mut b = a.clone();
        b.to = id!("edge");
        b.kind = ConnectionKind::Calls(CallSpec {
            timeout_ms: Some(3000),
            retries: 2,
            circuit_breaker: true,
            ..CallSpec::default()
        });
        b.label = "HTTPS".into();
        assert_eq!(
            changes(&a, &b),
            [
                (
                    Op::Changed,
                    "to".into(),
                    Some(r#""gateway""#.into()),
                    Some(r#""edge""#.into())
                ),
                (
                    Op::Changed,
                    "kind.timeout_ms".into(),
                    Some("5000".into()),
                    Some("3000".into())
                ),
                (
                    Op::Changed,
                    "kind.retries".into(),
                    Some("0".into()),
                    Some("2".into())
                ),
                (
                    Op::Changed,
                    "kind.circuit_breaker".into(),
                    Some("false".into()),
                    Some("true".into())
                ),
                (
                    Op::Changed,
                    "label".into(),
                    Some(r#""""#.into()),
                    Some(r#""HTTPS""#.into())
                ),
            ]
        );
    }

    #[test]
    fn topics_and_types() {
        let publishes = |topic: &str| ConnectionKind::Publishes {
            topic: topic.into(),
        };
        let a = Connection::new(id!("p"), id!("orders"), id!("events"), publishes("a"));
        let mut b = a.clone();
        b.kind = publishes("b");
        assert_eq!(
            changes(&a, &b),
            [(
                Op::Changed,
                "kind.topic".into(),
                Some(r#""a""#.into()),
                Some(r#""b""#.into())
            )]
        );
        b.kind = ConnectionKind::DependsOn;
        assert_eq!(
            changes(&a, &b),
            [(
                Op::Changed,
                "kind".into(),
                Some(r#"Publishes(topic: "a")"#.into()),
                Some("DependsOn".into())
            )]
        );
    }
}
