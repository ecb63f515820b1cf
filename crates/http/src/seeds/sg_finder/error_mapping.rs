//! The use cases' errors with the SG-Finder document's statuses: 400 for bad input, 401 for a
//! missing or ended session and for wrong credentials, 404 for a missing user, 409
//! (`DUPLICATED`) for a taken `userId`, email or game nickname. The body only names the status
//! ([`SgFinderRenderer`](super::SgFinderRenderer)).

use account_domain::accounts::{LoginIdCheckError, RegisterError, ReplaceAccountError};
use account_domain::auth::LoginError;
use account_domain::players::RegisterPlayerError;
use actix_web::http::StatusCode;

use crate::errors::mapping::too_many_requests;
use crate::errors::{ApiError, ApiErrorKind};

const CONFLICT: StatusCode = StatusCode::CONFLICT;

fn bad_request(kind: ApiErrorKind, message: impl ToString) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, kind, message.to_string())
}

/// `POST /user/signup`.
pub fn sign_up_error(error: RegisterError) -> ApiError {
    match error {
        RegisterError::LoginIdTaken => ApiError::new(
            CONFLICT,
            ApiErrorKind::LoginIdTaken,
            "userId already exists",
        ),
        RegisterError::EmailTaken => {
            ApiError::new(CONFLICT, ApiErrorKind::EmailTaken, "email already exists")
        }
        RegisterError::WeakPassword(reason) => {
            bad_request(ApiErrorKind::InvalidFields, reason).with_invalid_fields(["passwd"])
        }
        RegisterError::Throttled { retry_at } => too_many_requests(retry_at),
        RegisterError::Unexpected(cause) => cause.into(),
    }
}

/// `POST /user/signin`: unknown user and wrong password alike.
pub fn sign_in_error(error: LoginError) -> ApiError {
    match error {
        LoginError::InvalidCredentials => ApiError::new(
            StatusCode::UNAUTHORIZED,
            ApiErrorKind::InvalidCredentials,
            "Invalid userId or passwd",
        ),
        LoginError::Throttled { retry_at } => too_many_requests(retry_at),
        LoginError::Unexpected(cause) => cause.into(),
    }
}

impl From<LoginIdCheckError> for ApiError {
    fn from(error: LoginIdCheckError) -> Self {
        match error {
            LoginIdCheckError::Throttled { retry_at } => too_many_requests(retry_at),
            LoginIdCheckError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<ReplaceAccountError> for ApiError {
    fn from(error: ReplaceAccountError) -> Self {
        match error {
            ReplaceAccountError::Forbidden => ApiError::new(
                StatusCode::FORBIDDEN,
                ApiErrorKind::Forbidden,
                "Only the user, ADMIN or STAFF may do this",
            ),
            ReplaceAccountError::NotFound => ApiError::new(
                StatusCode::NOT_FOUND,
                ApiErrorKind::UserNotFound,
                "User not found",
            ),
            ReplaceAccountError::Deleted => ApiError::new(
                StatusCode::NOT_FOUND,
                ApiErrorKind::AccountDeleted,
                "User is deleted",
            ),
            ReplaceAccountError::EmailTaken => {
                ApiError::new(CONFLICT, ApiErrorKind::EmailTaken, "email already exists")
            }
            ReplaceAccountError::WeakPassword(reason) => {
                bad_request(ApiErrorKind::InvalidFields, reason).with_invalid_fields(["passwd"])
            }
            ReplaceAccountError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<RegisterPlayerError> for ApiError {
    fn from(error: RegisterPlayerError) -> Self {
        match error {
            RegisterPlayerError::NicknameTaken => ApiError::new(
                CONFLICT,
                ApiErrorKind::NicknameTaken,
                "nickname already exists",
            ),
            RegisterPlayerError::AlreadyRegistered => ApiError::new(
                CONFLICT,
                ApiErrorKind::NicknameTaken,
                "the user has a player already",
            ),
            RegisterPlayerError::Unexpected(cause) => cause.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use account_domain::values::PasswordError;

    use super::*;

    fn at() -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + chrono::Duration::seconds(30)
    }

    #[test]
    fn duplicates_are_409_bad_input_400_credentials_401() {
        let statuses = [
            (sign_up_error(RegisterError::LoginIdTaken), 409),
            (sign_up_error(RegisterError::EmailTaken), 409),
            (
                sign_up_error(RegisterError::WeakPassword(PasswordError::TooShort)),
                400,
            ),
            (
                sign_up_error(RegisterError::Throttled { retry_at: at() }),
                429,
            ),
            (sign_in_error(LoginError::InvalidCredentials), 401),
            (sign_in_error(LoginError::Throttled { retry_at: at() }), 429),
            (ReplaceAccountError::EmailTaken.into(), 409),
            (ReplaceAccountError::Forbidden.into(), 403),
            (ReplaceAccountError::NotFound.into(), 404),
            (RegisterPlayerError::NicknameTaken.into(), 409),
            (RegisterPlayerError::AlreadyRegistered.into(), 409),
            (LoginIdCheckError::Throttled { retry_at: at() }.into(), 429),
        ];
        for (error, status) in statuses {
            let error: ApiError = error;
            assert_eq!(error.status.as_u16(), status, "{error}");
        }
    }
}
