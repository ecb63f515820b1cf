use serde::Serialize;
use utoipa::ToSchema;

use crate::errors::render::ErrorRenderer;
use crate::errors::{ApiError, ApiErrorKind};

/// The Lux user API's error shape: `{"detail": "<message>"}`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"detail": "User is None"}))]
pub struct LuxErrorBody {
    /// The Lux document's message, verbatim (typos included).
    pub detail: String,
}

/// `{"detail": "..."}`, with the Lux document's wording for the errors every endpoint shares.
///
/// Errors of the Lux use cases already carry the document's messages (see
/// `seeds/lux/error_mapping.rs`). The shared ones (authentication, unknown paths, unexpected
/// failures) carry neutral messages, which the document words its own way: they are reworded
/// here by their kind.
#[derive(Debug, Clone, Copy, Default)]
pub struct LuxRenderer;

impl LuxRenderer {
    /// The document's common messages.
    pub const INVALID_CREDENTIALS: &'static str = "Could not validate credentials";
    pub const TOKEN_EXPIRED: &'static str = "Token is expired";
    pub const USER_IS_NONE: &'static str = "User is None";
    pub const USER_IS_DELETED: &'static str = "User is Deleted";
    pub const RESOURCE_NOT_FOUND: &'static str = "Resource not found";
    pub const INTERNAL: &'static str = "Internal server error. Please try again later.";

    /// The `detail` of an error: the document's own words for the errors every endpoint
    /// shares, the message otherwise. No catch-all: a new kind is worded here (or passed
    /// through) before it compiles.
    fn detail(error: &ApiError) -> &str {
        match error.kind {
            ApiErrorKind::Unauthorized
            | ApiErrorKind::InvalidToken
            | ApiErrorKind::SessionEnded => Self::INVALID_CREDENTIALS,
            ApiErrorKind::TokenExpired => Self::TOKEN_EXPIRED,
            ApiErrorKind::AccountNotFound => Self::USER_IS_NONE,
            ApiErrorKind::AccountDeleted => Self::USER_IS_DELETED,
            ApiErrorKind::NotFound => Self::RESOURCE_NOT_FOUND,
            ApiErrorKind::InternalError => Self::INTERNAL,
            // Worded by the Lux use cases' mapping already (`seeds/lux/error_mapping.rs`).
            ApiErrorKind::AccountPreviouslyDeleted
            | ApiErrorKind::UserNotFound
            | ApiErrorKind::PushNotAgreed
            | ApiErrorKind::InvalidPushToken
            | ApiErrorKind::InvalidSerialCode
            | ApiErrorKind::NotAuthorizedUser
            | ApiErrorKind::DeviceNotFound
            | ApiErrorKind::DeviceAlreadyConnected
            | ApiErrorKind::RealUserNotFound
            | ApiErrorKind::RealUserDeleteFailed
            | ApiErrorKind::PhoneTaken
            | ApiErrorKind::CodeCooldown
            | ApiErrorKind::InvalidCode
            | ApiErrorKind::CodeExpired
            | ApiErrorKind::CodeAttemptsExhausted
            | ApiErrorKind::TooManyRequests => &error.message,
            // The document has no words of its own for these: their message as it is.
            ApiErrorKind::InvalidRequest
            | ApiErrorKind::InvalidFields
            | ApiErrorKind::PayloadTooLarge
            | ApiErrorKind::UnsupportedMediaType
            | ApiErrorKind::MethodNotAllowed
            | ApiErrorKind::EmailTaken
            | ApiErrorKind::LoginIdTaken
            | ApiErrorKind::NicknameTaken
            | ApiErrorKind::InvalidCredentials
            | ApiErrorKind::InvalidPassword
            | ApiErrorKind::InvalidCurrentPassword
            | ApiErrorKind::InvalidGrant
            | ApiErrorKind::UnsupportedGrantType
            | ApiErrorKind::SessionNotFound
            | ApiErrorKind::Forbidden
            | ApiErrorKind::BatchTooLarge
            | ApiErrorKind::LastAdmin
            | ApiErrorKind::OwnAccount
            | ApiErrorKind::AccountNotDeleted
            | ApiErrorKind::RetentionOver
            | ApiErrorKind::IdentifierTaken
            | ApiErrorKind::DeadMessageNotFound
            | ApiErrorKind::StoreUnavailable => &error.message,
        }
    }
}

impl ErrorRenderer for LuxRenderer {
    fn render(&self, error: &ApiError) -> serde_json::Value {
        let body = LuxErrorBody {
            detail: Self::detail(error).to_owned(),
        };
        serde_json::to_value(body).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::StatusCode;
    use serde_json::json;

    use super::*;

    fn rendered(status: StatusCode, id: ApiErrorKind, message: &'static str) -> serde_json::Value {
        LuxRenderer.render(&ApiError::new(status, id, message))
    }

    #[test]
    fn renders_the_message_as_detail() {
        assert_eq!(
            rendered(
                StatusCode::BAD_REQUEST,
                ApiErrorKind::PushNotAgreed,
                "Push permisson denied"
            ),
            json!({"detail": "Push permisson denied"})
        );
    }

    #[test]
    fn words_the_shared_errors_as_the_document_does() {
        let cases = [
            (
                401,
                ApiErrorKind::Unauthorized,
                "Could not validate credentials",
            ),
            (
                401,
                ApiErrorKind::InvalidToken,
                "Could not validate credentials",
            ),
            (
                401,
                ApiErrorKind::SessionEnded,
                "Could not validate credentials",
            ),
            (401, ApiErrorKind::TokenExpired, "Token is expired"),
            (401, ApiErrorKind::AccountNotFound, "User is None"),
            (401, ApiErrorKind::AccountDeleted, "User is Deleted"),
            (404, ApiErrorKind::NotFound, "Resource not found"),
            (
                500,
                ApiErrorKind::InternalError,
                "Internal server error. Please try again later.",
            ),
        ];
        for (status, id, detail) in cases {
            let status = StatusCode::from_u16(status).unwrap_or_default();
            assert_eq!(
                rendered(status, id, "neutral"),
                json!({ "detail": detail }),
                "{id}"
            );
        }
    }

    #[test]
    fn never_adds_other_keys() {
        let error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ApiErrorKind::CodeCooldown,
            "Slow down",
        )
        .with_invalid_fields(["phone"])
        .with_retry_after(30);
        assert_eq!(LuxRenderer.render(&error), json!({"detail": "Slow down"}));
    }
}
