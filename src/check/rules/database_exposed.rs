//! `database-exposed` (error): a database connected directly from a client, an external
//! system or a component in a public zone.
//!
//! Why it matters: a database speaks a protocol made for trusted callers. Whoever can reach
//! it can read and change everything in it, bypass every rule the owning service enforces,
//! and lock it up with one heavy query. A client that holds database credentials gives them to
//! every user; a component in the public zone that talks to the database directly means one
//! breach of the edge is a breach of the data.
//!
//! How to fix: put a service in front of the database (it owns the data and exposes an API
//! with authentication), keep the database in a private zone, and let clients, partners and
//! edge components call that service instead.
//!
//! Any connection type counts (reads, writes, depends on). A database that sits in a public
//! trust zone itself is reported too. Trust zones nest: a component is in the zone of the
//! nearest trust-zone group above it.

use rustc_hash::FxHashMap;

use crate::check::{Context, Rule, Sink};
use crate::model::{Id, Kind, Severity};

use super::{kind_word, sentence};

pub(crate) const RULE: Rule = Rule {
    id: "database-exposed",
    default_severity: Severity::Error,
    summary: "a database connected directly from a client, an external system or a component \
              in a public zone",
    help: "put a service in front of the database and let outside callers use its API; keep \
           the database in a private zone",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let index = cx.index();
    let groups = cx.groups();
    let public = groups.public_zones(index);
    let zone_name = |node: u32| -> Option<&Id> {
        let zone = public.get(node as usize).copied().flatten()?;
        groups.group(zone).map(|g| &g.id)
    };
    // database node → reasons, each (component, connection, why)
    let mut exposures: FxHashMap<u32, Vec<(u32, &Id, String)>> = FxHashMap::default();
    for (c, from, to) in index.edges() {
        if index.kind(to) != Some(Kind::Database) {
            continue;
        }
        let (Some(source), Some(kind)) = (index.component(from), index.kind(from)) else {
            continue;
        };
        // The kind from the index: the component itself is read only for a finding.
        let why = match kind {
            Kind::Client | Kind::External => format!("{} `{}`", kind_word(source), source.id),
            _ => match zone_name(from) {
                Some(zone) => format!(
                    "{} `{}` in public zone `{zone}`",
                    kind_word(source),
                    source.id
                ),
                None => continue,
            },
        };
        exposures.entry(to).or_default().push((from, &c.id, why));
    }
    for (node, db) in index.components.iter().enumerate() {
        if index.kinds.get(node) != Some(&Kind::Database) {
            continue;
        }
        let Ok(node) = u32::try_from(node) else { break };
        let own_zone = zone_name(node);
        let mut reasons = exposures.remove(&node).unwrap_or_default();
        if reasons.is_empty() && own_zone.is_none() {
            continue;
        }
        reasons.sort_by(|a, b| a.1.cmp(b.1));
        let mut parts = Vec::new();
        if let Some(zone) = own_zone {
            parts.push(format!("it sits in public zone `{zone}`"));
        }
        if !reasons.is_empty() {
            let via: Vec<String> = reasons
                .iter()
                .map(|(_, conn, why)| format!("{why} (`{conn}`)"))
                .collect();
            parts.push(format!("it is reached directly from {}", sentence(via)));
        }
        let message = format!("database `{}` is exposed: {}", db.id, parts.join(", and "));
        let mut subjects = vec![db.id.clone()];
        let mut sources: Vec<&Id> = reasons
            .iter()
            .filter_map(|(n, _, _)| index.component(*n).map(|c| &c.id))
            .collect();
        sources.sort_unstable();
        sources.dedup();
        subjects.extend(sources.into_iter().cloned());
        subjects.extend(reasons.iter().map(|(_, c, _)| (*c).clone()));
        sink.report(subjects, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::model::{ConnectionKind, GroupKind, Kind, Zone};

    #[test]
    fn clients_externals_and_public_components_must_not_touch_a_database() {
        let arch = model()
            .add("web", Kind::Client)
            .add("partner", Kind::External)
            .services(&["edge-svc", "internal"])
            .add("db", Kind::Database)
            .group("dmz", GroupKind::TrustZone(Zone::Public), &["edge-svc"])
            .connect("web", "db", ConnectionKind::Reads)
            .connect("partner", "db", ConnectionKind::Writes)
            .connect("edge-svc", "db", ConnectionKind::Reads)
            .connect("internal", "db", ConnectionKind::Writes)
            .build();
        let found = findings(&arch, "database-exposed");
        assert_eq!(found.len(), 1, "{found:#?}");
        let subjects: Vec<&str> = found[0].subjects.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            subjects,
            [
                "db",
                "edge-svc",
                "partner",
                "web",
                "edge-svc-to-db",
                "partner-to-db",
                "web-to-db"
            ]
        );
        assert!(
            found[0]
                .message
                .contains("service `edge-svc` in public zone `dmz` (`edge-svc-to-db`)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_database_in_a_public_zone_is_exposed() {
        let arch = model()
            .add("db", Kind::Database)
            .group("dmz", GroupKind::TrustZone(Zone::Public), &["db"])
            .build();
        let found = findings(&arch, "database-exposed");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "database `db` is exposed: it sits in public zone `dmz`"
        );
    }

    #[test]
    fn a_private_service_in_front_is_fine() {
        let arch = model()
            .add("web", Kind::Client)
            .add("gateway", Kind::Api)
            .services(&["svc"])
            .add("db", Kind::Database)
            .add("images", Kind::Storage)
            .group("dmz", GroupKind::TrustZone(Zone::Public), &["gateway"])
            .group(
                "private",
                GroupKind::TrustZone(Zone::Private),
                &["svc", "db"],
            )
            .calls("web", "gateway")
            .calls("gateway", "svc")
            .connect("svc", "db", ConnectionKind::Writes)
            .connect("web", "images", ConnectionKind::Reads)
            .build();
        assert!(findings(&arch, "database-exposed").is_empty());
    }
}
