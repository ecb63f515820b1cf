//! Bad input rejected by actix's extractors becomes an [`ApiError`]: `400 invalid_request`,
//! `413 payload_too_large` or `415 unsupported_media_type`, never a 500.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, web};

use super::{ApiError, ApiErrorKind};

/// Extractor configurations whose errors are rendered as [`ApiError`]s, with this body limit.
pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(|error, _: &HttpRequest| json_error(error).into())
}

pub fn form_config(limit: usize) -> web::FormConfig {
    web::FormConfig::default()
        .limit(limit)
        .error_handler(|error, _: &HttpRequest| form_error(error).into())
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|error, _: &HttpRequest| path_error(&error).into())
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _: &HttpRequest| query_error(&error).into())
}

pub fn payload_too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ApiErrorKind::PayloadTooLarge,
        format!("Request body is larger than {limit} bytes"),
    )
}

fn unsupported_media_type(expected: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ApiErrorKind::UnsupportedMediaType,
        format!("Content-Type must be {expected}"),
    )
}

fn unreadable_body(error: &dyn std::fmt::Display) -> ApiError {
    ApiError::invalid_request(format!("Request body could not be read: {error}"))
}

fn json_error(error: JsonPayloadError) -> ApiError {
    match error {
        JsonPayloadError::OverflowKnownLength { limit, .. }
        | JsonPayloadError::Overflow { limit } => payload_too_large(limit),
        JsonPayloadError::ContentType => unsupported_media_type("application/json"),
        JsonPayloadError::Deserialize(error) => {
            ApiError::invalid_request(format!("Malformed JSON: {error}"))
        }
        JsonPayloadError::Payload(error) => unreadable_body(&error),
        // `Serialize` happens only when responding; actix may add variants.
        other => ApiError::internal(&other),
    }
}

fn form_error(error: UrlencodedError) -> ApiError {
    match error {
        UrlencodedError::Overflow { limit, .. } => payload_too_large(limit),
        UrlencodedError::ContentType => unsupported_media_type("application/x-www-form-urlencoded"),
        UrlencodedError::Parse(error) => {
            ApiError::invalid_request(format!("Malformed form body: {error}"))
        }
        UrlencodedError::Chunked | UrlencodedError::UnknownLength | UrlencodedError::Encoding => {
            unreadable_body(&error)
        }
        UrlencodedError::Payload(error) => unreadable_body(&error),
        other => ApiError::internal(&other),
    }
}

fn path_error(error: &PathError) -> ApiError {
    ApiError::invalid_request(format!("Invalid path parameter: {error}"))
}

fn query_error(error: &QueryPayloadError) -> ApiError {
    ApiError::invalid_request(format!("Invalid query string: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_bodies_are_413() {
        let error = json_error(JsonPayloadError::Overflow { limit: 65536 });
        assert_eq!(
            (error.status.as_u16(), error.kind.id()),
            (413, "payload_too_large")
        );
        let error = form_error(UrlencodedError::Overflow {
            size: 70000,
            limit: 65536,
        });
        assert_eq!(
            (error.status.as_u16(), error.kind.id()),
            (413, "payload_too_large")
        );
    }

    #[test]
    fn wrong_content_types_are_415() {
        assert_eq!(
            json_error(JsonPayloadError::ContentType).status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(
            form_error(UrlencodedError::ContentType).status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
    }

    #[test]
    fn syntax_errors_are_400_naming_the_problem() {
        let syntax = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let error = json_error(JsonPayloadError::Deserialize(syntax));
        assert_eq!(
            (error.status.as_u16(), error.kind.id()),
            (400, "invalid_request")
        );
        assert!(
            error.message.starts_with("Malformed JSON: EOF"),
            "{}",
            error.message
        );
    }
}
