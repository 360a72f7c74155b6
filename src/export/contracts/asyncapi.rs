//! AsyncAPI 3.0 documents: one per queue, with its topics as channels, the message schemas,
//! and one operation per component that publishes to or consumes from each topic.

use std::collections::BTreeSet;

use super::super::escape::plain_text;
use super::super::index::Index;
use super::super::json_schema::{SchemaNames, object};
use super::super::names::{Case, Lang, Scope, ident};
use super::super::project::closure;
use super::super::yaml::{Value, map, put, s, to_yaml};
use crate::model::{Component, ConnectionKind, Id, QueueEngine, Spec};

fn protocol(engine: QueueEngine) -> &'static str {
    match engine {
        QueueEngine::Kafka => "kafka",
        QueueEngine::Rabbitmq => "amqp",
        QueueEngine::Sqs => "sqs",
        QueueEngine::Nats => "nats",
        QueueEngine::RedisStreams => "redis",
    }
}

/// The AsyncAPI document of one queue, as YAML.
pub fn asyncapi(index: &Index<'_>, queue: &Component) -> String {
    let Spec::Queue(spec) = &queue.spec else {
        return String::new();
    };
    // Topics: the declared ones, plus any a connection names that the queue does not list.
    let mut topics: Vec<(String, String, Option<Id>)> = spec
        .topics
        .iter()
        .map(|t| (t.name.clone(), t.description.clone(), t.schema.clone()))
        .collect();
    let mut uses: Vec<(bool, &Id, String)> = Vec::new();
    for conn in index.to(queue.id.as_str()) {
        let (send, topic) = match &conn.kind {
            ConnectionKind::Publishes { topic } => (true, topic),
            ConnectionKind::Consumes { topic } => (false, topic),
            _ => continue,
        };
        let name = if topic.is_empty() {
            queue.id.to_string()
        } else {
            topic.clone()
        };
        if !topics.iter().any(|(t, _, _)| *t == name) {
            topics.push((name.clone(), String::new(), None));
        }
        uses.push((send, &conn.from, name));
    }
    let wanted: BTreeSet<Id> = topics.iter().filter_map(|(_, _, s)| s.clone()).collect();
    let schemas = closure(index, wanted);
    let names = SchemaNames::new(&schemas, &[]);

    let mut info = map([
        ("title", s(plain_text(&queue.name))),
        ("version", s("0.1.0")),
    ]);
    let description = plain_text(&queue.description);
    if !description.is_empty() {
        put(&mut info, "description", s(description));
    }
    let port = queue.spec.port().unwrap_or(0);
    let mut root = map([
        ("asyncapi", s("3.0.0")),
        ("info", info),
        (
            "servers",
            map([(
                "broker",
                map([
                    ("host", s(format!("{}:{port}", queue.id))),
                    ("protocol", s(protocol(spec.engine))),
                ]),
            )]),
        ),
    ]);
    let mut channel_ids = Scope::new();
    let mut channels = Vec::new();
    let mut messages = Vec::new();
    let mut channel_of = Vec::new();
    for (name, description, schema) in &topics {
        let id = channel_ids.claim(ident(Lang::TypeScript, name, Case::Camel), Case::Camel);
        let message_id = format!("{id}Message");
        let mut channel = map([
            ("address", s(name.clone())),
            (
                "messages",
                map([(
                    message_id.clone(),
                    map([("$ref", s(format!("#/components/messages/{message_id}")))]),
                )]),
            ),
        ]);
        let d = plain_text(description);
        if !d.is_empty() {
            put(&mut channel, "description", s(d));
        }
        channels.push((id.clone(), channel));
        let payload = match schema {
            Some(sc) => names.reference(sc.as_str()),
            None => map([("type", s("object"))]),
        };
        messages.push((
            message_id,
            map([
                ("name", s(name.clone())),
                ("contentType", s("application/json")),
                ("payload", payload),
            ]),
        ));
        channel_of.push((name.clone(), id));
    }
    let mut op_ids = Scope::new();
    let mut operations = Vec::new();
    uses.sort();
    uses.dedup();
    for (send, from, topic) in &uses {
        let Some((_, channel)) = channel_of.iter().find(|(t, _)| t == topic) else {
            continue;
        };
        let verb = if *send { "sends" } else { "receives" };
        let id = op_ids.claim(
            ident(
                Lang::TypeScript,
                &format!("{from} {verb} {topic}"),
                Case::Camel,
            ),
            Case::Camel,
        );
        operations.push((
            id,
            map([
                ("action", s(if *send { "send" } else { "receive" })),
                (
                    "channel",
                    map([("$ref", s(format!("#/channels/{channel}")))]),
                ),
                ("summary", s(format!("{from} {verb} {}", plain_text(topic)))),
            ]),
        ));
    }
    put(&mut root, "channels", map(channels));
    if !operations.is_empty() {
        put(&mut root, "operations", map(operations));
    }
    let schemas: Vec<(String, Value)> = schemas
        .iter()
        .filter_map(|sc| Some((names.get(sc.name.as_str())?.to_owned(), object(sc, &names))))
        .collect();
    let mut components = map([("messages", map(messages))]);
    if !schemas.is_empty() {
        put(&mut components, "schemas", map(schemas));
    }
    put(&mut root, "components", components);
    to_yaml(
        &root,
        &["Generated by ArchCanvas from the model; edit the model, not this file."],
    )
}
