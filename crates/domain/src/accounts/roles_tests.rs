use std::sync::Arc;

use mockall::predicate::eq;

use super::*;
use crate::accounts::{AccountId, MockAccountRepository};
use crate::audit::AuditAction;
use crate::security_events::capture::capture;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, t0};
use crate::values::Role;

fn service(accounts: MockAccountRepository, tx: MockStoreTransaction) -> RoleService {
    RoleService::new(
        Arc::new(accounts),
        Arc::new(MockedUnitOfWork::new(tx)),
        Arc::new(clock_at(t0())),
    )
}

fn email() -> Email {
    Email::parse("staff@example.com").unwrap()
}

fn server_and_user() -> Roles {
    Roles::new([Role::Server, Role::User])
}

fn finding(id: i64) -> MockAccountRepository {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_email()
        .returning(move |_| Ok(Some(account(id, "staff@example.com"))));
    accounts
}

/// A transaction holding account 9 (USER) and the ADMIN accounts `admins`.
fn holding(admins: Vec<AccountId>) -> MockStoreTransaction {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_admins().return_once(move || Ok(admins));
    tx.expect_lock_account()
        .with(eq(AccountId(9)))
        .returning(|id| Ok(Some(account(id.0, "staff@example.com"))));
    tx
}

#[tokio::test]
async fn the_operator_sets_roles_by_email_and_the_audit_log_names_the_cli() {
    let mut tx = holding(vec![AccountId(1)]);
    tx.expect_set_account_roles()
        .with(eq(AccountId(9)), eq(server_and_user()), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(true));
    tx.expect_append_audit()
        .withf(|entry| {
            entry.actor.is_none()
                && entry.action == AuditAction::RolesChanged
                && entry.target == AccountId(9)
                && entry.detail.as_deref() == Some("SERVER,USER")
                && entry.user_agent.as_deref() == Some("cli")
                && entry.at == t0()
        })
        .times(1)
        .returning(|_| Ok(()));
    let updated = service(finding(9), tx)
        .set_roles(&email(), server_and_user())
        .await
        .unwrap();
    assert_eq!(updated.roles, server_and_user());
}

#[tokio::test]
async fn the_first_roles_are_set_when_there_is_no_admin_yet() {
    let mut tx = holding(vec![]);
    tx.expect_set_account_roles().returning(|_, _, _| Ok(true));
    tx.expect_append_audit().returning(|_| Ok(()));
    let updated = service(finding(9), tx)
        .set_roles(&email(), server_and_user())
        .await
        .unwrap();
    assert_eq!(updated.roles, server_and_user());
}

#[tokio::test]
async fn roles_without_user_are_refused() {
    let err = service(finding(9), MockStoreTransaction::new())
        .set_roles(&email(), Roles::new([Role::Server]))
        .await
        .unwrap_err();
    assert!(matches!(err, SetRolesError::MissingUserRole), "{err:?}");
}

#[tokio::test]
async fn unknown_emails_are_not_found() {
    let mut accounts = MockAccountRepository::new();
    accounts.expect_find_by_email().returning(|_| Ok(None));
    let err = service(accounts, MockStoreTransaction::new())
        .set_roles(&email(), server_and_user())
        .await
        .unwrap_err();
    assert!(matches!(err, SetRolesError::AccountNotFound), "{err:?}");
}

#[tokio::test]
async fn the_last_admin_keeps_admin_at_the_console_too() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_admins()
        .return_once(|| Ok(vec![AccountId(9)]));
    tx.expect_lock_account().returning(|id| {
        let mut admin = account(id.0, "staff@example.com");
        admin.roles = Roles::new([Role::Admin, Role::User]);
        Ok(Some(admin))
    });
    let err = service(finding(9), tx)
        .set_roles(&email(), Roles::user())
        .await
        .unwrap_err();
    assert!(matches!(err, SetRolesError::LastAdmin), "{err:?}");
}

#[tokio::test]
async fn store_failures_pass_on() {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_email()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = service(accounts, MockStoreTransaction::new())
        .set_roles(&email(), server_and_user())
        .await
        .unwrap_err();
    assert!(matches!(err, SetRolesError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn a_change_of_roles_is_a_security_event_without_the_email() {
    let mut tx = holding(vec![AccountId(1)]);
    tx.expect_set_account_roles().returning(|_, _, _| Ok(true));
    tx.expect_append_audit().returning(|_| Ok(()));
    let changing = service(finding(9), tx);
    let (changed, log) = capture(changing.set_roles(&email(), server_and_user())).await;
    assert!(changed.is_ok());
    let events = log.events();
    assert_eq!(log.names(), ["roles_changed"]);
    events[0].assert_has(
        tracing::Level::INFO,
        &[("account_id", "9"), ("roles", "SERVER,USER")],
    );
    assert!(
        !format!("{events:?}").contains("staff@example.com"),
        "no email in the log"
    );
}
