//! The `/accounts` use cases' errors in this document's words.

use account_domain::accounts::{AccountField, AdministrationError};
use account_domain::profile_images::{DeleteImageError, SignedUploadError};
use account_domain::sign_in::{CompleteRegistrationError, CompleteSignInError, StartSignInError};
use actix_web::http::StatusCode;

use crate::errors::mapping::too_many_requests;
use crate::errors::{ApiError, ApiErrorKind};
use crate::seeds::accounts_roles::dto::sign_up_field_name;

impl From<AdministrationError> for ApiError {
    fn from(error: AdministrationError) -> Self {
        match error {
            AdministrationError::NotFound => ApiError::new(
                StatusCode::NOT_FOUND,
                ApiErrorKind::AccountNotFound,
                "Account Not Found",
            ),
            AdministrationError::Deleted => ApiError::new(
                StatusCode::NOT_FOUND,
                ApiErrorKind::AccountDeleted,
                "Account Deleted",
            ),
            AdministrationError::Forbidden => ApiError::new(
                StatusCode::FORBIDDEN,
                ApiErrorKind::Forbidden,
                "Only the account's owner, ADMIN or STAFF may do this",
            ),
            AdministrationError::InvalidFields(fields) => ApiError::new(
                StatusCode::BAD_REQUEST,
                ApiErrorKind::InvalidFields,
                "Invalid fields",
            )
            .with_invalid_fields(fields.into_iter().map(field_name)),
            AdministrationError::Unexpected(cause) => cause.into(),
        }
    }
}

/// No provider of the path's `registrationId` is configured.
fn unknown_provider() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorKind::NotFound,
        "Unknown registration id",
    )
}

fn sign_in_refused(message: &'static str) -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        ApiErrorKind::Unauthorized,
        message,
    )
}

fn deleted_account() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        ApiErrorKind::AccountDeleted,
        "Account Deleted",
    )
}

impl From<StartSignInError> for ApiError {
    fn from(error: StartSignInError) -> Self {
        match error {
            StartSignInError::UnknownProvider => unknown_provider(),
            StartSignInError::Throttled { retry_at } => too_many_requests(retry_at),
            StartSignInError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<CompleteSignInError> for ApiError {
    fn from(error: CompleteSignInError) -> Self {
        match error {
            CompleteSignInError::UnknownProvider => unknown_provider(),
            CompleteSignInError::InvalidState => sign_in_refused("Invalid sign-in state"),
            CompleteSignInError::ProviderDenied => {
                sign_in_refused("The provider did not authorize the sign-in")
            }
            CompleteSignInError::CodeRefused => {
                sign_in_refused("The provider refused the authorization code")
            }
            CompleteSignInError::InvalidIdToken => {
                sign_in_refused("The provider's ID token is not valid")
            }
            CompleteSignInError::ProviderUnavailable(cause) => {
                tracing::error!(error = ?cause, "the identity provider is unavailable");
                ApiError::new(
                    StatusCode::BAD_GATEWAY,
                    ApiErrorKind::InternalError,
                    "The identity provider is unavailable",
                )
            }
            CompleteSignInError::AccountDeleted => deleted_account(),
            CompleteSignInError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<CompleteRegistrationError> for ApiError {
    fn from(error: CompleteRegistrationError) -> Self {
        match error {
            CompleteRegistrationError::AlreadySignedIn => ApiError::new(
                StatusCode::FORBIDDEN,
                ApiErrorKind::Forbidden,
                "Already signed in",
            ),
            CompleteRegistrationError::NoPendingRegistration => {
                sign_in_refused("No sign-up to complete: sign in with the provider again")
            }
            CompleteRegistrationError::Insufficient(fields) => ApiError::new(
                StatusCode::BAD_REQUEST,
                ApiErrorKind::InvalidFields,
                "insufficient user info",
            )
            .with_invalid_fields(fields.into_iter().map(sign_up_field_name)),
            CompleteRegistrationError::AccountDeleted => deleted_account(),
            CompleteRegistrationError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<SignedUploadError> for ApiError {
    fn from(error: SignedUploadError) -> Self {
        let field = |field: &'static str, message: String| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                ApiErrorKind::InvalidFields,
                message,
            )
            .with_invalid_fields([field])
        };
        match error {
            SignedUploadError::Forbidden => AdministrationError::Forbidden.into(),
            SignedUploadError::NotFound => AdministrationError::NotFound.into(),
            SignedUploadError::Deleted => AdministrationError::Deleted.into(),
            SignedUploadError::FilenameMissing => field("filename", "filename is required".into()),
            SignedUploadError::UnsupportedType => field(
                "filename",
                "Unsupported file extension: png, jpg, jpeg or gif".into(),
            ),
            SignedUploadError::InvalidSize { max } => {
                field("size", format!("size must be between 1 and {max} bytes"))
            }
            SignedUploadError::SizeRequired => field(
                "size",
                "size is required: the image store binds the exact length".into(),
            ),
            SignedUploadError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<DeleteImageError> for ApiError {
    fn from(error: DeleteImageError) -> Self {
        match error {
            DeleteImageError::Forbidden => AdministrationError::Forbidden.into(),
            DeleteImageError::NotFound => AdministrationError::NotFound.into(),
            DeleteImageError::Deleted => AdministrationError::Deleted.into(),
            DeleteImageError::Unexpected(cause) => cause.into(),
        }
    }
}

/// A field's name in this document's request bodies.
pub fn field_name(field: AccountField) -> &'static str {
    match field {
        AccountField::Name => "name",
        AccountField::Gender => "gender",
        AccountField::BirthDate => "birthDate",
    }
}

/// `/users/{userId}/profile` of an account that is missing or deleted.
pub fn user_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorKind::UserNotFound,
        "User Not Found",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_has_its_status_and_the_fields_their_request_spelling() {
        let cases = [
            (AdministrationError::NotFound, 404),
            (AdministrationError::Deleted, 404),
            (AdministrationError::Forbidden, 403),
            (
                AdministrationError::InvalidFields(vec![AccountField::BirthDate]),
                400,
            ),
        ];
        for (error, status) in cases {
            assert_eq!(ApiError::from(error).status.as_u16(), status);
        }
        let fields = ApiError::from(AdministrationError::InvalidFields(vec![
            AccountField::Name,
            AccountField::Gender,
            AccountField::BirthDate,
        ]))
        .invalid_fields;
        assert_eq!(fields, ["name", "gender", "birthDate"]);
    }

    #[test]
    fn image_errors_name_the_query_field_at_fault() {
        let cases = [
            (SignedUploadError::FilenameMissing, 400, Some("filename")),
            (SignedUploadError::UnsupportedType, 400, Some("filename")),
            (
                SignedUploadError::InvalidSize { max: 10 },
                400,
                Some("size"),
            ),
            (SignedUploadError::SizeRequired, 400, Some("size")),
            (SignedUploadError::Forbidden, 403, None),
            (SignedUploadError::NotFound, 404, None),
            (SignedUploadError::Deleted, 404, None),
        ];
        for (error, status, field) in cases {
            let api = ApiError::from(error);
            assert_eq!(api.status.as_u16(), status);
            assert_eq!(api.invalid_fields.first().map(String::as_str), field);
        }
        assert_eq!(
            ApiError::from(DeleteImageError::Forbidden).status.as_u16(),
            403
        );
        assert_eq!(
            ApiError::from(DeleteImageError::Deleted).status.as_u16(),
            404
        );
    }
}
