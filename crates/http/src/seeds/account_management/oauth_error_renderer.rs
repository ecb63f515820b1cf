//! The token endpoint's error shape: OAuth2 clients read RFC 6749 (5.2), not the
//! account-management document's.

use actix_web::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::errors::render::ErrorRenderer;
use crate::errors::{ApiError, ApiErrorKind};

/// RFC 6749 (5.2): `{"error": "invalid_grant", "error_description": "..."}`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"error": "invalid_grant", "error_description": "Invalid refresh token"}))]
pub struct OAuthErrorBody {
    /// `invalid_request`, `invalid_grant`, `unsupported_grant_type`; `temporarily_unavailable`
    /// when throttled (`429` with `Retry-After`); `server_error` on a fault of the service.
    pub error: &'static str,
    pub error_description: String,
}

/// Renders errors of `POST /auth/accounts/token` as RFC 6749 asks: a malformed request
/// (missing parameters, a body that is not a form, including a wrong `Content-Type`) is `400
/// invalid_request`; a refused grant (wrong credentials, an unknown, expired, revoked or reused
/// refresh token) `400 invalid_grant`.
#[derive(Debug, Clone, Copy)]
pub struct OAuthErrorRenderer;

impl OAuthErrorRenderer {
    fn code(error: &ApiError) -> &'static str {
        match error.kind {
            ApiErrorKind::InvalidGrant => "invalid_grant",
            ApiErrorKind::UnsupportedGrantType => "unsupported_grant_type",
            _ if error.status == StatusCode::TOO_MANY_REQUESTS => "temporarily_unavailable",
            _ if error.status.is_server_error() => "server_error",
            _ => "invalid_request",
        }
    }
}

impl ErrorRenderer for OAuthErrorRenderer {
    fn render(&self, error: &ApiError) -> serde_json::Value {
        let body = OAuthErrorBody {
            error: Self::code(error),
            error_description: error.message.to_string(),
        };
        serde_json::to_value(body).unwrap_or_default()
    }

    /// RFC 6749 answers a request it cannot read with `400`; a body in another media type is
    /// one.
    fn status(&self, error: &ApiError) -> StatusCode {
        match error.kind {
            ApiErrorKind::UnsupportedMediaType => StatusCode::BAD_REQUEST,
            _ => error.status,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn rendered(error: &ApiError) -> (u16, serde_json::Value) {
        (
            OAuthErrorRenderer.status(error).as_u16(),
            OAuthErrorRenderer.render(error),
        )
    }

    #[test]
    fn a_refused_grant_is_invalid_grant() {
        let error = ApiError::new(
            StatusCode::BAD_REQUEST,
            ApiErrorKind::InvalidGrant,
            "Invalid refresh token",
        );
        assert_eq!(
            rendered(&error),
            (
                400,
                json!({"error": "invalid_grant", "error_description": "Invalid refresh token"})
            )
        );
    }

    #[test]
    fn a_malformed_request_is_400_invalid_request() {
        let missing = ApiError::invalid_request("refresh_token is required")
            .with_invalid_fields(["refresh_token"]);
        assert_eq!(
            rendered(&missing),
            (
                400,
                json!({"error": "invalid_request", "error_description": "refresh_token is required"})
            )
        );
        let not_a_form = ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiErrorKind::UnsupportedMediaType,
            "Content-Type must be application/x-www-form-urlencoded",
        );
        assert_eq!(rendered(&not_a_form).0, 400);
        assert_eq!(rendered(&not_a_form).1["error"], "invalid_request");
    }

    #[test]
    fn other_grants_throttling_and_faults_have_their_codes() {
        let unsupported = ApiError::new(
            StatusCode::BAD_REQUEST,
            ApiErrorKind::UnsupportedGrantType,
            "Unsupported grant type",
        );
        assert_eq!(rendered(&unsupported).1["error"], "unsupported_grant_type");
        let throttled = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ApiErrorKind::TooManyRequests,
            "Too many requests",
        )
        .with_retry_after(30);
        assert_eq!(
            rendered(&throttled),
            (
                429,
                json!({"error": "temporarily_unavailable", "error_description": "Too many requests"})
            )
        );
        let fault = ApiError::internal(&"boom");
        assert_eq!(rendered(&fault).1["error"], "server_error");
    }
}
