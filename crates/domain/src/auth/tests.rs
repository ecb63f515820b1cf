use std::sync::Arc;

use chrono::Duration;

use super::mock_rotation::expect_rotation;
use super::*;
use crate::UnexpectedError;
use crate::accounts::{Account, AccountId, MockAccountRepository};
use crate::secrets::{MockSecretDigester, MockSecretGenerator};
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, counted, session, t0};
use crate::throttle::{InMemoryThrottle, ThrottleKey};

/// Mocks with permissive defaults, and counters that throttle nothing yet; each test tightens
/// what it checks.
struct Fixture {
    accounts: MockAccountRepository,
    sessions: MockSessionRepository,
    session_tokens: MockSessionTokenRepository,
    throttle: Arc<InMemoryThrottle>,
    hasher: MockPasswordHasher,
    tokens: MockTokenIssuer,
    verifier: MockTokenVerifier,
    secrets: MockSecretGenerator,
    digester: MockSecretDigester,
    tx: MockStoreTransaction,
}

impl Fixture {
    fn new() -> Self {
        let mut secrets = MockSecretGenerator::new();
        secrets
            .expect_random_token()
            .returning(|| "first-token".into());
        let mut digester = MockSecretDigester::new();
        digester
            .expect_digest()
            .returning(|s| format!("digest({s})"));
        digester
            .expect_successor_token()
            .returning(|s| format!("next({s})"));
        let mut tokens = MockTokenIssuer::new();
        tokens
            .expect_issue()
            .returning(|c| Ok(format!("jwt-for-{}-{}", c.account_id.0, c.session_id.0)));
        let mut hasher = MockPasswordHasher::new();
        hasher.expect_dummy_hash().returning(|| "$dummy".into());
        Self {
            accounts: MockAccountRepository::new(),
            sessions: MockSessionRepository::new(),
            session_tokens: MockSessionTokenRepository::new(),
            throttle: Arc::new(InMemoryThrottle::new()),
            hasher,
            tokens,
            verifier: MockTokenVerifier::new(),
            secrets,
            digester,
            tx: MockStoreTransaction::new(),
        }
    }

    fn service(self) -> AuthService {
        let ports = AuthPorts {
            accounts: Arc::new(self.accounts),
            sessions: Arc::new(self.sessions),
            session_tokens: Arc::new(self.session_tokens),
            throttle: self.throttle,
            hasher: Arc::new(self.hasher),
            tokens: Arc::new(self.tokens),
            verifier: Arc::new(self.verifier),
            secrets: Arc::new(self.secrets),
            digester: Arc::new(self.digester),
            unit_of_work: Arc::new(MockedUnitOfWork::new(self.tx)),
            clock: Arc::new(clock_at(t0())),
        };
        AuthService::new(ports, AuthSettings::default())
    }
}

fn login_command(identifier: &str, password: &str) -> LoginCommand {
    LoginCommand {
        identifier: LoginIdentifier::parse(identifier),
        password: password.into(),
        client: ClientInfo {
            ip: Some("10.0.0.1".into()),
            user_agent: Some("ua".into()),
        },
    }
}

// ---- login ----

const ID_COUNTER: &str = "login:id:a@example.com";
const IP_COUNTER: &str = "login:ip:10.0.0.1";
const ACCOUNT_COUNTER: &str = "login:account:1";

/// The counts of the counters named `names`, in order.
fn counts<const N: usize>(throttle: &InMemoryThrottle, names: [&str; N]) -> [u32; N] {
    names.map(|name| throttle.count(name))
}

#[tokio::test]
async fn login_opens_a_session_resets_the_account_counters_and_gives_the_ip_its_attempt_back() {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "a@example.com"))));
    f.hasher
        .expect_verify()
        .withf(|p, h| p == "right password" && h == "$argon2id$stored")
        .returning(|_, _| Ok(true));
    // Earlier failures; this is the 50th attempt from the IP, the last its budget allows.
    let throttle = f.throttle.clone();
    throttle.set(&ThrottleKey::new("login:id", "a@example.com"), counted(2));
    throttle.set(&ThrottleKey::per_ip("login:ip", "10.0.0.1"), counted(49));
    throttle.set(&ThrottleKey::new("login:account", "1"), counted(3));
    f.sessions
        .expect_create()
        .withf(|s, t| {
            s.account_id == AccountId(1)
                && s.client.ip.as_deref() == Some("10.0.0.1")
                && s.expires_at == t0() + Duration::days(90)
                && t.token_digest == "digest(first-token)"
                && t.expires_at == t0() + Duration::days(14)
        })
        .returning(|_, _| Ok(session(5, 1)));
    let pair = f
        .service()
        .login(login_command("A@Example.com", "right password"))
        .await
        .unwrap();
    assert_eq!(pair.access_token, "jwt-for-1-5");
    assert_eq!(pair.refresh_token, "first-token");
    assert_eq!(pair.expires_in, 900);
    assert_eq!(
        counts(&throttle, [ID_COUNTER, IP_COUNTER, ACCOUNT_COUNTER]),
        [0, 49, 0],
        "the identifier and the account are forgotten, the IP gets its attempt back"
    );
    assert_eq!(throttle.names(), [ACCOUNT_COUNTER, ID_COUNTER, IP_COUNTER]);
}

#[tokio::test]
async fn an_email_and_a_login_id_of_one_account_share_its_budget() {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(2, "j@example.com"))));
    f.accounts
        .expect_find_by_login_id()
        .returning(|_| Ok(Some(account(2, "j@example.com"))));
    f.hasher.expect_verify().returning(|_, _| Ok(false));
    let throttle = f.throttle.clone();
    let service = f.service();
    for identifier in ["j@example.com", "Johnny"] {
        let err = service
            .login(login_command(identifier, "wrong"))
            .await
            .unwrap_err();
        assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
    }
    let identifiers = ["login:id:j@example.com", "login:id:johnny"];
    assert_eq!(throttle.count("login:account:2"), 2);
    assert_eq!(counts(&throttle, identifiers), [1, 1]);
}

#[tokio::test]
async fn a_spent_account_budget_refuses_before_hashing() {
    let mut f = Fixture::new();
    let until = t0() + Duration::minutes(15);
    f.accounts
        .expect_find_by_login_id()
        .returning(|_| Ok(Some(account(2, "j@example.com"))));
    // Five attempts on the account already (by any of its identifiers): this is the sixth.
    let account_key = ThrottleKey::new("login:account", "2");
    f.throttle.set(&account_key, counted(5));
    f.hasher.expect_verify().never();
    let err = f
        .service()
        .login(login_command("Johnny", "pw"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LoginError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
}

#[tokio::test]
async fn log_ins_are_security_events_with_a_digest_never_the_identifier() {
    use crate::security_events::capture::capture;

    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "a@example.com"))));
    f.hasher
        .expect_verify()
        .returning(|password, _| Ok(password == "right password"));
    f.sessions
        .expect_create()
        .returning(|_, _| Ok(session(5, 1)));
    let service = f.service();
    let (_, log) = capture(async {
        let _ = service
            .login(login_command("a@example.com", "wrong password"))
            .await;
        let _ = service
            .login(login_command("a@example.com", "right password"))
            .await;
    })
    .await;
    assert_eq!(log.names(), ["login_failed", "login_succeeded"]);
    let failed = &log.named("login_failed")[0];
    assert_eq!(failed.field("account_id"), Some("1"));
    assert_eq!(failed.field("ip"), Some("10.0.0.1"));
    assert_eq!(failed.field("identifier_digest"), Some("digest(a@example"));
    let succeeded = &log.named("login_succeeded")[0];
    assert_eq!(succeeded.field("session_id"), Some("5"));
    for event in log.events() {
        let line = format!("{:?}", event.fields);
        assert!(!line.contains("a@example.com"), "{line}");
        assert!(!line.contains("password"), "{line}");
    }
}

#[tokio::test]
async fn a_lockout_is_a_security_event_naming_only_what_is_counted() {
    use crate::security_events::capture::capture;

    let mut f = Fixture::new();
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    // The 51st attempt from the IP in its window.
    let throttle = f.throttle.clone();
    throttle.set(&ThrottleKey::per_ip("login:ip", "10.0.0.1"), counted(50));
    let service = f.service();
    let (result, log) = capture(service.login(login_command("a@example.com", "pw"))).await;
    assert!(
        matches!(result, Err(LoginError::Throttled { .. })),
        "{result:?}"
    );
    assert_eq!(log.names(), ["lockout_started", "login_failed"]);
    assert_eq!(
        log.named("lockout_started")[0].field("scope"),
        Some("login:ip")
    );
    let account = "login:account:none:a@example.com";
    assert_eq!(throttle.count(account), 0, "the budget after the IP's");
}

#[tokio::test]
async fn login_by_login_id_looks_up_the_handle() {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_login_id()
        .withf(|id| id.normalized() == "johnny")
        .returning(|_| Ok(Some(account(2, "j@example.com"))));
    f.hasher.expect_verify().returning(|_, _| Ok(true));
    f.sessions
        .expect_create()
        .returning(|_, _| Ok(session(6, 2)));
    let pair = f
        .service()
        .login(login_command("Johnny", "pw"))
        .await
        .unwrap();
    assert_eq!(pair.account_id, AccountId(2));
}

#[tokio::test]
async fn a_wrong_password_keeps_the_attempts_reserved_per_identifier_ip_and_account() {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "a@example.com"))));
    f.hasher.expect_verify().returning(|_, _| Ok(false));
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .login(login_command("a@example.com", "wrong"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
    assert_eq!(throttle.names(), [ACCOUNT_COUNTER, ID_COUNTER, IP_COUNTER]);
    assert_eq!(
        counts(&throttle, [ID_COUNTER, IP_COUNTER, ACCOUNT_COUNTER]),
        [1, 1, 1]
    );
}

#[tokio::test]
async fn unknown_account_verifies_the_dummy_hash_and_counts_like_an_account() {
    let mut f = Fixture::new();
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    f.hasher
        .expect_verify()
        .withf(|_, h| h == "$dummy")
        .times(1)
        .returning(|_, _| Ok(true));
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .login(login_command("ghost@example.com", "whatever"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
    let counters = [
        "login:account:none:ghost@example.com",
        "login:id:ghost@example.com",
        IP_COUNTER,
    ];
    assert_eq!(throttle.names(), counters);
    assert_eq!(counts(&throttle, counters), [1, 1, 1]);
}

#[tokio::test]
async fn malformed_identifier_still_costs_a_hash() {
    let mut f = Fixture::new();
    f.hasher
        .expect_verify()
        .withf(|_, h| h == "$dummy")
        .times(1)
        .returning(|_, _| Ok(false));
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .login(login_command("no", "whatever"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
    let counters = ["login:account:none:no", "login:id:no", IP_COUNTER];
    assert_eq!(throttle.names(), counters);
    assert_eq!(counts(&throttle, counters), [1, 1, 1]);
}

#[tokio::test]
async fn social_only_account_cannot_log_in_with_a_password() {
    let mut f = Fixture::new();
    f.accounts.expect_find_by_email().returning(|_| {
        let mut social = account(1, "a@example.com");
        social.password_hash = None;
        Ok(Some(social))
    });
    f.hasher
        .expect_verify()
        .withf(|_, h| h == "$dummy")
        .returning(|_, _| Ok(true));
    let throttle = f.throttle.clone();
    let err = f
        .service()
        .login(login_command("a@example.com", "pw"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
    assert_eq!(
        counts(&throttle, [ID_COUNTER, IP_COUNTER, ACCOUNT_COUNTER]),
        [1, 1, 1],
        "a failure like any other"
    );
}

#[tokio::test]
async fn throttled_login_is_refused_before_any_hashing() {
    let mut f = Fixture::new();
    let until = t0() + Duration::minutes(15);
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "a@example.com"))));
    let throttle = f.throttle.clone();
    throttle.block(&ThrottleKey::new("login:account", "1"), until);
    f.hasher.expect_verify().never();
    let err = f
        .service()
        .login(login_command("a@example.com", "pw"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LoginError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
    assert_eq!(throttle.names(), [ACCOUNT_COUNTER], "nothing is counted");
}

#[tokio::test]
async fn login_passes_store_failures_on() {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "a@example.com"))));
    f.throttle.fail();
    f.hasher.expect_verify().never();
    let err = f
        .service()
        .login(login_command("a@example.com", "pw"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn attempts_counted_past_the_limit_are_refused_before_hashing() {
    let mut f = Fixture::new();
    let until = t0() + Duration::minutes(15);
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "a@example.com"))));
    // Five attempts with this identifier already: this is the sixth.
    let throttle = f.throttle.clone();
    throttle.set(&ThrottleKey::new("login:id", "a@example.com"), counted(5));
    f.hasher.expect_verify().never();
    let err = f
        .service()
        .login(login_command("a@example.com", "pw"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LoginError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
    assert_eq!(
        counts(&throttle, [IP_COUNTER, ACCOUNT_COUNTER]),
        [0, 0],
        "the budgets after the spent one are not touched"
    );
}

#[test]
fn debug_output_hides_passwords_and_tokens() {
    let command = login_command("a@example.com", "hunter2-secret");
    assert!(!format!("{command:?}").contains("hunter2"));
    let pair = TokenPair {
        access_token: "jwt-secret".into(),
        refresh_token: "refresh-secret".into(),
        expires_in: 900,
        account_id: AccountId(1),
        session_id: SessionId(1),
    };
    assert!(!format!("{pair:?}").contains("secret"));
}

// ---- refresh ----

/// Presenting `old` finds, in the store, a token of session 5 of account 1 whose rotation
/// ends with `outcome`.
fn expect_rotate(f: &mut Fixture, outcome: RotateOutcome) {
    let session = session(5, 1);
    expect_rotation(
        &mut f.tx,
        "digest(old)",
        session,
        "digest(next(old))",
        t0(),
        outcome,
    );
}

#[tokio::test]
async fn refresh_returns_the_successor_and_a_new_access_token() {
    let mut f = Fixture::new();
    expect_rotate(&mut f, RotateOutcome::Rotated(session(5, 1)));
    f.accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    let pair = f.service().refresh("old").await.unwrap();
    assert_eq!(pair.refresh_token, "next(old)");
    assert_eq!(pair.access_token, "jwt-for-1-5");
}

#[tokio::test]
async fn refresh_within_grace_hands_out_the_same_successor() {
    let mut f = Fixture::new();
    expect_rotate(&mut f, RotateOutcome::GraceReplay(session(5, 1)));
    f.accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    let pair = f.service().refresh("old").await.unwrap();
    assert_eq!(pair.refresh_token, "next(old)");
}

#[tokio::test]
async fn reused_or_unknown_refresh_tokens_are_invalid() {
    for outcome in [RotateOutcome::ReuseDetected, RotateOutcome::Invalid] {
        let mut f = Fixture::new();
        expect_rotate(&mut f, outcome);
        let err = f.service().refresh("old").await.unwrap_err();
        assert!(matches!(err, RefreshError::InvalidToken), "{err:?}");
    }
}

#[tokio::test]
async fn refresh_for_a_deleted_account_is_invalid() {
    let mut f = Fixture::new();
    expect_rotate(&mut f, RotateOutcome::Rotated(session(5, 1)));
    f.accounts.expect_find_by_id().returning(|id| {
        let mut gone = account(id.0, "a@example.com");
        gone.deleted_at = Some(t0());
        Ok(Some(gone))
    });
    let err = f.service().refresh("old").await.unwrap_err();
    assert!(matches!(err, RefreshError::InvalidToken), "{err:?}");
}

#[tokio::test]
async fn refresh_passes_store_failures_on() {
    let mut f = Fixture::new();
    f.tx.expect_lock_refresh_token()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = f.service().refresh("old").await.unwrap_err();
    assert!(matches!(err, RefreshError::Unexpected(_)), "{err:?}");
}

// ---- authenticate ----

fn claims(issued_at: chrono::DateTime<chrono::Utc>) -> AccessClaims {
    AccessClaims {
        account_id: AccountId(1),
        session_id: SessionId(5),
        roles: crate::values::Roles::user(),
        issued_at,
        expires_at: issued_at + Duration::minutes(15),
    }
}

fn authenticating(verify: Result<AccessClaims, TokenError>) -> Fixture {
    let mut f = Fixture::new();
    f.verifier.expect_verify().return_once(move |_, _| verify);
    f
}

fn with_session(f: &mut Fixture, session: Session, account: Account) {
    f.sessions
        .expect_find_with_account()
        .return_once(move |_| Ok(Some((session, account))));
}

#[tokio::test]
async fn a_valid_token_of_a_live_session_yields_the_principal() {
    let mut f = authenticating(Ok(claims(t0())));
    with_session(&mut f, session(5, 1), account(1, "a@example.com"));
    let principal = f.service().authenticate("jwt").await.unwrap();
    assert_eq!(principal.account_id, AccountId(1));
    assert_eq!(principal.session_id, SessionId(5));
    assert_eq!(principal.account, account(1, "a@example.com"));
}

#[tokio::test]
async fn token_errors_map_to_invalid_and_expired() {
    let err = authenticating(Err(TokenError::Invalid))
        .service()
        .authenticate("x")
        .await
        .unwrap_err();
    assert!(matches!(err, AuthenticateError::InvalidToken), "{err:?}");
    let err = authenticating(Err(TokenError::Expired))
        .service()
        .authenticate("x")
        .await
        .unwrap_err();
    assert!(matches!(err, AuthenticateError::ExpiredToken), "{err:?}");
}

#[tokio::test]
async fn missing_and_deleted_accounts_are_told_apart() {
    let mut f = authenticating(Ok(claims(t0())));
    f.sessions
        .expect_find_with_account()
        .returning(|_| Ok(None));
    f.accounts.expect_find_by_id().returning(|_| Ok(None));
    let err = f.service().authenticate("jwt").await.unwrap_err();
    assert!(matches!(err, AuthenticateError::AccountNotFound), "{err:?}");

    let mut gone = account(1, "a@example.com");
    gone.deleted_at = Some(t0());
    let mut f = authenticating(Ok(claims(t0())));
    with_session(&mut f, session(5, 1), gone);
    let err = f.service().authenticate("jwt").await.unwrap_err();
    assert!(matches!(err, AuthenticateError::AccountDeleted), "{err:?}");
}

#[tokio::test]
async fn a_token_older_than_the_accounts_not_before_is_refused() {
    let mut f = authenticating(Ok(claims(t0() - Duration::seconds(1))));
    with_session(&mut f, session(5, 1), account(1, "a@example.com"));
    let err = f.service().authenticate("jwt").await.unwrap_err();
    assert!(matches!(err, AuthenticateError::SessionEnded), "{err:?}");
}

#[tokio::test]
async fn a_token_of_a_revoked_or_foreign_session_is_refused() {
    let mut revoked = session(5, 1);
    revoked.revoked_at = Some(t0());
    let mut f = authenticating(Ok(claims(t0())));
    with_session(&mut f, revoked, account(1, "a@example.com"));
    let err = f.service().authenticate("jwt").await.unwrap_err();
    assert!(matches!(err, AuthenticateError::SessionEnded), "{err:?}");

    let mut f = authenticating(Ok(claims(t0())));
    with_session(&mut f, session(5, 99), account(99, "b@example.com"));
    f.accounts
        .expect_find_by_id()
        .returning(|id| Ok(Some(account(id.0, "a@example.com"))));
    let err = f.service().authenticate("jwt").await.unwrap_err();
    assert!(matches!(err, AuthenticateError::SessionEnded), "{err:?}");
}

// ---- sessions ----

fn principal() -> Principal {
    Principal {
        account_id: AccountId(1),
        session_id: SessionId(5),
        roles: crate::values::Roles::user(),
        account: account(1, "a@example.com"),
    }
}

#[tokio::test]
async fn logout_revokes_the_current_session() {
    let mut f = Fixture::new();
    f.tx.expect_revoke_sessions()
        .withf(|a, e, now| {
            *a == AccountId(1) && *e == SessionEnding::One(SessionId(5)) && *now == t0()
        })
        .times(1)
        .returning(|_, _, _| Ok(1));
    f.tx.expect_delete_push_tokens()
        .times(1)
        .returning(|_, _| Ok(1));
    f.service().logout(&principal()).await.unwrap();
}

#[tokio::test]
async fn revoking_a_session_that_is_not_the_callers_is_not_found() {
    let mut f = Fixture::new();
    f.tx.expect_revoke_sessions().returning(|_, _, _| Ok(0));
    f.tx.expect_delete_push_tokens().never();
    let err = f
        .service()
        .revoke_session(&principal(), SessionId(77))
        .await
        .unwrap_err();
    assert!(matches!(err, RevokeSessionError::NotFound), "{err:?}");
}

#[tokio::test]
async fn revoking_other_sessions_keeps_the_current_one() {
    let mut f = Fixture::new();
    f.tx.expect_revoke_sessions()
        .withf(|a, e, _| *a == AccountId(1) && *e == SessionEnding::AllBut(Some(SessionId(5))))
        .returning(|_, _, _| Ok(3));
    f.tx.expect_delete_push_tokens()
        .times(1)
        .returning(|_, _| Ok(2));
    assert_eq!(
        f.service()
            .revoke_other_sessions(&principal())
            .await
            .unwrap(),
        3
    );
}

#[tokio::test]
async fn listing_sessions_asks_for_the_callers_active_ones() {
    let mut f = Fixture::new();
    f.sessions
        .expect_list_active()
        .withf(|a, now| *a == AccountId(1) && *now == t0())
        .returning(|_, _| Ok(vec![session(5, 1)]));
    assert_eq!(
        f.service().list_sessions(&principal()).await.unwrap().len(),
        1
    );
}
