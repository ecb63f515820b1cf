use std::sync::{Arc, Mutex};

use chrono::Duration;

use super::*;
use crate::accounts::{AccountId, AccountService, MockAccountRepository};
use crate::auth::MockPasswordHasher;
use crate::testing::{account, clock_at, t0};
use crate::throttle::MockThrottleRepository;

fn command() -> RegisterCommand {
    let mut command = RegisterCommand::new(
        Email::parse("New@Example.com").unwrap(),
        Password::parse("a long passphrase").unwrap(),
    );
    command.name = Some(PersonName::parse("John Doe").unwrap());
    command
}

fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("10.0.0.7".into()),
        user_agent: None,
    }
}

/// Mocks with permissive defaults; each test tightens what it checks.
struct Fixture {
    accounts: MockAccountRepository,
    hasher: MockPasswordHasher,
    throttle: MockThrottleRepository,
}

impl Fixture {
    fn new() -> Self {
        Self {
            accounts: MockAccountRepository::new(),
            hasher: MockPasswordHasher::new(),
            throttle: MockThrottleRepository::new(),
        }
    }

    fn not_throttled(mut self) -> Self {
        self.throttle
            .expect_blocked_until()
            .returning(|_, _| Ok(None));
        self.throttle.expect_hit().returning(|_, _, _| Ok(None));
        self
    }

    fn hashing(mut self) -> Self {
        self.hasher
            .expect_hash()
            .returning(|_| Ok("$argon2id$new".into()));
        self
    }

    async fn register(self, command: RegisterCommand) -> Result<Account, RegisterError> {
        AccountService::new(
            Arc::new(self.accounts),
            Arc::new(self.hasher),
            Arc::new(self.throttle),
            Arc::new(crate::testing::public_ids()),
            Arc::new(clock_at(t0())),
            RegistrationSettings::default(),
        )
        .register(command, &client())
        .await
    }
}

#[tokio::test]
async fn register_hashes_the_password_and_creates_a_user() {
    let mut f = Fixture::new().not_throttled().hashing();
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    f.accounts
        .expect_create()
        .withf(|new| {
            new.password_hash.as_deref() == Some("$argon2id$new")
                && new.roles == Roles::user()
                && new.name.as_deref() == Some("John Doe")
                && new.now == t0()
        })
        .returning(|_| Ok(account(7, "new@example.com")));
    let created = f.register(command()).await.unwrap();
    assert_eq!(created.id, AccountId(7));
}

#[tokio::test]
async fn every_sign_up_reserves_an_attempt_per_ip_and_per_address_before_hashing() {
    let mut f = Fixture::new().hashing();
    f.throttle
        .expect_blocked_until()
        .withf(|keys, _| {
            let names: Vec<&str> = keys.iter().map(ThrottleKey::as_str).collect();
            names == ["register:ip:10.0.0.7", "register:email:new@example.com"]
        })
        .returning(|_, _| Ok(None));
    let hits = Arc::new(Mutex::new(Vec::new()));
    let seen = hits.clone();
    f.throttle.expect_hit().returning(move |key, rule, _| {
        seen.lock()
            .unwrap()
            .push((key.as_str().to_owned(), rule.limit));
        Ok(None)
    });
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    f.accounts
        .expect_create()
        .returning(|_| Ok(account(7, "new@example.com")));
    f.register(command()).await.unwrap();
    assert_eq!(
        *hits.lock().unwrap(),
        vec![
            ("register:ip:10.0.0.7".to_owned(), 31),
            ("register:email:new@example.com".to_owned(), 6)
        ]
    );
}

#[tokio::test]
async fn a_spent_budget_refuses_before_any_lookup_or_hashing() {
    let until = t0() + Duration::minutes(5);
    let mut f = Fixture::new();
    f.throttle.expect_blocked_until().returning(|_, _| Ok(None));
    f.throttle
        .expect_hit()
        .returning(move |_, _, _| Ok(Some(until)));
    f.accounts.expect_find_by_email().never();
    f.hasher.expect_hash().never();
    let err = f.register(command()).await.unwrap_err();
    assert!(
        matches!(err, RegisterError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
}

#[tokio::test]
async fn register_rejects_an_existing_email_before_hashing() {
    let mut f = Fixture::new().not_throttled();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "new@example.com"))));
    f.hasher.expect_hash().never();
    let err = f.register(command()).await.unwrap_err();
    assert!(matches!(err, RegisterError::EmailTaken), "{err:?}");
}

#[tokio::test]
async fn a_taken_login_id_is_answered_without_looking_at_the_email() {
    let mut f = Fixture::new().not_throttled();
    f.accounts
        .expect_find_by_login_id()
        .returning(|_| Ok(Some(account(2, "other@example.com"))));
    f.accounts.expect_find_by_email().never();
    f.hasher.expect_hash().never();
    let mut cmd = command();
    cmd.login_id = Some(LoginId::parse("johnny").unwrap());
    let err = f.register(cmd).await.unwrap_err();
    assert!(matches!(err, RegisterError::LoginIdTaken), "{err:?}");
}

#[tokio::test]
async fn register_maps_lost_races_to_the_taken_identifier() {
    for (lost, expected) in [
        (CreateAccountError::EmailTaken, "email"),
        (CreateAccountError::LoginIdTaken, "login id"),
    ] {
        let lost = Mutex::new(Some(lost));
        let mut f = Fixture::new().not_throttled().hashing();
        f.accounts.expect_find_by_email().returning(|_| Ok(None));
        f.accounts.expect_find_by_login_id().returning(|_| Ok(None));
        f.accounts
            .expect_create()
            .returning(move |_| Err(lost.lock().unwrap().take().unwrap()));
        let mut cmd = command();
        cmd.login_id = Some(LoginId::parse("johnny").unwrap());
        let err = f.register(cmd).await.unwrap_err();
        let got = match err {
            RegisterError::EmailTaken => "email",
            RegisterError::LoginIdTaken => "login id",
            other => panic!("{other:?}"),
        };
        assert_eq!(got, expected);
    }
}

#[tokio::test]
async fn register_rejects_a_password_equal_to_the_email_before_counting() {
    let mut f = Fixture::new();
    f.throttle.expect_hit().never();
    let mut cmd = command();
    cmd.password = Password::parse("New@Example.com").unwrap();
    let err = f.register(cmd).await.unwrap_err();
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
    let mut f = Fixture::new().not_throttled();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = f.register(command()).await.unwrap_err();
    assert!(matches!(err, RegisterError::Unexpected(_)), "{err:?}");
}
