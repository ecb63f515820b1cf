use chrono::Duration;

use super::*;
use crate::testing::{account, t0};
use crate::verification::test_fixture::Fixture;

/// Account 4 exists and is live; nothing is throttled.
fn live() -> Fixture {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    f.throttle.expect_blocked_until().returning(|_, _| Ok(None));
    f
}

fn phone() -> Phone {
    Phone::parse("+821012345678").unwrap()
}

fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("10.0.0.9".into()),
        user_agent: None,
    }
}

fn with_account(existing: Option<bool>) -> Fixture {
    let mut f = Fixture::new();
    f.accounts.expect_find_by_id().returning(move |id| {
        Ok(existing.map(|deleted| {
            let mut a = account(id.0, "a@example.com");
            a.deleted_at = deleted.then(t0);
            a
        }))
    });
    f.throttle.expect_blocked_until().never();
    f.codes.expect_issue().never();
    f.tx.expect_lock_current_code().never();
    f
}

// ---- send ----

#[tokio::test]
async fn a_phone_code_is_bound_to_the_account_and_sent_by_sms() {
    let mut f = live();
    f.codes
        .expect_issue()
        .withf(|code, cooldown, message| {
            code.purpose == CodePurpose::PhoneChange
                && code.target == "4:+821012345678"
                && code.account_id == Some(AccountId(4))
                && code.code_digest == "digest(000000)"
                && code.expires_at == t0() + Duration::minutes(10)
                && code.attempts == 5
                && *cooldown == Duration::seconds(60)
                && message.as_ref().is_some_and(|m| {
                    *m == OutgoingMessage::sms(
                        "+821012345678",
                        "Your verification code is 000000. It expires in 10 minutes.",
                    )
                })
        })
        .times(1)
        .returning(|_, _, _| Ok(IssueOutcome::Issued));
    for key in [
        "code-send:account:4",
        "code-send:ip:10.0.0.9",
        "code-send:target:+821012345678",
    ] {
        f.throttle
            .expect_hit()
            .withf(move |k, _, _| k.as_str() == key)
            .times(1)
            .returning(|_, _, _| Ok(None));
    }
    f.service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap();
}

#[tokio::test]
async fn send_for_a_missing_or_deleted_account_fails() {
    let err = with_account(None)
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendPhoneCodeError::AccountNotFound),
        "{err:?}"
    );
    let err = with_account(Some(true))
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, SendPhoneCodeError::AccountDeleted), "{err:?}");
}

#[tokio::test]
async fn a_resend_within_the_cooldown_says_when_to_retry() {
    let mut f = live();
    let retry_at = t0() + Duration::seconds(42);
    f.codes
        .expect_issue()
        .returning(move |_, _, _| Ok(IssueOutcome::CoolingDown { retry_at }));
    // Only the reservations (per account, per IP), made before the cooldown is known.
    f.throttle
        .expect_hit()
        .withf(|k, _, _| {
            k.as_str().starts_with("code-send:account") || k.as_str().starts_with("code-send:ip")
        })
        .times(2)
        .returning(|_, _, _| Ok(None));
    let err = f
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendPhoneCodeError::CoolingDown { retry_at: r } if r == retry_at),
        "{err:?}"
    );
}

#[tokio::test]
async fn too_many_phone_codes_are_throttled() {
    let mut f = Fixture::new();
    let until = t0() + Duration::hours(1);
    f.accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    f.throttle
        .expect_blocked_until()
        .returning(move |_, _| Ok(Some(until)));
    f.codes.expect_issue().never();
    let err = f
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendPhoneCodeError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
}

#[tokio::test]
async fn send_phone_code_passes_store_failures_on() {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_id()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = f
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, SendPhoneCodeError::Unexpected(_)), "{err:?}");

    let mut f = live();
    f.throttle.expect_hit().returning(|_, _, _| Ok(None));
    f.codes
        .expect_issue()
        .returning(|_, _, _| Err(UnexpectedError::new("db down")));
    let err = f
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, SendPhoneCodeError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn one_account_cannot_fan_out_sms_past_its_budget() {
    let mut f = live();
    let until = t0() + Duration::hours(1);
    f.throttle
        .expect_hit()
        .withf(|k, rule, _| k.as_str() == "code-send:account:4" && rule.limit == 11)
        .returning(move |_, _, _| Ok(Some(until)));
    f.codes.expect_issue().never();
    let err = f
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendPhoneCodeError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
}

// ---- change ----

fn changing(outcome: AttemptOutcome) -> Fixture {
    let mut f = live();
    f.presenting(
        CodePurpose::PhoneChange,
        "4:+821012345678",
        CodeEffect::ChangePhone(phone()),
        outcome,
    );
    f
}

#[tokio::test]
async fn the_right_code_changes_the_phone() {
    let f = changing(AttemptOutcome::Accepted {
        account_id: Some(AccountId(4)),
    });
    f.service()
        .change_phone(AccountId(4), &phone(), " 123456 ", &client())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_number_another_account_holds_is_refused() {
    let err = changing(AttemptOutcome::PhoneTaken)
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ChangePhoneError::PhoneTaken), "{err:?}");
}

#[tokio::test]
async fn wrong_or_unknown_codes_are_invalid_and_count_against_the_ip() {
    for outcome in [
        AttemptOutcome::Mismatch { attempts_left: 4 },
        AttemptOutcome::NotFound,
    ] {
        let mut f = changing(outcome);
        f.throttle
            .expect_hit()
            .withf(|k, _, _| k.as_str() == "code-check:ip:10.0.0.9")
            .times(1)
            .returning(|_, _, _| Ok(None));
        let err = f
            .service()
            .change_phone(AccountId(4), &phone(), "123456", &client())
            .await
            .unwrap_err();
        assert!(matches!(err, ChangePhoneError::CodeInvalid), "{err:?}");
    }
}

#[tokio::test]
async fn expired_and_exhausted_codes_say_so() {
    let err = changing(AttemptOutcome::Expired)
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ChangePhoneError::CodeExpired), "{err:?}");
    let err = changing(AttemptOutcome::Exhausted)
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, ChangePhoneError::AttemptsExhausted),
        "{err:?}"
    );
}

#[tokio::test]
async fn phone_code_checks_from_a_throttled_ip_are_refused_unchecked() {
    let mut f = Fixture::new();
    let until = t0() + Duration::minutes(15);
    f.accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    f.throttle
        .expect_blocked_until()
        .returning(move |_, _| Ok(Some(until)));
    f.tx.expect_lock_current_code().never();
    let err = f
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, ChangePhoneError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
}

#[tokio::test]
async fn change_for_a_missing_or_deleted_account_fails_without_spending_the_code() {
    let err = with_account(None)
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ChangePhoneError::AccountNotFound), "{err:?}");
    let err = with_account(Some(true))
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ChangePhoneError::AccountDeleted), "{err:?}");
}

#[tokio::test]
async fn change_phone_passes_store_failures_on() {
    let mut f = live();
    f.tx.expect_lock_current_code()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    let err = f
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ChangePhoneError::Unexpected(_)), "{err:?}");
}
