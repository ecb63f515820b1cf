use std::borrow::Cow;
use std::fmt;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use super::ApiErrorKind;
use super::render::{ErrorRenderer, respond};
use crate::seeds::account_management::AccountManagementRenderer;

/// The one neutral error every route answers with: the HTTP status, what went wrong (its
/// [`ApiErrorKind`], whose stable snake_case id clients see), a message for people, the request
/// fields at fault, and when a throttled client may retry.
///
/// Each seed module renders it in its own document's shape (see [`super::render`]); by default
/// it renders in the account-management shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    /// What went wrong; [`ApiErrorKind::id`] is its stable, machine-readable id
    /// (`email_taken`, `invalid_credentials`, ...).
    pub kind: ApiErrorKind,
    pub message: Cow<'static, str>,
    /// Request fields at fault, in the request's own spelling (`loginId`, `grant_type`).
    pub invalid_fields: Vec<String>,
    /// Seconds until a retry may succeed; sent as `Retry-After` and in the body.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        kind: ApiErrorKind,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            status,
            kind,
            message: message.into(),
            invalid_fields: Vec::new(),
            retry_after: None,
        }
    }

    pub fn with_invalid_fields<S: Into<String>>(
        mut self,
        fields: impl IntoIterator<Item = S>,
    ) -> Self {
        self.invalid_fields = fields.into_iter().map(Into::into).collect();
        self
    }

    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// No usable bearer token was presented.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ApiErrorKind::Unauthorized,
            "Unauthorized",
        )
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ApiErrorKind::NotFound, "Not Found")
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ApiErrorKind::MethodNotAllowed,
            "Method Not Allowed",
        )
    }

    /// Bad input the request itself carries (malformed JSON, a wrong type, a bad path value).
    pub fn invalid_request(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            ApiErrorKind::InvalidRequest,
            message,
        )
    }

    /// Something the client cannot act on went wrong. The cause is logged with its whole chain
    /// and never sent.
    pub fn internal(cause: &dyn fmt::Debug) -> Self {
        tracing::error!(cause = ?cause, "request failed unexpectedly");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ApiErrorKind::InternalError,
            "Internal Server Error",
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.kind,
            self.message
        )
    }
}

impl std::error::Error for ApiError {}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    /// Renders the account-management shape and leaves a copy of the error in the response
    /// extensions, for a scope's renderer to re-render it in its seed's shape.
    fn error_response(&self) -> HttpResponse {
        respond(self, AccountManagementRenderer::GENERIC.render(self))
    }
}
