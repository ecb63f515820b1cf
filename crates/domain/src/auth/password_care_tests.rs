use std::sync::Arc;

use chrono::Duration;
use mockall::predicate::eq;

use super::*;
use crate::accounts::{AccountId, MockAccountRepository};
use crate::auth::{
    AuthPorts, AuthSettings, MockPasswordHasher, MockSessionRepository, MockTokenIssuer,
    MockTokenVerifier, SessionId,
};
use crate::secrets::{MockSecretDigester, MockSecretGenerator};
use crate::security_events::capture::capture;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{clock_at, counted, principal, t0};
use crate::throttle::{InMemoryThrottle, ThrottleKey};

/// The caller's log-in budget, which every password check spends from.
const BUDGET: &str = "login:account:1";

/// What the caller's budget holds: `Some(0)` once an attempt was reserved and the budget reset.
fn budget_count(throttle: &InMemoryThrottle) -> Option<u32> {
    throttle.state(BUDGET).map(|state| state.count)
}

/// The caller is account 1, `caller@example.com`, in session 5; its password is
/// `right password` (stored hash `$argon2id$stored`). Nothing is throttled yet.
struct Fixture {
    throttle: Arc<InMemoryThrottle>,
    hasher: MockPasswordHasher,
    tx: MockStoreTransaction,
}

impl Fixture {
    fn new() -> Self {
        let mut hasher = MockPasswordHasher::new();
        hasher.expect_dummy_hash().returning(|| "$dummy".into());
        hasher
            .expect_verify()
            .returning(|password, hash| Ok(password == "right password" && hash != "$dummy"));
        Self {
            throttle: Arc::new(InMemoryThrottle::new()),
            hasher,
            tx: MockStoreTransaction::new(),
        }
    }

    /// Four failed checks of the caller's password already: the next is the last the budget
    /// allows.
    fn one_attempt_left(self) -> Self {
        let budget = ThrottleKey::new("login:account", "1");
        self.throttle.set(&budget, counted(4));
        self
    }

    fn service(self) -> AuthService {
        let ports = AuthPorts {
            accounts: Arc::new(MockAccountRepository::new()),
            sessions: Arc::new(MockSessionRepository::new()),
            session_tokens: Arc::new(crate::auth::MockSessionTokenRepository::new()),
            throttle: self.throttle,
            hasher: Arc::new(self.hasher),
            tokens: Arc::new(MockTokenIssuer::new()),
            verifier: Arc::new(MockTokenVerifier::new()),
            secrets: Arc::new(MockSecretGenerator::new()),
            digester: Arc::new(MockSecretDigester::new()),
            unit_of_work: Arc::new(MockedUnitOfWork::new(self.tx)),
            clock: Arc::new(clock_at(t0())),
        };
        AuthService::new(ports, AuthSettings::default())
    }
}

fn new_password() -> Password {
    Password::parse("a brand new passphrase").unwrap()
}

#[tokio::test]
async fn the_right_email_and_password_pass_and_reset_the_accounts_budget() {
    let f = Fixture::new().one_attempt_left();
    let throttle = f.throttle.clone();
    let checked = f
        .service()
        .check_password(&principal(1, &[]), " Caller@Example.com ", "right password")
        .await;
    assert!(checked.is_ok(), "{checked:?}");
    assert_eq!(budget_count(&throttle), Some(0));
}

#[tokio::test]
async fn a_wrong_password_or_another_email_is_one_answer_and_an_event() {
    for (email, password) in [
        ("caller@example.com", "wrong password"),
        ("other@example.com", "right password"),
        ("not an email", "right password"),
    ] {
        let f = Fixture::new();
        let throttle = f.throttle.clone();
        let service = f.service();
        let (checked, log) =
            capture(service.check_password(&principal(1, &[]), email, password)).await;
        assert!(
            matches!(checked, Err(PasswordCheckError::Invalid)),
            "{checked:?}"
        );
        assert_eq!(log.names(), ["password_check_failed"]);
        assert_eq!(
            budget_count(&throttle),
            Some(1),
            "the attempt stays counted"
        );
    }
}

#[tokio::test]
async fn an_account_without_a_password_never_matches() {
    let mut caller = principal(1, &[]);
    caller.account.password_hash = None;
    let f = Fixture::new();
    let throttle = f.throttle.clone();
    let checked = f
        .service()
        .check_password(&caller, "caller@example.com", "right password")
        .await;
    assert!(
        matches!(checked, Err(PasswordCheckError::Invalid)),
        "{checked:?}"
    );
    assert_eq!(
        budget_count(&throttle),
        Some(1),
        "the attempt stays counted"
    );
}

#[tokio::test]
async fn a_spent_budget_refuses_before_hashing() {
    let until = t0() + Duration::minutes(15);
    // Five failed checks already: this is the sixth.
    let mut f = Fixture::new();
    f.throttle
        .set(&ThrottleKey::new("login:account", "1"), counted(5));
    f.hasher.checkpoint();
    f.hasher.expect_verify().never();
    let checked = f
        .service()
        .check_password(&principal(1, &[]), "caller@example.com", "right password")
        .await;
    assert!(
        matches!(checked, Err(PasswordCheckError::Throttled { retry_at }) if retry_at == until),
        "{checked:?}"
    );
}

#[tokio::test]
async fn a_change_sets_the_new_hash_and_ends_every_other_session() {
    let mut f = Fixture::new().one_attempt_left();
    let throttle = f.throttle.clone();
    f.hasher
        .expect_hash()
        .returning(|_| Ok("$argon2id$new".into()));
    f.tx.expect_set_password()
        .with(eq(AccountId(1)), eq("$argon2id$new"), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(true));
    let others = SessionEnding::AllBut(Some(SessionId(5)));
    f.tx.expect_revoke_sessions()
        .with(eq(AccountId(1)), eq(others), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(2));
    f.tx.expect_delete_push_tokens()
        .with(eq(AccountId(1)), eq(others))
        .times(1)
        .returning(|_, _| Ok(0));
    let service = f.service();
    let (changed, log) = capture(service.change_password(
        &principal(1, &[]),
        "caller@example.com",
        "right password",
        new_password(),
    ))
    .await;
    assert!(changed.is_ok(), "{changed:?}");
    assert_eq!(log.names(), ["password_changed"]);
    assert_eq!(budget_count(&throttle), Some(0));
}

#[tokio::test]
async fn a_wrong_current_password_changes_nothing() {
    let mut f = Fixture::new();
    let throttle = f.throttle.clone();
    f.hasher.expect_hash().never();
    f.tx.expect_set_password().never();
    let changed = f
        .service()
        .change_password(
            &principal(1, &[]),
            "caller@example.com",
            "wrong password",
            new_password(),
        )
        .await;
    assert!(
        matches!(changed, Err(ChangePasswordError::InvalidCurrentPassword)),
        "{changed:?}"
    );
    assert_eq!(
        budget_count(&throttle),
        Some(1),
        "the attempt stays counted"
    );
}

#[tokio::test]
async fn a_new_password_equal_to_the_email_is_refused_before_any_check() {
    let f = Fixture::new();
    let throttle = f.throttle.clone();
    let changed = f
        .service()
        .change_password(
            &principal(1, &[]),
            "caller@example.com",
            "right password",
            Password::parse("caller@example.com").unwrap(),
        )
        .await;
    assert!(
        matches!(
            changed,
            Err(ChangePasswordError::WeakPassword(
                PasswordError::SameAsIdentifier
            ))
        ),
        "{changed:?}"
    );
    assert!(throttle.names().is_empty(), "{:?}", throttle.names());
}

#[tokio::test]
async fn an_account_deleted_meanwhile_rolls_the_change_back() {
    let mut f = Fixture::new();
    let throttle = f.throttle.clone();
    f.hasher
        .expect_hash()
        .returning(|_| Ok("$argon2id$new".into()));
    f.tx.expect_set_password().returning(|_, _, _| Ok(false));
    f.tx.expect_revoke_sessions().never();
    let changed = f
        .service()
        .change_password(
            &principal(1, &[]),
            "caller@example.com",
            "right password",
            new_password(),
        )
        .await;
    assert!(
        matches!(changed, Err(ChangePasswordError::AccountDeleted)),
        "{changed:?}"
    );
    assert_eq!(budget_count(&throttle), Some(0), "the password was right");
}
