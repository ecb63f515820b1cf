//! The account-management use cases' errors, with the document's messages.

use account_domain::accounts::{ProfileError, RegisterError, WithdrawError};
use account_domain::auth::{
    ChangePasswordError, LoginError, PasswordCheckError, RefreshError, RevokeSessionError,
};
use account_domain::recovery::{RequestResetError, ResetPasswordError};
use account_domain::values::PasswordError;
use account_domain::verification::{ConfirmCodeError, SendCodeError};
use actix_web::http::StatusCode;

use crate::errors::mapping::{
    account_deleted, account_not_found, capitalized, seconds_until, too_many_requests,
};
use crate::errors::{ApiError, ApiErrorKind};

const BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
const UNAUTHORIZED: StatusCode = StatusCode::UNAUTHORIZED;

impl From<RegisterError> for ApiError {
    fn from(error: RegisterError) -> Self {
        match error {
            RegisterError::EmailTaken => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::EmailTaken,
                "Email already exists",
            ),
            RegisterError::LoginIdTaken => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::LoginIdTaken,
                "Login ID already exists",
            ),
            RegisterError::WeakPassword(reason) => weak_password(&reason),
            RegisterError::Throttled { retry_at } => too_many_requests(retry_at),
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

impl From<LoginError> for ApiError {
    fn from(error: LoginError) -> Self {
        match error {
            LoginError::InvalidCredentials => ApiError::new(
                UNAUTHORIZED,
                ApiErrorKind::InvalidCredentials,
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
            RefreshError::InvalidToken => ApiError::new(
                UNAUTHORIZED,
                ApiErrorKind::InvalidToken,
                "Invalid refresh token",
            ),
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
            OAuthTokenError::Login(LoginError::InvalidCredentials) => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::InvalidGrant,
                "Invalid email or password",
            ),
            OAuthTokenError::Login(
                other @ (LoginError::Throttled { .. } | LoginError::Unexpected(_)),
            ) => other.into(),
            OAuthTokenError::Refresh(RefreshError::InvalidToken) => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::InvalidGrant,
                "Invalid refresh token",
            ),
            OAuthTokenError::Refresh(RefreshError::Unexpected(cause)) => cause.into(),
        }
    }
}

impl From<RevokeSessionError> for ApiError {
    fn from(error: RevokeSessionError) -> Self {
        match error {
            RevokeSessionError::NotFound => ApiError::new(
                StatusCode::NOT_FOUND,
                ApiErrorKind::SessionNotFound,
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
                ApiErrorKind::CodeCooldown,
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
            ConfirmCodeError::Invalid => {
                ApiError::new(BAD_REQUEST, ApiErrorKind::InvalidCode, "Invalid code")
            }
            ConfirmCodeError::Expired => {
                ApiError::new(BAD_REQUEST, ApiErrorKind::CodeExpired, "Code expired")
            }
            // 400, not 429: waiting does not help, only a new code does.
            ConfirmCodeError::AttemptsExhausted => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::CodeAttemptsExhausted,
                "Too many wrong codes, request a new code",
            ),
            ConfirmCodeError::Throttled { retry_at } => too_many_requests(retry_at),
            ConfirmCodeError::Unexpected(cause) => cause.into(),
        }
    }
}

/// `POST /auth/accounts/password/verify`: a wrong password is the document's 400.
impl From<PasswordCheckError> for ApiError {
    fn from(error: PasswordCheckError) -> Self {
        match error {
            PasswordCheckError::Invalid => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::InvalidPassword,
                "Invalid password",
            ),
            PasswordCheckError::Throttled { retry_at } => too_many_requests(retry_at),
            PasswordCheckError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<ChangePasswordError> for ApiError {
    fn from(error: ChangePasswordError) -> Self {
        match error {
            ChangePasswordError::InvalidCurrentPassword => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::InvalidCurrentPassword,
                "Invalid current password",
            ),
            ChangePasswordError::WeakPassword(reason) => {
                weak_password(&reason).with_invalid_fields(["newPassword"])
            }
            ChangePasswordError::Throttled { retry_at } => too_many_requests(retry_at),
            ChangePasswordError::AccountDeleted => account_deleted(),
            ChangePasswordError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<RequestResetError> for ApiError {
    fn from(error: RequestResetError) -> Self {
        match error {
            RequestResetError::CoolingDown { retry_at } => ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ApiErrorKind::CodeCooldown,
                "A reset email was sent recently",
            )
            .with_retry_after(seconds_until(retry_at)),
            RequestResetError::Throttled { retry_at } => too_many_requests(retry_at),
            RequestResetError::Unexpected(cause) => cause.into(),
        }
    }
}

/// `POST /auth/accounts/reset`: the document's 400 `Invalid token`.
impl From<ResetPasswordError> for ApiError {
    fn from(error: ResetPasswordError) -> Self {
        match error {
            ResetPasswordError::InvalidToken => {
                ApiError::new(BAD_REQUEST, ApiErrorKind::InvalidToken, "Invalid token")
            }
            ResetPasswordError::WeakPassword(reason) => {
                weak_password(&reason).with_invalid_fields(["newPassword"])
            }
            ResetPasswordError::Throttled { retry_at } => too_many_requests(retry_at),
            ResetPasswordError::Unexpected(cause) => cause.into(),
        }
    }
}

/// Why `DELETE /auth/accounts` refused: the password asked again, then the withdrawal.
#[derive(Debug)]
pub enum AccountDeletionError {
    Password(PasswordCheckError),
    Withdraw(WithdrawError),
}

/// The document answers a wrong password here with 401 (`Invalid password`).
impl From<AccountDeletionError> for ApiError {
    fn from(error: AccountDeletionError) -> Self {
        match error {
            AccountDeletionError::Password(PasswordCheckError::Invalid) => ApiError::new(
                UNAUTHORIZED,
                ApiErrorKind::InvalidPassword,
                "Invalid password",
            ),
            AccountDeletionError::Password(other) => other.into(),
            AccountDeletionError::Withdraw(WithdrawError::AccountNotFound) => account_not_found(),
            AccountDeletionError::Withdraw(WithdrawError::AccountDeleted) => account_deleted(),
            AccountDeletionError::Withdraw(WithdrawError::Unexpected(cause)) => cause.into(),
        }
    }
}

fn weak_password(reason: &PasswordError) -> ApiError {
    ApiError::new(
        BAD_REQUEST,
        ApiErrorKind::InvalidFields,
        capitalized(&reason.to_string()),
    )
    .with_invalid_fields(["password"])
}

#[cfg(test)]
#[path = "error_mapping_tests.rs"]
mod tests;
