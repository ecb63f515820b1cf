use serde::Serialize;
use utoipa::ToSchema;

use crate::errors::render::ErrorRenderer;
use crate::errors::{ApiError, ApiErrorKind};

/// The accounts-with-roles document's error shapes, one at a time: `{"message"}` for 401, 403,
/// 404 and the other refusals; `{"invalidFields"}` for fields at fault (400);
/// `{"domain", "errorCode", "description"}` for server errors (5xx).
#[derive(Debug, Default, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"message": "Forbidden"}))]
pub struct AccountsRolesErrorBody {
    /// Why the request was refused (401, 403, 404, 405, 409, 413, 415, 429; and a 400 whose
    /// fault is not one field, e.g. malformed JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The request fields at fault (400), in the request's spelling (`birthDate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid_fields: Option<Vec<String>>,
    /// 5xx: the part of the service that failed (`account`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// 5xx: a stable snake_case id (`internal_error`, `store_unavailable`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// 5xx: what failed, for people; the cause is logged, never sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Which of the document's shapes an error takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Message,
    InvalidFields,
    Server,
}

/// Renders every error of the `/accounts`, `/users` and `/account` paths in the document's
/// shapes. The message is the neutral one (or this seed's, `seeds/accounts_roles/error_mapping.rs`);
/// `Retry-After` on 429 is set by the shared response builder.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccountsRolesRenderer;

impl AccountsRolesRenderer {
    /// The `domain` of a server error.
    pub const DOMAIN: &'static str = "account";

    /// The shape of each kind. No catch-all: a new kind is given a shape here before it
    /// compiles.
    fn shape(kind: ApiErrorKind) -> Shape {
        match kind {
            ApiErrorKind::InvalidRequest | ApiErrorKind::InvalidFields => Shape::InvalidFields,
            ApiErrorKind::StoreUnavailable | ApiErrorKind::InternalError => Shape::Server,
            ApiErrorKind::PayloadTooLarge
            | ApiErrorKind::UnsupportedMediaType
            | ApiErrorKind::NotFound
            | ApiErrorKind::MethodNotAllowed
            | ApiErrorKind::Unauthorized
            | ApiErrorKind::InvalidToken
            | ApiErrorKind::TokenExpired
            | ApiErrorKind::SessionEnded
            | ApiErrorKind::AccountNotFound
            | ApiErrorKind::AccountDeleted
            | ApiErrorKind::TooManyRequests
            | ApiErrorKind::CodeCooldown
            | ApiErrorKind::InvalidCode
            | ApiErrorKind::CodeExpired
            | ApiErrorKind::CodeAttemptsExhausted
            | ApiErrorKind::EmailTaken
            | ApiErrorKind::LoginIdTaken
            | ApiErrorKind::NicknameTaken
            | ApiErrorKind::InvalidCredentials
            | ApiErrorKind::InvalidPassword
            | ApiErrorKind::InvalidCurrentPassword
            | ApiErrorKind::InvalidGrant
            | ApiErrorKind::UnsupportedGrantType
            | ApiErrorKind::SessionNotFound
            | ApiErrorKind::AccountPreviouslyDeleted
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
            | ApiErrorKind::Forbidden
            | ApiErrorKind::BatchTooLarge
            | ApiErrorKind::LastAdmin
            | ApiErrorKind::OwnAccount
            | ApiErrorKind::AccountNotDeleted
            | ApiErrorKind::RetentionOver
            | ApiErrorKind::IdentifierTaken
            | ApiErrorKind::DeadMessageNotFound => Shape::Message,
        }
    }
}

impl ErrorRenderer for AccountsRolesRenderer {
    fn render(&self, error: &ApiError) -> serde_json::Value {
        let shape = if error.status.is_server_error() {
            Shape::Server
        } else {
            Self::shape(error.kind)
        };
        let message = error.message.to_string();
        let body = match shape {
            Shape::Message => AccountsRolesErrorBody {
                message: Some(message),
                ..AccountsRolesErrorBody::default()
            },
            // Malformed JSON names no field: the reason is said instead.
            Shape::InvalidFields if error.invalid_fields.is_empty() => AccountsRolesErrorBody {
                message: Some(message),
                invalid_fields: Some(Vec::new()),
                ..AccountsRolesErrorBody::default()
            },
            Shape::InvalidFields => AccountsRolesErrorBody {
                invalid_fields: Some(error.invalid_fields.clone()),
                ..AccountsRolesErrorBody::default()
            },
            Shape::Server => AccountsRolesErrorBody {
                domain: Some(Self::DOMAIN.to_owned()),
                error_code: Some(error.kind.id().to_owned()),
                description: Some(message),
                ..AccountsRolesErrorBody::default()
            },
        };
        serde_json::to_value(body).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::StatusCode;
    use serde_json::json;

    use super::*;

    fn rendered(error: ApiError) -> serde_json::Value {
        AccountsRolesRenderer.render(&error)
    }

    #[test]
    fn refusals_are_a_message() {
        for (status, kind, message) in [
            (401, ApiErrorKind::Unauthorized, "Unauthorized"),
            (401, ApiErrorKind::TokenExpired, "Token is expired"),
            (403, ApiErrorKind::Forbidden, "Forbidden"),
            (404, ApiErrorKind::UserNotFound, "User Not Found"),
            (429, ApiErrorKind::TooManyRequests, "Too many requests"),
        ] {
            let status = StatusCode::from_u16(status).unwrap_or_default();
            assert_eq!(
                rendered(ApiError::new(status, kind, message).with_retry_after(3)),
                json!({ "message": message }),
                "{kind}"
            );
        }
    }

    #[test]
    fn field_errors_name_the_fields_only() {
        let error = ApiError::new(
            StatusCode::BAD_REQUEST,
            ApiErrorKind::InvalidFields,
            "Name must be 2 to 20 characters",
        )
        .with_invalid_fields(["name", "birthDate"]);
        assert_eq!(
            rendered(error),
            json!({"invalidFields": ["name", "birthDate"]})
        );
        let malformed = ApiError::invalid_request("Malformed JSON");
        assert_eq!(
            rendered(malformed),
            json!({"message": "Malformed JSON", "invalidFields": []})
        );
    }

    #[test]
    fn server_errors_name_the_domain_and_code() {
        let internal = ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ApiErrorKind::InternalError,
            "Internal Server Error",
        );
        assert_eq!(
            rendered(internal),
            json!({"domain": "account", "errorCode": "internal_error",
                   "description": "Internal Server Error"})
        );
        let unavailable = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiErrorKind::StoreUnavailable,
            "Service Unavailable",
        );
        assert_eq!(rendered(unavailable)["errorCode"], "store_unavailable");
    }
}
