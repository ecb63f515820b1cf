//! Where domain errors become [`ApiError`]s: here the ones every route can give
//! (authentication, unexpected failures, invalid fields, an unreachable store) and the
//! helpers the seeds share; each seed words its own use cases' errors in its
//! `seeds/<seed>/error_mapping.rs`. The matches are exhaustive: a new domain error variant does
//! not compile until it is given a status.

use std::borrow::Cow;

use account_domain::UnexpectedError;
use account_domain::auth::{AuthenticateError, SessionTokenError};
use actix_web::http::StatusCode;
use chrono::{DateTime, Utc};

use super::{ApiError, ApiErrorKind};
use crate::access::Refusal;
use crate::dto::FieldErrors;

const BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
const UNAUTHORIZED: StatusCode = StatusCode::UNAUTHORIZED;

impl From<UnexpectedError> for ApiError {
    fn from(error: UnexpectedError) -> Self {
        if error.is_unavailable() {
            StoreUnavailable(error).into()
        } else {
            ApiError::internal(&error)
        }
    }
}

/// The store could not be reached, or cannot write: a health check, or any request.
#[derive(Debug)]
pub struct StoreUnavailable(pub UnexpectedError);

impl From<StoreUnavailable> for ApiError {
    fn from(StoreUnavailable(cause): StoreUnavailable) -> Self {
        tracing::warn!(cause = ?cause, "store is unavailable");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiErrorKind::StoreUnavailable,
            "Service Unavailable",
        )
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        let message = errors.messages().collect::<Vec<_>>().join("; ");
        ApiError::new(
            BAD_REQUEST,
            ApiErrorKind::InvalidFields,
            capitalized(&message),
        )
        .with_invalid_fields(errors.fields().map(str::to_owned))
    }
}

impl From<AuthenticateError> for ApiError {
    fn from(error: AuthenticateError) -> Self {
        match error {
            AuthenticateError::InvalidToken => {
                ApiError::new(UNAUTHORIZED, ApiErrorKind::InvalidToken, "Unauthorized")
            }
            AuthenticateError::ExpiredToken => {
                ApiError::new(UNAUTHORIZED, ApiErrorKind::TokenExpired, "Token is expired")
            }
            AuthenticateError::SessionEnded => {
                ApiError::new(UNAUTHORIZED, ApiErrorKind::SessionEnded, "Unauthorized")
            }
            AuthenticateError::AccountNotFound => account_not_found(),
            AuthenticateError::AccountDeleted => account_deleted(),
            // A banned account's sessions were ended by the ban: its tokens get the answer of
            // an ended session, in every seed's wording of it.
            AuthenticateError::AccountBanned => {
                ApiError::new(UNAUTHORIZED, ApiErrorKind::SessionEnded, "Unauthorized")
            }
            AuthenticateError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<SessionTokenError> for ApiError {
    fn from(error: SessionTokenError) -> Self {
        match error {
            SessionTokenError::Invalid => {
                ApiError::new(UNAUTHORIZED, ApiErrorKind::SessionEnded, "Unauthorized")
            }
            SessionTokenError::UserMismatch => {
                ApiError::new(UNAUTHORIZED, ApiErrorKind::InvalidToken, "Unauthorized")
            }
            SessionTokenError::Unexpected(cause) => cause.into(),
        }
    }
}

/// The token's account is gone (also a profile lookup's answer when it vanished meanwhile).
pub(crate) fn account_not_found() -> ApiError {
    ApiError::new(UNAUTHORIZED, ApiErrorKind::AccountNotFound, "Unauthorized")
}

/// The token's account was withdrawn (also a profile lookup's answer when it was meanwhile).
pub(crate) fn account_deleted() -> ApiError {
    ApiError::new(
        UNAUTHORIZED,
        ApiErrorKind::AccountDeleted,
        "User is Deleted",
    )
}

/// `429 too_many_requests` with `Retry-After`.
pub(crate) fn too_many_requests(retry_at: DateTime<Utc>) -> ApiError {
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        ApiErrorKind::TooManyRequests,
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
pub(crate) fn capitalized(message: &str) -> Cow<'static, str> {
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

/// A caller whose roles the route does not admit, in the seed's words.
pub(crate) fn role_denied(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::Forbidden => {
            ApiError::new(StatusCode::FORBIDDEN, ApiErrorKind::Forbidden, "Forbidden")
        }
        Refusal::LuxNotAuthorizedUser => ApiError::new(
            StatusCode::UNAUTHORIZED,
            ApiErrorKind::NotAuthorizedUser,
            "Not authorized user",
        ),
    }
}
