//! The administration use cases over mocked ports: who may, what cascades, what is audited.

use std::sync::Arc;

use chrono::Duration;
use mockall::predicate::eq;

use super::*;
use crate::accounts::{Account, AccountId, MockAccountRepository};
use crate::audit::{AuditAction, PageRequest};
use crate::auth::{ClientInfo, SessionEnding};
use crate::security_events::capture::capture;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, principal, t0};
use crate::values::{Role, Roles};

fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("198.51.100.4".into()),
        user_agent: Some("admin-console".into()),
    }
}

fn admin() -> crate::auth::Principal {
    principal(1, &[Role::Admin, Role::User])
}

fn service_with(
    directory: MockAccountDirectory,
    accounts: MockAccountRepository,
    tx: MockStoreTransaction,
) -> AdminService {
    AdminService::new(
        Arc::new(directory),
        Arc::new(accounts),
        Arc::new(MockedUnitOfWork::new(tx)),
        Arc::new(clock_at(t0())),
        RetentionPolicy::default(),
    )
}

fn service(tx: MockStoreTransaction) -> AdminService {
    service_with(
        MockAccountDirectory::new(),
        MockAccountRepository::new(),
        tx,
    )
}

fn holding(target: Account, admins: Vec<AccountId>) -> MockStoreTransaction {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_admins().return_once(move || Ok(admins));
    tx.expect_lock_account()
        .with(eq(target.id))
        .return_once(move |_| Ok(Some(target)));
    tx
}

fn audited(action: AuditAction, target: i64) -> impl Fn(&crate::audit::NewAuditEntry) -> bool {
    move |entry| {
        entry.action == action
            && entry.target == AccountId(target)
            && entry.actor == Some(AccountId(1))
            && entry.ip.as_deref() == Some("198.51.100.4")
            && entry.user_agent.as_deref() == Some("admin-console")
            && entry.at == t0()
    }
}

#[test]
fn queries_name_every_parameter_at_fault() {
    let parsed = AccountQuery::parse(
        Some(" Kim@Example "),
        None,
        Some("ROLE_STAFF"),
        Some("banned"),
        Some(2),
        Some(50),
    )
    .unwrap();
    assert_eq!(
        parsed.email.map(|e| e.as_str().to_owned()),
        Some("kim@example".into())
    );
    assert_eq!(parsed.role, Some(Role::Staff));
    assert_eq!(parsed.state, Some(AccountState::Banned));
    assert_eq!(parsed.page, PageRequest { page: 2, size: 50 });

    let refused = AccountQuery::parse(
        Some(" "),
        Some(&"x".repeat(101)),
        Some("KING"),
        Some("gone"),
        Some(0),
        Some(1000),
    );
    assert_eq!(
        refused,
        Err(vec![
            QueryField::Email,
            QueryField::Name,
            QueryField::Role,
            QueryField::State,
            QueryField::Page,
            QueryField::Size
        ])
    );
}

#[test]
fn the_state_of_an_account_is_deleted_before_banned() {
    let mut subject = account(2, "two@example.com");
    assert_eq!(AccountState::of(&subject), AccountState::Active);
    subject.banned_at = Some(t0());
    assert_eq!(AccountState::of(&subject), AccountState::Banned);
    subject.deleted_at = Some(t0());
    assert_eq!(AccountState::of(&subject), AccountState::Deleted);
}

#[tokio::test]
async fn admin_and_staff_search_and_users_are_refused() {
    let mut directory = MockAccountDirectory::new();
    directory.expect_search().times(2).returning(|_| {
        Ok(AccountPage {
            accounts: vec![],
            total: 0,
        })
    });
    let service = service_with(
        directory,
        MockAccountRepository::new(),
        MockStoreTransaction::new(),
    );
    let query = AccountQuery::default();
    assert!(service.search(&admin(), &query).await.is_ok());
    assert!(
        service
            .search(&principal(3, &[Role::Staff]), &query)
            .await
            .is_ok()
    );
    for roles in [&[Role::User][..], &[Role::Server]] {
        let (refused, log) = capture(service.search(&principal(3, roles), &query)).await;
        assert!(matches!(refused, Err(AccountAdminError::Forbidden)));
        assert_eq!(log.names(), ["role_denied"]);
    }
}

#[tokio::test]
async fn staff_may_not_change_roles_ban_or_restore() {
    let staff = principal(3, &[Role::Staff, Role::User]);
    let service = service(MockStoreTransaction::new());
    let roles = service
        .set_roles(&staff, &client(), AccountId(2), Roles::user())
        .await;
    assert!(matches!(roles, Err(SetAccountRolesError::Forbidden)));
    let ban = service.ban(&staff, &client(), AccountId(2)).await;
    assert!(matches!(ban, Err(BanError::Forbidden)));
    let unban = service.unban(&staff, &client(), AccountId(2)).await;
    assert!(matches!(unban, Err(BanError::Forbidden)));
    let restore = service.restore(&staff, &client(), AccountId(2)).await;
    assert!(matches!(restore, Err(RestoreError::Forbidden)));
}

#[tokio::test]
async fn a_role_change_is_written_with_its_audit_entry() {
    let mut tx = holding(account(2, "two@example.com"), vec![AccountId(1)]);
    let staff = Roles::new([Role::Staff, Role::User]);
    tx.expect_set_account_roles()
        .with(eq(AccountId(2)), eq(staff.clone()), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(true));
    tx.expect_append_audit()
        .withf(move |entry| {
            audited(AuditAction::RolesChanged, 2)(entry)
                && entry.detail.as_deref() == Some("STAFF,USER")
        })
        .times(1)
        .returning(|_| Ok(()));
    let updated = service(tx)
        .set_roles(&admin(), &client(), AccountId(2), staff.clone())
        .await
        .unwrap();
    assert_eq!((updated.roles, updated.updated_at), (staff, t0()));
}

#[tokio::test]
async fn the_last_admin_is_not_demoted_and_nothing_is_written() {
    let mut me = account(1, "admin@example.com");
    me.roles = Roles::new([Role::Admin, Role::User]);
    let tx = holding(me, vec![AccountId(1)]);
    let refused = service(tx)
        .set_roles(&admin(), &client(), AccountId(1), Roles::user())
        .await;
    assert!(
        matches!(refused, Err(SetAccountRolesError::LastAdmin)),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_ban_ends_every_session_and_is_audited() {
    let mut tx = holding(account(2, "two@example.com"), vec![AccountId(1)]);
    tx.expect_set_account_ban()
        .with(eq(AccountId(2)), eq(true), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(true));
    tx.expect_revoke_sessions()
        .with(eq(AccountId(2)), eq(SessionEnding::AllBut(None)), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(2));
    tx.expect_delete_push_tokens()
        .with(eq(AccountId(2)), eq(SessionEnding::AllBut(None)))
        .times(1)
        .returning(|_, _| Ok(1));
    tx.expect_append_audit()
        .withf(audited(AuditAction::Banned, 2))
        .times(1)
        .returning(|_| Ok(()));
    let banned = service(tx)
        .ban(&admin(), &client(), AccountId(2))
        .await
        .unwrap();
    assert_eq!(banned.banned_at, Some(t0()));
    assert_eq!(banned.tokens_valid_after, t0());
}

#[tokio::test]
async fn an_admin_cannot_ban_themself_nor_the_last_admin() {
    let own = service(MockStoreTransaction::new())
        .ban(&admin(), &client(), AccountId(1))
        .await;
    assert!(matches!(own, Err(BanError::OwnAccount)));

    let mut other_admin = account(2, "two@example.com");
    other_admin.roles = Roles::new([Role::Admin, Role::User]);
    // Only account 2 is a usable ADMIN (the caller's ADMIN was taken meanwhile).
    let tx = holding(other_admin, vec![AccountId(2)]);
    let last = service(tx).ban(&admin(), &client(), AccountId(2)).await;
    assert!(matches!(last, Err(BanError::LastAdmin)), "{last:?}");
}

#[tokio::test]
async fn banning_a_banned_account_and_lifting_no_ban_write_nothing() {
    let mut banned = account(2, "two@example.com");
    banned.banned_at = Some(t0() - Duration::days(1));
    let again = service(holding(banned.clone(), vec![AccountId(1)]))
        .ban(&admin(), &client(), AccountId(2))
        .await
        .unwrap();
    assert_eq!(again, banned);

    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account()
        .returning(|id| Ok(Some(account(id.0, "two@example.com"))));
    let unbanned = service(tx)
        .unban(&admin(), &client(), AccountId(2))
        .await
        .unwrap();
    assert_eq!(unbanned.banned_at, None);
}

#[tokio::test]
async fn lifting_a_ban_is_audited() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account().returning(|id| {
        let mut banned = account(id.0, "two@example.com");
        banned.banned_at = Some(t0() - Duration::days(1));
        Ok(Some(banned))
    });
    tx.expect_set_account_ban()
        .with(eq(AccountId(2)), eq(false), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(true));
    tx.expect_append_audit()
        .withf(audited(AuditAction::Unbanned, 2))
        .times(1)
        .returning(|_| Ok(()));
    let unbanned = service(tx)
        .unban(&admin(), &client(), AccountId(2))
        .await
        .unwrap();
    assert_eq!(unbanned.banned_at, None);
}

fn deleted_at(when: chrono::DateTime<chrono::Utc>) -> MockStoreTransaction {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account().returning(move |id| {
        let mut gone = account(id.0, "two@example.com");
        gone.deleted_at = Some(when);
        Ok(Some(gone))
    });
    tx
}

#[tokio::test]
async fn a_deleted_account_is_restored_within_the_retention_period_and_audited() {
    let mut tx = deleted_at(t0() - Duration::days(29));
    tx.expect_undelete_account()
        .with(eq(AccountId(2)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(Undelete::Restored));
    tx.expect_append_audit()
        .withf(audited(AuditAction::Restored, 2))
        .times(1)
        .returning(|_| Ok(()));
    let restored = service(tx)
        .restore(&admin(), &client(), AccountId(2))
        .await
        .unwrap();
    assert_eq!(restored.deleted_at, None);
}

#[tokio::test]
async fn restoring_is_refused_after_the_period_for_live_accounts_and_taken_identifiers() {
    let late = service(deleted_at(t0() - Duration::days(30)))
        .restore(&admin(), &client(), AccountId(2))
        .await;
    assert!(matches!(late, Err(RestoreError::RetentionOver)), "{late:?}");

    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account()
        .returning(|id| Ok(Some(account(id.0, "two@example.com"))));
    let live = service(tx).restore(&admin(), &client(), AccountId(2)).await;
    assert!(matches!(live, Err(RestoreError::NotDeleted)), "{live:?}");

    let mut tx = deleted_at(t0() - Duration::days(1));
    tx.expect_undelete_account()
        .returning(|_, _| Ok(Undelete::IdentifierTaken));
    let taken = service(tx).restore(&admin(), &client(), AccountId(2)).await;
    assert!(
        matches!(taken, Err(RestoreError::IdentifierTaken)),
        "{taken:?}"
    );

    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account().returning(|_| Ok(None));
    let unknown = service(tx).restore(&admin(), &client(), AccountId(2)).await;
    assert!(
        matches!(unknown, Err(RestoreError::NotFound)),
        "{unknown:?}"
    );
}

#[tokio::test]
async fn the_job_anonymises_accounts_whose_retention_is_over_and_skips_the_others() {
    let mut directory = MockAccountDirectory::new();
    directory
        .expect_awaiting_anonymisation()
        .with(eq(t0() - Duration::days(30)), eq(ANONYMIZE_BATCH))
        .returning(|_, _| Ok(vec![AccountId(2)]));
    let mut tx = deleted_at(t0() - Duration::days(31));
    tx.expect_anonymize_account()
        .with(
            eq(AccountId(2)),
            eq(anonymized_email(AccountId(2))),
            eq(t0()),
        )
        .times(1)
        .returning(|_, _, _| Ok(true));
    tx.expect_anonymize_children()
        .with(eq(AccountId(2)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(1));
    tx.expect_append_audit()
        .withf(|entry| {
            entry.action == AuditAction::Anonymized
                && entry.actor.is_none()
                && entry.target == AccountId(2)
                && entry.user_agent.as_deref() == Some("retention")
        })
        .times(1)
        .returning(|_| Ok(()));
    let job = AnonymizationJob::new(
        Arc::new(directory),
        Arc::new(MockedUnitOfWork::new(tx)),
        Arc::new(clock_at(t0())),
        RetentionPolicy::default(),
    );
    assert_eq!(job.run_once().await.unwrap(), 1);

    // Restored meanwhile: listed, but no longer due when locked.
    let mut directory = MockAccountDirectory::new();
    directory
        .expect_awaiting_anonymisation()
        .returning(|_, _| Ok(vec![AccountId(2)]));
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account()
        .returning(|id| Ok(Some(account(id.0, "two@example.com"))));
    let job = AnonymizationJob::new(
        Arc::new(directory),
        Arc::new(MockedUnitOfWork::new(tx)),
        Arc::new(clock_at(t0())),
        RetentionPolicy::default(),
    );
    assert_eq!(job.run_once().await.unwrap(), 0);
}

#[test]
fn anonymised_addresses_are_distinct_and_undeliverable() {
    let one = anonymized_email(AccountId(1));
    assert_eq!(one.as_str(), "deleted-1@anonymized.invalid");
    assert_ne!(one, anonymized_email(AccountId(2)));
}
