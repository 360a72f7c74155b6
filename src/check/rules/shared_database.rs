//! `shared-database` (warning): a database written by more than one service.
//!
//! Why it matters: a database is a contract as binding as an API, but an invisible one. When
//! two services write the same tables, neither can change the schema, the invariants or the
//! engine without coordinating with the other; bugs in one corrupt the data of the other; and
//! the services can no longer be deployed or scaled on their own. "Database per service" is
//! the backend rule this encodes.
//!
//! How to fix: give the database one owner. The other writers call the owner's API, or
//! publish events the owner consumes. If the writers are really one service split in two
//! deployables (a service and its own worker), say so by suppressing the finding with the
//! reason.
//!
//! Writers are the services, workers and APIs (the components we build) with a `Writes`
//! connection to the database; readers do not count. Clients and external systems that write
//! a database are reported by `database-exposed`.

use rustc_hash::FxHashMap;

use crate::check::warm::warm;
use crate::check::{Context, Rule, Sink};
use crate::model::{ConnectionType, Id, Kind, Severity};

use super::list;

pub(crate) const RULE: Rule = Rule {
    id: "shared-database",
    default_severity: Severity::Warning,
    summary: "a database written by more than one service",
    help: "give the database one owner: the other services call the owner's API or publish \
           events it consumes",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let index = cx.index();
    // database node → (writer node, connection id)
    let mut writers: FxHashMap<u32, Vec<(u32, &Id)>> = FxHashMap::default();
    for (_, c, from, to) in index.edges_of(ConnectionType::Writes) {
        let (Some(writer), Some(db)) = (index.kind(from), index.kind(to)) else {
            continue;
        };
        if db == Kind::Database && writer.is_built_by_us() {
            writers.entry(to).or_default().push((from, &c.id));
        }
    }
    let mut shared: Vec<(u32, Vec<(u32, &Id)>)> = writers
        .into_iter()
        .filter(|(_, w)| {
            let mut nodes: Vec<u32> = w.iter().map(|(n, _)| *n).collect();
            nodes.sort_unstable();
            nodes.dedup();
            nodes.len() > 1
        })
        .collect();
    shared.sort_unstable_by_key(|(db, _)| *db);
    for (db, mut w) in shared {
        let Some(database) = index.component(db) else {
            continue;
        };
        w.sort_unstable();
        let mut names: Vec<&Id> = w
            .iter()
            .filter_map(|(n, _)| index.component(*n).map(|c| &c.id))
            .collect();
        names.dedup();
        // Each finding names several components and connections: their ids are read
        // together, with reads that overlap, before the message and the clones read them.
        let connections = w.iter().map(|(_, c)| *c);
        warm(
            std::iter::once(&database.id)
                .chain(names.iter().copied())
                .chain(connections),
        );
        let message = format!(
            "database `{}` is written by {} services: {}",
            database.id,
            names.len(),
            list(names.iter().map(|n| n.as_str()))
        );
        let mut subjects = vec![database.id.clone()];
        subjects.extend(names.into_iter().cloned());
        subjects.extend(w.iter().map(|(_, c)| (*c).clone()));
        sink.report(subjects, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::model::{ConnectionKind, Kind};

    #[test]
    fn two_writers_share_a_database() {
        let arch = model()
            .services(&["orders", "billing"])
            .add("db", Kind::Database)
            .connect("orders", "db", ConnectionKind::Writes)
            .connect("billing", "db", ConnectionKind::Writes)
            .build();
        let found = findings(&arch, "shared-database");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "database `db` is written by 2 services: `billing` and `orders`"
        );
        let subjects: Vec<&str> = found[0].subjects.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            subjects,
            ["db", "billing", "orders", "billing-to-db", "orders-to-db"]
        );
    }

    #[test]
    fn one_writer_and_many_readers_is_fine() {
        let arch = model()
            .services(&["orders", "reports", "audit"])
            .add("db", Kind::Database)
            .add("cache", Kind::Cache)
            .connect("orders", "db", ConnectionKind::Writes)
            .connect("orders", "db", ConnectionKind::Writes)
            .connect("reports", "db", ConnectionKind::Reads)
            .connect("audit", "cache", ConnectionKind::Writes)
            .connect("reports", "cache", ConnectionKind::Writes)
            .build();
        assert!(findings(&arch, "shared-database").is_empty());
    }
}
