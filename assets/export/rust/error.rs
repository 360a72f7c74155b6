//! The service's error type and the HTTP status each error maps to.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Everything a request can fail with.
#[derive(Debug)]
pub enum AppError {
    /// The request is malformed (400).
    BadRequest(String),
    /// Missing or invalid credentials (401).
    Unauthorized(String),
    /// Authenticated but not allowed (403).
    Forbidden(String),
    /// No such resource (404).
    NotFound(String),
    /// The request conflicts with the current state (409).
    Conflict(String),
    /// Too many requests from this caller (429).
    TooManyRequests,
    /// A service this one depends on failed or is unreachable (502).
    Upstream(String),
    /// Anything else (500).
    Internal(String),
}

#[derive(Serialize)]
struct ErrorBody {
    error: &'static str,
    message: String,
}

impl AppError {
    /// The HTTP status this error maps to.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Upstream(_) => StatusCode::BAD_GATEWAY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "bad_request",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyRequests => "too_many_requests",
            AppError::Upstream(_) => "upstream",
            AppError::Internal(_) => "internal",
        }
    }

    fn message(&self) -> String {
        match self {
            AppError::TooManyRequests => "slow down".to_owned(),
            AppError::BadRequest(m)
            | AppError::Unauthorized(m)
            | AppError::Forbidden(m)
            | AppError::NotFound(m)
            | AppError::Conflict(m)
            | AppError::Upstream(m)
            | AppError::Internal(m) => m.clone(),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for AppError {}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        } else {
            tracing::warn!(error = %self, "request refused");
        }
        let body = ErrorBody {
            error: self.code(),
            message: self.message(),
        };
        (status, Json(body)).into_response()
    }
}

/// Converts one JSON-compatible type into another (a forwarded response whose schema has a
/// different name); a mismatch is an upstream error.
pub fn convert<A: Serialize, B: serde::de::DeserializeOwned>(value: A) -> Result<B, AppError> {
    serde_json::to_value(value)
        .and_then(serde_json::from_value)
        .map_err(|e| AppError::Upstream(format!("unexpected response shape: {e}")))
}
