use std::sync::Arc;

use super::*;
use crate::accounts::MockAccountRepository;
use crate::accounts::RegistrationSettings;
use crate::auth::MockPasswordHasher;
use crate::testing::{account, clock_at, t0};
use crate::throttle::MockThrottleRepository;

fn service(accounts: MockAccountRepository) -> AccountService {
    AccountService::new(
        Arc::new(accounts),
        Arc::new(MockPasswordHasher::new()),
        Arc::new(MockThrottleRepository::new()),
        Arc::new(crate::testing::public_ids()),
        Arc::new(clock_at(t0())),
        RegistrationSettings::default(),
    )
}

#[tokio::test]
async fn profile_returns_the_live_account() {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    let found = service(accounts).profile(AccountId(3)).await.unwrap();
    assert_eq!(found.id, AccountId(3));
}

#[tokio::test]
async fn profile_of_a_missing_or_deleted_account_fails() {
    let mut accounts = MockAccountRepository::new();
    accounts.expect_find_by_id().returning(|_| Ok(None));
    let err = service(accounts).profile(AccountId(3)).await.unwrap_err();
    assert!(matches!(err, ProfileError::NotFound), "{err:?}");

    let mut accounts = MockAccountRepository::new();
    accounts.expect_find_by_id().returning(|id| {
        let mut deleted = account(id.0, "a@example.com");
        deleted.deleted_at = Some(t0());
        Ok(Some(deleted))
    });
    let err = service(accounts).profile(AccountId(3)).await.unwrap_err();
    assert!(matches!(err, ProfileError::Deleted), "{err:?}");
}
