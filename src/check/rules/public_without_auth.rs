//! `public-without-auth` (error): an API that is public, or called directly by a client or an
//! external system, with auth set to none.
//!
//! Why it matters: an API reachable from outside the trust boundary without authentication
//! lets anyone on the internet read and change whatever it fronts. Endpoints that are meant
//! to be open (a product list, sign-up, log-in) are still served by an API that knows who
//! calls the rest; an API without any scheme cannot.
//!
//! How to fix: set the API's `auth` to JWT, OAuth 2, an API key or mTLS, and mark the
//! endpoints that require it (`auth: true`). If the API is deliberately open (a public
//! status page), suppress the finding with the reason.

use crate::check::{Context, Rule, Sink};
use crate::model::{Auth, ConnectionType, Id, Kind, Severity, Spec};

use super::list_with_kinds;

pub(crate) const RULE: Rule = Rule {
    id: "public-without-auth",
    default_severity: Severity::Error,
    summary: "an API that is public, or called directly by a client or external system, with \
              auth set to none",
    help: "set the API's auth to JWT, OAuth 2, API key or mTLS; if it must be open, suppress \
           this finding with the reason",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let index = cx.index();
    // callers from outside, per API node: (caller, connection)
    let mut outside: rustc_hash::FxHashMap<u32, Vec<(u32, &Id)>> = Default::default();
    for (_, c, from, to) in index.edges_of(ConnectionType::Calls) {
        if matches!(index.kind(from), Some(Kind::Client | Kind::External)) {
            outside.entry(to).or_default().push((from, &c.id));
        }
    }
    for (node, c) in index.components.iter().enumerate() {
        if index.kinds.get(node) != Some(&Kind::Api) {
            continue;
        }
        let Spec::Api(api) = &c.spec else { continue };
        if api.auth != Auth::None {
            continue;
        }
        let callers = u32::try_from(node)
            .ok()
            .and_then(|n| outside.get(&n))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if !api.public && callers.is_empty() {
            continue;
        }
        let mut caller_ids: Vec<&Id> = callers
            .iter()
            .filter_map(|(n, _)| index.component(*n).map(|x| &x.id))
            .collect();
        caller_ids.sort_unstable();
        caller_ids.dedup();
        let why = match (api.public, caller_ids.is_empty()) {
            (true, true) => "is public".to_owned(),
            (true, false) => format!(
                "is public and called directly by {}",
                list_with_kinds(cx, &caller_ids)
            ),
            (false, _) => format!("is called directly by {}", list_with_kinds(cx, &caller_ids)),
        };
        let message = format!("API `{}` {why}, but its auth is none", c.id);
        let mut subjects = vec![c.id.clone()];
        subjects.extend(caller_ids.into_iter().cloned());
        let mut conns: Vec<&Id> = callers.iter().map(|(_, c)| *c).collect();
        conns.sort_unstable();
        subjects.extend(conns.into_iter().cloned());
        sink.report(subjects, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::model::{Auth, Kind, Spec};

    fn api(public: bool, auth: Auth) -> crate::check::testing::Builder {
        model()
            .add("api", Kind::Api)
            .with("api", move |c| {
                if let Spec::Api(a) = &mut c.spec {
                    a.public = public;
                    a.auth = auth;
                }
            })
            .add("web", Kind::Client)
            .add("partner", Kind::External)
            .services(&["svc"])
    }

    #[test]
    fn public_or_outside_callers_without_auth_are_errors() {
        let public = api(true, Auth::None).build();
        let found = findings(&public, "public-without-auth");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "API `api` is public, but its auth is none"
        );

        let called = api(false, Auth::None)
            .calls("web", "api")
            .calls("partner", "api")
            .calls("svc", "api")
            .build();
        let found = findings(&called, "public-without-auth");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "API `api` is called directly by external system `partner` and client `web`, \
             but its auth is none"
        );
        let subjects: Vec<&str> = found[0].subjects.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            subjects,
            ["api", "partner", "web", "partner-to-api", "web-to-api"]
        );
    }

    #[test]
    fn internal_apis_and_apis_with_auth_are_fine() {
        let internal = api(false, Auth::None).calls("svc", "api").build();
        assert!(findings(&internal, "public-without-auth").is_empty());
        let guarded = api(true, Auth::Jwt).calls("web", "api").build();
        assert!(findings(&guarded, "public-without-auth").is_empty());
    }
}
