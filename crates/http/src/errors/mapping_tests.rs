use chrono::Duration;

use super::*;
use crate::errors::test_summary::{summary, unexpected};

#[test]
fn unexpected_errors_never_reveal_their_cause() {
    let error: ApiError = unexpected().into();
    assert!(!error.message.contains("database"));
    assert_eq!(error.status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[test]
fn authentication_errors_are_401() {
    assert_eq!(
        summary(AuthenticateError::InvalidToken),
        (401, "invalid_token", "Unauthorized".into())
    );
    assert_eq!(
        summary(AuthenticateError::ExpiredToken),
        (401, "token_expired", "Token is expired".into())
    );
    assert_eq!(
        summary(AuthenticateError::SessionEnded),
        (401, "session_ended", "Unauthorized".into())
    );
    assert_eq!(
        summary(AuthenticateError::AccountNotFound),
        (401, "account_not_found", "Unauthorized".into())
    );
    assert_eq!(
        summary(AuthenticateError::AccountDeleted),
        (401, "account_deleted", "User is Deleted".into())
    );
    assert_eq!(
        summary(AuthenticateError::AccountBanned),
        (401, "session_ended", "Unauthorized".into())
    );
}

#[test]
fn a_retry_instant_in_the_past_still_asks_for_one_second() {
    assert_eq!(seconds_until(Utc::now() - Duration::seconds(5)), 1);
}

#[test]
fn an_unreachable_store_is_503() {
    assert_eq!(
        summary(StoreUnavailable(unexpected())),
        (503, "store_unavailable", "Service Unavailable".into())
    );
}

#[test]
fn an_unexpected_error_is_503_when_the_store_was_unavailable_else_500() {
    let down =
        UnexpectedError::unavailable("getting a connection", std::io::Error::other("refused"));
    let wrapped = UnexpectedError::with_source("saving an account", down);
    assert_eq!(summary(wrapped).0, 503);
    assert_eq!(summary(unexpected()).0, 500);
}

#[test]
fn messages_are_capitalized_unless_they_start_with_a_field_name() {
    assert_eq!(capitalized("email is required"), "Email is required");
    assert_eq!(
        capitalized("refreshToken is required"),
        "refreshToken is required"
    );
    assert_eq!(
        capitalized("grant_type is required"),
        "grant_type is required"
    );
}
