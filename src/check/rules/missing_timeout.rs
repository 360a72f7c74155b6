//! `missing-timeout` (warning): a synchronous call to an external system without a timeout,
//! or without retries or a circuit breaker.
//!
//! Why it matters: systems we do not own fail in ways we cannot fix — they slow down, hang,
//! or drop requests during their own incidents. A call without a timeout waits as long as
//! they do and ties up our threads and connections meanwhile; a call with neither retries nor
//! a circuit breaker turns every blip on their side into an error on ours, or keeps hammering
//! them while they are down.
//!
//! How to fix: set `timeout_ms` on the call, and `retries` (with idempotency keys, so a retry
//! never repeats a side effect) or `circuit_breaker: true` — usually both.
//!
//! A timeout of 0 counts as none (most HTTP clients read 0 as "wait forever").

use crate::check::warm::{first_byte, in_batches, touch_id};
use crate::check::{Context, Rule, Sink};
use crate::model::{Connection, ConnectionType, Kind, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-timeout",
    default_severity: Severity::Warning,
    summary: "a synchronous call to an external system without a timeout, or without retries \
              or a circuit breaker",
    help: "set `timeout_ms` on the call, and `retries` (with idempotency keys) or \
           `circuit_breaker: true`",
    run,
};

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let index = cx.index();
    // Calls to external systems are found in the index alone; what their findings name is
    // read a batch at a time.
    let to_external = index
        .edges_of(ConnectionType::Calls)
        .filter(|(_, _, _, to)| index.kind(*to) == Some(Kind::External));
    let touch = |(_, c, from, to): (u32, &Connection, u32, u32)| {
        let end = |n| index.component(n).map_or(0, touch_id);
        first_byte(c.id.as_str()) ^ end(from) ^ end(to)
    };
    in_batches(to_external, touch, |(_, c, from, to)| {
        let (Some(call), Some(target)) = (c.call(), cx.index().component(to)) else {
            return;
        };
        let no_timeout = call.timeout_ms.is_none_or(|t| t == 0);
        let unprotected = call.retries == 0 && !call.circuit_breaker;
        let lacks = match (no_timeout, unprotected) {
            (false, false) => return,
            (true, false) => "no timeout",
            (false, true) => "neither retries nor a circuit breaker",
            (true, true) => "no timeout, and neither retries nor a circuit breaker",
        };
        let caller = cx
            .index()
            .component(from)
            .map(|x| x.id.clone())
            .unwrap_or_else(|| c.from.clone());
        sink.report(
            vec![c.id.clone(), caller, target.id.clone()],
            format!(
                "call `{}` from `{}` to external system `{}` has {lacks}",
                c.id, c.from, target.id
            ),
        );
    });
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, model};
    use crate::model::{CallSpec, ConnectionKind, Kind};

    fn call(timeout_ms: Option<u32>, retries: u32, circuit_breaker: bool) -> ConnectionKind {
        ConnectionKind::Calls(CallSpec {
            timeout_ms,
            retries,
            circuit_breaker,
            ..CallSpec::default()
        })
    }

    #[test]
    fn unguarded_calls_to_externals_are_flagged() {
        let arch = model()
            .services(&["a"])
            .add("stripe", Kind::External)
            .connect_as("bare", "a", "stripe", call(None, 0, false))
            .connect_as("zero", "a", "stripe", call(Some(0), 2, false))
            .connect_as("no-retry", "a", "stripe", call(Some(500), 0, false))
            .build();
        let messages: Vec<String> = findings(&arch, "missing-timeout")
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            messages,
            [
                "call `bare` from `a` to external system `stripe` has no timeout, and neither \
                 retries nor a circuit breaker",
                "call `no-retry` from `a` to external system `stripe` has neither retries nor \
                 a circuit breaker",
                "call `zero` from `a` to external system `stripe` has no timeout",
            ]
        );
    }

    #[test]
    fn guarded_calls_and_internal_calls_pass() {
        let arch = model()
            .services(&["a", "b"])
            .add("stripe", Kind::External)
            .connect_as("retried", "a", "stripe", call(Some(500), 3, false))
            .connect_as("breaker", "b", "stripe", call(Some(500), 0, true))
            .connect_as("internal", "a", "b", call(None, 0, false))
            .build();
        assert!(findings(&arch, "missing-timeout").is_empty());
    }
}
