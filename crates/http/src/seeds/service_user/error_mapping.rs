//! The use cases' errors in the service user account document's words: `Not processed.` for
//! duplicates, a wrong password and a wait (with `Retry Time`), `Account not found` for an
//! account that is gone, and `Account not found` with `Auth` for a wrong or expired code. The
//! document prints no statuses; each answer gets the one HTTP gives its meaning (409, 401,
//! 404, 429, 400), so that a client reading `msg` and one reading the status both understand.

use account_domain::accounts::UpdateInfoError;
use account_domain::auth::LoginError;
use account_domain::email_codes::{
    DeleteWithCodeError, FindAccountError, SendAccessCodeError, SignUpWithCodeError,
    UpdateSecurityError,
};
use actix_web::http::StatusCode;
use chrono::{DateTime, Utc};

use crate::errors::mapping::seconds_until;
use crate::errors::{ApiError, ApiErrorKind};

/// The document's answer to a duplicate, a wrong password and a refusal it does not word.
pub const NOT_PROCESSED: &str = "Not processed.";
/// The document's answer for an account that is gone (and, with `Auth`, for a bad code).
pub const ACCOUNT_NOT_FOUND: &str = "Account not found";

fn not_processed(status: StatusCode, kind: ApiErrorKind) -> ApiError {
    ApiError::new(status, kind, NOT_PROCESSED)
}

/// `429` `Not processed.` with `Retry Time` and `Retry-After`.
fn wait(kind: ApiErrorKind, retry_at: DateTime<Utc>) -> ApiError {
    not_processed(StatusCode::TOO_MANY_REQUESTS, kind).with_retry_after(seconds_until(retry_at))
}

/// A wrong, expired or spent code: `Account not found` with `Auth`.
fn invalid_code() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        ApiErrorKind::InvalidCode,
        ACCOUNT_NOT_FOUND,
    )
}

fn account_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorKind::AccountNotFound,
        ACCOUNT_NOT_FOUND,
    )
}

fn weak_password(reason: impl ToString) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        ApiErrorKind::InvalidPassword,
        crate::errors::mapping::capitalized(&reason.to_string()),
    )
    .with_invalid_fields(["Password"])
}

impl From<SendAccessCodeError> for ApiError {
    fn from(error: SendAccessCodeError) -> Self {
        match error {
            SendAccessCodeError::CoolingDown { retry_at } => {
                wait(ApiErrorKind::CodeCooldown, retry_at)
            }
            SendAccessCodeError::Throttled { retry_at } => {
                wait(ApiErrorKind::TooManyRequests, retry_at)
            }
            SendAccessCodeError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<SignUpWithCodeError> for ApiError {
    fn from(error: SignUpWithCodeError) -> Self {
        match error {
            SignUpWithCodeError::InvalidCode { .. } => invalid_code(),
            SignUpWithCodeError::Taken => {
                not_processed(StatusCode::CONFLICT, ApiErrorKind::IdentifierTaken)
            }
            SignUpWithCodeError::WeakPassword(reason) => weak_password(reason),
            SignUpWithCodeError::Throttled { retry_at } => {
                wait(ApiErrorKind::TooManyRequests, retry_at)
            }
            SignUpWithCodeError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<FindAccountError> for ApiError {
    fn from(error: FindAccountError) -> Self {
        match error {
            FindAccountError::InvalidCode => invalid_code(),
            FindAccountError::AccountNotFound => account_not_found(),
            FindAccountError::WrongPassword => {
                not_processed(StatusCode::UNAUTHORIZED, ApiErrorKind::InvalidCredentials)
            }
            FindAccountError::Throttled { retry_at } => {
                wait(ApiErrorKind::TooManyRequests, retry_at)
            }
            FindAccountError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<DeleteWithCodeError> for ApiError {
    fn from(error: DeleteWithCodeError) -> Self {
        match error {
            DeleteWithCodeError::InvalidCode => invalid_code(),
            DeleteWithCodeError::AccountNotFound => account_not_found(),
            DeleteWithCodeError::Throttled { retry_at } => {
                wait(ApiErrorKind::TooManyRequests, retry_at)
            }
            DeleteWithCodeError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<UpdateSecurityError> for ApiError {
    fn from(error: UpdateSecurityError) -> Self {
        match error {
            UpdateSecurityError::InvalidCode => invalid_code(),
            UpdateSecurityError::AccountNotFound => account_not_found(),
            UpdateSecurityError::WeakPassword(reason) => weak_password(reason),
            UpdateSecurityError::SocialLoginNotProven => {
                not_processed(StatusCode::FORBIDDEN, ApiErrorKind::Forbidden)
                    .with_invalid_fields(["Sns.SNS_Service", "Sns.UID"])
            }
            UpdateSecurityError::NothingToChange => {
                not_processed(StatusCode::BAD_REQUEST, ApiErrorKind::InvalidFields)
                    .with_invalid_fields(["Password", "Sns"])
            }
            UpdateSecurityError::Throttled { retry_at } => {
                wait(ApiErrorKind::TooManyRequests, retry_at)
            }
            UpdateSecurityError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<UpdateInfoError> for ApiError {
    fn from(error: UpdateInfoError) -> Self {
        match error {
            UpdateInfoError::NicknameTaken => {
                not_processed(StatusCode::CONFLICT, ApiErrorKind::IdentifierTaken)
                    .with_invalid_fields(["Info.Nickname"])
            }
            UpdateInfoError::AccountDeleted => account_not_found(),
            UpdateInfoError::Unexpected(cause) => cause.into(),
        }
    }
}

/// `POST /v1/account/login`: unknown account and wrong password alike.
pub fn log_in_error(error: LoginError) -> ApiError {
    match error {
        LoginError::InvalidCredentials => {
            not_processed(StatusCode::UNAUTHORIZED, ApiErrorKind::InvalidCredentials)
        }
        LoginError::Throttled { retry_at } => wait(ApiErrorKind::TooManyRequests, retry_at),
        LoginError::Unexpected(cause) => cause.into(),
    }
}

#[cfg(test)]
mod tests {
    use account_domain::values::PasswordError;

    use super::*;

    fn soon() -> DateTime<Utc> {
        Utc::now() + chrono::Duration::seconds(596)
    }

    #[test]
    fn every_answer_has_its_status_and_words() {
        let cases: Vec<(ApiError, u16, &str)> = vec![
            (
                SendAccessCodeError::CoolingDown { retry_at: soon() }.into(),
                429,
                NOT_PROCESSED,
            ),
            (
                SendAccessCodeError::Throttled { retry_at: soon() }.into(),
                429,
                NOT_PROCESSED,
            ),
            (
                SignUpWithCodeError::InvalidCode { guessed: true }.into(),
                401,
                ACCOUNT_NOT_FOUND,
            ),
            (SignUpWithCodeError::Taken.into(), 409, NOT_PROCESSED),
            (
                SignUpWithCodeError::WeakPassword(PasswordError::TooShort).into(),
                400,
                "Password must be at least 8 characters",
            ),
            (
                FindAccountError::AccountNotFound.into(),
                404,
                ACCOUNT_NOT_FOUND,
            ),
            (FindAccountError::WrongPassword.into(), 401, NOT_PROCESSED),
            (
                DeleteWithCodeError::InvalidCode.into(),
                401,
                ACCOUNT_NOT_FOUND,
            ),
            (
                UpdateSecurityError::SocialLoginNotProven.into(),
                403,
                NOT_PROCESSED,
            ),
            (UpdateInfoError::NicknameTaken.into(), 409, NOT_PROCESSED),
            (
                log_in_error(LoginError::InvalidCredentials),
                401,
                NOT_PROCESSED,
            ),
        ];
        for (error, status, message) in cases {
            assert_eq!(
                (error.status.as_u16(), error.message.as_ref()),
                (status, message)
            );
        }
    }

    #[test]
    fn a_cooldown_tells_how_long_to_wait() {
        let error: ApiError = SendAccessCodeError::CoolingDown { retry_at: soon() }.into();
        assert!(
            matches!(error.retry_after, Some(595..=596)),
            "{:?}",
            error.retry_after
        );
        assert_eq!(error.kind, ApiErrorKind::CodeCooldown);
    }
}
