use std::sync::{Arc, Mutex};

use chrono::Duration;
use mockall::predicate::eq;

use super::*;
use crate::delivery::{Locale, MessageParams, TemplateId};
use crate::security_events::capture::capture;
use crate::store::MockStoreTransaction;
use crate::testing::{account, counted, t0};
use crate::verification::test_fixture::{CHECKS_FROM_IP, Fixture, checks_counted, checks_from_ip};

const SENDS_BY_ACCOUNT: &str = "code-send:account:4";
const SENDS_FROM_IP: &str = "code-send:ip:10.0.0.9";
const SENDS_TO_TARGET: &str = "code-send:target:+821012345678";

/// Account 4 exists and is live; nothing is throttled.
fn live() -> Fixture {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
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
    f.codes.expect_issue().never();
    f.tx.expect_lock_current_code().never();
    f
}

// ---- send ----

#[tokio::test]
async fn a_phone_code_is_bound_to_the_account_and_sent_by_sms() {
    let mut f = live();
    let throttle = f.throttle.clone();
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
                && !message.suppressed
                && Some(&message.message).is_some_and(|m| {
                    *m == OutgoingMessage::sms(
                        "+821012345678",
                        TemplateId::PhoneCode,
                        Locale::Ko,
                        MessageParams::new()
                            .secret("code", "000000")
                            .plain("minutes", "10"),
                    )
                })
        })
        .times(1)
        .returning(|_, _, _| Ok(IssueOutcome::Issued));
    f.service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap();
    let counters = [SENDS_BY_ACCOUNT, SENDS_FROM_IP, SENDS_TO_TARGET];
    assert_eq!(throttle.names(), counters);
    for name in counters {
        assert_eq!(throttle.count(name), 1, "{name}");
    }
}

#[tokio::test]
async fn a_phone_code_is_written_in_the_accounts_language() {
    for (tag, expected) in [
        (Some("en-US"), Locale::En),
        (Some("ko-KR"), Locale::Ko),
        (None, Locale::Ko),
    ] {
        let mut f = Fixture::new();
        f.accounts.expect_find_by_id().returning(move |id| {
            let mut holder = account(id.0, "a@example.com");
            holder.locale = tag.map(str::to_owned);
            Ok(Some(holder))
        });
        f.codes
            .expect_issue()
            .withf(move |_, _, message| {
                message.message.locale() == expected
                    && message.message.template() == TemplateId::PhoneCode
            })
            .times(1)
            .returning(|_, _, _| Ok(IssueOutcome::Issued));
        f.service()
            .send_phone_code(AccountId(4), &phone(), &client())
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn send_for_a_missing_or_deleted_account_fails() {
    let f = with_account(None);
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendPhoneCodeError::AccountNotFound),
        "{err:?}"
    );
    assert!(throttle.names().is_empty(), "{:?}", throttle.names());
    let f = with_account(Some(true));
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, SendPhoneCodeError::AccountDeleted), "{err:?}");
    assert!(throttle.names().is_empty(), "{:?}", throttle.names());
}

#[tokio::test]
async fn a_resend_within_the_cooldown_says_when_to_retry() {
    let mut f = live();
    let throttle = f.throttle.clone();
    let retry_at = t0() + Duration::seconds(42);
    f.codes
        .expect_issue()
        .returning(move |_, _, _| Ok(IssueOutcome::CoolingDown { retry_at }));
    let err = f
        .service()
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendPhoneCodeError::CoolingDown { retry_at: r } if r == retry_at),
        "{err:?}"
    );
    // Only the reservations (per account, per IP), made before the cooldown is known.
    assert_eq!(throttle.names(), [SENDS_BY_ACCOUNT, SENDS_FROM_IP]);
    assert_eq!(
        (
            throttle.count(SENDS_BY_ACCOUNT),
            throttle.count(SENDS_FROM_IP)
        ),
        (1, 1)
    );
}

#[tokio::test]
async fn too_many_phone_codes_are_throttled() {
    let mut f = Fixture::new();
    let until = t0() + Duration::hours(1);
    f.accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    let throttle = f.throttle.clone();
    throttle.block(
        &ThrottleKey::new("code-send:target", "+821012345678"),
        until,
    );
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
    assert_eq!(throttle.names(), [SENDS_TO_TARGET], "nothing is counted");
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
    let throttle = f.throttle.clone();
    // Nine codes asked for in this window: the 10th request is the last the budget allows.
    throttle.set(&ThrottleKey::new("code-send:account", "4"), counted(9));
    f.codes
        .expect_issue()
        .times(1)
        .returning(|_, _, _| Ok(IssueOutcome::CoolingDown { retry_at: t0() }));
    let service = f.service();
    let tenth = service
        .send_phone_code(AccountId(4), &phone(), &client())
        .await;
    assert!(
        matches!(tenth, Err(SendPhoneCodeError::CoolingDown { .. })),
        "{tenth:?}"
    );
    let err = service
        .send_phone_code(AccountId(4), &phone(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendPhoneCodeError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
    assert_eq!(
        throttle.count(SENDS_FROM_IP),
        1,
        "only the 10th reached the IP"
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
    let throttle = f.throttle.clone();
    f.service()
        .change_phone(AccountId(4), &phone(), " 123456 ", &client())
        .await
        .unwrap();
    assert_eq!(
        checks_counted(&throttle),
        Some(0),
        "the check was reserved, then given back"
    );
}

#[tokio::test]
async fn a_number_another_account_holds_is_refused() {
    let f = changing(AttemptOutcome::PhoneTaken);
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ChangePhoneError::PhoneTaken), "{err:?}");
    assert_eq!(checks_counted(&throttle), Some(0), "the code was right");
}

#[tokio::test]
async fn wrong_or_unknown_codes_are_invalid_and_count_against_the_ip() {
    for outcome in [
        AttemptOutcome::Mismatch { attempts_left: 4 },
        AttemptOutcome::NotFound,
    ] {
        let f = changing(outcome.clone());
        // The 30th check from the IP in its window: the last its budget allows.
        let throttle = f.throttle.clone();
        throttle.set(&checks_from_ip(), counted(29));
        let err = f
            .service()
            .change_phone(AccountId(4), &phone(), "123456", &client())
            .await
            .unwrap_err();
        assert!(matches!(err, ChangePhoneError::CodeInvalid), "{err:?}");
        assert_eq!(throttle.count(CHECKS_FROM_IP), 30, "{outcome:?}");
    }
}

#[tokio::test]
async fn expired_and_exhausted_codes_say_so() {
    let f = changing(AttemptOutcome::Expired);
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ChangePhoneError::CodeExpired), "{err:?}");
    assert_eq!(checks_counted(&throttle), Some(0));
    let f = changing(AttemptOutcome::Exhausted);
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, ChangePhoneError::AttemptsExhausted),
        "{err:?}"
    );
    assert_eq!(checks_counted(&throttle), Some(0));
}

#[tokio::test]
async fn phone_code_checks_from_a_throttled_ip_are_refused_unchecked() {
    let mut f = Fixture::new();
    let until = t0() + Duration::minutes(15);
    f.accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    f.throttle.block(&checks_from_ip(), until);
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
    let f = with_account(None);
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ChangePhoneError::AccountNotFound), "{err:?}");
    assert!(throttle.names().is_empty(), "{:?}", throttle.names());
    let f = with_account(Some(true));
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .change_phone(AccountId(4), &phone(), "123456", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, ChangePhoneError::AccountDeleted), "{err:?}");
    assert!(throttle.names().is_empty(), "{:?}", throttle.names());
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

// ---- notices and events ----

fn previous_phone() -> Phone {
    Phone::parse("+821099990000").unwrap()
}

/// Account 4 (a@example.com) as the change finds it, with `phone` as its number.
fn holding_account(phone: Option<Phone>) -> MockStoreTransaction {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account()
        .with(eq(AccountId(4)))
        .times(1)
        .returning(move |id| {
            let mut found = account(id.0, "a@example.com");
            found.phone = phone.clone();
            found.is_phone_number_checked = phone.is_some();
            Ok(Some(found))
        });
    tx
}

fn free_to_set(tx: &mut MockStoreTransaction) {
    tx.expect_phone_checked_elsewhere()
        .returning(|_, _| Ok(false));
    tx.expect_set_checked_phone()
        .with(eq(AccountId(4)), eq(phone()), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(true));
}

#[tokio::test]
async fn a_change_notifies_the_previous_phone_and_the_email_in_its_transaction() {
    let mut tx = holding_account(Some(previous_phone()));
    free_to_set(&mut tx);
    let queued = Arc::new(Mutex::new(Vec::new()));
    let keep = queued.clone();
    tx.expect_enqueue_message()
        .withf(|_, now| *now == t0())
        .times(2)
        .returning(move |m, _| {
            keep.lock().unwrap().push(m.clone());
            Ok(())
        });
    let changed = change_checked_phone(&mut tx, AccountId(4), &phone(), t0()).await;
    assert_eq!(changed.ok(), Some(true));
    let queued = queued.lock().unwrap().clone();
    assert_eq!(
        queued,
        phone_change_notices(&account_with(Some(previous_phone())), &phone(), t0())
    );
    assert_eq!(queued[0].channel(), Channel::Sms);
    assert_eq!(
        queued[0].recipient(),
        "+821099990000",
        "to the previous number"
    );
    assert_eq!(queued[1].channel(), Channel::Email);
    assert_eq!(queued[1].recipient(), "a@example.com");
}

fn account_with(phone: Option<Phone>) -> Account {
    let mut found = account(4, "a@example.com");
    found.phone = phone;
    found
}

#[tokio::test]
async fn a_first_phone_notifies_the_email_only() {
    let mut tx = holding_account(None);
    free_to_set(&mut tx);
    tx.expect_enqueue_message()
        .withf(|m, _| m.channel() == Channel::Email && m.recipient() == "a@example.com")
        .times(1)
        .returning(|_, _| Ok(()));
    let changed = change_checked_phone(&mut tx, AccountId(4), &phone(), t0()).await;
    assert_eq!(changed.ok(), Some(true));
}

#[tokio::test]
async fn a_refused_change_queues_nothing_and_a_failed_notice_fails_the_change() {
    let mut tx = holding_account(Some(previous_phone()));
    tx.expect_phone_checked_elsewhere()
        .returning(|_, _| Ok(true));
    tx.expect_set_checked_phone().never();
    tx.expect_enqueue_message().never();
    let changed = change_checked_phone(&mut tx, AccountId(4), &phone(), t0()).await;
    assert_eq!(changed.ok(), Some(false));

    let mut tx = holding_account(Some(previous_phone()));
    free_to_set(&mut tx);
    tx.expect_enqueue_message()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    let changed = change_checked_phone(&mut tx, AccountId(4), &phone(), t0()).await;
    assert!(changed.is_err(), "the change rolls back with its notice");
}

#[test]
fn the_notices_mask_the_new_number_and_skip_a_number_that_does_not_change() {
    let notices = phone_change_notices(&account_with(Some(previous_phone())), &phone(), t0());
    assert_eq!(notices.len(), 2);
    for notice in &notices {
        assert_eq!(notice.template(), TemplateId::PhoneChanged);
        let params = notice.params();
        assert_eq!(params.get("masked_phone"), Some("****5678"), "{params:?}");
        assert!(params.secret.is_empty(), "a notice carries no secret");
        assert!(
            !format!("{params:?}").contains("+821012345678"),
            "{params:?}"
        );
    }
    let same = phone_change_notices(&account_with(Some(phone())), &phone(), t0());
    assert!(same.is_empty());
    let mut english = account_with(Some(previous_phone()));
    english.locale = Some("en".into());
    let notices = phone_change_notices(&english, &phone(), t0());
    assert!(
        notices.iter().all(|n| n.locale() == Locale::En),
        "{notices:?}"
    );
}

#[tokio::test]
async fn a_committed_phone_change_is_a_security_event_without_the_number() {
    let f = changing(AttemptOutcome::Accepted {
        account_id: Some(AccountId(4)),
    });
    let service = f.service();
    let (phone, client) = (phone(), client());
    let changing = service.change_phone(AccountId(4), &phone, "123456", &client);
    let (changed, log) = capture(changing).await;
    assert!(changed.is_ok(), "{changed:?}");
    let events = log.events();
    assert_eq!(log.names(), ["phone_changed"]);
    let expected = [
        ("account_id", "4"),
        ("ip", "10.0.0.9"),
        ("notices", "email"),
    ];
    events[0].assert_has(tracing::Level::INFO, &expected);
    let logged = format!("{events:?}");
    for secret in ["+821012345678", "5678", "123456", "a@example.com"] {
        assert!(!logged.contains(secret), "{secret} in {logged}");
    }
}

#[tokio::test]
async fn a_refused_phone_change_is_no_event() {
    let service = changing(AttemptOutcome::PhoneTaken).service();
    let (phone, client) = (phone(), client());
    let changing = service.change_phone(AccountId(4), &phone, "123456", &client);
    let (changed, log) = capture(changing).await;
    assert!(matches!(changed, Err(ChangePhoneError::PhoneTaken)));
    assert!(log.events().is_empty(), "{:?}", log.events());
}
