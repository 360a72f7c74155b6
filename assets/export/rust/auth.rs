//! Authentication middleware for the endpoints that require it.
//!
//! JWT and OAuth 2 access tokens: `Authorization: Bearer <token>`, HS256-signed with the key in
//! `JWT_SECRET`, `exp` checked. API keys: `X-API-Key`, one of the comma-separated `API_KEYS`.
//! mTLS: the TLS-terminating proxy verifies the client certificate and sets
//! `X-Client-Verify: SUCCESS`. Secrets come only from the environment.

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::Config;
use crate::error::AppError;

/// How callers authenticate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Bearer JWT (HS256).
    Jwt,
    /// API key header.
    ApiKey,
    /// Client certificate checked by the proxy.
    Mtls,
}

/// The scheme of this service.
pub const SCHEME: Scheme = Scheme::__SCHEME__;

/// Rejects requests without valid credentials.
pub async fn require_auth(
    State(config): State<Config>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    check(&config, request.headers())?;
    Ok(next.run(request).await)
}

/// Whether `headers` carry valid credentials (the middleware and GraphQL resolvers ask).
pub fn check(config: &Config, headers: &HeaderMap) -> Result<(), AppError> {
    match SCHEME {
        Scheme::Jwt => {
            let token = headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or_else(|| AppError::Unauthorized("a bearer token is required".into()))?;
            let secret = config
                .jwt_secret
                .as_deref()
                .ok_or_else(|| AppError::Internal("JWT_SECRET is not set".into()))?;
            verify_jwt(token, secret.as_bytes(), now())?;
        }
        Scheme::ApiKey => {
            let key = headers
                .get("x-api-key")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| AppError::Unauthorized("an X-API-Key header is required".into()))?;
            let known = config.api_keys.iter().any(|k| constant_time_eq(k.as_bytes(), key.as_bytes()));
            if !known {
                return Err(AppError::Unauthorized("unknown API key".into()));
            }
        }
        Scheme::Mtls => {
            let verified = headers
                .get("x-client-verify")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v == "SUCCESS");
            if !verified {
                return Err(AppError::Unauthorized("a verified client certificate is required".into()));
            }
        }
    }
    Ok(())
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Checks an HS256 JWT's signature and expiry; returns its claims.
pub fn verify_jwt(token: &str, secret: &[u8], now: u64) -> Result<serde_json::Value, AppError> {
    let bad = |why: &str| AppError::Unauthorized(format!("invalid token: {why}"));
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("not three parts"));
    };
    let header: serde_json::Value = URL_SAFE_NO_PAD
        .decode(header)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| bad("unreadable header"))?;
    if header.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
        return Err(bad("only HS256 is accepted"));
    }
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| bad("unreadable signature"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| bad("unusable key"))?;
    mac.update(header_and_payload(token).as_bytes());
    mac.verify_slice(&signature).map_err(|_| bad("wrong signature"))?;
    let claims: serde_json::Value = URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| bad("unreadable claims"))?;
    if let Some(exp) = claims.get("exp").and_then(|e| e.as_u64())
        && exp <= now
    {
        return Err(bad("expired"));
    }
    Ok(claims)
}

fn header_and_payload(token: &str) -> &str {
    match token.rfind('.') {
        Some(i) => &token[..i],
        None => token,
    }
}

/// Signs claims as an HS256 JWT (for tests and tools).
pub fn sign_jwt(claims: &serde_json::Value, secret: &[u8]) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing = format!("{header}.{payload}");
    let signature = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mut mac) => {
            mac.update(signing.as_bytes());
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    };
    format!("{signing}.{signature}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_checked() {
        let token = sign_jwt(&serde_json::json!({"sub": "u1", "exp": 2000}), b"k");
        assert!(verify_jwt(&token, b"k", 1000).is_ok());
        assert!(verify_jwt(&token, b"other", 1000).is_err());
        assert!(verify_jwt(&token, b"k", 3000).is_err());
        assert!(verify_jwt("a.b", b"k", 1000).is_err());
    }
}
