//! What every outgoing HTTP client shares: timeout, retries with backoff, a circuit breaker,
//! the request id header, and errors mapped to [`AppError`].

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::context::{Ctx, REQUEST_ID};
use crate::error::AppError;

/// Failures in a row that open the circuit.
const BREAKER_THRESHOLD: u32 = 5;
/// How long an open circuit refuses calls.
const BREAKER_OPEN_MS: u64 = 30_000;

/// An HTTP client for one peer.
#[derive(Clone)]
pub struct HttpClient {
    name: &'static str,
    base: String,
    retries: u32,
    breaker: bool,
    relay_credentials: bool,
    http: reqwest::Client,
    circuit: Breaker,
}

/// The failures in a row of calls to one peer, and whether they opened its circuit.
#[derive(Clone, Default)]
pub struct Breaker {
    failures: Arc<AtomicU32>,
    open_until_ms: Arc<AtomicU64>,
}

impl Breaker {
    /// Whether the circuit is open (calls are refused).
    pub fn is_open(&self) -> bool {
        now_ms() < self.open_until_ms.load(Ordering::Relaxed)
    }

    /// A call answered: the count starts again.
    pub fn success(&self) {
        self.failures.store(0, Ordering::Relaxed);
    }

    /// A call failed; enough in a row open the circuit (when `open` allows it).
    pub fn failure(&self, open: bool) {
        let failures = self.failures.fetch_add(1, Ordering::Relaxed) + 1;
        if open && failures >= BREAKER_THRESHOLD {
            self.open_until_ms.store(now_ms() + BREAKER_OPEN_MS, Ordering::Relaxed);
        }
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl HttpClient {
    /// A client for `base` (`http://host:port`). `relay_credentials` passes the caller's
    /// `Authorization` and `X-API-Key` on (for our own services, never for external systems).
    pub fn new(
        name: &'static str,
        base: String,
        timeout: Option<Duration>,
        retries: u32,
        breaker: bool,
        relay_credentials: bool,
    ) -> Self {
        let mut builder = reqwest::Client::builder();
        if let Some(t) = timeout {
            builder = builder.timeout(t);
        }
        Self {
            name,
            base: base.trim_end_matches('/').to_owned(),
            retries,
            breaker,
            relay_credentials,
            http: builder.build().unwrap_or_default(),
            circuit: Breaker::default(),
        }
    }

    /// Its circuit breaker, if it has one, for another client of the same peer to share.
    pub fn breaker(&self) -> Option<Breaker> {
        self.breaker.then(|| self.circuit.clone())
    }

    /// Sends a request and decodes the JSON answer, retrying failures and 5xx answers.
    pub async fn send<B: Serialize, T: DeserializeOwned>(
        &self,
        ctx: &Ctx,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, AppError> {
        if self.breaker && self.circuit.is_open() {
            return Err(AppError::Upstream(format!("{}: circuit open", self.name)));
        }
        let url = format!("{}{}", self.base, path);
        let mut attempt = 0;
        loop {
            tracing::info!(request_id = %ctx.request_id, peer = self.name, %method, path, attempt, "calling");
            let mut request = self.http.request(method.clone(), &url).header(REQUEST_ID, &ctx.request_id);
            if self.relay_credentials {
                if let Some(a) = &ctx.authorization {
                    request = request.header("authorization", a);
                }
                if let Some(k) = &ctx.api_key {
                    request = request.header("x-api-key", k);
                }
            }
            if let Some(b) = body {
                request = request.json(b);
            }
            let why = match request.send().await {
                Ok(r) if r.status().is_server_error() => format!("answered {}", r.status()),
                Ok(r) if !r.status().is_success() => {
                    self.circuit.success();
                    return Err(AppError::Upstream(format!("{}: answered {}", self.name, r.status())));
                }
                Ok(r) => {
                    self.circuit.success();
                    let bytes = r.bytes().await.map_err(|e| AppError::Upstream(format!("{}: {e}", self.name)))?;
                    let bytes = if bytes.is_empty() { &b"null"[..] } else { &bytes[..] };
                    return serde_json::from_slice(bytes)
                        .map_err(|e| AppError::Upstream(format!("{}: unexpected answer: {e}", self.name)));
                }
                Err(e) => e.to_string(),
            };
            self.circuit.failure(self.breaker);
            if attempt >= self.retries {
                return Err(AppError::Upstream(format!("{}: {why}", self.name)));
            }
            attempt += 1;
            tokio::time::sleep(Duration::from_millis(100 * 2u64.pow(attempt.min(6)))).await;
        }
    }

    /// Posts one GraphQL document to `/graphql` (with this client's timeout, retries and
    /// breaker) and returns its `data`; an error in the answer is the [`AppError`] of
    /// [`graphql_data`].
    pub async fn graphql(&self, ctx: &Ctx, query: &str, variables: serde_json::Value) -> Result<serde_json::Value, AppError> {
        let body = serde_json::json!({ "query": query, "variables": variables });
        let answer: serde_json::Value = self.send(ctx, reqwest::Method::POST, "/graphql", Some(&body)).await?;
        graphql_data(self.name, answer)
    }
}

/// The `data` of a GraphQL answer, or its first error as the [`AppError`] its
/// `extensions.code` maps to (any other code is an upstream error).
pub fn graphql_data(name: &str, mut answer: serde_json::Value) -> Result<serde_json::Value, AppError> {
    if !answer.is_object() {
        return Err(AppError::Upstream(format!("{name}: not a GraphQL answer")));
    }
    if let Some(first) = answer.get("errors").and_then(|e| e.as_array()).and_then(|e| e.first()) {
        let message = format!(
            "{name}: {}",
            first.get("message").and_then(|m| m.as_str()).unwrap_or("GraphQL error")
        );
        return Err(match first.pointer("/extensions/code").and_then(|c| c.as_str()) {
            Some("UNAUTHENTICATED") => AppError::Unauthorized(message),
            Some("FORBIDDEN") => AppError::Forbidden(message),
            Some("NOT_FOUND") => AppError::NotFound(message),
            Some("BAD_USER_INPUT" | "GRAPHQL_PARSE_FAILED" | "GRAPHQL_VALIDATION_FAILED") => AppError::BadRequest(message),
            _ => AppError::Upstream(message),
        });
    }
    Ok(answer.get_mut("data").map(serde_json::Value::take).unwrap_or(serde_json::Value::Null))
}

/// Percent-encodes one path segment.
pub fn segment(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphql_answers_give_their_data_or_the_mapped_error() {
        let data = graphql_data("peer", serde_json::json!({"data": {"books": [{"isbn": "1"}]}})).expect("data");
        assert_eq!(data["books"][0]["isbn"], "1");
        let refused = serde_json::json!({
            "data": null,
            "errors": [{"message": "a bearer token is required", "extensions": {"code": "UNAUTHENTICATED"}}]
        });
        match graphql_data("peer", refused) {
            Err(AppError::Unauthorized(m)) => assert!(m.contains("a bearer token is required"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(graphql_data("peer", serde_json::json!([1])), Err(AppError::Upstream(_))));
    }
}
