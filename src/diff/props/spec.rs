//! A component's kind and the properties of that kind, with endpoints matched by method and
//! path, entities and topics by name.

use super::super::recorder::At;
use super::schema::schema;
use crate::model::{
    ApiSpec, CacheSpec, ClientSpec, DatabaseSpec, Endpoint, ExternalSpec, QueueSpec, ServiceSpec,
    Spec, StorageSpec, Topic, WorkerSpec,
};

/// The key of an endpoint in paths: its verb and path (`POST /orders`, `query products`).
pub(crate) fn endpoint_key(e: &Endpoint) -> String {
    format!("{} {}", e.method.label(), e.path)
}

/// Records what differs between two specs at `at` (the component's `kind`). A different kind
/// is one change of the whole `kind`: the properties of two kinds do not compare.
pub(crate) fn spec(at: &mut At<'_>, a: &Spec, b: &Spec) {
    match (a, b) {
        (Spec::Service(a), Spec::Service(b)) => service(at, a, b),
        (Spec::Api(a), Spec::Api(b)) => api(at, a, b),
        (Spec::Database(a), Spec::Database(b)) => database(at, a, b),
        (Spec::Queue(a), Spec::Queue(b)) => queue(at, a, b),
        (Spec::Cache(a), Spec::Cache(b)) => cache(at, a, b),
        (Spec::Worker(a), Spec::Worker(b)) => worker(at, a, b),
        (Spec::Client(a), Spec::Client(b)) => client(at, a, b),
        (Spec::External(a), Spec::External(b)) => external(at, a, b),
        (Spec::Storage(a), Spec::Storage(b)) => storage(at, a, b),
        _ => at.value(a, b),
    }
}

fn service(at: &mut At<'_>, a: &ServiceSpec, b: &ServiceSpec) {
    let ServiceSpec {
        language,
        framework,
        port,
        replicas,
        endpoints,
    } = a;
    at.prop("language", language, &b.language);
    at.prop("framework", framework, &b.framework);
    at.prop("port", port, &b.port);
    at.prop("replicas", replicas, &b.replicas);
    at.keyed("endpoints", endpoints, &b.endpoints, endpoint_key, endpoint);
}

fn api(at: &mut At<'_>, a: &ApiSpec, b: &ApiSpec) {
    let ApiSpec {
        style,
        public,
        auth,
        rate_limit,
        port,
        replicas,
        endpoints,
    } = a;
    at.prop("style", style, &b.style);
    at.prop("public", public, &b.public);
    at.prop("auth", auth, &b.auth);
    at.prop("rate_limit", rate_limit, &b.rate_limit);
    at.prop("port", port, &b.port);
    at.prop("replicas", replicas, &b.replicas);
    at.keyed("endpoints", endpoints, &b.endpoints, endpoint_key, endpoint);
}

fn endpoint(at: &mut At<'_>, a: &Endpoint, b: &Endpoint) {
    let Endpoint {
        method: _,
        path: _,
        summary,
        request,
        response,
        response_list,
        auth,
    } = a;
    at.prop("summary", summary, &b.summary);
    at.prop("request", request, &b.request);
    at.prop("response", response, &b.response);
    at.prop("response_list", response_list, &b.response_list);
    at.prop("auth", auth, &b.auth);
}

fn database(at: &mut At<'_>, a: &DatabaseSpec, b: &DatabaseSpec) {
    let DatabaseSpec {
        engine,
        port,
        replicas,
        entities,
    } = a;
    at.prop("engine", engine, &b.engine);
    at.prop("port", port, &b.port);
    at.prop("replicas", replicas, &b.replicas);
    at.keyed(
        "entities",
        entities,
        &b.entities,
        |e| e.name.to_string(),
        schema,
    );
}

fn queue(at: &mut At<'_>, a: &QueueSpec, b: &QueueSpec) {
    let QueueSpec {
        engine,
        port,
        replicas,
        topics,
    } = a;
    at.prop("engine", engine, &b.engine);
    at.prop("port", port, &b.port);
    at.prop("replicas", replicas, &b.replicas);
    at.keyed("topics", topics, &b.topics, |t| t.name.clone(), topic);
}

fn topic(at: &mut At<'_>, a: &Topic, b: &Topic) {
    let Topic {
        name: _,
        description,
        schema,
        partitions,
    } = a;
    at.prop("description", description, &b.description);
    at.prop("schema", schema, &b.schema);
    at.prop("partitions", partitions, &b.partitions);
}

fn cache(at: &mut At<'_>, a: &CacheSpec, b: &CacheSpec) {
    let CacheSpec {
        engine,
        ttl_seconds,
        port,
        replicas,
    } = a;
    at.prop("engine", engine, &b.engine);
    at.prop("ttl_seconds", ttl_seconds, &b.ttl_seconds);
    at.prop("port", port, &b.port);
    at.prop("replicas", replicas, &b.replicas);
}

fn worker(at: &mut At<'_>, a: &WorkerSpec, b: &WorkerSpec) {
    let WorkerSpec {
        language,
        trigger,
        port,
        replicas,
    } = a;
    at.prop("language", language, &b.language);
    at.prop("trigger", trigger, &b.trigger);
    at.prop("port", port, &b.port);
    at.prop("replicas", replicas, &b.replicas);
}

fn client(at: &mut At<'_>, a: &ClientSpec, b: &ClientSpec) {
    let ClientSpec {
        platform,
        technology,
    } = a;
    at.prop("platform", platform, &b.platform);
    at.prop("technology", technology, &b.technology);
}

fn external(at: &mut At<'_>, a: &ExternalSpec, b: &ExternalSpec) {
    let ExternalSpec {
        provider,
        url,
        docs,
    } = a;
    at.prop("provider", provider, &b.provider);
    at.prop("url", url, &b.url);
    at.prop("docs", docs, &b.docs);
}

fn storage(at: &mut At<'_>, a: &StorageSpec, b: &StorageSpec) {
    let StorageSpec {
        engine,
        port,
        buckets,
    } = a;
    at.prop("engine", engine, &b.engine);
    at.prop("port", port, &b.port);
    // A store's buckets have no order that means anything.
    let set = |list: &[String]| {
        list.iter()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>()
    };
    at.set("buckets", &set(buckets), &set(&b.buckets));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;
    use crate::model::{Auth, DbEngine, Field, FieldType, Kind, Method, Schema, Trigger};

    fn changes(a: &Spec, b: &Spec) -> Vec<(Op, String, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        spec(&mut At::root(&mut out).field("kind"), a, b);
        out.into_iter()
            .map(|c| (c.op, c.path, c.before, c.after))
            .collect()
    }

    fn paths(a: &Spec, b: &Spec) -> Vec<(Op, String)> {
        changes(a, b).into_iter().map(|c| (c.0, c.1)).collect()
    }

    fn endpoint(method: Method, path: &str) -> Endpoint {
        Endpoint {
            method,
            path: path.into(),
            ..Endpoint::default()
        }
    }

    #[test]
    fn a_property_change_names_the_property_and_both_values() {
        let a = Spec::Service(ServiceSpec {
            port: Some(8080),
            ..ServiceSpec::default()
        });
        let b = Spec::Service(ServiceSpec {
            port: Some(8081),
            replicas: 3,
            ..ServiceSpec::default()
        });
        assert_eq!(
            changes(&a, &b),
            [
                (
                    Op::Changed,
                    "kind.port".into(),
                    Some("8080".into()),
                    Some("8081".into())
                ),
                (
                    Op::Changed,
                    "kind.replicas".into(),
                    Some("1".into()),
                    Some("3".into())
                ),
            ]
        );
    }

    #[test]
    fn a_new_kind_replaces_the_whole_kind() {
        let a = Spec::default_for(Kind::Service);
        let b = Spec::default_for(Kind::Worker);
        assert_eq!(
            changes(&a, &b),
            [(
                Op::Changed,
                "kind".into(),
                Some("Service(language: Rust)".into()),
                Some("Worker(language: Rust, trigger: Queue)".into())
            )]
        );
    }

    #[test]
    fn endpoints_are_matched_by_method_and_path() {
        let orders = endpoint(Method::Post, "/orders");
        let list = endpoint(Method::Get, "/orders");
        let old = endpoint(Method::Delete, "/orders/{id}");
        let a = Spec::Api(ApiSpec {
            endpoints: vec![orders.clone(), list.clone(), old],
            ..ApiSpec::default()
        });
        let mut secured = orders;
        secured.auth = true;
        let new = endpoint(Method::Get, "/orders/{id}");
        let b = Spec::Api(ApiSpec {
            auth: Auth::Jwt,
            // Reordered, one changed, one removed, one added.
            endpoints: vec![new, secured, list],
            ..ApiSpec::default()
        });
        assert_eq!(
            paths(&a, &b),
            [
                (Op::Changed, "kind.auth".into()),
                (Op::Removed, "kind.endpoints[DELETE /orders/{id}]".into()),
                (Op::Added, "kind.endpoints[GET /orders/{id}]".into()),
                (Op::Changed, "kind.endpoints[POST /orders].auth".into()),
            ]
        );
        let c = changes(&a, &b);
        assert_eq!(c[3].2.as_deref(), Some("false"));
        assert_eq!(c[3].3.as_deref(), Some("true"));
        assert_eq!(
            c[2].3.as_deref(),
            Some(r#"(method: Get, path: "/orders/{id}")"#)
        );
    }

    #[test]
    fn reordered_endpoints_are_no_change() {
        let e1 = endpoint(Method::Get, "/a");
        let e2 = endpoint(Method::Get, "/b");
        let a = Spec::Service(ServiceSpec {
            endpoints: vec![e1.clone(), e2.clone()],
            ..ServiceSpec::default()
        });
        let b = Spec::Service(ServiceSpec {
            endpoints: vec![e2, e1],
            ..ServiceSpec::default()
        });
        assert!(changes(&a, &b).is_empty());
    }

    #[test]
    fn entities_and_their_fields_by_name() {
        let mut order = Schema::new(id!("order"));
        order.fields = vec![
            Field::new("id", FieldType::Uuid),
            Field::new("status", FieldType::String),
        ];
        let a = Spec::Database(DatabaseSpec {
            entities: vec![order.clone()],
            ..DatabaseSpec::default()
        });
        let mut changed = order;
        changed.fields.reverse(); // order of fields is no change
        changed.fields[0].nullable = true; // status
        changed.fields.push(Field::new("total", FieldType::Decimal));
        let b = Spec::Database(DatabaseSpec {
            engine: DbEngine::Mysql,
            entities: vec![changed, Schema::new(id!("customer"))],
            ..DatabaseSpec::default()
        });
        assert_eq!(
            paths(&a, &b),
            [
                (Op::Changed, "kind.engine".into()),
                (Op::Added, "kind.entities[customer]".into()),
                (
                    Op::Changed,
                    "kind.entities[order].fields[status].nullable".into()
                ),
                (Op::Added, "kind.entities[order].fields[total]".into()),
            ]
        );
    }

    #[test]
    fn topics_by_name() {
        let t = |name: &str, partitions| Topic {
            name: name.into(),
            partitions,
            ..Topic::default()
        };
        let a = Spec::Queue(QueueSpec {
            topics: vec![t("orders.created", Some(6)), t("gone", None)],
            ..QueueSpec::default()
        });
        let b = Spec::Queue(QueueSpec {
            topics: vec![t("orders.created", Some(12))],
            ..QueueSpec::default()
        });
        assert_eq!(
            changes(&a, &b),
            [
                (
                    Op::Removed,
                    "kind.topics[gone]".into(),
                    Some(r#"(name: "gone")"#.into()),
                    None
                ),
                (
                    Op::Changed,
                    "kind.topics[orders.created].partitions".into(),
                    Some("6".into()),
                    Some("12".into())
                ),
            ]
        );
    }

    #[test]
    fn every_other_kind_compares_its_properties() {
        let worker = |trigger| {
            Spec::Worker(WorkerSpec {
                trigger,
                ..WorkerSpec::default()
            })
        };
        assert_eq!(
            paths(
                &worker(Trigger::Queue),
                &worker(Trigger::Schedule("0 * * * *".into()))
            ),
            [(Op::Changed, "kind.trigger".into())]
        );
        let cache = |ttl| {
            Spec::Cache(CacheSpec {
                ttl_seconds: ttl,
                ..CacheSpec::default()
            })
        };
        assert_eq!(
            paths(&cache(None), &cache(Some(60))),
            [(Op::Changed, "kind.ttl_seconds".into())]
        );
        let client = |technology: &str| {
            Spec::Client(ClientSpec {
                technology: technology.into(),
                ..ClientSpec::default()
            })
        };
        assert_eq!(
            paths(&client("React"), &client("Svelte")),
            [(Op::Changed, "kind.technology".into())]
        );
        let external = |url: &str| {
            Spec::External(ExternalSpec {
                url: url.into(),
                ..ExternalSpec::default()
            })
        };
        assert_eq!(
            paths(&external("https://a"), &external("https://b")),
            [(Op::Changed, "kind.url".into())]
        );
        let storage = |buckets: &[&str]| {
            Spec::Storage(StorageSpec {
                buckets: buckets.iter().map(|b| (*b).to_owned()).collect(),
                ..StorageSpec::default()
            })
        };
        assert_eq!(
            changes(&storage(&["a", "b"]), &storage(&["b", "a", "c"])),
            [(
                Op::Added,
                "kind.buckets".into(),
                None,
                Some(r#""c""#.into())
            )]
        );
    }
}
