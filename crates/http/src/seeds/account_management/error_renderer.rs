use serde::Serialize;
use utoipa::ToSchema;

use crate::errors::ApiError;
use crate::errors::render::ErrorRenderer;

/// The account-management document's error shape, also used by routes no seed covers. The
/// example is the document's own (its routes answer without `error`).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "status": 400, "code": 40000, "message": "Email already exists", "detail": ""
}))]
pub struct AccountManagementErrorBody {
    /// The HTTP status.
    pub status: u16,
    /// The HTTP status times 100.
    pub code: u32,
    pub message: String,
    /// Always empty; kept because the document has it.
    pub detail: String,
    /// A stable snake_case id of the error, e.g. `email_taken`; only on routes no seed
    /// covers (the account-management document's own routes keep its four keys).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Request fields at fault; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_fields: Vec<String>,
    /// Seconds until a retry may succeed (also in `Retry-After`); absent when not throttled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

/// `{"status": 400, "code": 40000, "message": "...", "detail": ""}`, plus `invalidFields` and
/// `retryAfter` when set; routes no seed covers add `"error": "<id>"`.
#[derive(Debug, Clone, Copy)]
pub struct AccountManagementRenderer {
    with_error_id: bool,
}

impl AccountManagementRenderer {
    /// The document's own routes (`/auth/accounts/...`): exactly its keys.
    pub const SEED: Self = Self {
        with_error_id: false,
    };
    /// Routes no seed covers (health, admin, docs, unknown paths): plus the stable id.
    pub const GENERIC: Self = Self {
        with_error_id: true,
    };
}

impl Default for AccountManagementRenderer {
    fn default() -> Self {
        Self::GENERIC
    }
}

impl ErrorRenderer for AccountManagementRenderer {
    fn render(&self, error: &ApiError) -> serde_json::Value {
        let status = error.status.as_u16();
        let body = AccountManagementErrorBody {
            status,
            code: u32::from(status) * 100,
            message: error.message.to_string(),
            detail: String::new(),
            error: self.with_error_id.then(|| error.kind.id().to_owned()),
            invalid_fields: error.invalid_fields.clone(),
            retry_after: error.retry_after,
        };
        serde_json::to_value(body).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::StatusCode;
    use serde_json::json;

    use super::*;
    use crate::errors::ApiErrorKind;

    #[test]
    fn renders_the_documented_shape_with_the_error_id() {
        let error = ApiError::new(
            StatusCode::BAD_REQUEST,
            ApiErrorKind::EmailTaken,
            "Email already exists",
        );
        assert_eq!(
            AccountManagementRenderer::GENERIC.render(&error),
            json!({"status": 400, "code": 40000, "message": "Email already exists", "detail": "", "error": "email_taken"})
        );
        assert_eq!(
            AccountManagementRenderer::SEED.render(&error),
            json!({"status": 400, "code": 40000, "message": "Email already exists", "detail": ""})
        );
    }

    #[test]
    fn adds_invalid_fields_and_retry_after_only_when_set() {
        let error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ApiErrorKind::TooManyRequests,
            "Too many requests",
        )
        .with_invalid_fields(["email"])
        .with_retry_after(30);
        assert_eq!(
            AccountManagementRenderer::GENERIC.render(&error),
            json!({
                "status": 429, "code": 42900, "message": "Too many requests", "detail": "",
                "error": "too_many_requests", "invalidFields": ["email"], "retryAfter": 30
            })
        );
    }
}
