//! Which connection types may join which kinds: the one table the editor, the checks
//! (`invalid-connection`) and the documentation share.
//!
//! `from` is the party that acts (see [`super::Connection`]). In words:
//!
//! | from \ to | Service, Api | External | Worker | Database, Cache, Storage | Queue | Client |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | Service, Worker | calls | calls | — | reads, writes | publishes, consumes | — |
//! | Api | calls | calls | — | — | publishes | — |
//! | Client | calls | calls | — | reads, writes | — | — |
//! | External | calls | — | — | — | publishes | — |
//! | Database, Cache, Queue, Storage | — | — | — | — | — | — |
//!
//! `depends on` is allowed between any two different components. A client reaching a
//! database is allowed here because the drawing is possible; the `database-exposed` rule
//! says why it is a bad idea. A component never connects to itself.

use super::{ConnectionType, Kind};

/// The connection types allowed from a `from` component to a `to` component, most likely
/// first. Never empty: `DependsOn` is always allowed.
pub fn allowed(from: Kind, to: Kind) -> &'static [ConnectionType] {
    use ConnectionType::*;
    use Kind::*;
    match (from, to) {
        (Service | Worker, Service | Api | External) => &[Calls, DependsOn],
        (Service | Worker, Database | Cache | Storage) => &[Writes, Reads, DependsOn],
        (Service | Worker, Queue) => &[Publishes, Consumes, DependsOn],
        (Api, Service | Api | External) => &[Calls, DependsOn],
        (Api, Queue) => &[Publishes, DependsOn],
        (Client, Service | Api | External) => &[Calls, DependsOn],
        (Client, Database | Cache | Storage) => &[Reads, Writes, DependsOn],
        (External, Service | Api) => &[Calls, DependsOn],
        (External, Queue) => &[Publishes, DependsOn],
        _ => &[DependsOn],
    }
}

/// Whether a connection of type `ty` may go from a `from` to a `to` component.
pub fn is_allowed(from: Kind, to: Kind, ty: ConnectionType) -> bool {
    allowed(from, to).contains(&ty)
}

/// The type a new connection between these kinds gets unless the user picks another.
pub fn default_type(from: Kind, to: Kind) -> ConnectionType {
    allowed(from, to)
        .first()
        .copied()
        .unwrap_or(ConnectionType::DependsOn)
}

/// Why a connection of type `ty` is not allowed, in words for a message; `None` if it is.
pub fn refusal(from: Kind, to: Kind, ty: ConnectionType) -> Option<String> {
    if is_allowed(from, to, ty) {
        return None;
    }
    let others: Vec<&str> = allowed(from, to).iter().map(|t| t.label()).collect();
    Some(format!(
        "a {} cannot be connected to a {} with `{}`; allowed: {}",
        from.label().to_lowercase(),
        to.label().to_lowercase(),
        ty.label(),
        others.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depends_on_is_always_allowed_and_defaults_are_allowed() {
        for from in Kind::ALL {
            for to in Kind::ALL {
                assert!(is_allowed(from, to, ConnectionType::DependsOn));
                assert!(is_allowed(from, to, default_type(from, to)));
            }
        }
    }

    #[test]
    fn data_stores_do_not_act() {
        for from in [Kind::Database, Kind::Cache, Kind::Queue, Kind::Storage] {
            for to in Kind::ALL {
                assert_eq!(allowed(from, to), [ConnectionType::DependsOn]);
            }
        }
    }

    #[test]
    fn typical_pairs() {
        assert_eq!(
            default_type(Kind::Service, Kind::Database),
            ConnectionType::Writes
        );
        assert_eq!(
            default_type(Kind::Service, Kind::Queue),
            ConnectionType::Publishes
        );
        assert_eq!(default_type(Kind::Client, Kind::Api), ConnectionType::Calls);
        assert!(!is_allowed(
            Kind::Service,
            Kind::Database,
            ConnectionType::Calls
        ));
        let why = refusal(Kind::Queue, Kind::Service, ConnectionType::Calls).unwrap();
        assert!(
            why.contains("queue cannot be connected to a service"),
            "{why}"
        );
    }
}
