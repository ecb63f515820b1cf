use chrono::Duration;
use mockall::predicate::eq;

use super::*;
use crate::auth::SessionEnding;
use crate::recovery::fixture::{
    Fixture, RESETS_FROM_IP, TOKEN, client, resets_counted, resets_from_ip,
};
use crate::security_events::capture::capture;
use crate::store::MockStoreTransaction;
use crate::testing::{account, counted, t0};
use crate::values::LoginId;
use crate::verification::{CodeId, CodePurpose, CurrentCode, StoredCode};

const TARGET: &str = "owner@example.com";

fn stored(account: Option<i64>, attempts_left: u32) -> StoredCode {
    StoredCode {
        id: CodeId(3),
        account_id: account.map(AccountId),
        current: CurrentCode {
            expires_at: t0() + Duration::minutes(30),
            attempts_left,
            code_digest: format!("digest({TOKEN})"),
        },
    }
}

fn holding(tx: &mut MockStoreTransaction, code: Option<StoredCode>) {
    tx.expect_lock_current_code()
        .withf(|purpose, target| *purpose == CodePurpose::PasswordReset && target == TARGET)
        .return_once(move |_, _| Ok(code));
}

fn password() -> Password {
    Password::parse("a brand new passphrase").unwrap()
}

async fn present(tx: &mut MockStoreTransaction, digest: &str) -> ResetOutcome {
    reset_with_token(tx, TARGET, digest, &password(), "hash", t0())
        .await
        .expect("no store error")
}

fn right() -> String {
    format!("digest({TOKEN})")
}

#[tokio::test]
async fn the_right_token_sets_the_password_verifies_the_email_ends_every_session_and_is_spent() {
    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, Some(stored(Some(4), 5)));
    tx.expect_lock_account()
        .with(eq(AccountId(4)))
        .returning(|_| Ok(Some(account(4, TARGET))));
    tx.expect_set_password()
        .withf(|id, hash, now| *id == AccountId(4) && hash == "hash" && *now == t0())
        .times(1)
        .returning(|_, _, _| Ok(true));
    tx.expect_mark_email_verified()
        .with(eq(AccountId(4)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(()));
    tx.expect_revoke_sessions()
        .with(eq(AccountId(4)), eq(SessionEnding::AllBut(None)), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(2));
    tx.expect_delete_push_tokens()
        .with(eq(AccountId(4)), eq(SessionEnding::AllBut(None)))
        .times(1)
        .returning(|_, _| Ok(1));
    tx.expect_consume_code()
        .with(eq(CodeId(3)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(()));
    assert_eq!(
        present(&mut tx, &right()).await,
        ResetOutcome::Reset {
            account: AccountId(4),
            revoked: 2
        }
    );
}

#[tokio::test]
async fn a_wrong_token_uses_an_attempt_and_changes_nothing_else() {
    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, Some(stored(Some(4), 5)));
    tx.expect_use_code_attempt()
        .with(eq(CodeId(3)))
        .times(1)
        .returning(|_| Ok(()));
    tx.expect_set_password().never();
    tx.expect_consume_code().never();
    assert_eq!(
        present(&mut tx, "digest(WRONG)").await,
        ResetOutcome::Refused { guessed: true }
    );
}

#[tokio::test]
async fn missing_expired_and_spent_tokens_are_refused_without_a_change() {
    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, None);
    assert_eq!(
        present(&mut tx, &right()).await,
        ResetOutcome::Refused { guessed: true }
    );

    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, Some(stored(Some(4), 0)));
    tx.expect_use_code_attempt().never();
    assert_eq!(
        present(&mut tx, &right()).await,
        ResetOutcome::Refused { guessed: false }
    );

    let mut expired = stored(Some(4), 5);
    expired.current.expires_at = t0();
    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, Some(expired));
    tx.expect_consume_code().never();
    assert_eq!(
        present(&mut tx, &right()).await,
        ResetOutcome::Refused { guessed: false }
    );
}

#[tokio::test]
async fn a_right_token_whose_account_is_gone_is_spent_and_refused() {
    let mut deleted = account(4, TARGET);
    deleted.deleted_at = Some(t0());
    for found in [None, Some(deleted), Some(account(4, "other@example.com"))] {
        let mut tx = MockStoreTransaction::new();
        holding(&mut tx, Some(stored(Some(4), 5)));
        tx.expect_lock_account().return_once(move |_| Ok(found));
        tx.expect_set_password().never();
        tx.expect_consume_code().times(1).returning(|_, _| Ok(()));
        assert_eq!(
            present(&mut tx, &right()).await,
            ResetOutcome::Refused { guessed: false }
        );
    }
    // A token issued for an address without an account was never sent: it sets nothing.
    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, Some(stored(None, 5)));
    tx.expect_lock_account().never();
    tx.expect_consume_code().times(1).returning(|_, _| Ok(()));
    assert_eq!(
        present(&mut tx, &right()).await,
        ResetOutcome::Refused { guessed: false }
    );
}

#[tokio::test]
async fn a_new_password_equal_to_the_login_id_keeps_the_token() {
    let mut tx = MockStoreTransaction::new();
    holding(&mut tx, Some(stored(Some(4), 5)));
    let mut with_login_id = account(4, TARGET);
    with_login_id.login_id = Some(LoginId::parse("passphrase1").unwrap());
    tx.expect_lock_account()
        .return_once(move |_| Ok(Some(with_login_id)));
    tx.expect_set_password().never();
    tx.expect_consume_code().never();
    let outcome = reset_with_token(
        &mut tx,
        TARGET,
        &right(),
        &Password::parse("Passphrase1").unwrap(),
        "hash",
        t0(),
    )
    .await
    .expect("no store error");
    assert_eq!(outcome, ResetOutcome::SameAsLoginId);
}

#[tokio::test]
async fn a_reset_hashes_the_new_password_reads_the_typed_token_and_gives_the_attempt_back() {
    let mut fixture = Fixture::new();
    let throttle = fixture.throttle.clone();
    holding(&mut fixture.tx, Some(stored(Some(4), 5)));
    fixture
        .tx
        .expect_lock_account()
        .returning(|_| Ok(Some(account(4, TARGET))));
    fixture
        .tx
        .expect_set_password()
        .withf(|_, hash, _| hash == "hash(a brand new passphrase)")
        .returning(|_, _, _| Ok(true));
    fixture
        .tx
        .expect_mark_email_verified()
        .returning(|_, _| Ok(()));
    fixture
        .tx
        .expect_revoke_sessions()
        .returning(|_, _, _| Ok(1));
    fixture
        .tx
        .expect_delete_push_tokens()
        .returning(|_, _| Ok(0));
    fixture.tx.expect_consume_code().returning(|_, _| Ok(()));
    let service = fixture.service();
    let email = Email::parse("Owner@Example.com").unwrap();
    let (reset, log) =
        capture(service.reset_password(&email, " oa1b-2c3d-4e ", password(), &client())).await;
    assert!(reset.is_ok(), "{reset:?}");
    log.only("password_reset").assert_has(
        tracing::Level::INFO,
        &[("account_id", "4"), ("ip", "10.0.0.9"), ("count", "1")],
    );
    assert_eq!(
        resets_counted(&throttle),
        Some(0),
        "reserved, then given back"
    );
}

#[tokio::test]
async fn a_wrong_token_keeps_the_attempt_reserved_and_is_invalid() {
    let mut fixture = Fixture::new();
    // The 30th try from the IP in its window: the last its budget allows.
    let throttle = fixture.throttle.clone();
    throttle.set(&resets_from_ip(), counted(29));
    holding(&mut fixture.tx, Some(stored(Some(4), 5)));
    fixture.tx.expect_use_code_attempt().returning(|_| Ok(()));
    let email = Email::parse(TARGET).unwrap();
    let refused = fixture
        .service()
        .reset_password(&email, "ZZZZZZZZZZ", password(), &client())
        .await;
    assert!(
        matches!(refused, Err(ResetPasswordError::InvalidToken)),
        "{refused:?}"
    );
    assert_eq!(throttle.count(RESETS_FROM_IP), 30);
}

#[tokio::test]
async fn a_password_equal_to_the_email_is_refused_before_any_work() {
    let mut fixture = Fixture::new();
    let throttle = fixture.throttle.clone();
    fixture.hasher.checkpoint();
    fixture.hasher.expect_hash().never();
    let email = Email::parse("owner.name@example.com").unwrap();
    let refused = fixture
        .service()
        .reset_password(
            &email,
            TOKEN,
            Password::parse("owner.name@example.com").unwrap(),
            &client(),
        )
        .await;
    assert!(
        matches!(
            refused,
            Err(ResetPasswordError::WeakPassword(
                PasswordError::SameAsIdentifier
            ))
        ),
        "{refused:?}"
    );
    assert!(throttle.names().is_empty(), "{:?}", throttle.names());
}

#[tokio::test]
async fn a_spent_ip_budget_refuses_before_hashing() {
    let mut fixture = Fixture::new();
    let until = t0() + Duration::minutes(15);
    fixture.throttle.block(&resets_from_ip(), until);
    fixture.hasher.checkpoint();
    fixture.hasher.expect_hash().never();
    let email = Email::parse(TARGET).unwrap();
    let refused = fixture
        .service()
        .reset_password(&email, TOKEN, password(), &client())
        .await;
    assert!(
        matches!(refused, Err(ResetPasswordError::Throttled { retry_at }) if retry_at == until),
        "{refused:?}"
    );
}

#[test]
fn a_typed_token_forgives_case_separators_and_look_alike_letters() {
    assert_eq!(typed_token(" oa1b-2c3d 4e\n"), "0A1B2C3D4E");
    assert_eq!(typed_token("il"), "11");
}
