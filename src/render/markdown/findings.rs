//! The "Current findings" part of the architecture document.
//!
//! The topology checks are built in `src/check` at the same time as this renderer. Until
//! they land, [`current_findings`] is the one function the document asks for findings, and
//! it finds what can be found without the rules engine: references that point at nothing
//! (rule `dangling-reference`), with the model's own levels and suppressions applied. When
//! `check` lands, its result replaces the body of [`current_findings`]; the table the
//! document prints stays as it is.

use crate::model::{Architecture, FieldType, Severity};

/// The rule this stand-in reports.
pub const DANGLING: &str = "dangling-reference";

/// One finding as the document lists it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocFinding {
    /// How serious.
    pub severity: Severity,
    /// The rule's id.
    pub rule: String,
    /// What is wrong, for a person.
    pub message: String,
    /// The ids involved.
    pub subjects: Vec<String>,
}

/// The findings of the model, most serious first.
pub fn current_findings(arch: &Architecture) -> Vec<DocFinding> {
    let severity = match arch.rules.levels.get(DANGLING) {
        Some(level) => level.severity(),
        None => Some(Severity::Error),
    };
    let Some(severity) = severity else {
        return Vec::new();
    };
    let mut found: Vec<(String, String)> = Vec::new(); // (subject, message)
    let has = |id: &str| arch.components.contains(id);
    for c in arch.connections.iter() {
        for (end, id) in [("from", &c.from), ("to", &c.to)] {
            if !has(id.as_str()) {
                found.push((
                    c.id.to_string(),
                    format!(
                        "connection `{}` goes {end} `{id}`, which is not a component",
                        c.id
                    ),
                ));
            }
        }
    }
    for g in arch.groups.iter() {
        for m in g.members.iter().filter(|m| !has(m.as_str())) {
            found.push((
                g.id.to_string(),
                format!("group `{}` lists `{m}`, which is not a component", g.id),
            ));
        }
        if let Some(p) = g
            .parent
            .as_ref()
            .filter(|p| !arch.groups.contains(p.as_str()))
        {
            found.push((
                g.id.to_string(),
                format!("group `{}` is inside `{p}`, which is not a group", g.id),
            ));
        }
    }
    for n in arch.notes.iter() {
        if !arch.has_subject(n.target.id().as_str()) {
            found.push((
                n.id.to_string(),
                format!(
                    "note `{}` is pinned to `{}`, which does not exist",
                    n.id,
                    n.target.id()
                ),
            ));
        }
    }
    for f in &arch.flows {
        for (i, step) in f.steps.iter().enumerate() {
            if !arch.connections.contains(step.connection.as_str()) {
                found.push((
                    f.id.to_string(),
                    format!(
                        "step {} of flow `{}` follows `{}`, which is not a connection",
                        i + 1,
                        f.id,
                        step.connection
                    ),
                ));
            }
        }
    }
    let schema = |name: &str| arch.schema(name).is_some();
    for c in arch.components.iter() {
        for e in c.spec.endpoints() {
            for name in [&e.request, &e.response].into_iter().flatten() {
                if !schema(name.as_str()) {
                    found.push((
                        c.id.to_string(),
                        format!(
                            "`{} {}` of `{}` uses schema `{name}`, which is not defined",
                            e.method.label(),
                            e.path,
                            c.id
                        ),
                    ));
                }
            }
        }
        for t in c.spec.topics() {
            if let Some(name) = t.schema.as_ref().filter(|n| !schema(n.as_str())) {
                found.push((
                    c.id.to_string(),
                    format!(
                        "topic `{}` of `{}` uses schema `{name}`, which is not defined",
                        t.name, c.id
                    ),
                ));
            }
        }
    }
    let shapes = arch
        .schemas
        .iter()
        .chain(arch.components.iter().flat_map(|c| c.spec.entities()));
    for s in shapes {
        for field in &s.fields {
            let target = match (&field.ty, &field.references) {
                (_, Some(r)) => Some(r),
                (FieldType::Object(o), None) => Some(o),
                _ => None,
            };
            if let Some(t) = target.filter(|t| !schema(t.as_str())) {
                found.push((
                    s.name.to_string(),
                    format!(
                        "field `{}` of `{}` refers to `{t}`, which is not defined",
                        field.name, s.name
                    ),
                ));
            }
        }
    }
    let mut findings: Vec<DocFinding> = found
        .into_iter()
        .filter(|(subject, _)| !arch.rules.is_suppressed(DANGLING, subject))
        .map(|(subject, message)| DocFinding {
            severity,
            rule: DANGLING.to_owned(),
            message,
            subjects: vec![subject],
        })
        .collect();
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.cmp(b)));
    findings.dedup();
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Connection, ConnectionKind, Id, Kind, Level, Suppression};

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    fn model() -> Architecture {
        let mut arch = Architecture::new("t");
        arch.components
            .insert(Component::new(id("a"), "A", Kind::Service));
        arch.connections.insert(Connection::new(
            id("a-to-b"),
            id("a"),
            id("b"),
            ConnectionKind::DependsOn,
        ));
        arch
    }

    #[test]
    fn dangling_references_are_found() {
        let arch = model();
        let findings = current_findings(&arch);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings[0].subjects, ["a-to-b"]);
        assert!(
            findings[0].message.contains("`b`"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn levels_and_suppressions_apply() {
        let mut arch = model();
        arch.rules.levels.insert(DANGLING.into(), Level::Warning);
        assert_eq!(current_findings(&arch)[0].severity, Severity::Warning);
        arch.rules.suppress.push(Suppression {
            rule: DANGLING.into(),
            subject: id("a-to-b"),
            reason: "known".into(),
        });
        assert!(current_findings(&arch).is_empty());
        arch.rules.suppress.clear();
        arch.rules.levels.insert(DANGLING.into(), Level::Off);
        assert!(current_findings(&arch).is_empty());
    }

    #[test]
    fn the_example_shop_is_clean() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/shop.ron"))
                .unwrap();
        let arch = crate::file::parse(&text).unwrap();
        assert_eq!(current_findings(&arch), Vec::new());
    }
}
