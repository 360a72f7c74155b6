//! The plan: folder shape, selections, languages, one component's files.

use std::collections::BTreeSet;

use archcanvas::export::{self, Artifact, ExportOptions, RelPath};
use archcanvas::model::Language;

use super::load;

fn paths(plan: &export::Plan) -> Vec<String> {
    plan.files().map(|f| f.path.to_string()).collect()
}

#[test]
fn shop_has_the_documented_folder_shape() {
    let arch = load("examples/shop.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let paths = paths(&plan);
    for expected in [
        "README.md",
        "docker-compose.yml",
        "api/gateway.openapi.yaml",
        "api/orders.openapi.yaml",
        "sql/orders-db.sql",
        "asyncapi/events.yaml",
        "k8s/orders.yaml",
        "k8s/gateway.ingress.yaml",
        ".github/workflows/orders.yml",
        // each service in its own language
        "services/orders/Cargo.toml",
        "services/orders/src/routes.rs",
        "services/orders/tests/health.rs",
        "services/catalog/go.mod",
        "services/catalog/internal/handlers/health_test.go",
        "services/payments/app/main.py",
        "services/payments/tests/test_health.py",
        "services/users/package.json",
        "services/users/test/health.test.ts",
        "services/email-worker/src/events.ts",
    ] {
        assert!(paths.iter().any(|p| p == expected), "missing {expected}");
    }
    // Every path is a checked relative path.
    for p in &paths {
        assert!(RelPath::new(p).is_ok(), "{p}");
    }
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn only_selects_artifacts_and_lang_overrides_languages() {
    let arch = load("examples/shop.ron");
    let options = ExportOptions {
        only: BTreeSet::from([Artifact::Sql, Artifact::Compose]),
        language: None,
    };
    let plan = export::plan(&arch, &options).unwrap();
    let paths = paths(&plan);
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("sql/") || p == "docker-compose.yml" || p == "README.md"),
        "{paths:?}"
    );
    assert!(paths.iter().any(|p| p.starts_with("sql/")));

    let go = ExportOptions {
        only: BTreeSet::from([Artifact::Services]),
        language: Some(Language::Go),
    };
    let plan = export::plan(&arch, &go).unwrap();
    for id in [
        "orders",
        "catalog",
        "payments",
        "users",
        "gateway",
        "email-worker",
    ] {
        assert!(plan.get(&format!("services/{id}/go.mod")).is_some(), "{id}");
        assert!(
            plan.get(&format!("services/{id}/Cargo.toml")).is_none(),
            "{id}"
        );
    }
}

#[test]
fn one_component_s_files_for_the_code_panel() {
    let arch = load("examples/shop.ron");
    let files = export::plan_component(&arch, "orders", &ExportOptions::default()).unwrap();
    assert!(!files.is_empty());
    assert!(
        files
            .iter()
            .all(|f| f.component.as_ref().is_some_and(|c| c.as_str() == "orders"))
    );
    let paths: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"services/orders/src/services.rs"));
    assert!(paths.contains(&"api/orders.openapi.yaml"));
    assert!(paths.contains(&"k8s/orders.yaml"));
    let db = export::plan_component(&arch, "orders-db", &ExportOptions::default()).unwrap();
    assert!(db.iter().any(|f| f.path.as_str() == "sql/orders-db.sql"));
}

#[test]
fn plans_are_deterministic() {
    let arch = load("tests/fixtures/export/features.ron");
    let a = export::plan(&arch, &ExportOptions::default()).unwrap();
    let b = export::plan(&arch, &ExportOptions::default()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_wiring_in_compose_k8s_and_code_agrees() {
    let arch = load("examples/shop.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let compose = &plan.get("docker-compose.yml").unwrap().contents;
    let k8s = &plan.get("k8s/orders.yaml").unwrap().contents;
    let config = &plan.get("services/orders/src/config.rs").unwrap().contents;
    for var in [
        "PORT",
        "CATALOG_URL",
        "PAYMENTS_URL",
        "ORDERS_DB_URL",
        "EVENTS_URL",
    ] {
        assert!(compose.contains(&format!("{var}:")), "compose lacks {var}");
        assert!(k8s.contains(&format!("{var}:")), "k8s lacks {var}");
        assert!(config.contains(&format!("\"{var}\"")), "code lacks {var}");
    }
    assert!(
        compose.contains("CATALOG_URL: \"http://catalog:8081\""),
        "{compose}"
    );
    assert!(
        k8s.contains("CATALOG_URL: \"http://catalog:8081\""),
        "{k8s}"
    );
    // Trust zones become networks; the gateway reaches into the private zone.
    assert!(
        compose.contains("networks:\n  edge: {}\n  internal: {}"),
        "{compose}"
    );
}

#[test]
fn the_gateway_forwards_and_orders_calls_payments() {
    let arch = load("examples/shop.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let gateway = &plan
        .get("services/gateway/src/services.rs")
        .unwrap()
        .contents;
    assert!(
        gateway.contains("self.orders.post_orders(ctx, &body).await?"),
        "{gateway}"
    );
    let orders = &plan
        .get("services/orders/src/services.rs")
        .unwrap()
        .contents;
    assert!(orders.contains("self.payments.post_payments("), "{orders}");
    assert!(orders.contains(".publish(ctx,"), "{orders}");
}

/// The resolvers of a project: `(root, field)` of each GraphQL operation, in order.
fn resolvers(p: &export::project::Project) -> Vec<(String, String)> {
    p.operations
        .iter()
        .filter_map(|o| o.graphql_field())
        .map(|(root, field)| (root.to_owned(), field.to_owned()))
        .collect()
}

fn projects_of(
    arch: &archcanvas::model::Architecture,
) -> (Vec<export::project::Project>, Vec<String>) {
    export::project::projects(&export::Index::new(arch), None)
}

#[test]
fn a_graphql_gateway_serves_its_queries_and_mutations() {
    let arch = load("examples/newsfeed.ron");
    let (projects, warnings) = projects_of(&arch);
    let gateway = projects
        .iter()
        .find(|p| p.id.as_str() == "graphql-api")
        .unwrap();
    let graphql = gateway.graphql.as_ref().expect("serves its GraphQL API");
    assert_eq!(graphql.api.as_str(), "graphql-api");
    // The SDL it serves is the contract, byte for byte.
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    assert_eq!(
        plan.get("api/graphql-api.graphql").unwrap().contents,
        graphql.sdl
    );
    // One resolver per query, mutation and subscription.
    let served = resolvers(gateway);
    assert_eq!(
        served.len(),
        gateway.operations.len(),
        "no HTTP routes besides"
    );
    assert_eq!(served.iter().filter(|(r, _)| r == "Query").count(), 4);
    assert_eq!(served.iter().filter(|(r, _)| r == "Mutation").count(), 8);
    assert_eq!(
        served.iter().filter(|(r, _)| r == "Subscription").count(),
        1
    );
    assert!(served.contains(&("Query".to_owned(), "homeTimeline".to_owned())));
    assert!(
        !warnings.iter().any(|w| w.contains("contract only")),
        "{warnings:#?}"
    );
    assert!(
        !warnings
            .iter()
            .any(|w| w.starts_with("graphql-api:") && w.contains("query"))
    );
    // Auth as the model says, per field.
    let auth = |field: &str| {
        gateway
            .operations
            .iter()
            .find(|o| o.graphql_field().is_some_and(|(_, f)| f == field))
            .map(|o| o.auth)
    };
    assert_eq!(auth("homeTimeline"), Some(true));
    assert_eq!(auth("post"), Some(false));
    // Every language gets the handler, the resolvers and the test; no OpenAPI for it.
    for (lang, files) in [
        (
            Language::Rust,
            ["src/graphql.rs", "src/graphql_http.rs", "tests/graphql.rs"],
        ),
        (
            Language::TypeScript,
            [
                "src/graphql.ts",
                "src/graphqlHttp.ts",
                "test/graphql.test.ts",
            ],
        ),
        (
            Language::Python,
            [
                "app/graphql_api.py",
                "app/graphql_http.py",
                "tests/test_graphql.py",
            ],
        ),
        (
            Language::Go,
            [
                "internal/handlers/graphql.go",
                "internal/platform/graphql.go",
                "internal/handlers/graphql_test.go",
            ],
        ),
    ] {
        let options = ExportOptions {
            language: Some(lang),
            ..ExportOptions::default()
        };
        let plan = export::plan(&arch, &options).unwrap();
        for f in files {
            let path = format!("services/graphql-api/{f}");
            assert!(plan.get(&path).is_some(), "{lang:?}: {path}");
        }
        assert!(plan.get("api/graphql-api.openapi.yaml").is_none());
    }
}

/// The generated text of `path` in newsfeed's `graphql-api` project exported in `lang`.
fn newsfeed_file(lang: Language, path: &str) -> String {
    let arch = load("examples/newsfeed.ron");
    let options = ExportOptions {
        language: Some(lang),
        ..ExportOptions::default()
    };
    let plan = export::plan(&arch, &options).unwrap();
    let full = format!("services/graphql-api/{path}");
    plan.get(&full)
        .unwrap_or_else(|| panic!("{lang:?}: no {full}"))
        .contents
        .clone()
}

/// Projects of newsfeed in `lang`, with the warnings.
fn newsfeed_in(lang: Language) -> (Vec<export::project::Project>, Vec<String>) {
    let arch = load("examples/newsfeed.ron");
    export::project::projects(&export::Index::new(&arch), Some(lang))
}

#[test]
fn subscriptions_are_operations_served_over_sse_in_every_language() {
    for lang in [
        Language::Rust,
        Language::TypeScript,
        Language::Python,
        Language::Go,
    ] {
        let (projects, warnings) = newsfeed_in(lang);
        let gateway = projects
            .iter()
            .find(|p| p.id.as_str() == "graphql-api")
            .unwrap();
        let served = resolvers(gateway);
        assert!(
            served.contains(&("Subscription".to_owned(), "timelineUpdated".to_owned())),
            "{lang:?}: {served:?}"
        );
        let op = gateway
            .operations
            .iter()
            .find(|o| o.is_subscription())
            .unwrap();
        assert!(op.auth && !op.is_http());
        assert_eq!(op.label(), "subscription timelineUpdated");
        assert!(
            !warnings.iter().any(|w| w.contains("contract only")),
            "{lang:?}: {warnings:#?}"
        );
        // Nobody calls it over HTTP: no client operation, no OpenAPI path.
        for p in &projects {
            for c in &p.clients {
                assert!(c.operations.iter().all(|o| o.is_http()), "{}", p.id);
            }
        }
        let readme = newsfeed_file(lang, "README.md");
        assert!(
            readme.contains("| subscription | `timelineUpdated` at `/graphql` | yes |"),
            "{readme}"
        );
        assert!(readme.contains("`Accept: text/event-stream`"), "{readme}");
        assert!(!readme.contains("contract only"), "{readme}");
    }
}

#[test]
fn typescript_serves_subscriptions_over_sse_from_a_hub_of_the_service() {
    let http = newsfeed_file(Language::TypeScript, "src/graphqlHttp.ts");
    assert!(http.contains("\"text/event-stream"), "the SSE answer");
    assert!(
        http.contains("event: next\\ndata: "),
        "one event per result"
    );
    assert!(http.contains("event: complete"), "the end of the stream");
    assert!(http.contains("subscribeFieldResolver"), "subscriptions run");
    let graphql = newsfeed_file(Language::TypeScript, "src/graphql.ts");
    let resolver = graphql
        .split("\"Subscription.timelineUpdated\": async (ctx, request, args) => {")
        .nth(1)
        .and_then(|rest| rest.split("\n    },").next())
        .unwrap_or_else(|| panic!("no subscription resolver in {graphql}"));
    // It checks credentials before it subscribes, then maps the service's stream.
    let auth = resolver.find("await auth(request);").expect("auth");
    let stream = resolver
        .find("return mapStream(service.subscriptionTimelineUpdated(ctx), (out) => toGraphql(out, \"PostView\", TYPES));")
        .expect("the stream");
    assert!(auth < stream, "{resolver}");
    let services = newsfeed_file(Language::TypeScript, "src/services.ts");
    for expected in [
        "import { Hub } from \"./hub\";",
        "readonly timelineUpdatedHub = new Hub<models.PostView>();",
        "subscriptionTimelineUpdated(ctx: Ctx): AsyncIterableIterator<models.PostView> {",
        "// TODO: feed the hub from the project's events",
        "return this.timelineUpdatedHub.subscribe();",
        "publishTimelineUpdated(value: models.PostView): void {",
    ] {
        assert!(services.contains(expected), "{expected}\n{services}");
    }
    let test = newsfeed_file(Language::TypeScript, "test/subscription.test.ts");
    for expected in [
        "const QUERY = \"subscription Probe { timelineUpdated { __typename",
        "accept: \"text/event-stream\", ...{ authorization: `Bearer ${signJwt(",
        "service.publishTimelineUpdated(models.emptyPostView());",
        "assert.equal(event.event, \"next\"",
        "\"__typename\"], \"PostView\");",
        "assert.equal(response.status, 400);",
        "\"UNAUTHENTICATED\"",
    ] {
        assert!(test.contains(expected), "{expected}\n{test}");
    }
    assert!(
        newsfeed_file(Language::TypeScript, "src/hub.ts").contains("export class Hub<T>"),
        "the hub"
    );
    // The query test still probes queries, never the subscription.
    let queries = newsfeed_file(Language::TypeScript, "test/graphql.test.ts");
    assert!(!queries.contains("subscription"), "{queries}");
}

#[test]
fn python_serves_subscriptions_over_sse_from_a_hub_of_the_service() {
    let http = newsfeed_file(Language::Python, "app/graphql_http.py");
    assert!(
        http.contains("media_type=\"text/event-stream\""),
        "the SSE answer"
    );
    assert!(
        http.contains("event: next\\ndata: "),
        "one event per result"
    );
    assert!(http.contains("event: complete"), "the end of the stream");
    assert!(
        http.contains("subscribe_field_resolver=root_resolver"),
        "subscriptions run"
    );
    let graphql = newsfeed_file(Language::Python, "app/graphql_api.py");
    let resolver = graphql
        .split("async def subscription_timeline_updated(ctx: Ctx, request: Request, args: _t.Dict[str, _t.Any]) -> _t.Any:")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_else(|| panic!("no subscription resolver in {graphql}"));
    // It checks credentials before it subscribes, then maps the service's stream.
    let auth = resolver.find("await require_auth(request)").expect("auth");
    let stream = resolver
        .find("return map_stream(service.subscription_timeline_updated(ctx), lambda out: to_graphql(dump(out), \"PostView\", TYPES))")
        .expect("the stream");
    assert!(auth < stream, "{resolver}");
    assert!(
        graphql.contains("\"Subscription.timelineUpdated\": subscription_timeline_updated,"),
        "{graphql}"
    );
    let services = newsfeed_file(Language::Python, "app/services.py");
    for expected in [
        "from .hub import Hub",
        "self.timeline_updated_hub: Hub[models.PostView] = Hub()",
        "def subscription_timeline_updated(self, ctx: Ctx) -> _t.AsyncIterator[models.PostView]:",
        "# TODO: feed the hub from the project's events",
        "return self.timeline_updated_hub.subscribe()",
        "def publish_timeline_updated(self, value: models.PostView) -> None:",
    ] {
        assert!(services.contains(expected), "{expected}\n{services}");
    }
    let main = newsfeed_file(Language::Python, "app/main.py");
    assert!(main.contains("app.state.service = service"), "{main}");
    let test = newsfeed_file(Language::Python, "tests/test_subscription.py");
    for expected in [
        "QUERY = \"subscription Probe { timelineUpdated { __typename",
        "{\"accept\": \"text/event-stream\", **{\"authorization\": \"Bearer \" + sign_jwt(",
        "app.state.service.publish_timeline_updated(models.empty_post_view())",
        "assert event == \"next\"",
        "assert value[\"__typename\"] == \"PostView\"",
        "assert response.status_code == 400",
        "== \"UNAUTHENTICATED\"",
    ] {
        assert!(test.contains(expected), "{expected}\n{test}");
    }
    let queries = newsfeed_file(Language::Python, "tests/test_graphql.py");
    assert!(!queries.contains("subscription"), "{queries}");
}

#[test]
fn go_serves_subscriptions_over_sse_from_a_hub_of_the_service() {
    let executor = newsfeed_file(Language::Go, "internal/platform/graphql.go");
    assert!(
        executor.contains("\"text/event-stream; charset=utf-8\""),
        "the SSE answer"
    );
    assert!(
        executor.contains("event: next\\ndata: %s\\n\\n"),
        "one event per result"
    );
    assert!(
        executor.contains("event: complete"),
        "the end of the stream"
    );
    assert!(
        executor.contains("case <-r.Context().Done():"),
        "a client going away stops it"
    );
    let graphql = newsfeed_file(Language::Go, "internal/handlers/graphql.go");
    let resolver = graphql
        .split("\t\tSubscription: map[string]platform.GQLRoot{")
        .nth(1)
        .unwrap_or_else(|| panic!("no Subscription root in {graphql}"));
    let auth = resolver.find("platform.CheckAuth(").expect("auth");
    let stream = resolver
        .find("return platform.StreamOf(svc.SubscriptionTimelineUpdated(ctx)), nil")
        .expect("the stream");
    assert!(auth < stream, "{resolver}");
    let services = newsfeed_file(Language::Go, "internal/services/services.go");
    for expected in [
        "TimelineUpdatedHub platform.Hub[models.PostView]",
        "func (s *Service) SubscriptionTimelineUpdated(ctx platform.Ctx) (values <-chan models.PostView, stop func()) {",
        "// TODO: feed the hub from the project's events",
        "return s.TimelineUpdatedHub.Subscribe()",
        "func (s *Service) PublishTimelineUpdated(value models.PostView) {",
    ] {
        assert!(services.contains(expected), "{expected}\n{services}");
    }
    let hub = newsfeed_file(Language::Go, "internal/platform/hub.go");
    assert!(hub.contains("type Hub[T any] struct"), "{hub}");
    let test = newsfeed_file(Language::Go, "internal/handlers/subscription_test.go");
    for expected in [
        "const subscriptionQuery = \"subscription Probe { timelineUpdated { __typename",
        "openSubscription(t, [2]string{\"Authorization\", \"Bearer \" + platform.SignJWT(",
        "svc.PublishTimelineUpdated(models.PostView{})",
        "if event != \"next\" {",
        "if value[\"__typename\"] != \"PostView\" {",
        "if rec.Code != http.StatusBadRequest {",
        "\\\"UNAUTHENTICATED\\\"",
    ] {
        assert!(test.contains(expected), "{expected}\n{test}");
    }
    let queries = newsfeed_file(Language::Go, "internal/handlers/graphql_test.go");
    assert!(!queries.contains("subscription"), "{queries}");
}

#[test]
fn rust_serves_subscriptions_over_sse_from_a_hub_of_the_service() {
    let http = newsfeed_file(Language::Rust, "src/graphql_http.rs");
    assert!(
        http.contains("Sse::new(results.chain(complete))"),
        "the SSE answer"
    );
    assert!(
        http.contains("Event::default().event(\"next\")"),
        "one event per result"
    );
    assert!(
        http.contains("Event::default().event(\"complete\")"),
        "the end of the stream"
    );
    assert!(
        http.contains("started.notified().await;"),
        "it listens before the head goes"
    );
    let graphql = newsfeed_file(Language::Rust, "src/graphql.rs");
    assert!(
        graphql.contains(
            "crate::graphql_http::schema_with_subscriptions(SDL, KEYS, resolvers, subscribers)"
        ),
        "{graphql}"
    );
    let subscriber = graphql
        .split("// subscription timelineUpdated")
        .nth(1)
        .unwrap_or_else(|| panic!("no subscriber in {graphql}"));
    let auth = subscriber
        .find("crate::auth::check(&config, &call.headers)?;")
        .expect("auth");
    let stream = subscriber
        .find("Ok(crate::graphql_http::events(service.subscription_timeline_updated(&call.ctx)))")
        .expect("the stream");
    assert!(auth < stream, "{subscriber}");
    assert!(
        subscriber.contains("out.insert(\"Subscription.timelineUpdated\".to_owned(), subscriber);")
    );
    let services = newsfeed_file(Language::Rust, "src/services.rs");
    for expected in [
        "use crate::hub::{Hub, Values};",
        "pub timeline_updated_hub: Hub<models::PostView>,",
        "timeline_updated_hub: Hub::default(),",
        "pub fn subscription_timeline_updated(&self, ctx: &Ctx) -> Values<models::PostView> {",
        "// TODO: feed the hub from the project's events",
        "self.timeline_updated_hub.subscribe()",
        "pub fn publish_timeline_updated(&self, value: models::PostView) {",
    ] {
        assert!(services.contains(expected), "{expected}\n{services}");
    }
    assert!(newsfeed_file(Language::Rust, "src/lib.rs").contains("pub mod hub;"));
    // In tests/graphql.rs, the file the conformance runs.
    let test = newsfeed_file(Language::Rust, "tests/graphql.rs");
    for expected in [
        "const SUBSCRIPTION: &str = \"subscription Probe { timelineUpdated { __typename",
        "open_subscription(\"text/event-stream\", &format!(\"Authorization: Bearer {}\\r\\n\"",
        "state.service.publish_timeline_updated(<graphql_api_service::models::PostView>::default());",
        "assert_eq!(event, \"next\"",
        "assert!(head.starts_with(\"HTTP/1.1 400\")",
        "\"UNAUTHENTICATED\"",
        "assert_eq!(next_event(&mut reader, &mut buffered).await.0, \"complete\");",
    ] {
        assert!(test.contains(expected), "{expected}\n{test}");
    }
}

// ---------------------------------------------------------------------------- gRPC

/// The RPC names each gRPC service of project `id` serves, by contract.
fn rpcs_of(arch: &archcanvas::model::Architecture, id: &str) -> Vec<(String, Vec<String>)> {
    let index = export::Index::new(arch);
    let (projects, _) = export::project::projects(&index, None);
    let p = projects
        .iter()
        .find(|p| p.id.as_str() == id)
        .unwrap_or_else(|| panic!("no project {id}"));
    p.grpc
        .iter()
        .map(|s| {
            (
                s.component.to_string(),
                s.contract.rpcs.iter().map(|r| r.name.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn grpc_gateways_and_services_serve_their_contracts() {
    let arch = load("examples/rides.ron");
    // A gRPC API with a port serves every RPC of its own contract.
    assert_eq!(
        rpcs_of(&arch, "driver-api"),
        [(
            "driver-api".to_owned(),
            [
                "StreamLocations",
                "SetStatus",
                "GetProfile",
                "AcceptOffer",
                "DeclineOffer",
                "UpdateTrip"
            ]
            .map(String::from)
            .to_vec()
        )]
    );
    // A service serves its own Rpc endpoints (its HTTP ones stay routes).
    assert_eq!(
        rpcs_of(&arch, "drivers"),
        [(
            "drivers".to_owned(),
            vec!["SetStatus".to_owned(), "GetProfile".to_owned()]
        )]
    );
    let index = export::Index::new(&arch);
    let (projects, warnings) = export::project::projects(&index, None);
    let drivers = projects
        .iter()
        .find(|p| p.id.as_str() == "drivers")
        .unwrap();
    let routes: Vec<String> = drivers
        .operations
        .iter()
        .map(|o| o.route.braces())
        .collect();
    assert_eq!(routes, ["/drivers/{id}", "/.well-known/jwks.json"]);
    // A service without Rpc endpoints serves no gRPC.
    assert!(rpcs_of(&arch, "notifications").is_empty());
    // Every RPC is served somewhere now: no "only HTTP routes" warning is left.
    assert!(
        !warnings.iter().any(|w| w.contains("only HTTP routes")),
        "{warnings:?}"
    );
}

#[test]
fn a_port_less_grpc_api_is_served_by_the_service_it_calls() {
    let arch = load("tests/fixtures/export/features.ron");
    assert_eq!(
        rpcs_of(&arch, "authors"),
        [(
            "grpc-api".to_owned(),
            vec![
                "GetBook".to_owned(),
                "ListBooks".to_owned(),
                "Ping".to_owned()
            ]
        )]
    );
    // The contract itself is not a project.
    let index = export::Index::new(&arch);
    let (projects, _) = export::project::projects(&index, None);
    assert!(!projects.iter().any(|p| p.id.as_str() == "grpc-api"));
}

#[test]
fn grpc_projects_carry_their_contract_and_port_in_every_language() {
    let arch = load("examples/rides.ron");
    for (language, files) in [
        (
            Language::Rust,
            &["build.rs", "src/grpc.rs", "tests/grpc.rs"][..],
        ),
        (
            Language::TypeScript,
            &[
                "src/grpc.ts",
                "src/messages/drivers.ts",
                "test/grpc.test.ts",
            ][..],
        ),
        (
            Language::Python,
            &["app/protos.py", "app/grpc_server.py", "tests/test_grpc.py"][..],
        ),
        (
            Language::Go,
            &[
                "internal/platform/grpc.go",
                "internal/pb/driverspb/messages.go",
                "internal/rpc/rpc.go",
                "internal/rpc/rpc_test.go",
            ][..],
        ),
    ] {
        let options = ExportOptions {
            only: BTreeSet::new(),
            language: Some(language),
        };
        let plan = export::plan(&arch, &options).unwrap();
        // The service's own contract, and the project's copy of it, byte for byte.
        let contract = plan.get("api/drivers.proto").expect("api/drivers.proto");
        assert!(
            contract
                .contents
                .contains("rpc SetStatus (StatusChange) returns (DriverProfile);")
        );
        assert!(
            !contract.contents.contains("jwks"),
            "HTTP endpoints stay out of the .proto"
        );
        let copy = plan
            .get("services/drivers/proto/drivers.proto")
            .expect("copy");
        assert_eq!(copy.contents, contract.contents);
        for f in files {
            assert!(
                plan.get(&format!("services/drivers/{f}")).is_some(),
                "{language:?}: missing {f}"
            );
        }
        // One service-layer method per RPC, whatever the language's case.
        let services = plan
            .files()
            .filter(|f| f.path.as_str().starts_with("services/drivers/"))
            .map(|f| f.contents.as_str())
            .collect::<String>();
        let (set, get) = if language == Language::TypeScript {
            ("async rpcSetStatus(", "async rpcGetProfile(")
        } else if language == Language::Go {
            (
                "func (s *Service) RpcSetStatus(",
                "func (s *Service) RpcGetProfile(",
            )
        } else if language == Language::Rust {
            (
                "pub async fn rpc_set_status(",
                "pub async fn rpc_get_profile(",
            )
        } else {
            ("async def rpc_set_status(", "async def rpc_get_profile(")
        };
        assert!(
            services.contains(set) && services.contains(get),
            "{language:?}"
        );
        // The gRPC port is wired like PORT.
        let env = plan.get("services/drivers/.env.example").unwrap();
        assert!(
            env.contents.contains("GRPC_PORT='18106'"),
            "{}",
            env.contents
        );
        let compose = plan.get("docker-compose.yml").unwrap();
        assert!(
            compose.contents.contains("GRPC_PORT: '18106'")
                || compose.contents.contains("GRPC_PORT: \"18106\"")
                || compose.contents.contains("GRPC_PORT: 18106"),
            "compose"
        );
        assert!(compose.contents.contains("18106:18106"));
        let k8s = plan.get("k8s/drivers.yaml").unwrap();
        assert!(k8s.contents.contains("name: grpc"));
    }
}

#[test]
fn a_service_behind_a_portless_graphql_api_serves_it_beside_its_routes() {
    let arch = load("tests/fixtures/export/features.ron");
    let (projects, _) = projects_of(&arch);
    let books = projects.iter().find(|p| p.id.as_str() == "books").unwrap();
    assert_eq!(
        books.graphql.as_ref().map(|g| g.api.as_str()),
        Some("graph")
    );
    assert_eq!(
        resolvers(books),
        [
            ("Query".to_owned(), "author".to_owned()),
            ("Query".to_owned(), "books".to_owned()),
            ("Mutation".to_owned(), "addBook".to_owned()),
            ("Subscription".to_owned(), "booksAdded".to_owned()),
        ]
    );
    assert_eq!(books.operations.iter().filter(|o| o.is_http()).count(), 2);
    // Its OpenAPI contract has its HTTP routes only.
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let openapi = &plan.get("api/books.openapi.yaml").unwrap().contents;
    assert!(openapi.contains("/books/{isbn}"), "{openapi}");
    assert!(
        !openapi.contains("addBook")
            && !openapi.contains("/author")
            && !openapi.contains("booksAdded"),
        "{openapi}"
    );
    // Callers of books get clients for its HTTP routes, not its resolvers.
    for p in &projects {
        for c in p.clients.iter().filter(|c| c.peer.as_str() == "books") {
            assert!(c.operations.iter().all(|o| o.is_http()), "{}", p.id);
        }
    }
    // Projects that serve no GraphQL API have none.
    let authors = projects
        .iter()
        .find(|p| p.id.as_str() == "authors")
        .unwrap();
    assert!(authors.graphql.is_none());
}

#[test]
fn a_service_serves_one_graphql_api_and_warns_about_the_others() {
    let text = r#"(
    format: 2,
    name: "Two schemas",
    components: [
        (id: "first", name: "First", kind: Api(style: Graphql, endpoints: [
            (method: Query, path: "one", response: "thing"),
            (method: Subscription, path: "changes", response: "thing"),
        ])),
        (id: "second", name: "Second", kind: Api(style: Graphql, endpoints: [
            (method: Mutation, path: "two", request: "thing", response: "thing"),
        ])),
        (id: "svc", name: "Service", kind: Service(language: Go, port: 9000, endpoints: [
            (method: Get, path: "/things", response: "thing", response_list: true),
        ])),
    ],
    connections: [
        (id: "first-to-svc", from: "first", to: "svc", kind: Calls(protocol: Graphql)),
        (id: "second-to-svc", from: "second", to: "svc", kind: Calls(protocol: Graphql)),
    ],
    schemas: [
        (name: "thing", fields: [(name: "thing_id", type: Uuid)]),
    ],
)"#;
    let arch = archcanvas::file::parse(text).unwrap();
    let (projects, warnings) = projects_of(&arch);
    let svc = projects.iter().find(|p| p.id.as_str() == "svc").unwrap();
    assert_eq!(svc.graphql.as_ref().map(|g| g.api.as_str()), Some("first"));
    assert_eq!(
        resolvers(svc),
        [
            ("Query".to_owned(), "one".to_owned()),
            ("Subscription".to_owned(), "changes".to_owned())
        ]
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("svc:") && w.contains("second") && w.contains("contract only")),
        "{warnings:#?}"
    );
    // Its subscription is served (over SSE), so nothing says it is left in the contract.
    assert!(
        !warnings.iter().any(|w| w.contains("subscription changes")),
        "{warnings:#?}"
    );
    // The schema maps GraphQL names to the model's keys.
    let schema = &svc.graphql.as_ref().unwrap().schema;
    let thing = schema.types.iter().find(|t| t.name == "Thing").unwrap();
    assert_eq!(thing.fields[0].name, "thingId");
    assert_eq!(thing.fields[0].key, "thing_id");
    // The probe the generated tests post asks for the leaves of the answer.
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    let test = &plan
        .get("services/svc/internal/handlers/graphql_test.go")
        .unwrap()
        .contents;
    assert!(
        test.contains("query Probe { one { __typename thingId } }"),
        "{test}"
    );
    assert!(test.contains("\"__typename,thingId\""), "{test}");
}

#[test]
fn an_rpc_outside_any_grpc_contract_is_still_reported() {
    // A REST API with a port is a project of its own; its Rpc endpoint is in no .proto.
    let arch = archcanvas::file::parse(
        r#"(
    format: 2,
    name: "t",
    components: [
        (
            id: "edge",
            name: "Edge",
            kind: Api(
                style: Rest,
                port: 8080,
                endpoints: [
                    (method: Get, path: "/things", summary: "Things"),
                    (method: Rpc, path: "Sync", summary: "Not REST"),
                ],
            ),
        ),
    ],
)"#,
    )
    .unwrap();
    let plan = export::plan(&arch, &ExportOptions::default()).unwrap();
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.contains("`rpc Sync`") && w.contains("outside a gRPC API")),
        "{:?}",
        plan.warnings
    );
    assert!(paths(&plan).iter().all(|p| !p.ends_with(".proto")));
    assert!(plan.get("services/edge/build.rs").is_none());
}

fn project<'a>(projects: &'a [export::project::Project], id: &str) -> &'a export::project::Project {
    projects
        .iter()
        .find(|p| p.id.as_str() == id)
        .unwrap_or_else(|| panic!("no project {id}"))
}

/// (variable, server, TLS, contracts) of each gRPC client of `p`.
fn grpc_clients(p: &export::project::Project) -> Vec<(String, String, bool, Vec<String>)> {
    p.clients
        .iter()
        .filter_map(|c| c.grpc.as_ref())
        .map(|t| {
            (
                t.var.clone(),
                t.server.to_string(),
                t.tls,
                t.services.iter().map(|s| s.component.to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn grpc_calls_get_grpc_clients_and_gateways_forward() {
    let arch = load("tests/fixtures/export/grpc.ron");
    let (projects, warnings) = projects_of(&arch);
    assert!(warnings.is_empty(), "{warnings:?}");
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // A port-less gRPC API is answered by the service serving it; Go servers speak TLS.
    let edge = project(&projects, "edge");
    assert_eq!(
        grpc_clients(edge),
        [
            (
                "CATALOG_GRPC_URL".to_owned(),
                "catalog".to_owned(),
                false,
                s(&["catalog"])
            ),
            (
                "STOCK_RPC_GRPC_URL".to_owned(),
                "stock".to_owned(),
                true,
                s(&["stock-rpc"])
            ),
        ]
    );
    // GetBook and Restock forward (same name, request and response); Ping has nowhere to go.
    let forwards: Vec<(String, String, String)> = edge
        .rpc_forwards
        .iter()
        .map(|f| {
            let served = &edge.grpc[f.served.service].contract.rpcs[f.served.rpc];
            let target = edge.clients[f.client].grpc.as_ref().unwrap();
            let service = &target.services[f.to.service];
            (
                served.name.clone(),
                service.component.to_string(),
                service.contract.rpcs[f.to.rpc].name.clone(),
            )
        })
        .collect();
    assert_eq!(
        forwards,
        [
            (
                "GetBook".to_owned(),
                "catalog".to_owned(),
                "GetBook".to_owned()
            ),
            (
                "Restock".to_owned(),
                "stock-rpc".to_owned(),
                "Restock".to_owned()
            ),
        ]
    );
    // The caller copies every contract it calls beside the one it serves.
    let files: Vec<&str> = edge.contracts().iter().map(|c| c.file.as_str()).collect();
    assert_eq!(files, ["edge.proto", "catalog.proto", "stock_rpc.proto"]);
    // The catalogue forwards GetBook on to the stock service; ListBooks stays its own.
    let catalog = project(&projects, "catalog");
    assert_eq!(catalog.rpc_forwards.len(), 1);
    assert_eq!(catalog.rpc_forwards[0].served.rpc, 0);
    // With --lang the TLS side follows the servers' language.
    let index = export::Index::new(&arch);
    for (lang, tls) in [(Language::Go, true), (Language::Rust, false)] {
        let (projects, _) = export::project::projects(&index, Some(lang));
        let edge = project(&projects, "edge");
        assert!(grpc_clients(edge).iter().all(|c| c.2 == tls), "{lang:?}");
    }
}

#[test]
fn grpc_addresses_are_wired_alike_in_env_compose_and_k8s() {
    let arch = load("tests/fixtures/export/grpc.ron");
    let plan = export::plan(&arch, &ExportOptions::default()).expect("plan");
    let text = |path: &str| {
        plan.files()
            .find(|f| f.path.to_string() == path)
            .map(|f| f.contents.clone())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    let env = text("services/edge/.env.example");
    assert!(
        env.contains("CATALOG_GRPC_URL='http://127.0.0.1:19501'"),
        "{env}"
    );
    assert!(
        env.contains("STOCK_RPC_GRPC_URL='https://127.0.0.1:19502'"),
        "{env}"
    );
    let compose = text("docker-compose.yml");
    assert!(
        compose.contains("CATALOG_GRPC_URL: \"http://catalog:19501\""),
        "{compose}"
    );
    assert!(
        compose.contains("STOCK_RPC_GRPC_URL: \"https://stock:19502\""),
        "{compose}"
    );
    // A port-less API runs in the service implementing it: its HTTP address is that one's,
    // and the caller waits for it.
    assert!(
        compose.contains("STOCK_RPC_URL: \"http://stock:9502\""),
        "{compose}"
    );
    let edge = compose
        .split("\n  edge:\n")
        .nth(1)
        .expect("edge in compose");
    let edge = edge.split("\n  stock:\n").next().unwrap_or(edge);
    assert!(edge.contains("depends_on:\n      catalog:"), "{edge}");
    assert!(
        edge.contains("\n      stock:\n        condition: service_healthy"),
        "{edge}"
    );
    let k8s = text("k8s/edge.yaml");
    assert!(
        k8s.contains("STOCK_RPC_GRPC_URL: \"https://stock:19502\""),
        "{k8s}"
    );
}

#[test]
fn a_grpc_call_to_a_component_without_a_contract_warns() {
    let mut arch = load("tests/fixtures/export/grpc.ron");
    let mut svc = archcanvas::model::Component::new(
        archcanvas::id!("plain"),
        "Plain",
        archcanvas::model::Kind::Service,
    );
    if let archcanvas::model::Spec::Service(s) = &mut svc.spec {
        s.port = Some(9600);
    }
    arch.components.insert(svc);
    arch.connections.insert(archcanvas::model::Connection::new(
        archcanvas::id!("catalog-to-plain"),
        archcanvas::id!("catalog"),
        archcanvas::id!("plain"),
        archcanvas::model::ConnectionKind::Calls(archcanvas::model::CallSpec {
            protocol: archcanvas::model::Protocol::Grpc,
            ..Default::default()
        }),
    ));
    let (projects, warnings) = projects_of(&arch);
    assert!(
        warnings
            .iter()
            .any(|w| w
                .starts_with("catalog: calls plain over gRPC, but plain serves no gRPC contract")),
        "{warnings:?}"
    );
    let catalog = project(&projects, "catalog");
    let plain = catalog
        .clients
        .iter()
        .find(|c| c.peer.as_str() == "plain")
        .unwrap();
    assert!(plain.grpc.is_none());
}

#[test]
fn graphql_calls_reach_the_project_serving_the_api() {
    let arch = load("tests/fixtures/export/features.ron");
    let (projects, warnings) = projects_of(&arch);
    // The port-less `graph` API is served by `books`; `authors` queries it through books'
    // address.
    let authors = project(&projects, "authors");
    let graph = authors
        .clients
        .iter()
        .find(|c| c.peer.as_str() == "graph")
        .expect("a client of graph");
    let target = graph.graphql.as_ref().expect("a GraphQL target");
    assert_eq!(
        (target.api.as_str(), target.server.as_str()),
        ("graph", "books")
    );
    // The first query without an argument, selecting the scalar fields (not `parent: Book`).
    assert_eq!(
        target.example,
        "query { books { isbn title price published cover inPrint rating } }"
    );
    let books = authors
        .clients
        .iter()
        .find(|c| c.peer.as_str() == "books")
        .unwrap();
    assert!(books.graphql.is_none(), "an HTTP call stays HTTP");
    assert!(
        !warnings.iter().any(|w| w.contains("over GraphQL")),
        "{warnings:?}"
    );
    let plan = export::plan(&arch, &ExportOptions::default()).expect("plan");
    let env = plan
        .files()
        .find(|f| f.path.to_string() == "services/authors/.env.example")
        .map(|f| f.contents.clone())
        .unwrap();
    assert!(env.contains("GRAPH_URL='http://127.0.0.1:9102'"), "{env}");
}

#[test]
fn a_graphql_call_to_a_component_without_a_graphql_api_warns() {
    let arch = load("tests/fixtures/export/grpc.ron");
    let mut arch = arch;
    if let Some(k) = arch.connections.get_mut("catalog-to-stock") {
        k.kind = archcanvas::model::ConnectionKind::Calls(archcanvas::model::CallSpec {
            protocol: archcanvas::model::Protocol::Graphql,
            ..Default::default()
        });
    }
    let (_, warnings) = projects_of(&arch);
    assert!(
        warnings
            .iter()
            .any(|w| w
                .starts_with("catalog: calls stock over GraphQL, but stock serves no GraphQL API")),
        "{warnings:?}"
    );
}

#[test]
fn graphql_clients_run_documents_in_every_language() {
    let arch = load("tests/fixtures/export/features.ron");
    let example = "query { books { isbn title price published cover inPrint rating } }";
    for (lang, clients, call, test) in [
        (
            Language::Rust,
            "src/clients.rs",
            "pub async fn graphql(&self, ctx: &Ctx, query: &str, variables: serde_json::Value)",
            "src/http.rs",
        ),
        (
            Language::TypeScript,
            "src/clients.ts",
            "graphql(ctx: Ctx, query: string, variables: Record<string, unknown> = {}): Promise<unknown>",
            "test/graphqlClient.test.ts",
        ),
        (
            Language::Python,
            "app/clients.py",
            "async def graphql(self, ctx: Ctx, query: str,",
            "tests/test_graphql_client.py",
        ),
        (
            Language::Go,
            "internal/clients/clients.go",
            "func (c *GraphClient) GraphQL(ctx platform.Ctx, query string,",
            "internal/platform/graphql_client_test.go",
        ),
    ] {
        let options = ExportOptions {
            language: Some(lang),
            ..ExportOptions::default()
        };
        let plan = export::plan(&arch, &options).expect("plan");
        let file = |path: &str| {
            plan.files()
                .find(|f| f.path.to_string() == format!("services/authors/{path}"))
                .map(|f| f.contents.clone())
        };
        let text = file(clients).unwrap_or_else(|| panic!("{lang:?}: no {clients}"));
        assert!(text.contains(call), "{lang:?}: {text}");
        assert!(text.contains(example), "{lang:?}: the example document");
        assert!(
            file(test).is_some_and(|t| t.contains("UNAUTHENTICATED")),
            "{lang:?}: {test}"
        );
        // A project without GraphQL calls has no GraphQL client test.
        let books_test = plan.files().any(|f| {
            f.path.to_string().starts_with("services/books/")
                && f.path.to_string().contains("graphql_client")
        });
        assert!(!books_test, "{lang:?}");
    }
}

#[test]
fn python_grpc_channels_close_after_the_grpc_server_stops() {
    let arch = load("tests/fixtures/export/grpc.ron");
    let options = ExportOptions {
        language: Some(Language::Python),
        ..ExportOptions::default()
    };
    let plan = export::plan(&arch, &options).expect("plan");
    let main = plan
        .files()
        .find(|f| f.path.to_string() == "services/edge/app/main.py")
        .map(|f| f.contents.clone())
        .expect("edge's main.py");
    let stop = main.find("await server.stop(1)").expect("the server stops");
    let close = main
        .find("await service.catalog.grpc.close()")
        .expect("the catalogue's channel closes");
    assert!(stop < close, "{main}");
    assert!(
        main.contains("await service.stock_rpc.grpc.close()"),
        "{main}"
    );
}
