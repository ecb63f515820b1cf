use std::sync::Arc;

use mockall::predicate::eq;

use super::*;
use crate::accounts::{MockAccountProfileRepository, MockAccountRepository, RootUserService};
use crate::delivery::TemplateId;
use crate::notifications::MockNotificationSettingsRepository;
use crate::outbox::Channel;
use crate::security_events::capture::capture;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, t0};

/// A transaction in which account 1 (a@example.com) is live and withdrawing it cascades.
fn withdrawing() -> MockStoreTransaction {
    let mut tx = MockStoreTransaction::new();
    tx.expect_mark_account_deleted()
        .with(eq(AccountId(1)), eq(t0()))
        .returning(|_, _| Ok(true));
    tx.expect_revoke_sessions().returning(|_, _, _| Ok(1));
    tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    tx.expect_release_devices_of_children()
        .returning(|_, _| Ok(0));
    tx.expect_delete_children().returning(|_, _| Ok(0));
    tx.expect_lock_account()
        .with(eq(AccountId(1)))
        .returning(|id| {
            let mut gone = account(id.0, "a@example.com");
            gone.deleted_at = Some(t0());
            Ok(Some(gone))
        });
    tx
}

fn service(tx: MockStoreTransaction) -> RootUserService {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    RootUserService::new(
        Arc::new(accounts),
        Arc::new(MockAccountProfileRepository::new()),
        Arc::new(MockNotificationSettingsRepository::new()),
        Arc::new(clock_at(t0())),
        Arc::new(MockedUnitOfWork::new(tx)),
    )
}

#[tokio::test]
async fn a_withdrawal_queues_a_notice_to_the_accounts_email_in_its_transaction() {
    let mut tx = withdrawing();
    tx.expect_enqueue_message()
        .withf(|message, now| {
            message.channel() == Channel::Email
                && message.recipient() == "a@example.com"
                && message.params().get("at") == Some("2026-11-23 12:00 UTC")
                && *now == t0()
        })
        .times(1)
        .returning(|_, _| Ok(()));
    assert_eq!(
        withdrawal(&mut tx, AccountId(1), t0()).await.ok(),
        Some(true)
    );
}

#[tokio::test]
async fn a_withdrawal_that_finds_no_live_account_queues_nothing() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_mark_account_deleted().returning(|_, _| Ok(false));
    tx.expect_enqueue_message().never();
    assert_eq!(
        withdrawal(&mut tx, AccountId(1), t0()).await.ok(),
        Some(false)
    );
}

#[tokio::test]
async fn a_notice_that_cannot_be_queued_fails_the_withdrawal() {
    let mut tx = withdrawing();
    tx.expect_enqueue_message()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    assert!(withdrawal(&mut tx, AccountId(1), t0()).await.is_err());
}

#[test]
fn the_notice_is_the_withdrawn_template_to_the_account_and_carries_no_secret() {
    let to = Email::parse("a@example.com").unwrap();
    let notice = withdrawal_notice(&to, t0(), Locale::En);
    assert_eq!(notice.locale(), Locale::En);
    assert_eq!(notice.channel(), Channel::Email);
    assert_eq!(notice.recipient(), "a@example.com");
    assert_eq!(notice.template(), TemplateId::AccountWithdrawn);
    assert!(notice.params().secret.is_empty());
}

#[tokio::test]
async fn a_committed_withdrawal_is_a_security_event() {
    let mut tx = withdrawing();
    tx.expect_enqueue_message().returning(|_, _| Ok(()));
    let (withdrawn, log) = capture(service(tx).withdraw(AccountId(1))).await;
    assert!(withdrawn.is_ok(), "{withdrawn:?}");
    let events = log.events();
    assert_eq!(log.names(), ["account_withdrawn"]);
    let expected = [("account_id", "1"), ("notices", "email")];
    events[0].assert_has(tracing::Level::INFO, &expected);
    assert!(!format!("{events:?}").contains("a@example.com"));
}

#[tokio::test]
async fn a_withdrawal_that_rolls_back_is_no_event() {
    let mut tx = withdrawing();
    tx.expect_enqueue_message()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    let (withdrawn, log) = capture(service(tx).withdraw(AccountId(1))).await;
    assert!(matches!(withdrawn, Err(WithdrawError::Unexpected(_))));
    assert!(log.events().is_empty(), "{:?}", log.events());
}
