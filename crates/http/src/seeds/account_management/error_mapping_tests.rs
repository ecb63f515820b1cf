use chrono::{Duration, Utc};

use super::*;
use crate::errors::test_summary::{summary, unexpected};

#[test]
fn register_errors() {
    assert_eq!(
        summary(RegisterError::EmailTaken),
        (400, "email_taken", "Email already exists".into())
    );
    assert_eq!(
        summary(RegisterError::LoginIdTaken),
        (400, "login_id_taken", "Login ID already exists".into())
    );
    let weak: ApiError = RegisterError::WeakPassword(PasswordError::SameAsIdentifier).into();
    assert_eq!(
        weak.message,
        "Password must not be the same as the email or login id"
    );
    assert_eq!(weak.invalid_fields, ["password"]);
    let throttled: ApiError = RegisterError::Throttled {
        retry_at: Utc::now() + Duration::minutes(5),
    }
    .into();
    assert_eq!(throttled.status.as_u16(), 429);
    assert!(throttled.retry_after.is_some_and(|s| s > 290));
    assert_eq!(
        summary(RegisterError::Unexpected(unexpected())),
        (500, "internal_error", "Internal Server Error".into())
    );
}

#[test]
fn profile_lookups_answer_as_authentication_does() {
    assert_eq!(
        summary(ProfileError::Deleted),
        (401, "account_deleted", "User is Deleted".into())
    );
    assert_eq!(
        summary(ProfileError::NotFound),
        (401, "account_not_found", "Unauthorized".into())
    );
}

#[test]
fn throttling_tells_when_to_retry() {
    let error: ApiError = LoginError::Throttled {
        retry_at: Utc::now() + Duration::seconds(90),
    }
    .into();
    assert_eq!(
        (error.status.as_u16(), error.kind.id()),
        (429, "too_many_requests")
    );
    assert_eq!(error.retry_after, Some(90));
    let cooldown: ApiError = SendCodeError::CoolingDown {
        retry_at: Utc::now() + Duration::seconds(60),
    }
    .into();
    assert_eq!(
        (cooldown.kind.id(), cooldown.retry_after),
        ("code_cooldown", Some(60))
    );
}

#[test]
fn code_errors() {
    assert_eq!(
        summary(ConfirmCodeError::Invalid),
        (400, "invalid_code", "Invalid code".into())
    );
    assert_eq!(
        summary(ConfirmCodeError::Expired),
        (400, "code_expired", "Code expired".into())
    );
    assert_eq!(summary(ConfirmCodeError::AttemptsExhausted).0, 400);
    assert_eq!(
        summary(ConfirmCodeError::AttemptsExhausted).1,
        "code_attempts_exhausted"
    );
}

#[test]
fn the_token_endpoint_answers_bad_grants_with_invalid_grant() {
    assert_eq!(
        summary(OAuthTokenError::Login(LoginError::InvalidCredentials)).1,
        "invalid_grant"
    );
    assert_eq!(
        summary(OAuthTokenError::Refresh(RefreshError::InvalidToken)).0,
        400
    );
    assert_eq!(
        summary(OAuthTokenError::Refresh(RefreshError::InvalidToken)).1,
        "invalid_grant"
    );
    let throttled = OAuthTokenError::Login(LoginError::Throttled {
        retry_at: Utc::now() + Duration::seconds(5),
    });
    assert_eq!(summary(throttled).0, 429);
}

#[test]
fn sessions() {
    assert_eq!(
        summary(RevokeSessionError::NotFound),
        (404, "session_not_found", "Session not found".into())
    );
}
