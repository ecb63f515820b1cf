use std::sync::Arc;

use chrono::Duration;
use mockall::predicate::eq;

use super::*;
use crate::UnexpectedError;
use crate::accounts::{
    Account, AccountId, MeError, MockAccountProfileRepository, MockAccountRepository, ProfilePatch,
    UpdateProfileError, WithdrawError,
};
use crate::auth::SessionEnding;
use crate::notifications::{MockNotificationSettingsRepository, NotificationSettings};
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, t0};
use crate::values::{Gender, PersonName};

struct Fixture {
    accounts: MockAccountRepository,
    profiles: MockAccountProfileRepository,
    notifications: MockNotificationSettingsRepository,
    tx: MockStoreTransaction,
    now: chrono::DateTime<chrono::Utc>,
}

impl Fixture {
    fn new() -> Self {
        Self {
            accounts: MockAccountRepository::new(),
            profiles: MockAccountProfileRepository::new(),
            notifications: MockNotificationSettingsRepository::new(),
            tx: MockStoreTransaction::new(),
            now: t0(),
        }
    }

    /// Account 1 exists and is live.
    fn live() -> Self {
        let mut f = Self::new();
        f.accounts
            .expect_find_by_id()
            .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
        f
    }

    fn missing() -> Self {
        let mut f = Self::new();
        f.accounts.expect_find_by_id().returning(|_| Ok(None));
        f
    }

    fn deleted() -> Self {
        let mut f = Self::new();
        f.accounts.expect_find_by_id().returning(|id| {
            let mut gone = account(id.0, "a@example.com");
            gone.deleted_at = Some(t0());
            Ok(Some(gone))
        });
        f
    }

    fn failing() -> Self {
        let mut f = Self::new();
        f.accounts
            .expect_find_by_id()
            .returning(|_| Err(UnexpectedError::new("db down")));
        f
    }

    fn service(self) -> RootUserService {
        RootUserService::new(
            Arc::new(self.accounts),
            Arc::new(self.profiles),
            Arc::new(self.notifications),
            Arc::new(clock_at(self.now)),
            Arc::new(MockedUnitOfWork::new(self.tx)),
        )
    }
}

// ---- me ----

#[tokio::test]
async fn me_shows_the_account_its_settings_and_hints() {
    let mut f = Fixture::live();
    f.now = t0() + Duration::days(91);
    let muted = NotificationSettings {
        is_device_muted: true,
        ..NotificationSettings::default()
    };
    f.notifications
        .expect_find()
        .withf(|a| *a == AccountId(1))
        .returning(move |_| Ok(Some(muted)));
    let view = f.service().me(AccountId(1)).await.unwrap();
    assert_eq!(view.account.id, AccountId(1));
    assert_eq!(view.notifications, muted);
    assert!(view.need_to_pwd_change, "password set 91 days ago");
    assert!(
        view.need_personal_info_update,
        "the fixture has no names, birthdate, gender or phone"
    );
}

#[tokio::test]
async fn me_uses_default_settings_when_none_were_saved() {
    let mut f = Fixture::live();
    f.notifications.expect_find().returning(|_| Ok(None));
    let view = f.service().me(AccountId(1)).await.unwrap();
    assert_eq!(view.notifications, NotificationSettings::default());
    assert!(!view.need_to_pwd_change);
}

#[tokio::test]
async fn me_of_a_missing_or_deleted_account_fails() {
    let err = Fixture::missing()
        .service()
        .me(AccountId(1))
        .await
        .unwrap_err();
    assert!(matches!(err, MeError::AccountNotFound), "{err:?}");
    let err = Fixture::deleted()
        .service()
        .me(AccountId(1))
        .await
        .unwrap_err();
    assert!(matches!(err, MeError::AccountDeleted), "{err:?}");
}

#[tokio::test]
async fn me_passes_store_failures_on() {
    let err = Fixture::failing()
        .service()
        .me(AccountId(1))
        .await
        .unwrap_err();
    assert!(matches!(err, MeError::Unexpected(_)), "{err:?}");

    let mut f = Fixture::live();
    f.notifications
        .expect_find()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = f.service().me(AccountId(1)).await.unwrap_err();
    assert!(matches!(err, MeError::Unexpected(_)), "{err:?}");
}

// ---- update profile ----

fn patch() -> ProfilePatch {
    ProfilePatch {
        first_name: Some(PersonName::parse("james").unwrap()),
        gender: Some(Gender::Male),
        ..ProfilePatch::default()
    }
}

fn updated(id: AccountId) -> Account {
    let mut a = account(id.0, "a@example.com");
    a.first_name = Some("james".into());
    a.gender = Some(Gender::Male);
    a
}

#[tokio::test]
async fn update_profile_sets_the_given_fields() {
    let mut f = Fixture::live();
    f.profiles
        .expect_update_profile()
        .withf(|id, p, now| *id == AccountId(1) && *p == patch() && *now == t0())
        .times(1)
        .returning(|id, _, _| Ok(Some(updated(id))));
    let account = f
        .service()
        .update_profile(AccountId(1), patch())
        .await
        .unwrap();
    assert_eq!(account.first_name.as_deref(), Some("james"));
}

#[tokio::test]
async fn an_empty_profile_patch_writes_nothing() {
    let mut f = Fixture::live();
    f.profiles.expect_update_profile().never();
    let account = f
        .service()
        .update_profile(AccountId(1), ProfilePatch::default())
        .await
        .unwrap();
    assert_eq!(account, crate::testing::account(1, "a@example.com"));
}

#[tokio::test]
async fn update_profile_of_a_missing_or_deleted_account_fails() {
    let err = Fixture::missing()
        .service()
        .update_profile(AccountId(1), patch())
        .await
        .unwrap_err();
    assert!(
        matches!(err, UpdateProfileError::AccountNotFound),
        "{err:?}"
    );
    let err = Fixture::deleted()
        .service()
        .update_profile(AccountId(1), patch())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdateProfileError::AccountDeleted), "{err:?}");
}

#[tokio::test]
async fn update_profile_of_an_account_deleted_meanwhile_fails() {
    let mut f = Fixture::live();
    f.profiles
        .expect_update_profile()
        .returning(|_, _, _| Ok(None));
    let err = f
        .service()
        .update_profile(AccountId(1), patch())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdateProfileError::AccountDeleted), "{err:?}");
}

#[tokio::test]
async fn update_profile_passes_store_failures_on() {
    let err = Fixture::failing()
        .service()
        .update_profile(AccountId(1), patch())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdateProfileError::Unexpected(_)), "{err:?}");

    let mut f = Fixture::live();
    f.profiles
        .expect_update_profile()
        .returning(|_, _, _| Err(UnexpectedError::new("db down")));
    let err = f
        .service()
        .update_profile(AccountId(1), patch())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdateProfileError::Unexpected(_)), "{err:?}");
}

// ---- withdraw ----

/// The transaction of a withdrawal that finds account 1 live: every step of the cascade.
fn cascades(tx: &mut MockStoreTransaction) {
    let all = SessionEnding::AllBut(None);
    tx.expect_mark_account_deleted()
        .with(eq(AccountId(1)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(true));
    tx.expect_revoke_sessions()
        .with(eq(AccountId(1)), eq(all), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(2));
    tx.expect_delete_push_tokens()
        .with(eq(AccountId(1)), eq(all))
        .times(1)
        .returning(|_, _| Ok(1));
    tx.expect_release_devices_of_children()
        .with(eq(AccountId(1)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(1));
    tx.expect_delete_children()
        .with(eq(AccountId(1)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(1));
    tx.expect_lock_account()
        .with(eq(AccountId(1)))
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    tx.expect_enqueue_message()
        .times(1)
        .returning(|_, _| Ok(()));
}

#[tokio::test]
async fn withdraw_soft_deletes_the_account() {
    let mut f = Fixture::live();
    cascades(&mut f.tx);
    f.service().withdraw(AccountId(1)).await.unwrap();
}

#[tokio::test]
async fn withdraw_of_a_missing_or_deleted_account_fails() {
    let mut f = Fixture::missing();
    f.tx.expect_mark_account_deleted().never();
    let err = f.service().withdraw(AccountId(1)).await.unwrap_err();
    assert!(matches!(err, WithdrawError::AccountNotFound), "{err:?}");

    let mut f = Fixture::deleted();
    f.tx.expect_mark_account_deleted().never();
    let err = f.service().withdraw(AccountId(1)).await.unwrap_err();
    assert!(matches!(err, WithdrawError::AccountDeleted), "{err:?}");
}

#[tokio::test]
async fn withdraw_that_loses_a_race_reports_the_account_deleted() {
    let mut f = Fixture::live();
    f.tx.expect_mark_account_deleted()
        .returning(|_, _| Ok(false));
    f.tx.expect_revoke_sessions().never();
    f.tx.expect_delete_children().never();
    let err = f.service().withdraw(AccountId(1)).await.unwrap_err();
    assert!(matches!(err, WithdrawError::AccountDeleted), "{err:?}");
}

#[tokio::test]
async fn withdraw_passes_store_failures_on() {
    let err = Fixture::failing()
        .service()
        .withdraw(AccountId(1))
        .await
        .unwrap_err();
    assert!(matches!(err, WithdrawError::Unexpected(_)), "{err:?}");

    let mut f = Fixture::live();
    f.tx.expect_mark_account_deleted()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    let err = f.service().withdraw(AccountId(1)).await.unwrap_err();
    assert!(matches!(err, WithdrawError::Unexpected(_)), "{err:?}");
}
