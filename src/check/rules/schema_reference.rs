//! `schema-reference` (error): an endpoint, topic or field that refers to an entity or schema
//! that does not exist.
//!
//! Why it matters: schemas are what code export turns into request and response types,
//! message classes, SQL tables and foreign keys. A name that resolves to nothing produces code
//! that does not compile (or an OpenAPI document with a broken `$ref`), and a topic name on a
//! connection that the queue does not declare means producer and consumer will never meet.
//!
//! How to fix: define the schema under `schemas` (or the entity in its database), or correct
//! the name; declare the topic on the queue, or correct the connection's topic.
//!
//! Checked: endpoint `request` and `response` (services and APIs), topic `schema`, fields of
//! type `Object(name)` and field `references` (which must name a database entity: a foreign
//! key points at a table), in shared schemas and database entities alike; and the topic named
//! on each publish or consume connection to a queue. A name defined more than once (a shared
//! schema and an entity, or entities in two databases) is reported once when something refers
//! to it, since the reference is ambiguous.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::check::{Context, Rule, Sink};
use crate::model::{Component, Field, FieldType, Id, Kind, Schema, Severity, Spec};

use super::list;

pub(crate) const RULE: Rule = Rule {
    id: "schema-reference",
    default_severity: Severity::Error,
    summary: "an endpoint, topic or field that refers to an entity or schema that does not \
              exist",
    help: "define the schema under `schemas` (or the entity in its database), or correct the \
           name; declare a connection's topic on its queue",
    run,
};

/// Where a schema name is defined.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Definition<'a> {
    /// Under the model's `schemas`.
    Shared,
    /// An entity of this database.
    Entity(&'a Id),
}

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut defs: FxHashMap<&str, Vec<Definition<'_>>> = FxHashMap::default();
    for s in cx.arch.schemas.iter() {
        defs.entry(s.name.as_str())
            .or_default()
            .push(Definition::Shared);
    }
    // Only databases have entities, and only services, APIs, queues and databases refer to
    // schemas: the kinds are tested in the index, so other components are never read.
    let index = cx.index();
    let of_kind = |kinds: &'static [Kind]| {
        index
            .components
            .iter()
            .zip(&index.kinds)
            .filter(move |(_, kind)| kinds.contains(kind))
            .map(|(c, _)| *c)
    };
    for c in of_kind(&[Kind::Database]) {
        for e in c.spec.entities() {
            defs.entry(e.name.as_str())
                .or_default()
                .push(Definition::Entity(&c.id));
        }
    }
    let mut checker = Checker {
        defs,
        used: BTreeMap::new(),
        sink,
    };
    for c in of_kind(&[Kind::Service, Kind::Api, Kind::Queue, Kind::Database]) {
        checker.component(c);
    }
    for s in cx.arch.schemas.iter() {
        checker.fields(s, &|| format!("schema `{}`", s.name), None);
    }
    checker.ambiguous();
    topics_on_connections(cx, checker.sink);
}

struct Checker<'a, 's, 'r> {
    defs: FxHashMap<&'a str, Vec<Definition<'a>>>,
    /// Names referred to, for the ambiguity check.
    used: BTreeMap<&'a str, ()>,
    sink: &'s mut Sink<'r>,
}

impl<'a> Checker<'a, '_, '_> {
    /// Checks that `name` (referred to by `what`) exists; `entity` asks for a database entity.
    ///
    /// `what` is only called for a reference that does not resolve: almost all do, and the
    /// text would be thrown away.
    fn resolve(
        &mut self,
        name: &'a Id,
        what: impl FnOnce() -> String,
        subject: Option<&Id>,
        entity: bool,
    ) {
        let found = self.defs.get(name.as_str());
        let problem = match found {
            None => "neither a shared schema nor a database entity",
            Some(list) if entity && !list.iter().any(|d| matches!(d, Definition::Entity(_))) => {
                "a shared schema, not a database entity"
            }
            Some(_) => {
                self.used.insert(name.as_str(), ());
                return;
            }
        };
        self.sink.report(
            subject.into_iter().cloned().collect(),
            format!("{} `{name}`, which is {problem}", what()),
        );
    }

    fn component(&mut self, c: &'a Component) {
        let subject = Some(&c.id);
        let kind = super::kind_word(c);
        for e in c.spec.endpoints() {
            let endpoint = || {
                format!(
                    "endpoint {} {} of {kind} `{}`",
                    e.method.label(),
                    e.path,
                    c.id
                )
            };
            if let Some(r) = &e.request {
                self.resolve(
                    r,
                    || format!("{} takes request", endpoint()),
                    subject,
                    false,
                );
            }
            if let Some(r) = &e.response {
                self.resolve(
                    r,
                    || format!("{} returns response", endpoint()),
                    subject,
                    false,
                );
            }
        }
        for t in c.spec.topics() {
            if let Some(s) = &t.schema {
                let what = || format!("topic `{}` of queue `{}` carries schema", t.name, c.id);
                self.resolve(s, what, subject, false);
            }
        }
        if let Spec::Database(db) = &c.spec {
            for e in &db.entities {
                let owner = || format!("entity `{}` of database `{}`", e.name, c.id);
                self.fields(e, &owner, subject);
            }
        }
    }

    fn fields(&mut self, schema: &'a Schema, owner: &dyn Fn() -> String, subject: Option<&Id>) {
        for f in &schema.fields {
            self.field(f, owner, subject);
        }
    }

    fn field(&mut self, f: &'a Field, owner: &dyn Fn() -> String, subject: Option<&Id>) {
        if let FieldType::Object(name) = &f.ty {
            let what = || format!("field `{}` of {} is an object of", f.name, owner());
            self.resolve(name, what, subject, false);
        }
        if let Some(name) = &f.references {
            let what = || format!("field `{}` of {} references", f.name, owner());
            self.resolve(name, what, subject, true);
        }
    }

    /// Reports each name that is referred to and defined more than once.
    fn ambiguous(&mut self) {
        for name in self.used.keys() {
            let Some(defs) = self.defs.get(name) else {
                continue;
            };
            if defs.len() < 2 {
                continue;
            }
            let mut defs = defs.clone();
            defs.sort_unstable();
            let places: Vec<String> = defs
                .iter()
                .map(|d| match d {
                    Definition::Shared => "a shared schema".to_owned(),
                    Definition::Entity(db) => format!("an entity of `{db}`"),
                })
                .collect();
            let subjects: Vec<Id> = defs
                .iter()
                .filter_map(|d| match d {
                    Definition::Entity(db) => Some((*db).clone()),
                    Definition::Shared => None,
                })
                .collect();
            self.sink.report_with_hint(
                subjects,
                format!(
                    "schema name `{name}` is defined {} times ({}), so references to it are \
                     ambiguous",
                    defs.len(),
                    super::sentence(places)
                ),
                "rename all but one of the definitions, and point each reference at the one \
                 it means"
                    .to_owned(),
            );
        }
    }
}

/// Topics named on publish and consume connections must be declared by the queue.
fn topics_on_connections(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for (c, from, to) in cx.index().edges() {
        if cx.index().kind(to) != Some(Kind::Queue) {
            continue; // invalid-connection, or no topic to check
        }
        let Some(topic) = c.kind.topic().filter(|t| !t.is_empty()) else {
            continue;
        };
        let (Some(source), Some(queue)) = (cx.index().component(from), cx.index().component(to))
        else {
            continue;
        };
        if queue.kind() != Kind::Queue {
            continue; // invalid-connection
        }
        let declared = queue.spec.topics();
        if declared.iter().any(|t| t.name == topic) {
            continue;
        }
        let known = if declared.is_empty() {
            "it declares no topics".to_owned()
        } else {
            format!(
                "it declares {}",
                list(declared.iter().map(|t| t.name.as_str()))
            )
        };
        sink.report_with_hint(
            vec![c.id.clone(), source.id.clone(), queue.id.clone()],
            format!(
                "connection `{}` {} topic `{topic}` of queue `{}`, which the queue does not \
                 declare ({known})",
                c.id,
                c.ty().label(),
                queue.id
            ),
            "declare the topic on the queue, or correct the topic on the connection".to_owned(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::id;
    use crate::model::{
        ConnectionKind, Endpoint, Field, FieldType, Kind, Method, Schema, Spec, Topic,
    };

    fn shop() -> crate::check::testing::Builder {
        model()
            .services(&["orders"])
            .add("db", Kind::Database)
            .add("events", Kind::Queue)
            .edit(|a| {
                let mut s = Schema::new(id!("create-order"));
                s.fields
                    .push(Field::new("line", FieldType::Object(id!("line"))));
                a.schemas.insert(s);
                a.schemas.insert(Schema::new(id!("line")));
            })
            .with("db", |c| {
                if let Spec::Database(d) = &mut c.spec {
                    let mut order = Schema::new(id!("order"));
                    let mut user = Field::new("user_id", FieldType::Uuid);
                    user.references = Some(id!("user"));
                    order.fields.push(user);
                    d.entities.push(order);
                    d.entities.push(Schema::new(id!("user")));
                }
            })
            .with("events", |c| {
                if let Spec::Queue(q) = &mut c.spec {
                    q.topics.push(Topic {
                        name: "orders.created".into(),
                        schema: Some(id!("order")),
                        ..Topic::default()
                    });
                }
            })
            .with("orders", |c| {
                if let Spec::Service(s) = &mut c.spec {
                    s.endpoints.push(Endpoint {
                        method: Method::Post,
                        path: "/orders".into(),
                        request: Some(id!("create-order")),
                        response: Some(id!("order")),
                        ..Endpoint::default()
                    });
                }
            })
            .connect(
                "orders",
                "events",
                ConnectionKind::Publishes {
                    topic: "orders.created".into(),
                },
            )
    }

    #[test]
    fn resolved_names_pass() {
        assert!(findings(&shop().build(), "schema-reference").is_empty());
    }

    #[test]
    fn every_kind_of_reference_is_checked() {
        let arch = shop()
            .with("orders", |c| {
                if let Spec::Service(s) = &mut c.spec {
                    s.endpoints[0].request = Some(id!("create-ordr"));
                    s.endpoints[0].response = Some(id!("line"));
                }
            })
            .with("events", |c| {
                if let Spec::Queue(q) = &mut c.spec {
                    q.topics[0].schema = Some(id!("gone"));
                }
            })
            .with("db", |c| {
                if let Spec::Database(d) = &mut c.spec {
                    d.entities[0].fields[0].references = Some(id!("line"));
                }
            })
            .edit(|a| {
                if let Some(s) = a.schemas.get_mut("create-order") {
                    s.fields[0].ty = FieldType::Object(id!("nowhere"));
                }
            })
            .connect(
                "orders",
                "events",
                ConnectionKind::Publishes {
                    topic: "orders.deleted".into(),
                },
            )
            .build();
        let mut messages: Vec<String> = findings(&arch, "schema-reference")
            .into_iter()
            .map(|f| f.message)
            .collect();
        messages.sort();
        assert_eq!(
            messages,
            [
                "connection `orders-to-events-2` publishes to topic `orders.deleted` of queue \
                 `events`, which the queue does not declare (it declares `orders.created`)",
                "endpoint POST /orders of service `orders` takes request `create-ordr`, which \
                 is neither a shared schema nor a database entity",
                "field `line` of schema `create-order` is an object of `nowhere`, which is \
                 neither a shared schema nor a database entity",
                "field `user_id` of entity `order` of database `db` references `line`, which \
                 is a shared schema, not a database entity",
                "topic `orders.created` of queue `events` carries schema `gone`, which is \
                 neither a shared schema nor a database entity",
            ]
        );
    }

    #[test]
    fn a_referenced_name_defined_twice_is_ambiguous() {
        let arch = shop()
            .edit(|a| {
                a.schemas.insert(Schema::new(id!("order")));
            })
            .build();
        let found = findings(&arch, "schema-reference");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "schema name `order` is defined 2 times (a shared schema and an entity of `db`), \
             so references to it are ambiguous"
        );
    }
}
