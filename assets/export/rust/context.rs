//! What travels with one request: its id, for logs across services.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::HeaderMap;

/// The header carrying the request id from service to service.
pub const REQUEST_ID: &str = "x-request-id";

/// Per-request context passed from handlers to services and clients.
#[derive(Clone, Debug, Default)]
pub struct Ctx {
    /// The request id (the caller's, or a new one).
    pub request_id: String,
    /// The caller's `Authorization` header, relayed to the services this one calls.
    pub authorization: Option<String>,
    /// The caller's `X-API-Key` header, relayed likewise.
    pub api_key: Option<String>,
}

impl Ctx {
    /// The caller's request id, or a fresh one.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let request_id = headers
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty() && v.len() <= 128)
            .map(str::to_owned)
            .unwrap_or_else(new_id);
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        Self {
            request_id,
            authorization: header("authorization"),
            api_key: header("x-api-key"),
        }
    }

    /// A context for work that no request started (consumers, schedules).
    pub fn background() -> Self {
        Self {
            request_id: new_id(),
            ..Self::default()
        }
    }
}

fn new_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    format!("{nanos:x}-{:x}", COUNTER.fetch_add(1, Ordering::Relaxed))
}
