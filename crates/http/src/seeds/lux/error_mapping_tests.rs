use account_domain::UnexpectedError;
use chrono::{Duration, Utc};

use super::*;
use crate::errors::test_summary::summary;

fn lux(status: u16, id: &'static str, detail: &str) -> (u16, &'static str, String) {
    (status, id, detail.to_owned())
}

#[test]
fn own_account_errors() {
    let none = lux(401, "account_not_found", "User is None");
    let deleted = lux(401, "account_deleted", "User is Deleted");
    assert_eq!(summary(MeError::AccountNotFound), none);
    assert_eq!(summary(MeError::AccountDeleted), deleted);
    assert_eq!(summary(UpdateProfileError::AccountNotFound), none);
    assert_eq!(summary(UpdateProfileError::AccountDeleted), deleted);
    assert_eq!(summary(WithdrawError::AccountNotFound), none);
    assert_eq!(summary(WithdrawError::AccountDeleted), deleted);
}

#[test]
fn settings_errors() {
    let not_found = lux(404, "user_not_found", "User not found");
    assert_eq!(summary(UpdatePolicyError::AccountNotFound), not_found);
    assert_eq!(
        summary(UpdateNotificationsError::AccountNotFound),
        not_found
    );
    assert_eq!(
        summary(SetPushTokenError::PushNotAgreed),
        lux(400, "push_not_agreed", "Push permisson denied")
    );
    assert_eq!(
        summary(FcmTokenError),
        lux(409, "invalid_push_token", "User push token update failed")
    );
}

#[test]
fn child_and_device_errors() {
    let unauthorized = lux(401, "not_authorized_user", "Not authorized user");
    let not_found = lux(404, "real_user_not_found", "Real user is not found");
    assert_eq!(summary(CreateChildError::NotAuthorized), unauthorized);
    assert_eq!(
        summary(CreateChildError::DeviceNotFound),
        lux(404, "device_not_found", "Not Found Device")
    );
    assert_eq!(
        summary(CreateChildError::DeviceAlreadyConnected),
        lux(409, "device_already_connected", "Already Connected Device")
    );
    assert_eq!(
        summary(SerialCodeError),
        lux(400, "invalid_serial_code", "Serial code is not valid")
    );
    assert_eq!(summary(GetChildError::NotFound), not_found);
    assert_eq!(summary(GetChildError::NotAuthorized), unauthorized);
    assert_eq!(summary(UpdateChildError::NotFound), not_found);
    assert_eq!(summary(UpdateChildError::NotAuthorized), unauthorized);
    assert_eq!(summary(DeleteChildError::NotFound), not_found);
    assert_eq!(summary(DeleteChildError::NotAuthorized), unauthorized);
    assert_eq!(
        summary(DeleteChildError::DeviceNotConnected),
        lux(409, "real_user_delete_failed", "Real user delete failed")
    );
}

#[test]
fn phone_change_errors() {
    let expired = "Validation code is expired";
    assert_eq!(
        summary(ChangePhoneError::CodeExpired),
        lux(400, "code_expired", expired)
    );
    assert_eq!(
        summary(ChangePhoneError::AttemptsExhausted),
        lux(400, "code_attempts_exhausted", expired)
    );
    assert_eq!(
        summary(ChangePhoneError::CodeInvalid),
        lux(400, "invalid_code", "Validation code is invalid")
    );
    assert_eq!(
        summary(ChangePhoneError::AccountDeleted),
        lux(403, "account_previously_deleted", "User previously deleted")
    );
    assert_eq!(
        summary(ChangePhoneError::PhoneTaken),
        lux(409, "phone_taken", "Phone number is already registered")
    );
    assert_eq!(
        summary(SendPhoneCodeError::AccountDeleted),
        lux(403, "account_previously_deleted", "User previously deleted")
    );
}

#[test]
fn throttling_and_cooldowns_are_429_with_retry_after() {
    let in_a_minute = Utc::now() + Duration::seconds(60);
    let errors: [ApiError; 3] = [
        SendPhoneCodeError::CoolingDown {
            retry_at: in_a_minute,
        }
        .into(),
        SendPhoneCodeError::Throttled {
            retry_at: in_a_minute,
        }
        .into(),
        ChangePhoneError::Throttled {
            retry_at: in_a_minute,
        }
        .into(),
    ];
    for error in errors {
        assert_eq!(error.status.as_u16(), 429, "{error}");
        assert_eq!(error.retry_after, Some(60), "{error}");
    }
}

#[test]
fn unexpected_lux_errors_are_500() {
    let cause = || UnexpectedError::new("database is down");
    for error in [
        ApiError::from(MeError::Unexpected(cause())),
        CreateChildError::Unexpected(cause()).into(),
        ChangePhoneError::Unexpected(cause()).into(),
    ] {
        assert_eq!(
            (error.status.as_u16(), error.kind.id()),
            (500, "internal_error")
        );
    }
}
