//! Rate limiting: a token bucket per caller (client IP), refilled at the model's rate.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::AppError;

/// Requests per minute per caller.
pub const PER_MINUTE: u32 = __PER_MINUTE__;

/// The buckets of every caller seen.
#[derive(Clone, Default)]
pub struct RateLimiter {
    buckets: Arc<Mutex<HashMap<IpAddr, (f64, Instant)>>>,
}

impl RateLimiter {
    /// Takes one token for `caller`; false when the bucket is empty.
    pub fn allow(&self, caller: IpAddr, now: Instant) -> bool {
        let capacity = f64::from(PER_MINUTE);
        let Ok(mut buckets) = self.buckets.lock() else {
            return true;
        };
        if buckets.len() > 100_000 {
            buckets.clear(); // bounded memory under a flood of addresses
        }
        let (tokens, last) = buckets.entry(caller).or_insert((capacity, now));
        let refill = now.saturating_duration_since(*last).as_secs_f64() * capacity / 60.0;
        *tokens = (*tokens + refill).min(capacity);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Answers 429 when the caller has used up its requests.
pub async fn limit(
    State(limiter): State<RateLimiter>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    if limiter.allow(addr.ip(), Instant::now()) {
        Ok(next.run(request).await)
    } else {
        Err(AppError::TooManyRequests)
    }
}
