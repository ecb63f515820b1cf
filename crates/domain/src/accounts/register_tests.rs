use std::sync::{Arc, Mutex};

use chrono::Duration;

use super::*;
use crate::accounts::{AccountId, AccountService, MockAccountRepository};
use crate::auth::MockPasswordHasher;
use crate::testing::{account, clock_at, counted, t0};
use crate::throttle::InMemoryThrottle;

const IP_COUNTER: &str = "register:ip:10.0.0.7";
const EMAIL_COUNTER: &str = "register:email:new@example.com";

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

/// Mocks with permissive defaults, and counters that throttle nothing yet; each test tightens
/// what it checks.
struct Fixture {
    accounts: MockAccountRepository,
    hasher: MockPasswordHasher,
    throttle: Arc<InMemoryThrottle>,
}

impl Fixture {
    fn new() -> Self {
        Self {
            accounts: MockAccountRepository::new(),
            hasher: MockPasswordHasher::new(),
            throttle: Arc::new(InMemoryThrottle::new()),
        }
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
            self.throttle,
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
    let mut f = Fixture::new().hashing();
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
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    f.accounts
        .expect_create()
        .returning(|_| Ok(account(7, "new@example.com")));
    let throttle = f.throttle.clone();
    f.register(command()).await.unwrap();
    assert_eq!(throttle.names(), [EMAIL_COUNTER, IP_COUNTER]);
    assert_eq!(
        (throttle.count(IP_COUNTER), throttle.count(EMAIL_COUNTER)),
        (1, 1)
    );
}

#[tokio::test]
async fn the_limit_th_sign_up_of_each_budget_still_passes() {
    let mut f = Fixture::new().hashing();
    let throttle = f.throttle.clone();
    let ip_key = ThrottleKey::per_ip("register:ip", "10.0.0.7");
    let email_key = ThrottleKey::new("register:email", "new@example.com");
    throttle.set(&ip_key, counted(29));
    throttle.set(&email_key, counted(4));
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    f.accounts
        .expect_create()
        .returning(|_| Ok(account(7, "new@example.com")));
    f.register(command()).await.unwrap();
    assert_eq!(
        (throttle.count(IP_COUNTER), throttle.count(EMAIL_COUNTER)),
        (30, 5)
    );
}

#[tokio::test]
async fn a_spent_budget_refuses_before_any_lookup_or_hashing() {
    // The 31st sign-up from the IP in its window.
    let until = t0() + Duration::minutes(5);
    let mut f = Fixture::new();
    let ip_key = ThrottleKey::per_ip("register:ip", "10.0.0.7");
    f.throttle.set(&ip_key, counted(30));
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
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "new@example.com"))));
    f.hasher.expect_hash().never();
    let err = f.register(command()).await.unwrap_err();
    assert!(matches!(err, RegisterError::EmailTaken), "{err:?}");
}

#[tokio::test]
async fn a_taken_login_id_is_answered_without_looking_at_the_email() {
    let mut f = Fixture::new();
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
        let mut f = Fixture::new().hashing();
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
    let f = Fixture::new();
    let throttle = f.throttle.clone();
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
    assert!(throttle.names().is_empty(), "{:?}", throttle.names());
}

#[tokio::test]
async fn register_passes_store_failures_on() {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = f.register(command()).await.unwrap_err();
    assert!(matches!(err, RegisterError::Unexpected(_)), "{err:?}");
}
