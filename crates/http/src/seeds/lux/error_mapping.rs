//! The Lux stage's domain errors, with the Lux document's `detail` strings as messages
//! (verbatim, typos included: "Push permisson denied").

use account_domain::accounts::{MeError, UpdateProfileError, WithdrawError};
use account_domain::children::{
    CreateChildError, DeleteChildError, GetChildError, UpdateChildError,
};
use account_domain::notifications::UpdateNotificationsError;
use account_domain::policies::UpdatePolicyError;
use account_domain::push::SetPushTokenError;
use account_domain::values::{FcmTokenError, SerialCodeError};
use account_domain::verification::{ChangePhoneError, SendPhoneCodeError};
use actix_web::http::StatusCode;

use crate::errors::mapping::{seconds_until, too_many_requests};
use crate::errors::{ApiError, ApiErrorKind};

const BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
const UNAUTHORIZED: StatusCode = StatusCode::UNAUTHORIZED;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;
const CONFLICT: StatusCode = StatusCode::CONFLICT;

impl From<MeError> for ApiError {
    fn from(error: MeError) -> Self {
        match error {
            MeError::AccountNotFound => user_is_none(),
            MeError::AccountDeleted => user_is_deleted(),
            MeError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<UpdateProfileError> for ApiError {
    fn from(error: UpdateProfileError) -> Self {
        match error {
            UpdateProfileError::AccountNotFound => user_is_none(),
            UpdateProfileError::AccountDeleted => user_is_deleted(),
            UpdateProfileError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<WithdrawError> for ApiError {
    fn from(error: WithdrawError) -> Self {
        match error {
            WithdrawError::AccountNotFound => user_is_none(),
            WithdrawError::AccountDeleted => user_is_deleted(),
            WithdrawError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<UpdatePolicyError> for ApiError {
    fn from(error: UpdatePolicyError) -> Self {
        match error {
            UpdatePolicyError::AccountNotFound => user_not_found(),
            UpdatePolicyError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<UpdateNotificationsError> for ApiError {
    fn from(error: UpdateNotificationsError) -> Self {
        match error {
            UpdateNotificationsError::AccountNotFound => user_not_found(),
            UpdateNotificationsError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<SetPushTokenError> for ApiError {
    fn from(error: SetPushTokenError) -> Self {
        match error {
            SetPushTokenError::PushNotAgreed => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::PushNotAgreed,
                "Push permisson denied",
            ),
            SetPushTokenError::Unexpected(cause) => cause.into(),
        }
    }
}

/// A push token that is not token-shaped: the document's "check the token format" answer.
impl From<FcmTokenError> for ApiError {
    fn from(_: FcmTokenError) -> Self {
        ApiError::new(
            CONFLICT,
            ApiErrorKind::InvalidPushToken,
            "User push token update failed",
        )
        .with_invalid_fields(["token"])
    }
}

/// A serial code of the wrong shape: no device can have it.
impl From<SerialCodeError> for ApiError {
    fn from(_: SerialCodeError) -> Self {
        ApiError::new(
            BAD_REQUEST,
            ApiErrorKind::InvalidSerialCode,
            "Serial code is not valid",
        )
        .with_invalid_fields(["serial_code"])
    }
}

impl From<CreateChildError> for ApiError {
    fn from(error: CreateChildError) -> Self {
        match error {
            CreateChildError::NotAuthorized => not_authorized_user(),
            CreateChildError::DeviceNotFound => {
                ApiError::new(NOT_FOUND, ApiErrorKind::DeviceNotFound, "Not Found Device")
            }
            CreateChildError::DeviceAlreadyConnected => ApiError::new(
                CONFLICT,
                ApiErrorKind::DeviceAlreadyConnected,
                "Already Connected Device",
            ),
            CreateChildError::Throttled { retry_at } => too_many_requests(retry_at),
            CreateChildError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<GetChildError> for ApiError {
    fn from(error: GetChildError) -> Self {
        match error {
            GetChildError::NotFound => real_user_not_found(),
            GetChildError::NotAuthorized => not_authorized_user(),
            GetChildError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<UpdateChildError> for ApiError {
    fn from(error: UpdateChildError) -> Self {
        match error {
            UpdateChildError::NotFound => real_user_not_found(),
            UpdateChildError::NotAuthorized => not_authorized_user(),
            UpdateChildError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<DeleteChildError> for ApiError {
    fn from(error: DeleteChildError) -> Self {
        match error {
            DeleteChildError::NotFound => real_user_not_found(),
            DeleteChildError::NotAuthorized => not_authorized_user(),
            DeleteChildError::DeviceNotConnected => ApiError::new(
                CONFLICT,
                ApiErrorKind::RealUserDeleteFailed,
                "Real user delete failed",
            ),
            DeleteChildError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<SendPhoneCodeError> for ApiError {
    fn from(error: SendPhoneCodeError) -> Self {
        match error {
            SendPhoneCodeError::AccountNotFound => user_is_none(),
            SendPhoneCodeError::AccountDeleted => user_previously_deleted(),
            SendPhoneCodeError::CoolingDown { retry_at } => ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ApiErrorKind::CodeCooldown,
                "SMS was sent recently. Please try again later.",
            )
            .with_retry_after(seconds_until(retry_at)),
            SendPhoneCodeError::Throttled { retry_at } => too_many_requests(retry_at),
            SendPhoneCodeError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<ChangePhoneError> for ApiError {
    fn from(error: ChangePhoneError) -> Self {
        match error {
            ChangePhoneError::AccountNotFound => user_is_none(),
            ChangePhoneError::AccountDeleted => user_previously_deleted(),
            ChangePhoneError::CodeInvalid => invalid_validation_code(),
            ChangePhoneError::CodeExpired => {
                ApiError::new(BAD_REQUEST, ApiErrorKind::CodeExpired, EXPIRED_CODE)
            }
            // 400, not 429: waiting does not help, only a new code does.
            ChangePhoneError::AttemptsExhausted => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::CodeAttemptsExhausted,
                EXPIRED_CODE,
            ),
            ChangePhoneError::Throttled { retry_at } => too_many_requests(retry_at),
            ChangePhoneError::PhoneTaken => ApiError::new(
                CONFLICT,
                ApiErrorKind::PhoneTaken,
                "Phone number is already registered",
            ),
            ChangePhoneError::Unexpected(cause) => cause.into(),
        }
    }
}

const EXPIRED_CODE: &str = "Validation code is expired";

fn invalid_validation_code() -> ApiError {
    ApiError::new(
        BAD_REQUEST,
        ApiErrorKind::InvalidCode,
        "Validation code is invalid",
    )
}

fn user_is_none() -> ApiError {
    ApiError::new(UNAUTHORIZED, ApiErrorKind::AccountNotFound, "User is None")
}

fn user_is_deleted() -> ApiError {
    ApiError::new(
        UNAUTHORIZED,
        ApiErrorKind::AccountDeleted,
        "User is Deleted",
    )
}

/// The phone routes' own answer to a withdrawn account's token (the Lux document lists
/// 403 "User previously deleted" there); other authentication failures pass unchanged.
pub fn previously_deleted(authentication: ApiError) -> ApiError {
    if authentication.kind == ApiErrorKind::AccountDeleted {
        user_previously_deleted()
    } else {
        authentication
    }
}

fn user_previously_deleted() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        ApiErrorKind::AccountPreviouslyDeleted,
        "User previously deleted",
    )
}

/// The account vanished between authentication and the update.
fn user_not_found() -> ApiError {
    ApiError::new(NOT_FOUND, ApiErrorKind::UserNotFound, "User not found")
}

fn not_authorized_user() -> ApiError {
    ApiError::new(
        UNAUTHORIZED,
        ApiErrorKind::NotAuthorizedUser,
        "Not authorized user",
    )
}

fn real_user_not_found() -> ApiError {
    ApiError::new(
        NOT_FOUND,
        ApiErrorKind::RealUserNotFound,
        "Real user is not found",
    )
}

#[cfg(test)]
#[path = "error_mapping_tests.rs"]
mod tests;
