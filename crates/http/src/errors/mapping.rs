//! Where domain errors become [`ApiError`]s: here the ones every route can give
//! (authentication, unexpected failures, invalid fields, an unreachable store) and the
//! helpers the seeds share; each seed words its own use cases' errors in its
//! `seeds/<seed>/error_mapping.rs`. The matches are exhaustive: a new domain error variant does
//! not compile until it is given a status.

use std::borrow::Cow;

use account_domain::UnexpectedError;
use account_domain::accounts::{ProfileError, RegisterError};
use account_domain::auth::{AuthenticateError, LoginError, RefreshError, RevokeSessionError};
use account_domain::values::PasswordError;
use account_domain::verification::{ConfirmCodeError, SendCodeError};
use actix_web::http::StatusCode;
use chrono::{DateTime, Utc};

use super::ApiError;
use crate::dto::FieldErrors;

const BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
const UNAUTHORIZED: StatusCode = StatusCode::UNAUTHORIZED;

impl From<UnexpectedError> for ApiError {
    fn from(error: UnexpectedError) -> Self {
        ApiError::internal(&error)
    }
}

/// The store did not answer a health check.
#[derive(Debug)]
pub struct StoreUnavailable(pub UnexpectedError);

impl From<StoreUnavailable> for ApiError {
    fn from(StoreUnavailable(cause): StoreUnavailable) -> Self {
        tracing::warn!(cause = ?cause, "store is unavailable");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "store_unavailable",
            "Service Unavailable",
        )
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        let message = errors.messages().collect::<Vec<_>>().join("; ");
        ApiError::new(BAD_REQUEST, "invalid_fields", capitalized(&message))
            .with_invalid_fields(errors.fields().map(str::to_owned))
    }
}

impl From<RegisterError> for ApiError {
    fn from(error: RegisterError) -> Self {
        match error {
            RegisterError::EmailTaken => {
                ApiError::new(BAD_REQUEST, "email_taken", "Email already exists")
            }
            RegisterError::LoginIdTaken => {
                ApiError::new(BAD_REQUEST, "login_id_taken", "Login ID already exists")
            }
            RegisterError::WeakPassword(reason) => weak_password(&reason),
            RegisterError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<ProfileError> for ApiError {
    fn from(error: ProfileError) -> Self {
        match error {
            ProfileError::NotFound => account_not_found(),
            ProfileError::Deleted => account_deleted(),
            ProfileError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<AuthenticateError> for ApiError {
    fn from(error: AuthenticateError) -> Self {
        match error {
            AuthenticateError::InvalidToken => {
                ApiError::new(UNAUTHORIZED, "invalid_token", "Unauthorized")
            }
            AuthenticateError::ExpiredToken => {
                ApiError::new(UNAUTHORIZED, "token_expired", "Token is expired")
            }
            AuthenticateError::SessionEnded => {
                ApiError::new(UNAUTHORIZED, "session_ended", "Unauthorized")
            }
            AuthenticateError::AccountNotFound => account_not_found(),
            AuthenticateError::AccountDeleted => account_deleted(),
            AuthenticateError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<LoginError> for ApiError {
    fn from(error: LoginError) -> Self {
        match error {
            LoginError::InvalidCredentials => ApiError::new(
                UNAUTHORIZED,
                "invalid_credentials",
                "Invalid email or password",
            ),
            LoginError::Throttled { retry_at } => too_many_requests(retry_at),
            LoginError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<RefreshError> for ApiError {
    fn from(error: RefreshError) -> Self {
        match error {
            RefreshError::InvalidToken => {
                ApiError::new(UNAUTHORIZED, "invalid_token", "Invalid refresh token")
            }
            RefreshError::Unexpected(cause) => cause.into(),
        }
    }
}

/// Failures of the OAuth2 token endpoint, answered as RFC 6749 (5.2) asks: `400` with the
/// error code in `error` (`invalid_grant`), except throttling and outages.
#[derive(Debug)]
pub enum OAuthTokenError {
    Login(LoginError),
    Refresh(RefreshError),
}

impl From<OAuthTokenError> for ApiError {
    fn from(error: OAuthTokenError) -> Self {
        match error {
            OAuthTokenError::Login(LoginError::InvalidCredentials) => {
                ApiError::new(BAD_REQUEST, "invalid_grant", "Invalid email or password")
            }
            OAuthTokenError::Login(
                other @ (LoginError::Throttled { .. } | LoginError::Unexpected(_)),
            ) => other.into(),
            OAuthTokenError::Refresh(RefreshError::InvalidToken) => {
                ApiError::new(BAD_REQUEST, "invalid_grant", "Invalid refresh token")
            }
            OAuthTokenError::Refresh(RefreshError::Unexpected(cause)) => cause.into(),
        }
    }
}

impl From<RevokeSessionError> for ApiError {
    fn from(error: RevokeSessionError) -> Self {
        match error {
            RevokeSessionError::NotFound => ApiError::new(
                StatusCode::NOT_FOUND,
                "session_not_found",
                "Session not found",
            ),
            RevokeSessionError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<SendCodeError> for ApiError {
    fn from(error: SendCodeError) -> Self {
        match error {
            SendCodeError::CoolingDown { retry_at } => ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "code_cooldown",
                "A code was sent recently",
            )
            .with_retry_after(seconds_until(retry_at)),
            SendCodeError::Throttled { retry_at } => too_many_requests(retry_at),
            SendCodeError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<ConfirmCodeError> for ApiError {
    fn from(error: ConfirmCodeError) -> Self {
        match error {
            ConfirmCodeError::Invalid => ApiError::new(BAD_REQUEST, "invalid_code", "Invalid code"),
            ConfirmCodeError::Expired => ApiError::new(BAD_REQUEST, "code_expired", "Code expired"),
            // 400, not 429: waiting does not help, only a new code does.
            ConfirmCodeError::AttemptsExhausted => ApiError::new(
                BAD_REQUEST,
                "code_attempts_exhausted",
                "Too many wrong codes, request a new code",
            ),
            ConfirmCodeError::Throttled { retry_at } => too_many_requests(retry_at),
            ConfirmCodeError::Unexpected(cause) => cause.into(),
        }
    }
}

fn weak_password(reason: &PasswordError) -> ApiError {
    ApiError::new(
        BAD_REQUEST,
        "invalid_fields",
        capitalized(&reason.to_string()),
    )
    .with_invalid_fields(["password"])
}

fn account_not_found() -> ApiError {
    ApiError::new(UNAUTHORIZED, "account_not_found", "Unauthorized")
}

fn account_deleted() -> ApiError {
    ApiError::new(UNAUTHORIZED, "account_deleted", "User is Deleted")
}

pub(crate) fn too_many_requests(retry_at: DateTime<Utc>) -> ApiError {
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_requests",
        "Too many requests",
    )
    .with_retry_after(seconds_until(retry_at))
}

/// Whole seconds from now until `at`, rounded up, at least 1 (`Retry-After: 0` invites a
/// storm).
pub(crate) fn seconds_until(at: DateTime<Utc>) -> u64 {
    let millis = u64::try_from((at - Utc::now()).num_milliseconds())
        .unwrap_or(0)
        .max(1);
    millis.div_ceil(1000)
}

/// Capitalizes a message that starts with a plain word (`email must ...` -> `Email must ...`),
/// leaving a leading field name in its request spelling (`refreshToken`, `grant_type`).
fn capitalized(message: &str) -> Cow<'static, str> {
    let first_word = message.split(' ').next().unwrap_or_default();
    if message.is_empty() {
        return Cow::Borrowed("Invalid request");
    }
    if !first_word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Owned(message.to_owned());
    }
    let mut chars = message.chars();
    Cow::Owned(
        chars
            .next()
            .map(|first| first.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect(),
    )
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
