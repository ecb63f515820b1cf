use serde::Serialize;
use utoipa::ToSchema;

use crate::errors::ApiError;
use crate::errors::render::ErrorRenderer;

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
/// `seeds/lux/error_mapping.rs`). The shared ones (authentication, unknown paths, unexpected failures)
/// carry neutral messages, which the document words its own way: they are reworded here by
/// their stable id.
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

    fn detail(error: &ApiError) -> &str {
        match error.id {
            "unauthorized" | "invalid_token" | "session_ended" => Self::INVALID_CREDENTIALS,
            "token_expired" => Self::TOKEN_EXPIRED,
            "account_not_found" => Self::USER_IS_NONE,
            "account_deleted" => Self::USER_IS_DELETED,
            "not_found" => Self::RESOURCE_NOT_FOUND,
            "internal_error" => Self::INTERNAL,
            _ => &error.message,
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

    fn rendered(status: StatusCode, id: &'static str, message: &'static str) -> serde_json::Value {
        LuxRenderer.render(&ApiError::new(status, id, message))
    }

    #[test]
    fn renders_the_message_as_detail() {
        assert_eq!(
            rendered(
                StatusCode::BAD_REQUEST,
                "push_not_agreed",
                "Push permisson denied"
            ),
            json!({"detail": "Push permisson denied"})
        );
    }

    #[test]
    fn words_the_shared_errors_as_the_document_does() {
        let cases = [
            (401, "unauthorized", "Could not validate credentials"),
            (401, "invalid_token", "Could not validate credentials"),
            (401, "session_ended", "Could not validate credentials"),
            (401, "token_expired", "Token is expired"),
            (401, "account_not_found", "User is None"),
            (401, "account_deleted", "User is Deleted"),
            (404, "not_found", "Resource not found"),
            (
                500,
                "internal_error",
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
        let error = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "code_cooldown", "Slow down")
            .with_invalid_fields(["phone"])
            .with_retry_after(30);
        assert_eq!(LuxRenderer.render(&error), json!({"detail": "Slow down"}));
    }
}
