use actix_web::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::errors::ApiError;
use crate::errors::render::ErrorRenderer;

/// The SG-Finder document's error body: the status again, and its name in lower case as the
/// document lists it (`bad request`, `unauthorized`, `duplicated`, ...).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"code": 400, "message": "bad request"}))]
pub struct SgFinderErrorBody {
    pub code: u16,
    pub message: String,
}

/// Renders every error under `/user` in the document's shape. The document words errors by
/// status only; the neutral error's own message is not sent (it is in the logs when it
/// matters). `Retry-After` on 429 is set by the shared response builder.
#[derive(Debug, Clone, Copy, Default)]
pub struct SgFinderRenderer;

impl SgFinderRenderer {
    /// The document's name of a status: its own (`duplicated` for 409), else the standard
    /// reason in lower case.
    pub fn message(status: StatusCode) -> String {
        match status.as_u16() {
            409 => "duplicated".to_owned(),
            _ => status.canonical_reason().unwrap_or("error").to_lowercase(),
        }
    }
}

impl ErrorRenderer for SgFinderRenderer {
    fn render(&self, error: &ApiError) -> serde_json::Value {
        let body = SgFinderErrorBody {
            code: error.status.as_u16(),
            message: Self::message(error.status),
        };
        serde_json::to_value(body).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::errors::ApiErrorKind;

    #[test]
    fn each_status_is_named_as_the_document_names_it() {
        for (status, message) in [
            (400, "bad request"),
            (401, "unauthorized"),
            (403, "forbidden"),
            (404, "not found"),
            (409, "duplicated"),
            (429, "too many requests"),
            (500, "internal server error"),
        ] {
            let status = StatusCode::from_u16(status).unwrap_or_default();
            let error = ApiError::new(status, ApiErrorKind::InvalidRequest, "anything");
            assert_eq!(
                SgFinderRenderer.render(&error),
                json!({"code": status.as_u16(), "message": message})
            );
        }
    }
}
