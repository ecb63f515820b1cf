use std::sync::{Arc, Mutex};

use chrono::Duration;

use super::mock_rotation::expect_rotation;
use super::*;
use crate::UnexpectedError;
use crate::accounts::{Account, AccountId, MockAccountRepository};
use crate::secrets::{MockSecretDigester, MockSecretGenerator};
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, session, t0};
use crate::throttle::MockThrottleRepository;

/// Mocks with permissive defaults; each test tightens what it checks.
struct Fixture {
    accounts: MockAccountRepository,
    sessions: MockSessionRepository,
    session_tokens: MockSessionTokenRepository,
    throttle: MockThrottleRepository,
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
            throttle: MockThrottleRepository::new(),
            hasher,
            tokens,
            verifier: MockTokenVerifier::new(),
            secrets,
            digester,
            tx: MockStoreTransaction::new(),
        }
    }

    fn not_throttled(mut self) -> Self {
        self.throttle
            .expect_blocked_until()
            .returning(|_, _| Ok(None));
        self
    }

    fn service(self) -> AuthService {
        let ports = AuthPorts {
            accounts: Arc::new(self.accounts),
            sessions: Arc::new(self.sessions),
            session_tokens: Arc::new(self.session_tokens),
            throttle: Arc::new(self.throttle),
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

/// Records every counter hit as `(key, limit)` and answers "not blocked".
fn record_hits(f: &mut Fixture) -> Arc<Mutex<Vec<(String, u32)>>> {
    let hits = Arc::new(Mutex::new(Vec::new()));
    let seen = hits.clone();
    f.throttle.expect_hit().returning(move |k, rule, _| {
        seen.lock()
            .unwrap()
            .push((k.as_str().to_owned(), rule.limit));
        Ok(None)
    });
    hits
}

fn keys(hits: &Mutex<Vec<(String, u32)>>) -> Vec<String> {
    hits.lock()
        .unwrap()
        .iter()
        .map(|(k, _)| k.clone())
        .collect()
}

#[tokio::test]
async fn login_opens_a_session_resets_the_account_counters_and_gives_the_ip_its_attempt_back() {
    let mut f = Fixture::new().not_throttled();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "a@example.com"))));
    f.hasher
        .expect_verify()
        .withf(|p, h| p == "right password" && h == "$argon2id$stored")
        .returning(|_, _| Ok(true));
    let resets = Arc::new(Mutex::new(Vec::new()));
    let seen = resets.clone();
    f.throttle.expect_reset().times(2).returning(move |k| {
        seen.lock().unwrap().push(k.as_str().to_owned());
        Ok(())
    });
    f.throttle
        .expect_refund()
        .withf(|k, rule, _| k.as_str() == "login:ip:10.0.0.1" && rule.limit == 51)
        .times(1)
        .returning(|_, _, _| Ok(()));
    let hits = record_hits(&mut f);
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
        *hits.lock().unwrap(),
        vec![
            ("login:id:a@example.com".to_owned(), 6),
            ("login:ip:10.0.0.1".to_owned(), 51),
            ("login:account:1".to_owned(), 6),
        ]
    );
    assert_eq!(
        *resets.lock().unwrap(),
        vec!["login:id:a@example.com", "login:account:1"]
    );
}

#[tokio::test]
async fn an_email_and_a_login_id_of_one_account_share_its_budget() {
    let mut f = Fixture::new().not_throttled();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(2, "j@example.com"))));
    f.accounts
        .expect_find_by_login_id()
        .returning(|_| Ok(Some(account(2, "j@example.com"))));
    f.hasher.expect_verify().returning(|_, _| Ok(false));
    let hits = record_hits(&mut f);
    let service = f.service();
    for identifier in ["j@example.com", "Johnny"] {
        let err = service
            .login(login_command(identifier, "wrong"))
            .await
            .unwrap_err();
        assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
    }
    let account_hits = keys(&hits)
        .into_iter()
        .filter(|k| k == "login:account:2")
        .count();
    assert_eq!(account_hits, 2);
}

#[tokio::test]
async fn a_spent_account_budget_refuses_before_hashing() {
    let mut f = Fixture::new().not_throttled();
    let until = t0() + Duration::minutes(15);
    f.accounts
        .expect_find_by_login_id()
        .returning(|_| Ok(Some(account(2, "j@example.com"))));
    f.throttle
        .expect_hit()
        .returning(move |k, _, _| Ok((k.as_str() == "login:account:2").then_some(until)));
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

    let mut f = Fixture::new().not_throttled();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "a@example.com"))));
    f.hasher
        .expect_verify()
        .returning(|password, _| Ok(password == "right password"));
    f.throttle.expect_hit().returning(|_, _, _| Ok(None));
    f.throttle.expect_reset().returning(|_| Ok(()));
    f.throttle.expect_refund().returning(|_, _, _| Ok(()));
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

    let mut f = Fixture::new().not_throttled();
    let until = t0() + Duration::minutes(15);
    f.throttle
        .expect_hit()
        .returning(move |k, _, _| Ok((k.scope() == "login:ip").then_some(until)));
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
}

#[tokio::test]
async fn login_by_login_id_looks_up_the_handle() {
    let mut f = Fixture::new().not_throttled();
    f.accounts
        .expect_find_by_login_id()
        .withf(|id| id.normalized() == "johnny")
        .returning(|_| Ok(Some(account(2, "j@example.com"))));
    f.hasher.expect_verify().returning(|_, _| Ok(true));
    f.throttle.expect_hit().returning(|_, _, _| Ok(None));
    f.throttle.expect_reset().returning(|_| Ok(()));
    f.throttle.expect_refund().returning(|_, _, _| Ok(()));
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
    let mut f = Fixture::new().not_throttled();
    f.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(1, "a@example.com"))));
    f.hasher.expect_verify().returning(|_, _| Ok(false));
    f.throttle.expect_reset().never();
    f.throttle.expect_refund().never();
    let hits = record_hits(&mut f);
    let err = f
        .service()
        .login(login_command("a@example.com", "wrong"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
    assert_eq!(
        keys(&hits),
        vec![
            "login:id:a@example.com",
            "login:ip:10.0.0.1",
            "login:account:1"
        ]
    );
}

#[tokio::test]
async fn unknown_account_verifies_the_dummy_hash_and_counts_like_an_account() {
    let mut f = Fixture::new().not_throttled();
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    f.hasher
        .expect_verify()
        .withf(|_, h| h == "$dummy")
        .times(1)
        .returning(|_, _| Ok(true));
    let hits = record_hits(&mut f);
    let err = f
        .service()
        .login(login_command("ghost@example.com", "whatever"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
    assert_eq!(
        keys(&hits),
        vec![
            "login:id:ghost@example.com",
            "login:ip:10.0.0.1",
            "login:account:none:ghost@example.com"
        ]
    );
}

#[tokio::test]
async fn malformed_identifier_still_costs_a_hash() {
    let mut f = Fixture::new().not_throttled();
    f.hasher
        .expect_verify()
        .withf(|_, h| h == "$dummy")
        .times(1)
        .returning(|_, _| Ok(false));
    f.throttle
        .expect_hit()
        .times(3)
        .returning(|_, _, _| Ok(None));
    let err = f
        .service()
        .login(login_command("no", "whatever"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
}

#[tokio::test]
async fn social_only_account_cannot_log_in_with_a_password() {
    let mut f = Fixture::new().not_throttled();
    f.accounts.expect_find_by_email().returning(|_| {
        let mut social = account(1, "a@example.com");
        social.password_hash = None;
        Ok(Some(social))
    });
    f.hasher
        .expect_verify()
        .withf(|_, h| h == "$dummy")
        .returning(|_, _| Ok(true));
    f.throttle.expect_hit().returning(|_, _, _| Ok(None));
    let err = f
        .service()
        .login(login_command("a@example.com", "pw"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::InvalidCredentials), "{err:?}");
}

#[tokio::test]
async fn throttled_login_is_refused_before_any_hashing() {
    let mut f = Fixture::new();
    let until = t0() + Duration::minutes(15);
    f.throttle
        .expect_blocked_until()
        .returning(move |_, _| Ok(Some(until)));
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
}

#[tokio::test]
async fn login_passes_store_failures_on() {
    let mut f = Fixture::new();
    f.throttle
        .expect_blocked_until()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    let err = f
        .service()
        .login(login_command("a@example.com", "pw"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn attempts_counted_past_the_limit_are_refused_before_hashing() {
    let mut f = Fixture::new().not_throttled();
    let until = t0() + Duration::minutes(15);
    f.throttle
        .expect_hit()
        .returning(move |_, _, _| Ok(Some(until)));
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
