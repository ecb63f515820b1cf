//! `AccountDirectory` and the administration's unit-of-work operations (roles, bans, restore,
//! anonymisation), and the retention lifecycle run by the domain's own use cases on a
//! controlled clock.

use std::sync::{Arc, Mutex, PoisonError};

use account_domain::UnexpectedError;
use account_domain::accounts::{Account, AccountId, ProfilePatch};
use account_domain::admin::{
    ANONYMOUS_BIRTHDATE, AccountQuery, AccountState, AdminService, AnonymizationJob, RestoreError,
    RetentionPolicy, SearchText, Undelete, anonymized_email,
};
use account_domain::audit::{AuditAction, AuditQuery, PageRequest};
use account_domain::auth::{ClientInfo, Principal, SessionId};
use account_domain::clock::Clock;
use account_domain::store::{Repositories, StoreTransaction, TransactionFuture, transact};
use account_domain::values::{Role, Roles};
use chrono::{DateTime, Duration, Utc};

use super::fixtures::{
    email, logged_in, login_id, new_account, phone, registered, secs, t0, withdrawn,
};
use super::lux_fixtures::{new_child, provisioned};

/// A clock the test moves.
struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    fn at(now: DateTime<Utc>) -> Arc<Self> {
        Arc::new(Self(Mutex::new(now)))
    }

    fn set(&self, now: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = now;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Runs one store operation in its own unit of work, committed.
async fn in_tx<T, F>(repos: &Repositories, work: F) -> T
where
    T: Send + 'static,
    F: for<'t> FnOnce(
            &'t mut dyn StoreTransaction,
        ) -> TransactionFuture<'t, Result<T, UnexpectedError>>
        + Send
        + 'static,
{
    transact(&*repos.unit_of_work, work)
        .await
        .expect("unit of work")
}

async fn ban(repos: &Repositories, id: AccountId, banned: bool, at: DateTime<Utc>) -> bool {
    in_tx(repos, move |tx| {
        Box::pin(tx.set_account_ban(id, banned, at))
    })
    .await
}

async fn account(repos: &Repositories, id: AccountId) -> Account {
    repos
        .accounts
        .find_by_id(id)
        .await
        .expect("find")
        .expect("the row stays")
}

fn query(email_part: Option<&str>, name: Option<&str>) -> AccountQuery {
    AccountQuery {
        email: email_part.and_then(SearchText::parse),
        name: name.and_then(SearchText::parse),
        ..AccountQuery::default()
    }
}

async fn found(repos: &Repositories, query: AccountQuery) -> (Vec<AccountId>, u64) {
    let page = repos.directory.search(&query).await.expect("search");
    (page.accounts.iter().map(|a| a.id).collect(), page.total)
}

pub async fn search_filters_by_email_name_role_and_state(repos: &Repositories) {
    let kim = registered(repos, "Kim.Minsu@Example.com").await.id;
    let lee = registered(repos, "lee@example.com").await.id;
    let park = registered(repos, "park_100%@example.org").await.id;
    let gone = registered(repos, "gone@example.com").await.id;
    let named = ProfilePatch {
        name: Some("Minsu KIM".into()),
        ..ProfilePatch::default()
    };
    repos
        .profiles
        .update_profile(kim, &named, t0())
        .await
        .expect("name");
    let lux = ProfilePatch {
        first_name: Some(super::lux_fixtures::name("Jiwoo")),
        last_name: Some(Some(super::lux_fixtures::name("Lee"))),
        ..ProfilePatch::default()
    };
    repos
        .profiles
        .update_profile(lee, &lux, t0())
        .await
        .expect("names");
    let staff = Roles::new([Role::Staff, Role::User]);
    repos
        .roles
        .set_roles(park, &staff, t0())
        .await
        .expect("roles");
    assert!(ban(repos, lee, true, t0() + secs(1)).await);
    assert!(withdrawn(repos, gone, t0() + secs(2)).await);

    assert_eq!(
        found(repos, AccountQuery::default()).await,
        (vec![kim, lee, park, gone], 4)
    );
    assert_eq!(
        found(repos, query(Some("kim.MIN"), None)).await,
        (vec![kim], 1)
    );
    assert_eq!(
        found(repos, query(Some("example.com"), None)).await,
        (vec![kim, lee, gone], 3)
    );
    assert_eq!(
        found(repos, query(Some("_100%"), None)).await,
        (vec![park], 1)
    );
    assert_eq!(
        found(repos, query(Some("kim_minsu"), None)).await,
        (vec![], 0),
        "_ is literal"
    );
    assert_eq!(
        found(repos, query(None, Some("minsu kim"))).await,
        (vec![kim], 1)
    );
    assert_eq!(
        found(repos, query(None, Some("lee"))).await,
        (vec![lee], 1),
        "last name"
    );
    assert_eq!(
        found(repos, query(None, Some("JIWOO"))).await,
        (vec![lee], 1),
        "first name"
    );

    let by_role = AccountQuery {
        role: Some(Role::Staff),
        ..AccountQuery::default()
    };
    assert_eq!(found(repos, by_role).await, (vec![park], 1));
    for (state, expected) in [
        (AccountState::Active, vec![kim, park]),
        (AccountState::Banned, vec![lee]),
        (AccountState::Deleted, vec![gone]),
    ] {
        let by_state = AccountQuery {
            state: Some(state),
            ..AccountQuery::default()
        };
        let total = expected.len() as u64;
        assert_eq!(found(repos, by_state).await, (expected, total), "{state:?}");
    }
    let second_page = AccountQuery {
        page: PageRequest { page: 2, size: 3 },
        ..AccountQuery::default()
    };
    assert_eq!(found(repos, second_page).await, (vec![gone], 4));
}

pub async fn a_ban_sets_the_not_before_instant_and_lifting_it_keeps_it(repos: &Repositories) {
    let target = registered(repos, "banned@example.com").await;
    let at = t0() + secs(60);
    assert!(ban(repos, target.id, true, at).await);
    let banned = account(repos, target.id).await;
    assert_eq!(
        banned,
        Account {
            banned_at: Some(at),
            tokens_valid_after: at,
            updated_at: at,
            ..target.clone()
        }
    );
    let later = at + secs(60);
    assert!(ban(repos, target.id, false, later).await);
    assert_eq!(
        account(repos, target.id).await,
        Account {
            banned_at: None,
            tokens_valid_after: at,
            updated_at: later,
            ..target.clone()
        }
    );
    assert!(withdrawn(repos, target.id, later + secs(1)).await);
    assert!(
        !ban(repos, target.id, true, later + secs(2)).await,
        "deleted: nothing"
    );
    assert!(
        !ban(repos, AccountId(987_654), true, later).await,
        "unknown: nothing"
    );
}

pub async fn lock_admins_lists_live_unbanned_admins_and_roles_change_on_live_accounts(
    repos: &Repositories,
) {
    let admin = Roles::new([Role::Admin, Role::User]);
    let mut ids = Vec::new();
    for address in [
        "a@example.com",
        "b@example.com",
        "c@example.com",
        "d@example.com",
    ] {
        let id = registered(repos, address).await.id;
        let roles = admin.clone();
        assert!(
            in_tx(repos, move |tx| Box::pin(async move {
                tx.set_account_roles(id, &roles, t0()).await
            }))
            .await
        );
        ids.push(id);
    }
    let _user = registered(repos, "user@example.com").await;
    assert!(ban(repos, ids[1], true, t0()).await);
    assert!(withdrawn(repos, ids[2], t0()).await);
    let admins = in_tx(repos, |tx| Box::pin(tx.lock_admins())).await;
    assert_eq!(admins, [ids[0], ids[3]]);

    let gone = ids[2];
    let roles = admin.clone();
    let changed = in_tx(repos, move |tx| {
        Box::pin(async move { tx.set_account_roles(gone, &roles, t0()).await })
    })
    .await;
    assert!(!changed, "a deleted account keeps its roles");
    assert_eq!(account(repos, ids[0]).await.roles, admin);
}

pub async fn a_restore_brings_the_account_and_its_identifiers_back(repos: &Repositories) {
    let mut new = new_account("back@example.com", Some("backagain"));
    new.phone = Some(phone("+821012345678"));
    let created = repos.accounts.create(&new).await.expect("create");
    let deleted_at = t0() + secs(10);
    assert!(withdrawn(repos, created.id, deleted_at).await);
    assert_eq!(
        repos
            .accounts
            .find_by_email(&email("back@example.com"))
            .await
            .expect("find"),
        None
    );

    let id = created.id;
    let at = t0() + secs(20);
    let outcome = in_tx(repos, move |tx| Box::pin(tx.undelete_account(id, at))).await;
    assert_eq!(outcome, Undelete::Restored);
    let restored = account(repos, id).await;
    assert_eq!(
        restored,
        Account {
            deleted_at: None,
            updated_at: at,
            tokens_valid_after: deleted_at,
            ..created
        }
    );
    let by_email = repos
        .accounts
        .find_by_email(&email("BACK@example.com"))
        .await
        .expect("find");
    assert_eq!(by_email.map(|a| a.id), Some(id));
    let by_login = repos
        .accounts
        .find_by_login_id(&login_id("backagain"))
        .await
        .expect("find");
    assert_eq!(by_login.map(|a| a.id), Some(id));

    let again = in_tx(repos, move |tx| Box::pin(tx.undelete_account(id, at))).await;
    assert_eq!(
        again,
        Undelete::NotDeleted,
        "a live account is not restored"
    );
}

pub async fn a_restore_is_refused_when_a_live_account_took_an_identifier(repos: &Repositories) {
    let first = registered(repos, "taken@example.com").await;
    assert!(withdrawn(repos, first.id, t0() + secs(10)).await);
    let squatter = registered(repos, "TAKEN@example.com").await;

    let id = first.id;
    let outcome = transact::<Undelete, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            match tx.undelete_account(id, t0() + secs(20)).await? {
                Undelete::IdentifierTaken => Err(UnexpectedError::new("taken: roll back")),
                other => Ok(other),
            }
        })
    })
    .await;
    assert!(outcome.is_err(), "the identifier is taken: {outcome:?}");
    assert!(account(repos, first.id).await.is_deleted(), "still deleted");
    let holder = repos
        .accounts
        .find_by_email(&email("taken@example.com"))
        .await
        .expect("find");
    assert_eq!(holder.map(|a| a.id), Some(squatter.id));
}

pub async fn anonymising_erases_the_personal_fields_and_ends_restoring(repos: &Repositories) {
    let mut new = new_account("erase@example.com", Some("eraseme"));
    new.name = Some("Erase Me".into());
    new.phone = Some(phone("+821012345678"));
    let created = repos.accounts.create(&new).await.expect("create");
    let live = registered(repos, "live@example.com").await;
    let id = created.id;
    let at = t0() + secs(100);
    let placeholder = anonymized_email(id);
    let refused_live = {
        let live_id = live.id;
        let placeholder = placeholder.clone();
        in_tx(repos, move |tx| {
            Box::pin(async move { tx.anonymize_account(live_id, &placeholder, at).await })
        })
        .await
    };
    assert!(!refused_live, "a live account is never anonymised");

    let deleted_at = t0() + secs(10);
    assert!(withdrawn(repos, id, deleted_at).await);
    let erased = {
        let placeholder = placeholder.clone();
        in_tx(repos, move |tx| {
            Box::pin(async move { tx.anonymize_account(id, &placeholder, at).await })
        })
        .await
    };
    assert!(erased);
    let stored = account(repos, id).await;
    assert_eq!(
        stored,
        Account {
            email: placeholder.clone(),
            login_id: None,
            password_hash: None,
            name: None,
            phone: None,
            anonymized_at: Some(at),
            updated_at: at,
            deleted_at: Some(deleted_at),
            tokens_valid_after: deleted_at,
            ..created.clone()
        }
    );
    assert_eq!(stored.roles, created.roles, "kept for the audit log");
    assert_eq!(stored.deleted_at, Some(deleted_at));

    let again = {
        let placeholder = placeholder.clone();
        in_tx(repos, move |tx| {
            Box::pin(async move { tx.anonymize_account(id, &placeholder, at).await })
        })
        .await
    };
    assert!(!again, "once");
    let undeleted = in_tx(repos, move |tx| Box::pin(tx.undelete_account(id, at))).await;
    assert_eq!(
        undeleted,
        Undelete::NotDeleted,
        "an anonymised account stays deleted"
    );
    let waiting = repos
        .directory
        .awaiting_anonymisation(at + Duration::days(365), 10)
        .await
        .expect("awaiting");
    assert!(!waiting.contains(&id));

    let mut again = new_account("erase@example.com", Some("eraseme"));
    again.phone = Some(phone("+821012345678"));
    repos
        .accounts
        .create(&again)
        .await
        .expect("the identifiers can be registered again");
}

pub async fn anonymising_child_users_erases_their_names_and_birth_dates(repos: &Repositories) {
    let parent = registered(repos, "parent@example.com").await;
    provisioned(repos, "SL20401000", "unique-1").await;
    let created = super::lux_fixtures::claimed(
        repos,
        &new_child(parent.id, "Min", t0()),
        &super::lux_fixtures::claim("SL20401000", "unique-1"),
    )
    .await
    .expect("claim");
    let other = registered(repos, "other@example.com").await;
    let at = t0() + secs(30);
    let id = parent.id;
    let erased = in_tx(repos, move |tx| Box::pin(tx.anonymize_children(id, at))).await;
    assert_eq!(erased, 1);
    let child = repos
        .children
        .find(created.child.id)
        .await
        .expect("find")
        .expect("the child");
    assert_eq!(
        (
            child.first_name.as_str(),
            child.last_name,
            child.birthdate.date(),
            child.updated_at
        ),
        ("", None, ANONYMOUS_BIRTHDATE, at)
    );
    let untouched = in_tx(repos, move |tx| {
        Box::pin(tx.anonymize_children(other.id, at))
    })
    .await;
    assert_eq!(untouched, 0);
}

pub async fn accounts_awaiting_anonymisation_are_listed_by_deletion_before_the_cutoff(
    repos: &Repositories,
) {
    let early = registered(repos, "early@example.com").await.id;
    let late = registered(repos, "late@example.com").await.id;
    let recent = registered(repos, "recent@example.com").await.id;
    let _live = registered(repos, "live@example.com").await;
    assert!(withdrawn(repos, late, t0() + secs(20)).await);
    assert!(withdrawn(repos, early, t0() + secs(10)).await);
    assert!(withdrawn(repos, recent, t0() + secs(40)).await);
    let waiting = |limit| {
        repos
            .directory
            .awaiting_anonymisation(t0() + secs(30), limit)
    };
    assert_eq!(waiting(10).await.expect("awaiting"), [early, late]);
    let at_the_cutoff = repos
        .directory
        .awaiting_anonymisation(t0() + secs(40), 10)
        .await
        .expect("awaiting");
    assert_eq!(
        at_the_cutoff,
        [early, late, recent],
        "the cutoff is inclusive"
    );
    assert_eq!(waiting(1).await.expect("awaiting"), [early]);
}

fn caller(account: &Account, session: SessionId) -> Principal {
    Principal {
        account_id: account.id,
        session_id: session,
        roles: account.roles.clone(),
        account: account.clone(),
    }
}

/// The lifecycle as the service runs it: restorable by ADMIN within the retention period,
/// anonymised by the job after it (and not before), each step audited.
pub async fn the_retention_lifecycle_runs_on_the_clock(repos: &Repositories) {
    let admin_session = logged_in(repos, "admin@example.com", "admin-digest").await;
    let admin_roles = Roles::new([Role::Admin, Role::User]);
    let admin = repos
        .roles
        .set_roles(admin_session.account_id, &admin_roles, t0())
        .await
        .expect("roles")
        .expect("live");
    let admin = caller(&admin, admin_session.id);
    let client = ClientInfo {
        ip: Some("198.51.100.4".into()),
        user_agent: Some("admin-console/1".into()),
    };
    let restored = registered(repos, "restored@example.com").await.id;
    let expired = registered(repos, "expired@example.com").await.id;
    assert!(withdrawn(repos, restored, t0()).await);
    assert!(withdrawn(repos, expired, t0()).await);

    let clock = TestClock::at(t0() + Duration::days(29));
    let retention = RetentionPolicy {
        period: Duration::days(30),
    };
    let service = AdminService::new(
        repos.directory.clone(),
        repos.accounts.clone(),
        repos.unit_of_work.clone(),
        clock.clone(),
        retention,
    );
    let job = AnonymizationJob::new(
        repos.directory.clone(),
        repos.unit_of_work.clone(),
        clock.clone(),
        retention,
    );
    assert_eq!(job.run_once().await.expect("job"), 0, "within the period");
    let back = service
        .restore(&admin, &client, restored)
        .await
        .expect("restore");
    assert!(!back.is_deleted());

    clock.set(t0() + Duration::days(30));
    assert_eq!(job.run_once().await.expect("job"), 1);
    assert_eq!(job.run_once().await.expect("job"), 0, "once");
    let gone = account(repos, expired).await;
    assert_eq!(gone.email, anonymized_email(expired));
    assert_eq!(gone.anonymized_at, Some(t0() + Duration::days(30)));
    assert!(
        !account(repos, restored).await.is_deleted(),
        "the restored one is kept"
    );
    let late = service.restore(&admin, &client, expired).await;
    assert!(matches!(late, Err(RestoreError::RetentionOver)), "{late:?}");

    let log = repos
        .audit
        .find(&AuditQuery::default())
        .await
        .expect("audit");
    let summary: Vec<_> = log
        .entries
        .iter()
        .map(|e| {
            (
                e.entry.action,
                e.entry.target,
                e.entry.actor,
                e.entry.ip.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (AuditAction::Anonymized, expired, None, None),
            (
                AuditAction::Restored,
                restored,
                Some(admin.account_id),
                Some("198.51.100.4".into())
            ),
        ]
    );
}
