use chrono::Duration;

use super::*;
use crate::accounts::AccountId;
use crate::delivery::{Locale, TemplateId};
use crate::outbox::Channel;
use crate::testing::{account, counted, t0};
use crate::verification::test_fixture::{CHECKS_FROM_IP, Fixture, checks_counted, checks_from_ip};

const SENDS_FROM_IP: &str = "code-send:ip:10.0.0.9";
const SENDS_TO_TARGET: &str = "code-send:target:user@example.com";

fn email() -> Email {
    Email::parse("User@Example.com").unwrap()
}

fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("10.0.0.9".into()),
        user_agent: None,
    }
}

#[tokio::test]
async fn a_code_for_an_unverified_account_is_stored_hashed_and_mailed() {
    let mut f = Fixture::new();
    let throttle = f.throttle.clone();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(4, "User@Example.com"))));
    f.codes
        .expect_issue()
        .withf(|code, cooldown, message| {
            code.purpose == CodePurpose::EmailVerification
                && code.target == "user@example.com"
                && code.account_id == Some(AccountId(4))
                && code.code_digest == "digest(000000)"
                && code.expires_at == t0() + Duration::minutes(10)
                && code.attempts == 5
                && *cooldown == Duration::seconds(60)
                && !message.suppressed
                && Some(&message.message).is_some_and(|m| {
                    m.channel() == Channel::Email
                        && m.recipient() == "User@Example.com"
                        && m.template() == TemplateId::EmailVerification
                        && m.locale() == Locale::Ko
                        && m.params().secret.get("code").map(String::as_str) == Some("000000")
                        && m.params().secret.get("link").map(String::as_str)
                            == Some("http://127.0.0.1:8080/verify-email?email=user%40example.com&code=000000")
                        && m.params().plain.get("minutes").map(String::as_str) == Some("10")
                        && !m.params().plain.values().any(|v| v.contains("000000"))
                })
        })
        .returning(|_, _, _| Ok(IssueOutcome::Issued));
    f.service()
        .send_email_code(&email(), &client())
        .await
        .unwrap();
    assert_eq!(throttle.names(), [SENDS_FROM_IP, SENDS_TO_TARGET]);
    assert_eq!(
        (
            throttle.count(SENDS_FROM_IP),
            throttle.count(SENDS_TO_TARGET)
        ),
        (1, 1)
    );
}

#[tokio::test]
async fn no_mail_goes_to_an_unknown_or_verified_address_but_the_same_work_is_done() {
    for existing in [None, Some(true)] {
        let mut f = Fixture::new();
        let throttle = f.throttle.clone();
        f.accounts.expect_find_by_email().returning(move |_| {
            Ok(existing.map(|verified| {
                let mut a = account(4, "user@example.com");
                a.email_verified = verified;
                a
            }))
        });
        f.codes
            .expect_issue()
            .withf(|code, _, message| {
                code.account_id.is_none()
                    && message.suppressed
                    && message.message.recipient() == "user@example.com"
                    && message.message.params().get("code") == Some("000000")
            })
            .times(1)
            .returning(|_, _, _| Ok(IssueOutcome::Issued));
        f.service()
            .send_email_code(&email(), &client())
            .await
            .unwrap();
        assert_eq!(
            (
                throttle.count(SENDS_FROM_IP),
                throttle.count(SENDS_TO_TARGET)
            ),
            (1, 1),
            "{existing:?}"
        );
    }
}

#[tokio::test]
async fn a_resend_within_the_cooldown_says_when_to_retry() {
    let mut f = Fixture::new();
    let retry_at = t0() + Duration::seconds(42);
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    f.codes
        .expect_issue()
        .returning(move |_, _, _| Ok(IssueOutcome::CoolingDown { retry_at }));
    // The 30th request from the IP in its window: the last its budget allows.
    let throttle = f.throttle.clone();
    let sends_from_ip = ThrottleKey::per_ip("code-send:ip", "10.0.0.9");
    throttle.set(&sends_from_ip, counted(29));
    let err = f
        .service()
        .send_email_code(&email(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendCodeError::CoolingDown { retry_at: r } if r == retry_at),
        "{err:?}"
    );
    // Only the reservation of the per-IP budget, made before the cooldown is known.
    assert_eq!(throttle.names(), [SENDS_FROM_IP]);
    assert_eq!(throttle.count(SENDS_FROM_IP), 30);
}

#[tokio::test]
async fn too_many_sends_are_throttled() {
    let mut f = Fixture::new();
    let until = t0() + Duration::hours(1);
    let throttle = f.throttle.clone();
    throttle.block(
        &ThrottleKey::new("code-send:target", "user@example.com"),
        until,
    );
    f.codes.expect_issue().never();
    let err = f
        .service()
        .send_email_code(&email(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendCodeError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
    assert_eq!(throttle.count(SENDS_FROM_IP), 0, "nothing is counted");
}

#[tokio::test]
async fn a_burst_past_the_per_ip_budget_is_refused_before_any_code_is_issued() {
    let mut f = Fixture::new();
    let until = t0() + Duration::hours(1);
    // The 31st request from the IP in its window.
    let sends_from_ip = ThrottleKey::per_ip("code-send:ip", "10.0.0.9");
    f.throttle.set(&sends_from_ip, counted(30));
    f.accounts.expect_find_by_email().never();
    f.codes.expect_issue().never();
    let err = f
        .service()
        .send_email_code(&email(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendCodeError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
}

#[tokio::test]
async fn send_passes_store_failures_on() {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = f
        .service()
        .send_email_code(&email(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, SendCodeError::Unexpected(_)), "{err:?}");
}

fn confirming(outcome: AttemptOutcome) -> Fixture {
    let mut f = Fixture::new();
    f.presenting(
        CodePurpose::EmailVerification,
        "user@example.com",
        CodeEffect::VerifyEmail,
        outcome,
    );
    f
}

#[tokio::test]
async fn the_right_code_verifies_the_email() {
    let f = confirming(AttemptOutcome::Accepted {
        account_id: Some(AccountId(4)),
    });
    let throttle = f.throttle.clone();
    f.service()
        .confirm_email(&email(), " 123456 ", &client())
        .await
        .unwrap();
    assert_eq!(
        checks_counted(&throttle),
        Some(0),
        "the check was reserved, then given back"
    );
}

#[tokio::test]
async fn a_wrong_or_unknown_code_is_invalid_and_counted_per_ip() {
    for outcome in [
        AttemptOutcome::Mismatch { attempts_left: 3 },
        AttemptOutcome::NotFound,
    ] {
        let f = confirming(outcome.clone());
        // The 30th check from the IP in its window: the last its budget allows.
        let throttle = f.throttle.clone();
        throttle.set(&checks_from_ip(), counted(29));
        let err = f
            .service()
            .confirm_email(&email(), "123456", &client())
            .await
            .unwrap_err();
        assert!(matches!(err, ConfirmCodeError::Invalid), "{err:?}");
        assert_eq!(throttle.count(CHECKS_FROM_IP), 30, "{outcome:?}");
    }
}

#[tokio::test]
async fn expired_and_exhausted_codes_say_so() {
    let f = confirming(AttemptOutcome::Expired);
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .confirm_email(&email(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ConfirmCodeError::Expired), "{err:?}");
    assert_eq!(checks_counted(&throttle), Some(0));
    let f = confirming(AttemptOutcome::Exhausted);
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .confirm_email(&email(), "123456", &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, ConfirmCodeError::AttemptsExhausted),
        "{err:?}"
    );
    assert_eq!(checks_counted(&throttle), Some(0));
}

#[tokio::test]
async fn code_checks_from_a_throttled_ip_are_refused_unchecked() {
    let mut f = Fixture::new();
    let until = t0() + Duration::minutes(15);
    f.throttle.block(&checks_from_ip(), until);
    f.tx.expect_lock_current_code().never();
    let err = f
        .service()
        .confirm_email(&email(), "123456", &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, ConfirmCodeError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
}

#[test]
fn an_email_code_goes_out_only_to_an_unverified_account_and_is_queued_either_way() {
    let settings = VerificationSettings::default();
    let holder = account(4, "User@Example.com");
    let sent = email_code_message(Some(&holder), "user@example.com", "123456", &settings);
    let dropped = email_code_message(None, "user@example.com", "123456", &settings);
    assert!(!sent.suppressed);
    assert!(dropped.suppressed);
    assert_eq!(sent.message.recipient(), "User@Example.com");
    assert_eq!(dropped.message.recipient(), "user@example.com");
    // The same message otherwise: the same columns, the same sealing work.
    assert_eq!(sent.message.template(), dropped.message.template());
    assert_eq!(sent.message.params(), dropped.message.params());
}

#[test]
fn a_code_email_speaks_the_accounts_language() {
    let settings = VerificationSettings::default();
    let mut holder = account(4, "user@example.com");
    let korean = email_code_message(Some(&holder), "user@example.com", "123456", &settings);
    assert_eq!(korean.message.locale(), Locale::Ko, "Korean by default");
    holder.locale = Some("en-US".into());
    let english = email_code_message(Some(&holder), "user@example.com", "123456", &settings);
    assert_eq!(english.message.locale(), Locale::En);
}
