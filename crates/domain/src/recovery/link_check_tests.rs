use chrono::Duration;
use mockall::predicate::eq;

use super::*;
use crate::accounts::AccountId;
use crate::recovery::fixture::{
    Fixture, RESETS_FROM_IP, TOKEN, client, resets_counted, resets_from_ip,
};
use crate::store::MockStoreTransaction;
use crate::testing::{counted, t0};
use crate::verification::{CodeId, CurrentCode, StoredCode};

const TARGET: &str = "owner@example.com";

fn holding(tx: &mut MockStoreTransaction, expires_in: Option<Duration>, attempts_left: u32) {
    let code = expires_in.map(|ttl| StoredCode {
        id: CodeId(3),
        account_id: Some(AccountId(4)),
        current: CurrentCode {
            expires_at: t0() + ttl,
            attempts_left,
            code_digest: format!("digest({TOKEN})"),
        },
    });
    tx.expect_lock_current_code()
        .withf(|purpose, target| *purpose == CodePurpose::PasswordReset && target == TARGET)
        .return_once(move |_, _| Ok(code));
}

async fn check(tx: &mut MockStoreTransaction, token: &str) -> LinkCheck {
    check_token(tx, TARGET, &format!("digest({token})"), t0())
        .await
        .expect("no store error")
}

#[tokio::test]
async fn the_right_current_token_is_usable_and_left_as_it_was() {
    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, Some(Duration::minutes(30)), 5);
    tx.expect_use_code_attempt().never();
    tx.expect_consume_code().never();
    assert_eq!(check(&mut tx, TOKEN).await, LinkCheck::Usable);
}

#[tokio::test]
async fn a_wrong_token_uses_a_try() {
    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, Some(Duration::minutes(30)), 5);
    tx.expect_use_code_attempt()
        .with(eq(CodeId(3)))
        .times(1)
        .returning(|_| Ok(()));
    assert_eq!(
        check(&mut tx, "ZZZZZZZZZZ").await,
        LinkCheck::Refused { guessed: true }
    );
}

#[tokio::test]
async fn an_expired_or_exhausted_token_is_refused_without_counting_as_a_guess() {
    for (expires_in, attempts_left) in [(Duration::seconds(-1), 5), (Duration::minutes(30), 0)] {
        let mut tx = MockStoreTransaction::new();
        holding(&mut tx, Some(expires_in), attempts_left);
        tx.expect_use_code_attempt().never();
        assert_eq!(
            check(&mut tx, TOKEN).await,
            LinkCheck::Refused { guessed: false }
        );
    }
}

#[tokio::test]
async fn no_current_token_counts_as_a_guess() {
    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, None, 0);
    assert_eq!(
        check(&mut tx, TOKEN).await,
        LinkCheck::Refused { guessed: true }
    );
}

#[tokio::test]
async fn a_usable_link_reads_the_typed_token_and_gives_the_attempt_back() {
    let mut fixture = Fixture::new();
    let throttle = fixture.throttle.clone();
    holding(&mut fixture.tx, Some(Duration::minutes(30)), 5);
    let email = Email::parse("Owner@Example.com").unwrap();
    let checked = fixture
        .service()
        .check_reset_link(&email, "oa1b-2c3d-4e", &client())
        .await;
    assert!(checked.is_ok(), "{checked:?}");
    assert_eq!(
        resets_counted(&throttle),
        Some(0),
        "reserved, then given back"
    );
}

#[tokio::test]
async fn a_wrong_link_keeps_the_attempt_reserved_and_is_invalid() {
    let mut fixture = Fixture::new();
    // The 30th try from the IP in its window: the last its budget allows.
    let throttle = fixture.throttle.clone();
    throttle.set(&resets_from_ip(), counted(29));
    holding(&mut fixture.tx, Some(Duration::minutes(30)), 5);
    fixture.tx.expect_use_code_attempt().returning(|_| Ok(()));
    let email = Email::parse(TARGET).unwrap();
    let checked = fixture
        .service()
        .check_reset_link(&email, "ZZZZZZZZZZ", &client())
        .await;
    assert!(
        matches!(checked, Err(CheckResetLinkError::InvalidToken)),
        "{checked:?}"
    );
    assert_eq!(throttle.count(RESETS_FROM_IP), 30);
}

#[tokio::test]
async fn a_spent_ip_budget_refuses_before_looking() {
    let fixture = Fixture::new();
    let until = t0() + Duration::minutes(15);
    fixture.throttle.block(&resets_from_ip(), until);
    let email = Email::parse(TARGET).unwrap();
    let checked = fixture
        .service()
        .check_reset_link(&email, TOKEN, &client())
        .await;
    assert!(
        matches!(checked, Err(CheckResetLinkError::Throttled { retry_at }) if retry_at == until),
        "{checked:?}"
    );
}
