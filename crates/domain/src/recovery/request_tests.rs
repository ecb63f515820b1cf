use chrono::Duration;

use super::*;
use crate::recovery::fixture::{Fixture, TOKEN};
use crate::testing::{account, t0};
use crate::throttle::{InMemoryThrottle, ThrottleKey};

fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("10.0.0.9".into()),
        user_agent: None,
    }
}

fn email() -> Email {
    Email::parse("Owner@Example.com").unwrap()
}

const BY_ADDRESS: &str = "reset-request:address:owner@example.com";
const FROM_IP: &str = "reset-request:ip:10.0.0.9";

/// The request was counted once against the address and once against the client's IP.
fn assert_counted(throttle: &InMemoryThrottle) {
    assert_eq!(throttle.names(), [BY_ADDRESS, FROM_IP]);
    assert_eq!(
        (throttle.count(BY_ADDRESS), throttle.count(FROM_IP)),
        (1, 1)
    );
}

#[tokio::test]
async fn an_account_is_emailed_a_30_minute_token_with_link_and_code_kept_as_a_digest() {
    let mut fixture = Fixture::new();
    let throttle = fixture.throttle.clone();
    fixture
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(4, "owner@example.com"))));
    fixture
        .codes
        .expect_issue()
        .withf(|code, cooldown, queued| {
            let params = queued.message.params();
            code.purpose == CodePurpose::PasswordReset
                && code.target == "owner@example.com"
                && code.account_id == Some(crate::accounts::AccountId(4))
                && code.code_digest == format!("digest({TOKEN})")
                && code.expires_at == t0() + Duration::minutes(30)
                && code.attempts == 5
                && *cooldown == Duration::seconds(60)
                && !queued.suppressed
                && queued.message.recipient() == "owner@example.com"
                && queued.message.template() == TemplateId::PasswordReset
                && params.secret.get("code").map(String::as_str) == Some(TOKEN)
                && params.secret.get("link").map(String::as_str)
                    == Some("https://app.example/reset?email=owner%40example.com&token=0A1B2C3D4E")
                && params.plain.get("minutes").map(String::as_str) == Some("30")
        })
        .times(1)
        .returning(|_, _, _| Ok(IssueOutcome::Issued));
    let sent = fixture.service().request_reset(&email(), &client()).await;
    assert!(sent.is_ok(), "{sent:?}");
    assert_counted(&throttle);
}

#[tokio::test]
async fn an_address_without_an_account_gets_the_same_work_and_answer_and_no_email() {
    let mut fixture = Fixture::new();
    let throttle = fixture.throttle.clone();
    fixture
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(None));
    fixture
        .codes
        .expect_issue()
        .withf(|code, _, queued| {
            code.account_id.is_none()
                && code.code_digest == format!("digest({TOKEN})")
                && queued.suppressed
                && queued.message.recipient() == "owner@example.com"
                && queued.message.template() == TemplateId::PasswordReset
        })
        .times(1)
        .returning(|_, _, _| Ok(IssueOutcome::Issued));
    let sent = fixture.service().request_reset(&email(), &client()).await;
    assert!(sent.is_ok(), "{sent:?}");
    assert_counted(&throttle);
}

#[tokio::test]
async fn a_spent_budget_refuses_before_anything_is_looked_up() {
    let mut fixture = Fixture::new();
    let throttle = fixture.throttle.clone();
    let by_address = ThrottleKey::new("reset-request:address", "owner@example.com");
    throttle.block(&by_address, t0() + Duration::minutes(20));
    fixture.accounts.expect_find_by_email().never();
    fixture.codes.expect_issue().never();
    let refused = fixture.service().request_reset(&email(), &client()).await;
    assert!(
        matches!(refused, Err(RequestResetError::Throttled { retry_at }) if retry_at == t0() + Duration::minutes(20)),
        "{refused:?}"
    );
    assert_eq!(throttle.names(), [BY_ADDRESS], "nothing is counted");
}

#[tokio::test]
async fn a_request_within_the_cooldown_is_told_when_to_retry() {
    let mut fixture = Fixture::new();
    let throttle = fixture.throttle.clone();
    fixture
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(None));
    fixture.codes.expect_issue().returning(|_, _, _| {
        Ok(IssueOutcome::CoolingDown {
            retry_at: t0() + Duration::seconds(40),
        })
    });
    let refused = fixture.service().request_reset(&email(), &client()).await;
    assert!(
        matches!(refused, Err(RequestResetError::CoolingDown { .. })),
        "{refused:?}"
    );
    assert_counted(&throttle);
}

#[test]
fn the_email_is_in_the_accounts_language() {
    let mut english = account(4, "owner@example.com");
    english.locale = Some("en-US".into());
    let queued = reset_message(Some(&english), "x", TOKEN, &ResetSettings::default());
    assert_eq!(queued.message.locale(), Locale::En);
}
