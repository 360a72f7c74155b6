//! `endpoint-conflict` (error): two endpoints of one API with the same method and path.
//!
//! Why it matters: a router can send a request to only one handler. Two endpoints with the
//! same method and path — including paths that differ only in the names of their parameters,
//! like `/orders/{id}` and `/orders/{orderId}` — make the generated OpenAPI document invalid
//! and the generated server either refuse to start or silently shadow one handler.
//!
//! How to fix: delete the duplicate, or give the two endpoints different paths or methods.
//!
//! Paths are compared normalised: parameters in any common notation (`{id}`, `:id`, `<id>`)
//! become one placeholder, a trailing slash, repeated slashes and a query string are ignored.
//! Letter case is kept (HTTP paths are case-sensitive). For gRPC and GraphQL, the "path" is
//! the method or field name and is compared as written.

use std::collections::BTreeMap;

use crate::check::{Context, Rule, Sink};
use crate::model::{Endpoint, Method, Severity};

use super::{kind_word, sentence};

pub(crate) const RULE: Rule = Rule {
    id: "endpoint-conflict",
    default_severity: Severity::Error,
    summary: "two endpoints of one API with the same method and path (path parameters \
              normalised)",
    help: "delete the duplicate endpoint, or give the two different paths or methods",
    run,
};

/// The path as a router sees it: parameters as `{}`, no trailing or repeated slashes, no
/// query string.
pub(crate) fn normalise(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1);
    for segment in route_segments(path) {
        out.push('/');
        out.push_str(segment);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// The segments of [`normalise`]'s result, without building it: two paths normalise to the
/// same route exactly when these are equal (segments are never empty and hold no `/`).
fn route_segments(path: &str) -> impl Iterator<Item = &str> {
    let path = path.trim();
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.split('/').filter(|s| !s.is_empty()).map(|segment| {
        let is_param = (segment.starts_with('{') && segment.ends_with('}'))
            || (segment.starts_with('<') && segment.ends_with('>'))
            || (segment.starts_with(':') && segment.len() > 1);
        if is_param { "{}" } else { segment }
    })
}

/// Whether two endpoints may share a route: a comparison of each pair with no allocation,
/// since almost every API has none (lists too long to compare pairwise are assumed to).
fn may_clash(endpoints: &[Endpoint]) -> bool {
    const PAIRWISE: usize = 32;
    if endpoints.len() > PAIRWISE {
        return true;
    }
    endpoints.iter().enumerate().any(|(i, a)| {
        endpoints
            .iter()
            .skip(i + 1)
            .any(|b| a.method == b.method && route_segments(&a.path).eq(route_segments(&b.path)))
    })
}

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    // Needs no index, so it can run while another thread builds it.
    for c in cx.arch.components.iter() {
        let endpoints = c.spec.endpoints();
        if endpoints.len() < 2 || !may_clash(endpoints) {
            continue;
        }
        let mut by_route: BTreeMap<(Method, String), Vec<&str>> = BTreeMap::new();
        for e in endpoints {
            by_route
                .entry((e.method, normalise(&e.path)))
                .or_default()
                .push(e.path.as_str());
        }
        for ((method, route), paths) in by_route {
            if paths.len() < 2 {
                continue;
            }
            let written: Vec<String> = paths.iter().map(|p| format!("`{p}`")).collect();
            sink.report(
                vec![c.id.clone()],
                format!(
                    "{} `{}` has {} endpoints for {} {route}: {}",
                    kind_word(c),
                    c.id,
                    paths.len(),
                    method.label(),
                    sentence(written)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalise;
    use crate::check::testing::{findings, model};
    use crate::model::{Endpoint, Kind, Method, Spec};

    fn api_with(endpoints: &[(Method, &str)]) -> crate::model::Architecture {
        let endpoints: Vec<Endpoint> = endpoints
            .iter()
            .map(|(method, path)| Endpoint {
                method: *method,
                path: (*path).into(),
                summary: "x".into(),
                ..Endpoint::default()
            })
            .collect();
        model()
            .add("api", Kind::Api)
            .with("api", move |c| {
                if let Spec::Api(a) = &mut c.spec {
                    a.endpoints = endpoints;
                }
            })
            .build()
    }

    #[test]
    fn same_route_under_different_parameter_names_conflicts() {
        let arch = api_with(&[
            (Method::Get, "/orders/{id}"),
            (Method::Get, "/orders/:orderId/"),
            (Method::Delete, "/orders/{id}"),
        ]);
        let found = findings(&arch, "endpoint-conflict");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "API `api` has 2 endpoints for GET /orders/{}: `/orders/{id}` and \
             `/orders/:orderId/`"
        );
    }

    #[test]
    fn different_methods_or_paths_are_fine() {
        let arch = api_with(&[
            (Method::Get, "/orders/{id}"),
            (Method::Delete, "/orders/{id}"),
            (Method::Get, "/orders/{id}/items"),
            (Method::Get, "/Orders/{id}"),
        ]);
        assert!(findings(&arch, "endpoint-conflict").is_empty());
    }

    #[test]
    fn the_quick_pairwise_test_agrees_with_normalise() {
        let paths = [
            "/a//b/?x=1",
            "/a/b",
            "a/b/",
            "/a/{id}",
            "/a/:v",
            "/a/<n>",
            "/a/:",
            "",
            "/",
            "?q",
            "/A/b",
            "/a/b#top",
        ];
        for a in paths {
            for b in paths {
                let endpoint = |path: &str| Endpoint {
                    path: path.into(),
                    ..Endpoint::default()
                };
                let same = normalise(a) == normalise(b);
                assert_eq!(
                    super::may_clash(&[endpoint(a), endpoint(b)]),
                    same,
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalise("/a//b/?x=1"), "/a/b");
        assert_eq!(normalise(""), "/");
        assert_eq!(normalise("getOrder"), "/getOrder");
        assert_eq!(normalise("/files/<name>/:v"), "/files/{}/{}");
    }
}
