use std::sync::Arc;

use mockall::predicate::eq;
use tracing::Level;

use super::*;
use crate::accounts::{MockAccountProfileRepository, MockAccountRepository};
use crate::audit::AuditAction;
use crate::auth::ClientInfo;
use crate::notifications::MockNotificationSettingsRepository;
use crate::security_events::capture::capture;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, principal, t0};
use crate::values::Role;

fn today() -> NaiveDate {
    t0().date_naive()
}

/// Account 2 is live in `accounts`; nothing else is expected.
fn live_two() -> MockAccountRepository {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_id()
        .with(eq(AccountId(2)))
        .returning(|id| Ok(Some(account(id.0, "two@example.com"))));
    accounts
}

fn service(
    accounts: MockAccountRepository,
    profiles: MockAccountProfileRepository,
    tx: MockStoreTransaction,
) -> RootUserService {
    RootUserService::new(
        Arc::new(accounts),
        Arc::new(profiles),
        Arc::new(MockNotificationSettingsRepository::new()),
        Arc::new(clock_at(t0())),
        Arc::new(MockedUnitOfWork::new(tx)),
    )
}

fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("198.51.100.4".into()),
        user_agent: Some("admin-console".into()),
    }
}

fn reading(accounts: MockAccountRepository) -> RootUserService {
    service(
        accounts,
        MockAccountProfileRepository::new(),
        MockStoreTransaction::new(),
    )
}

#[tokio::test]
async fn the_owner_gets_the_account_authentication_loaded_without_reading_it_again() {
    let caller = principal(2, &[]);
    // No expectation on the repository: a read would panic.
    let found = reading(MockAccountRepository::new())
        .account_for(&caller, AccountId(2))
        .await;
    assert_eq!(found.ok(), Some(caller.account));
}

#[tokio::test]
async fn admin_and_staff_get_anyones_account() {
    for role in [Role::Admin, Role::Staff] {
        let found = reading(live_two())
            .account_for(&principal(1, &[role]), AccountId(2))
            .await;
        assert_eq!(found.map(|a| a.id).ok(), Some(AccountId(2)), "{role}");
    }
}

#[tokio::test]
async fn another_user_is_refused_before_anything_is_read_and_it_is_an_event() {
    for roles in [&[Role::User][..], &[Role::Server, Role::User]] {
        let caller = principal(1, roles);
        let (found, log) =
            capture(reading(MockAccountRepository::new()).account_for(&caller, AccountId(2))).await;
        assert!(matches!(found, Err(AdministrationError::Forbidden)));
        log.only("ownership_denied").assert_has(
            Level::WARN,
            &[
                ("account_id", "1"),
                ("session_id", "5"),
                ("resource", "account"),
                ("resource_id", "2"),
            ],
        );
    }
}

#[tokio::test]
async fn a_missing_or_deleted_account_is_told_to_staff() {
    let mut missing = MockAccountRepository::new();
    missing.expect_find_by_id().returning(|_| Ok(None));
    let mut gone = MockAccountRepository::new();
    gone.expect_find_by_id().returning(|id| {
        let mut deleted = account(id.0, "two@example.com");
        deleted.deleted_at = Some(t0());
        Ok(Some(deleted))
    });
    let staff = principal(1, &[Role::Staff]);

    let missing = reading(missing).account_for(&staff, AccountId(2)).await;
    let deleted = reading(gone).account_for(&staff, AccountId(2)).await;

    assert!(matches!(missing, Err(AdministrationError::NotFound)));
    assert!(matches!(deleted, Err(AdministrationError::Deleted)));
}

#[tokio::test]
async fn a_public_profile_is_any_live_account() {
    let mut gone = MockAccountRepository::new();
    gone.expect_find_by_id().returning(|id| {
        let mut deleted = account(id.0, "two@example.com");
        deleted.deleted_at = Some(t0());
        Ok(Some(deleted))
    });

    let found = reading(live_two()).public_profile(AccountId(2)).await;
    let deleted = reading(gone).public_profile(AccountId(2)).await;

    assert_eq!(found.map(|a| a.id).ok(), Some(AccountId(2)));
    assert!(matches!(deleted, Err(AdministrationError::Deleted)));
}

#[test]
fn a_patch_follows_the_accounts_rules_and_names_every_field_at_fault() {
    let parsed = AccountPatch::parse(Some(" Jo "), Some("FEMALE"), Some("1997-01-31"), today());
    let patch = parsed.ok().unwrap_or_default();
    assert_eq!(patch.name.as_ref().map(AccountName::as_str), Some("Jo"));
    assert_eq!(patch.gender, Some(Gender::Female));
    assert_eq!(patch.birthdate.map(|b| b.iso()), Some("1997-01-31".into()));
    assert!(AccountPatch::parse(None, None, None, today()).is_ok_and(|p| p.is_empty()));

    let twenty = "가".repeat(20);
    assert!(AccountPatch::parse(Some(&twenty), None, None, today()).is_ok());
    type Case<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Vec<AccountField>,
    );
    let cases: [Case<'_>; 6] = [
        (Some("J"), None, None, vec![AccountField::Name]),
        (Some(&"가".repeat(21)), None, None, vec![AccountField::Name]),
        (None, Some("M"), None, vec![AccountField::Gender]),
        (None, Some("male"), None, vec![AccountField::Gender]),
        (None, None, Some("19970131"), vec![AccountField::BirthDate]),
        (
            Some("a\u{7}b"),
            Some("N"),
            Some("2999-01-01"),
            vec![
                AccountField::Name,
                AccountField::Gender,
                AccountField::BirthDate,
            ],
        ),
    ];
    for (name, gender, birthdate, fields) in cases {
        let parsed = AccountPatch::parse(name, gender, birthdate, today());
        assert!(
            matches!(&parsed, Err(AdministrationError::InvalidFields(f)) if *f == fields),
            "{name:?} {gender:?} {birthdate:?}: {parsed:?}"
        );
    }
}

#[tokio::test]
async fn staff_change_anothers_gender_and_birthdate_with_an_audit_entry_in_one_transaction() {
    let patch = AccountPatch::parse(None, Some("MALE"), Some("2000-02-29"), today())
        .ok()
        .unwrap_or_default();
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account()
        .with(eq(AccountId(2)))
        .returning(|id| Ok(Some(account(id.0, "two@example.com"))));
    tx.expect_update_profile()
        .withf(|id, patch, now| {
            *id == AccountId(2)
                && patch.gender == Some(Gender::Male)
                && patch.birthdate.map(|b| b.iso()) == Some("2000-02-29".into())
                && patch.first_name.is_none()
                && patch.last_name.is_none()
                && *now == t0()
        })
        .times(1)
        .returning(|id, _, _| Ok(Some(account(id.0, "two@example.com"))));
    tx.expect_append_audit()
        .withf(|entry| {
            entry.actor == Some(AccountId(1))
                && entry.action == AuditAction::AccountUpdated
                && entry.target == AccountId(2)
                && entry.detail.as_deref() == Some("gender,birthDate")
                && entry.ip.as_deref() == Some("198.51.100.4")
                && entry.user_agent.as_deref() == Some("admin-console")
                && entry.at == t0()
        })
        .times(1)
        .returning(|_| Ok(()));
    let service = service(
        MockAccountRepository::new(),
        MockAccountProfileRepository::new(),
        tx,
    );

    let updated = service
        .update_account(
            &principal(1, &[Role::Staff]),
            &client(),
            AccountId(2),
            patch,
        )
        .await;

    assert_eq!(updated.map(|a| a.id).ok(), Some(AccountId(2)));
}

#[tokio::test]
async fn a_change_by_another_user_is_refused_and_writes_nothing() {
    let patch = AccountPatch::parse(None, Some("MALE"), None, today())
        .ok()
        .unwrap_or_default();
    let service = service(
        MockAccountRepository::new(),
        MockAccountProfileRepository::new(),
        MockStoreTransaction::new(),
    );

    let (updated, log) =
        capture(service.update_account(&principal(1, &[]), &client(), AccountId(2), patch)).await;

    assert!(matches!(updated, Err(AdministrationError::Forbidden)));
    assert_eq!(log.names(), ["ownership_denied"]);
}

#[tokio::test]
async fn a_change_of_a_deleted_account_is_deleted() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account().returning(|id| {
        let mut deleted = account(id.0, "two@example.com");
        deleted.deleted_at = Some(t0());
        Ok(Some(deleted))
    });
    let patch = AccountPatch::parse(None, Some("MALE"), None, today())
        .ok()
        .unwrap_or_default();
    let service = service(
        MockAccountRepository::new(),
        MockAccountProfileRepository::new(),
        tx,
    );

    let updated = service
        .update_account(
            &principal(1, &[Role::Admin]),
            &client(),
            AccountId(2),
            patch,
        )
        .await;

    assert!(matches!(updated, Err(AdministrationError::Deleted)));
}

#[tokio::test]
async fn a_change_of_the_name_sets_the_display_name_only() {
    let patch = AccountPatch::parse(Some(" Kim "), None, None, today())
        .ok()
        .unwrap_or_default();
    let mut profiles = MockAccountProfileRepository::new();
    profiles
        .expect_update_profile()
        .withf(|id, patch, _| {
            *id == AccountId(1)
                && patch.name.as_deref() == Some("Kim")
                && patch.first_name.is_none()
                && patch.last_name.is_none()
        })
        .times(1)
        .returning(|id, _, _| Ok(Some(account(id.0, "caller@example.com"))));
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "caller@example.com"))));
    let service = service(accounts, profiles, MockStoreTransaction::new());

    let updated = service
        .update_account(&principal(1, &[]), &client(), AccountId(1), patch)
        .await;

    assert_eq!(updated.map(|a| a.id).ok(), Some(AccountId(1)));
}

/// A transaction in which account 2 is withdrawn.
fn withdrawing_two() -> MockStoreTransaction {
    let mut tx = MockStoreTransaction::new();
    tx.expect_mark_account_deleted()
        .with(eq(AccountId(2)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(true));
    tx.expect_revoke_sessions().returning(|_, _, _| Ok(1));
    tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    tx.expect_release_devices_of_children()
        .returning(|_, _| Ok(0));
    tx.expect_delete_children().returning(|_, _| Ok(0));
    tx.expect_lock_account().returning(|id| {
        let mut gone = account(id.0, "two@example.com");
        gone.deleted_at = Some(t0());
        Ok(Some(gone))
    });
    tx.expect_enqueue_message().returning(|_, _| Ok(()));
    tx.expect_append_audit()
        .withf(|entry| {
            entry.actor == Some(AccountId(1))
                && entry.action == AuditAction::AccountDeleted
                && entry.target == AccountId(2)
        })
        .times(1)
        .returning(|_| Ok(()));
    tx
}

#[tokio::test]
async fn admin_deletes_anothers_account_as_its_withdrawal_does() {
    let service = service(
        live_two(),
        MockAccountProfileRepository::new(),
        withdrawing_two(),
    );

    let (deleted, log) =
        capture(service.delete_account(&principal(1, &[Role::Admin]), &client(), AccountId(2)))
            .await;

    assert!(deleted.is_ok(), "{deleted:?}");
    log.only("account_withdrawn")
        .assert_has(Level::INFO, &[("account_id", "2")]);
}

#[tokio::test]
async fn another_user_may_not_delete_and_a_deleted_account_is_deleted() {
    let refused = service(
        MockAccountRepository::new(),
        MockAccountProfileRepository::new(),
        MockStoreTransaction::new(),
    );
    let (outcome, log) =
        capture(refused.delete_account(&principal(1, &[]), &client(), AccountId(2))).await;
    assert!(matches!(outcome, Err(AdministrationError::Forbidden)));
    assert_eq!(log.names(), ["ownership_denied"]);

    let mut gone = MockAccountRepository::new();
    gone.expect_find_by_id().returning(|id| {
        let mut deleted = account(id.0, "two@example.com");
        deleted.deleted_at = Some(t0());
        Ok(Some(deleted))
    });
    let again = service(
        gone,
        MockAccountProfileRepository::new(),
        MockStoreTransaction::new(),
    );
    let outcome = again
        .delete_account(&principal(1, &[Role::Staff]), &client(), AccountId(2))
        .await;
    assert!(matches!(outcome, Err(AdministrationError::Deleted)));
}
