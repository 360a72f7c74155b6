//! Every free-text property value of a model, with where it sits.
//!
//! One walk, so a rule that reads text (`secret-in-model`) cannot forget a field: names,
//! descriptions, owners, tags, URLs, labels, summaries, narrations, note texts, cron
//! schedules, bucket names, reasons. Ids, enum values, numbers and field *names* are not free
//! text (field names like `password_hash` describe data, they do not hold it) and are left
//! out.

use crate::model::{Architecture, Component, Connection, Id, Schema, Spec, Trigger};

use super::warm::{first_byte, in_batches};

/// What a piece of text belongs to.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Owner<'a> {
    /// The model itself (its name and description).
    Model,
    /// A component.
    Component(&'a Component),
    /// A connection.
    Connection(&'a Connection),
    /// A group.
    Group(&'a Id),
    /// A shared schema.
    Schema(&'a Id),
    /// A view.
    View(&'a Id),
    /// A flow.
    Flow(&'a Id),
    /// A note.
    Note(&'a Id),
    /// The rule settings.
    Rules,
}

/// Where a piece of text sits: "the summary of endpoint `/orders` of service `orders`".
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place<'a> {
    /// Its owner.
    pub owner: Owner<'a>,
    /// The property ("description", "summary of endpoint").
    pub property: &'static str,
    /// What inside the owner, when the property belongs to a part of it (a path, a name).
    pub detail: Option<&'a str>,
}

impl Place<'_> {
    /// The place in words.
    pub fn describe(&self) -> String {
        let owner = match self.owner {
            Owner::Model => "the model".to_owned(),
            Owner::Component(c) => format!("{} `{}`", super::rules::kind_word(c), c.id),
            Owner::Connection(c) => format!("connection `{}`", c.id),
            Owner::Group(id) => format!("group `{id}`"),
            Owner::Schema(id) => format!("schema `{id}`"),
            Owner::View(id) => format!("view `{id}`"),
            Owner::Flow(id) => format!("flow `{id}`"),
            Owner::Note(id) => format!("note `{id}`"),
            Owner::Rules => "the rules section".to_owned(),
        };
        match self.detail {
            Some(detail) => format!("the {} `{detail}` of {owner}", self.property),
            None => format!("the {} of {owner}", self.property),
        }
    }

    /// The component or connection it belongs to, if any.
    pub fn subject(&self) -> Option<&Id> {
        match self.owner {
            Owner::Component(c) => Some(&c.id),
            Owner::Connection(c) => Some(&c.id),
            _ => None,
        }
    }
}

/// Calls `visit` with every non-empty free-text value of `arch` and its place.
pub(crate) fn for_each_text<'a>(arch: &'a Architecture, mut visit: impl FnMut(Place<'a>, &'a str)) {
    let mut emit =
        |owner: Owner<'a>, property: &'static str, detail: Option<&'a str>, text: &'a str| {
            if !text.is_empty() {
                visit(
                    Place {
                        owner,
                        property,
                        detail,
                    },
                    text,
                );
            }
        };
    emit(Owner::Model, "name", None, &arch.name);
    emit(Owner::Model, "description", None, &arch.description);
    // Components and connections are many, and each sits somewhere else in memory: their
    // texts are read ahead a batch at a time.
    let touch_component =
        |c: &Component| first_byte(&c.name) ^ first_byte(&c.description) ^ c.kind() as u8;
    in_batches(arch.components.iter(), touch_component, |c| {
        let o = Owner::Component(c);
        emit(o, "name", None, &c.name);
        emit(o, "description", None, &c.description);
        emit(o, "owner", None, &c.owner);
        for tag in &c.tags {
            emit(o, "tags", None, tag);
        }
        for e in c.spec.endpoints() {
            emit(o, "path of endpoint", None, &e.path);
            emit(o, "summary of endpoint", Some(&e.path), &e.summary);
        }
        match &c.spec {
            Spec::Service(s) => emit(o, "framework", None, &s.framework),
            Spec::Worker(w) => {
                if let Trigger::Schedule(cron) = &w.trigger {
                    emit(o, "schedule", None, cron);
                }
            }
            Spec::Client(s) => emit(o, "technology", None, &s.technology),
            Spec::External(s) => {
                emit(o, "provider", None, &s.provider);
                emit(o, "URL", None, &s.url);
                emit(o, "documentation link", None, &s.docs);
            }
            Spec::Storage(s) => {
                for bucket in &s.buckets {
                    emit(o, "buckets", None, bucket);
                }
            }
            Spec::Queue(q) => {
                for t in &q.topics {
                    emit(o, "topic name", None, &t.name);
                    emit(o, "description of topic", Some(&t.name), &t.description);
                }
            }
            Spec::Database(d) => {
                for e in &d.entities {
                    schema_texts(o, e, &mut emit);
                }
            }
            Spec::Api(_) | Spec::Cache(_) => {}
        }
    });
    let touch_connection = |c: &Connection| first_byte(&c.label) ^ first_byte(&c.description);
    in_batches(arch.connections.iter(), touch_connection, |c| {
        let o = Owner::Connection(c);
        emit(o, "label", None, &c.label);
        emit(o, "description", None, &c.description);
        if let Some(topic) = c.kind.topic() {
            emit(o, "topic", None, topic);
        }
    });
    for g in arch.groups.iter() {
        let o = Owner::Group(&g.id);
        emit(o, "name", None, &g.name);
        emit(o, "description", None, &g.description);
    }
    for s in arch.schemas.iter() {
        schema_texts(Owner::Schema(&s.name), s, &mut emit);
    }
    for v in &arch.views {
        let o = Owner::View(&v.id);
        emit(o, "name", None, &v.name);
        emit(o, "description", None, &v.description);
        for tag in &v.filter.tags {
            emit(o, "tag filter", None, tag);
        }
    }
    for f in &arch.flows {
        let o = Owner::Flow(&f.id);
        emit(o, "name", None, &f.name);
        emit(o, "description", None, &f.description);
        for step in &f.steps {
            emit(
                o,
                "narration of step on",
                Some(step.connection.as_str()),
                &step.narration,
            );
            if let Some(branch) = &step.branch {
                emit(
                    o,
                    "branch of step on",
                    Some(step.connection.as_str()),
                    branch,
                );
            }
        }
    }
    for n in arch.notes.iter() {
        let o = Owner::Note(&n.id);
        emit(o, "author", None, &n.author);
        emit(o, "text", None, &n.text);
    }
    for s in &arch.rules.suppress {
        emit(
            Owner::Rules,
            "reason of the suppression on",
            Some(s.subject.as_str()),
            &s.reason,
        );
    }
}

fn schema_texts<'a>(
    owner: Owner<'a>,
    schema: &'a Schema,
    emit: &mut impl FnMut(Owner<'a>, &'static str, Option<&'a str>, &'a str),
) {
    emit(
        owner,
        "description of schema",
        Some(schema.name.as_str()),
        &schema.description,
    );
    for f in &schema.fields {
        emit(owner, "description of field", Some(&f.name), &f.description);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_the_shop_without_field_names() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/shop.ron"))
                .unwrap();
        let arch = crate::file::parse(&text).unwrap();
        let mut places = Vec::new();
        for_each_text(&arch, |place, text| places.push((place.describe(), text)));
        let has = |place: &str, text: &str| places.iter().any(|(p, t)| p == place && *t == text);
        assert!(has("the name of the model", "Shop"));
        assert!(has(
            "the URL of external system `stripe`",
            "https://api.stripe.com"
        ));
        assert!(has(
            "the label of connection `web-to-gateway`",
            "HTTPS + JSON"
        ));
        assert!(has(
            "the description of field `password_hash` of database `users-db`",
            "Argon2id hash; never returned by the API."
        ));
        assert!(has(
            "the summary of endpoint `/sessions` of API `gateway`",
            "Log in and get a token"
        ));
        assert!(has(
            "the text of note `stripe-webhooks`",
            "Stripe also reports late outcomes by webhook; do we need a public webhook endpoint?"
        ));
        // Field names are data shapes, not values.
        assert!(!places.iter().any(|(_, t)| *t == "password_hash"));
    }
}
