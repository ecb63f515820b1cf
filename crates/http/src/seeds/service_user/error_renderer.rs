use serde::Serialize;
use utoipa::ToSchema;

use crate::errors::render::ErrorRenderer;
use crate::errors::{ApiError, ApiErrorKind};

/// What the document prints under `Auth` when a code is wrong or out of time.
pub const AUTH_REFUSED: &str = "Incorrect authentication information and timed out information";

/// The service user account document's error body: `msg`, plus `Auth` for a wrong or expired
/// code and `Retry Time` (`mm:ss`) when the client must wait.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"msg": "Not processed.", "Retry Time": "09:56"}))]
pub struct ServiceUserErrorBody {
    pub msg: String,
    #[serde(rename = "Auth", skip_serializing_if = "Option::is_none")]
    pub auth: Option<String>,
    #[serde(rename = "Retry Time", skip_serializing_if = "Option::is_none")]
    pub retry_time: Option<String>,
}

/// Renders every error under `/v1/account` in the document's shape. The wording is the
/// mapping's (`Not processed.`, `Account not found`); the renderer adds the keys the kind
/// calls for. `Retry-After` is set by the shared response builder.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServiceUserRenderer;

impl ServiceUserRenderer {
    pub fn body(error: &ApiError) -> ServiceUserErrorBody {
        let waiting = matches!(
            error.kind,
            ApiErrorKind::CodeCooldown | ApiErrorKind::TooManyRequests
        );
        ServiceUserErrorBody {
            msg: error.message.to_string(),
            auth: (error.kind == ApiErrorKind::InvalidCode).then(|| AUTH_REFUSED.to_owned()),
            retry_time: error
                .retry_after
                .filter(|_| waiting)
                .map(minutes_and_seconds),
        }
    }
}

/// `596` seconds as the document writes them: `09:56`.
pub fn minutes_and_seconds(seconds: u64) -> String {
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

impl ErrorRenderer for ServiceUserRenderer {
    fn render(&self, error: &ApiError) -> serde_json::Value {
        serde_json::to_value(Self::body(error)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::StatusCode;
    use serde_json::json;

    use super::*;

    #[test]
    fn a_wait_is_written_as_minutes_and_seconds() {
        assert_eq!(minutes_and_seconds(596), "09:56");
        assert_eq!(minutes_and_seconds(600), "10:00");
        assert_eq!(minutes_and_seconds(1), "00:01");
        assert_eq!(minutes_and_seconds(3600), "60:00");
    }

    #[test]
    fn each_kind_gets_the_keys_the_document_prints() {
        let cooldown = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ApiErrorKind::CodeCooldown,
            "Not processed.",
        )
        .with_retry_after(596);
        assert_eq!(
            ServiceUserRenderer.render(&cooldown),
            json!({"msg": "Not processed.", "Retry Time": "09:56"})
        );
        let code = ApiError::new(
            StatusCode::UNAUTHORIZED,
            ApiErrorKind::InvalidCode,
            "Account not found",
        );
        assert_eq!(
            ServiceUserRenderer.render(&code),
            json!({"msg": "Account not found", "Auth": AUTH_REFUSED})
        );
        let gone = ApiError::new(
            StatusCode::NOT_FOUND,
            ApiErrorKind::AccountNotFound,
            "Account not found",
        );
        assert_eq!(
            ServiceUserRenderer.render(&gone),
            json!({"msg": "Account not found"})
        );
    }
}
