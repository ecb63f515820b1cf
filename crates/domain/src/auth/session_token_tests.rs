use std::sync::Arc;

use chrono::Duration;
use mockall::predicate::eq;

use super::*;
use crate::accounts::{AccountId, MockAccountRepository};
use crate::auth::{
    AuthPorts, AuthSettings, ClientInfo, LoginIdentifier, MockPasswordHasher,
    MockSessionRepository, MockSessionTokenRepository, MockTokenIssuer, MockTokenVerifier, Session,
    SessionTokenLifetime,
};
use crate::secrets::{MockSecretDigester, MockSecretGenerator};
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, session, t0};
use crate::throttle::InMemoryThrottle;
use crate::values::LoginId;

struct Fixture {
    accounts: MockAccountRepository,
    session_tokens: MockSessionTokenRepository,
    throttle: Arc<InMemoryThrottle>,
    hasher: MockPasswordHasher,
    now: chrono::DateTime<chrono::Utc>,
}

impl Fixture {
    fn new() -> Self {
        Self {
            accounts: MockAccountRepository::new(),
            session_tokens: MockSessionTokenRepository::new(),
            throttle: Arc::new(InMemoryThrottle::new()),
            hasher: MockPasswordHasher::new(),
            now: t0(),
        }
    }

    fn service(self) -> AuthService {
        let mut secrets = MockSecretGenerator::new();
        secrets.expect_random_token().returning(|| "opaque".into());
        let mut digester = MockSecretDigester::new();
        digester
            .expect_digest()
            .returning(|s| format!("digest({s})"));
        let ports = AuthPorts {
            accounts: Arc::new(self.accounts),
            sessions: Arc::new(MockSessionRepository::new()),
            session_tokens: Arc::new(self.session_tokens),
            throttle: self.throttle,
            hasher: Arc::new(self.hasher),
            tokens: Arc::new(MockTokenIssuer::new()),
            verifier: Arc::new(MockTokenVerifier::new()),
            secrets: Arc::new(secrets),
            digester: Arc::new(digester),
            unit_of_work: Arc::new(MockedUnitOfWork::new(MockStoreTransaction::new())),
            clock: Arc::new(clock_at(self.now)),
        };
        AuthService::new(ports, settings())
    }
}

fn settings() -> AuthSettings {
    AuthSettings {
        session_token: SessionTokenLifetime {
            idle: Duration::minutes(30),
            absolute: Duration::days(1),
        },
        ..AuthSettings::default()
    }
}

fn player(id: i64, login_id: &str) -> Account {
    let mut account = account(id, "player@example.com");
    account.login_id = Some(LoginId::parse(login_id).unwrap());
    account
}

fn token_session(created: chrono::DateTime<chrono::Utc>) -> Session {
    let mut found = session(7, 1);
    found.created_at = created;
    found.last_used_at = created;
    found.expires_at = created + Duration::minutes(30);
    found
}

#[tokio::test]
async fn signing_in_stores_only_the_digest_with_the_idle_deadline() {
    let mut f = Fixture::new();
    f.accounts
        .expect_find_by_login_id()
        .returning(|_| Ok(Some(player(1, "gksxodnd"))));
    f.hasher.expect_verify().returning(|_, _| Ok(true));
    f.session_tokens
        .expect_create()
        .withf(|new, digest| {
            digest == "digest(opaque)"
                && new.account_id == AccountId(1)
                && new.expires_at == t0() + Duration::minutes(30)
        })
        .times(1)
        .returning(|_, _| Ok(token_session(t0())));
    let grant = f
        .service()
        .sign_in_with_session_token(LoginCommand {
            identifier: LoginIdentifier::parse("gksxodnd"),
            password: "correct horse".into(),
            client: ClientInfo::default(),
        })
        .await
        .unwrap();
    assert_eq!(grant.token, "opaque");
    assert_eq!(grant.session_id, SessionId(7));
    assert!(!format!("{grant:?}").contains("opaque"));
}

#[tokio::test]
async fn a_wrong_password_opens_nothing() {
    let mut f = Fixture::new();
    let throttle = f.throttle.clone();
    f.accounts
        .expect_find_by_login_id()
        .returning(|_| Ok(Some(player(1, "gksxodnd"))));
    f.hasher.expect_verify().returning(|_, _| Ok(false));
    f.session_tokens.expect_create().never();
    let refused = f
        .service()
        .sign_in_with_session_token(LoginCommand {
            identifier: LoginIdentifier::parse("gksxodnd"),
            password: "wrong".into(),
            client: ClientInfo::default(),
        })
        .await;
    assert!(matches!(refused, Err(LoginError::InvalidCredentials)));
    assert_eq!(
        throttle.count("login:account:1"),
        1,
        "a failure like any other"
    );
}

#[tokio::test]
async fn the_token_with_its_own_user_id_authenticates_and_touches_when_due() {
    let mut f = Fixture::new();
    f.now = t0() + Duration::minutes(10);
    f.session_tokens
        .expect_find_with_account()
        .with(eq("digest(opaque)"))
        .returning(|_| Ok(Some((token_session(t0()), player(1, "gksxodnd")))));
    f.session_tokens
        .expect_touch()
        .with(
            eq(SessionId(7)),
            eq(t0() + Duration::minutes(10)),
            eq(t0() + Duration::minutes(40)),
        )
        .times(1)
        .returning(|_, _, _| Ok(()));
    let caller = f
        .service()
        .authenticate_session_token("opaque", Some("GKSXODND"))
        .await
        .unwrap();
    assert_eq!(
        (caller.account_id, caller.session_id),
        (AccountId(1), SessionId(7))
    );
}

#[tokio::test]
async fn a_use_within_the_touch_interval_writes_nothing() {
    let mut f = Fixture::new();
    f.now = t0() + Duration::seconds(30);
    f.session_tokens
        .expect_find_with_account()
        .returning(|_| Ok(Some((token_session(t0()), player(1, "gksxodnd")))));
    f.session_tokens.expect_touch().never();
    assert!(
        f.service()
            .authenticate_session_token("opaque", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn another_users_id_with_the_token_is_refused() {
    let mut f = Fixture::new();
    f.session_tokens
        .expect_find_with_account()
        .returning(|_| Ok(Some((token_session(t0()), player(1, "gksxodnd")))));
    f.session_tokens.expect_touch().never();
    let service = f.service();
    for claimed in ["someone", "", "not valid!"] {
        let refused = service
            .authenticate_session_token("opaque", Some(claimed))
            .await;
        assert!(
            matches!(refused, Err(SessionTokenError::UserMismatch)),
            "{claimed}"
        );
    }
}

#[tokio::test]
async fn unknown_idle_revoked_or_deleted_is_invalid() {
    let idle = {
        let mut s = token_session(t0());
        s.expires_at = t0() - Duration::seconds(1);
        s
    };
    let revoked = {
        let mut s = token_session(t0());
        s.revoked_at = Some(t0());
        s
    };
    let deleted = {
        let mut a = player(1, "gksxodnd");
        a.deleted_at = Some(t0());
        a
    };
    let cases = [
        None,
        Some((idle, player(1, "gksxodnd"))),
        Some((revoked, player(1, "gksxodnd"))),
        Some((token_session(t0()), deleted)),
    ];
    for found in cases {
        let mut f = Fixture::new();
        let label = format!("{found:?}");
        f.session_tokens
            .expect_find_with_account()
            .return_once(move |_| Ok(found));
        f.session_tokens.expect_touch().never();
        let refused = f
            .service()
            .authenticate_session_token("opaque", Some("gksxodnd"))
            .await;
        assert!(
            matches!(refused, Err(SessionTokenError::Invalid)),
            "{label}"
        );
    }
}
