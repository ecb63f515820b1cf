//! The `/accounts` use cases' errors in this document's words.

use account_domain::accounts::{AccountField, AdministrationError};
use actix_web::http::StatusCode;

use crate::errors::{ApiError, ApiErrorKind};

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
}
