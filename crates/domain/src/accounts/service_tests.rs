use std::sync::Arc;

use super::*;
use crate::accounts::MockAccountRepository;
use crate::auth::MockPasswordHasher;
use crate::testing::{account, clock_at, t0};
use crate::values::{Email, LoginId, Password, PasswordError};

fn command() -> RegisterCommand {
    let mut command = RegisterCommand::new(
        Email::parse("new@example.com").unwrap(),
        Password::parse("a long passphrase").unwrap(),
    );
    command.name = Some(crate::values::PersonName::parse("John Doe").unwrap());
    command
}

fn hasher() -> MockPasswordHasher {
    let mut hasher = MockPasswordHasher::new();
    hasher
        .expect_hash()
        .returning(|_| Ok("$argon2id$new".into()));
    hasher
}

fn service(accounts: MockAccountRepository, hasher: MockPasswordHasher) -> AccountService {
    AccountService::new(
        Arc::new(accounts),
        Arc::new(hasher),
        Arc::new(clock_at(t0())),
    )
}

#[tokio::test]
async fn register_hashes_the_password_and_creates_a_user() {
    let mut accounts = MockAccountRepository::new();
    accounts.expect_find_by_email().returning(|_| Ok(None));
    accounts
        .expect_create()
        .withf(|new| {
            new.password_hash.as_deref() == Some("$argon2id$new")
                && new.roles == crate::values::Roles::user()
                && new.name.as_deref() == Some("John Doe")
                && new.now == t0()
        })
        .returning(|_| Ok(account(7, "new@example.com")));
    let created = service(accounts, hasher())
        .register(command())
        .await
        .unwrap();
    assert_eq!(created.id, AccountId(7));
}

#[tokio::test]
async fn register_rejects_an_existing_email_before_hashing() {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "new@example.com"))));
    let mut hasher = MockPasswordHasher::new();
    hasher.expect_hash().never();
    let err = service(accounts, hasher)
        .register(command())
        .await
        .unwrap_err();
    assert!(matches!(err, RegisterError::EmailTaken), "{err:?}");
}

#[tokio::test]
async fn register_maps_a_lost_race_to_email_taken() {
    let mut accounts = MockAccountRepository::new();
    accounts.expect_find_by_email().returning(|_| Ok(None));
    accounts
        .expect_create()
        .returning(|_| Err(CreateAccountError::EmailTaken));
    let err = service(accounts, hasher())
        .register(command())
        .await
        .unwrap_err();
    assert!(matches!(err, RegisterError::EmailTaken), "{err:?}");
}

#[tokio::test]
async fn register_maps_a_taken_login_id() {
    let mut accounts = MockAccountRepository::new();
    accounts.expect_find_by_email().returning(|_| Ok(None));
    accounts
        .expect_create()
        .returning(|_| Err(CreateAccountError::LoginIdTaken));
    let mut cmd = command();
    cmd.login_id = Some(LoginId::parse("johnny").unwrap());
    let err = service(accounts, hasher()).register(cmd).await.unwrap_err();
    assert!(matches!(err, RegisterError::LoginIdTaken), "{err:?}");
}

#[tokio::test]
async fn register_rejects_a_password_equal_to_the_email() {
    let accounts = MockAccountRepository::new();
    let mut cmd = command();
    cmd.password = Password::parse("New@Example.com").unwrap();
    let err = service(accounts, MockPasswordHasher::new())
        .register(cmd)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            RegisterError::WeakPassword(PasswordError::SameAsIdentifier)
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn register_passes_store_failures_on() {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_email()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = service(accounts, MockPasswordHasher::new())
        .register(command())
        .await
        .unwrap_err();
    assert!(matches!(err, RegisterError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn profile_returns_the_live_account() {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    let found = service(accounts, MockPasswordHasher::new())
        .profile(AccountId(3))
        .await
        .unwrap();
    assert_eq!(found.id, AccountId(3));
}

#[tokio::test]
async fn profile_of_a_missing_or_deleted_account_fails() {
    let mut accounts = MockAccountRepository::new();
    accounts.expect_find_by_id().returning(|_| Ok(None));
    let err = service(accounts, MockPasswordHasher::new())
        .profile(AccountId(3))
        .await
        .unwrap_err();
    assert!(matches!(err, ProfileError::NotFound), "{err:?}");

    let mut accounts = MockAccountRepository::new();
    accounts.expect_find_by_id().returning(|id| {
        let mut deleted = account(id.0, "a@example.com");
        deleted.deleted_at = Some(t0());
        Ok(Some(deleted))
    });
    let err = service(accounts, MockPasswordHasher::new())
        .profile(AccountId(3))
        .await
        .unwrap_err();
    assert!(matches!(err, ProfileError::Deleted), "{err:?}");
}
