//! The sign-in use cases over mocked ports: one test per decision and per error.

use std::sync::Arc;

use mockall::predicate::eq;

use super::*;
use crate::UnexpectedError;
use crate::accounts::{Account, AccountId, MockAccountRepository, RegisterType};
use crate::auth::{AuthenticateError, ClientInfo};
use crate::identities::{
    CreateLinkedAccountError, ExternalIdentity, LinkIdentityError, MockLinkedIdentityRepository,
    Provider,
};
use crate::secrets::{MockSecretDigester, MockSecretGenerator};
use crate::testing::{account, clock_at, principal, session, t0};
use crate::throttle::{InMemoryThrottle, ThrottleKey};

fn identity() -> ExternalIdentity {
    ExternalIdentity {
        provider: Provider::Google,
        subject: "google-sub-1".into(),
    }
}

fn claims(email: Option<&str>, verified: bool, name: Option<&str>) -> ProviderClaims {
    ProviderClaims {
        identity: identity(),
        email: email.map(str::to_owned),
        email_verified: verified,
        name: name.map(str::to_owned),
        picture: None,
        locale: None,
    }
}

fn pending() -> PendingAuthorization {
    PendingAuthorization {
        state_digest: "digest:state-1".into(),
        provider: Provider::Google,
        nonce: "nonce-1".into(),
        pkce_verifier: "verifier-1".into(),
        created_at: t0(),
        expires_at: t0() + chrono::Duration::minutes(10),
    }
}

fn callback() -> Callback {
    Callback {
        code: Some("code-1".into()),
        state: Some("state-1".into()),
        error: None,
        browser_state: Some("state-1".into()),
    }
}

fn google_account(id: i64, email: &str) -> Account {
    let mut account = account(id, email);
    account.password_hash = None;
    account.register_type = RegisterType::Google;
    account
}

/// The mocks of one test; `service()` builds the use cases over them.
struct Fixture {
    provider: MockIdentityProvider,
    pending: MockPendingAuthorizationRepository,
    identities: MockLinkedIdentityRepository,
    accounts: MockAccountRepository,
    browser_sessions: MockBrowserSessionRepository,
    /// Counters in memory, empty at first (nothing is throttled).
    throttle: Arc<InMemoryThrottle>,
}

impl Fixture {
    fn new() -> Self {
        let mut provider = MockIdentityProvider::new();
        provider.expect_provider().return_const(Provider::Google);
        Self {
            provider,
            pending: MockPendingAuthorizationRepository::new(),
            identities: MockLinkedIdentityRepository::new(),
            accounts: MockAccountRepository::new(),
            browser_sessions: MockBrowserSessionRepository::new(),
            throttle: Arc::new(InMemoryThrottle::new()),
        }
    }

    /// The callback's state is found once and the provider answers `answer`.
    fn exchanging(
        mut self,
        answer: impl Fn() -> Result<ProviderClaims, ExchangeError> + Send + 'static,
    ) -> Self {
        self.pending
            .expect_take()
            .with(eq("digest:state-1"), eq(t0()))
            .times(1)
            .returning(|_, _| Ok(Some(pending())));
        self.provider
            .expect_exchange_code()
            .with(eq("code-1"), eq("verifier-1"), eq("nonce-1"))
            .times(1)
            .returning(move |_, _, _| answer());
        self
    }

    fn opening_session(mut self, account: i64) -> Self {
        self.browser_sessions
            .expect_create()
            .withf(move |new, digest| {
                new.account_id == AccountId(account) && digest == "digest:secret"
            })
            .times(1)
            .returning(move |_, _| Ok(session(9, account)));
        self
    }

    fn service(self) -> SignInService {
        let mut secrets = MockSecretGenerator::new();
        secrets.expect_random_token().returning(|| "secret".into());
        secrets
            .expect_random_hex()
            .returning(|_| crate::testing::PUBLIC_ID.into());
        let mut digester = MockSecretDigester::new();
        digester
            .expect_digest()
            .returning(|secret| format!("digest:{secret}"));
        SignInService::new(
            SignInPorts {
                providers: vec![Arc::new(self.provider)],
                pending: Arc::new(self.pending),
                identities: Arc::new(self.identities),
                accounts: Arc::new(self.accounts),
                browser_sessions: Arc::new(self.browser_sessions),
                throttle: self.throttle,
                secrets: Arc::new(secrets),
                digester: Arc::new(digester),
                clock: Arc::new(clock_at(t0())),
            },
            SignInSettings::default(),
        )
    }
}

fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("10.0.0.1".into()),
        user_agent: None,
    }
}

#[tokio::test]
async fn start_keeps_the_state_as_a_digest_with_a_nonce_and_verifier() {
    let mut fx = Fixture::new();
    let throttle = fx.throttle.clone();
    fx.pending.expect_purge_expired().returning(|_| Ok(0));
    fx.pending
        .expect_save()
        .withf(|p| {
            p.state_digest == "digest:secret"
                && p.provider == Provider::Google
                && p.expires_at == t0() + chrono::Duration::minutes(10)
        })
        .times(1)
        .returning(|_| Ok(()));
    fx.provider
        .expect_authorization_url()
        .with(eq("secret"), eq("secret"), eq("secret"))
        .returning(|_, _, _| "https://provider/authorize?x".into());
    let started = fx.service().start("google", &client()).await;
    let started = started.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(started.redirect_url, "https://provider/authorize?x");
    assert_eq!(started.state, "secret");
    assert_eq!(throttle.count("oauth_start:ip:10.0.0.1"), 1);
}

#[tokio::test]
async fn start_refuses_an_unknown_provider_and_a_throttled_ip() {
    let fx = Fixture::new();
    let throttle = fx.throttle.clone();
    let result = fx.service().start("facebook", &client()).await;
    assert!(matches!(result, Err(StartSignInError::UnknownProvider)));
    assert!(throttle.names().is_empty(), "{:?}", throttle.names());

    let fx = Fixture::new();
    let until = t0() + chrono::Duration::minutes(5);
    let key = ThrottleKey::per_ip("oauth_start:ip", "10.0.0.1");
    fx.throttle.block(&key, until);
    let result = fx.service().start("google", &client()).await;
    assert!(
        matches!(result, Err(StartSignInError::Throttled { retry_at }) if retry_at == until),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_callback_without_the_browsers_state_is_refused_before_the_store_is_asked() {
    for browser_state in [None, Some("state-2".to_owned())] {
        let fx = Fixture::new();
        let callback = Callback {
            browser_state,
            ..callback()
        };
        let result = fx.service().complete("google", callback, &client()).await;
        assert!(matches!(result, Err(CompleteSignInError::InvalidState)));
    }
    let fx = Fixture::new();
    let no_state = Callback {
        state: None,
        ..callback()
    };
    let result = fx.service().complete("google", no_state, &client()).await;
    assert!(matches!(result, Err(CompleteSignInError::InvalidState)));
}

#[tokio::test]
async fn a_used_or_expired_state_is_refused() {
    let mut fx = Fixture::new();
    fx.pending.expect_take().returning(|_, _| Ok(None));
    let result = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(result, Err(CompleteSignInError::InvalidState)));
}

#[tokio::test]
async fn a_provider_error_consumes_the_state_and_is_denied() {
    let mut fx = Fixture::new();
    fx.pending
        .expect_take()
        .times(1)
        .returning(|_, _| Ok(Some(pending())));
    let declined = Callback {
        code: None,
        error: Some("access_denied".into()),
        ..callback()
    };
    let result = fx.service().complete("google", declined, &client()).await;
    assert!(matches!(result, Err(CompleteSignInError::ProviderDenied)));
}

#[tokio::test]
async fn exchange_failures_are_told_apart() {
    let fx = Fixture::new().exchanging(|| Err(ExchangeError::CodeRefused));
    let result = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(result, Err(CompleteSignInError::CodeRefused)));

    let fx = Fixture::new().exchanging(|| Err(ExchangeError::InvalidIdToken("aud".into())));
    let result = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(result, Err(CompleteSignInError::InvalidIdToken)));

    let fx =
        Fixture::new().exchanging(|| Err(ExchangeError::Unavailable(UnexpectedError::new("down"))));
    let result = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(
        result,
        Err(CompleteSignInError::ProviderUnavailable(_))
    ));
}

#[tokio::test]
async fn a_linked_identity_signs_in_to_its_account() {
    let mut fx = Fixture::new()
        .exchanging(|| Ok(claims(Some("a@example.com"), true, Some("Kim"))))
        .opening_session(7);
    fx.identities
        .expect_find_account()
        .returning(|_| Ok(Some(AccountId(7))));
    fx.accounts
        .expect_find_by_id()
        .with(eq(AccountId(7)))
        .returning(|_| Ok(Some(google_account(7, "a@example.com"))));
    let outcome = fx.service().complete("google", callback(), &client()).await;
    match outcome {
        Ok(SignInOutcome::SignedIn(login)) => {
            assert_eq!(login.account.id, AccountId(7));
            assert_eq!(login.cookie_secret, "secret");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_linked_identity_of_a_deleted_account_is_refused() {
    let mut fx = Fixture::new().exchanging(|| Ok(claims(None, false, None)));
    fx.identities
        .expect_find_account()
        .returning(|_| Ok(Some(AccountId(7))));
    fx.accounts.expect_find_by_id().returning(|_| {
        let mut deleted = google_account(7, "a@example.com");
        deleted.deleted_at = Some(t0());
        Ok(Some(deleted))
    });
    let result = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(result, Err(CompleteSignInError::AccountDeleted)));
}

#[tokio::test]
async fn a_verified_address_links_the_account_holding_it() {
    let mut fx = Fixture::new()
        .exchanging(|| Ok(claims(Some("A@example.com"), true, Some("Kim"))))
        .opening_session(3);
    fx.identities.expect_find_account().returning(|_| Ok(None));
    fx.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(3, "a@example.com"))));
    fx.identities
        .expect_link()
        .with(eq(identity()), eq(AccountId(3)), eq(true), eq(t0()))
        .times(1)
        .returning(|_, _, _, _| Ok(()));
    fx.accounts
        .expect_find_by_id()
        .returning(|_| Ok(Some(account(3, "a@example.com"))));
    let outcome = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(outcome, Ok(SignInOutcome::SignedIn(l)) if l.account.id == AccountId(3)));
}

#[tokio::test]
async fn an_unverified_address_never_links_the_account_holding_it() {
    let mut fx =
        Fixture::new().exchanging(|| Ok(claims(Some("a@example.com"), false, Some("Kim"))));
    fx.identities.expect_find_account().returning(|_| Ok(None));
    fx.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(3, "a@example.com"))));
    fx.identities.expect_link().never();
    fx.identities.expect_create_account_with_identity().never();
    fx.pending
        .expect_save_registration()
        .withf(|r| r.token_digest == "digest:secret" && r.claims.identity == identity())
        .times(1)
        .returning(|_| Ok(()));
    let outcome = fx.service().complete("google", callback(), &client()).await;
    match outcome {
        Ok(SignInOutcome::NeedsRegistration { token, missing }) => {
            assert_eq!(token, "secret");
            assert_eq!(missing, [SignUpField::Email]);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_new_identity_creates_an_account_without_password() {
    let mut fx = Fixture::new()
        .exchanging(|| Ok(claims(Some("new@example.com"), true, Some("Kim Minji"))))
        .opening_session(11);
    fx.identities.expect_find_account().returning(|_| Ok(None));
    fx.accounts.expect_find_by_email().returning(|_| Ok(None));
    fx.identities
        .expect_create_account_with_identity()
        .withf(|new, verified, id| {
            new.password_hash.is_none()
                && new.register_type == RegisterType::Google
                && new.name.as_deref() == Some("Kim Minji")
                && *verified
                && *id == identity()
        })
        .times(1)
        .returning(|_, _, _| Ok(google_account(11, "new@example.com")));
    let outcome = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(outcome, Ok(SignInOutcome::SignedIn(l)) if l.account.id == AccountId(11)));
}

#[tokio::test]
async fn an_address_taken_meanwhile_asks_for_another() {
    let mut fx =
        Fixture::new().exchanging(|| Ok(claims(Some("new@example.com"), false, Some("Kim"))));
    fx.identities.expect_find_account().returning(|_| Ok(None));
    fx.accounts.expect_find_by_email().returning(|_| Ok(None));
    fx.identities
        .expect_create_account_with_identity()
        .returning(|_, _, _| Err(CreateLinkedAccountError::EmailTaken));
    fx.pending.expect_save_registration().returning(|_| Ok(()));
    let outcome = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(
        outcome,
        Ok(SignInOutcome::NeedsRegistration { missing, .. }) if missing == [SignUpField::Email]
    ));
}

#[tokio::test]
async fn too_little_information_keeps_the_claims_for_the_user_to_complete() {
    let mut fx = Fixture::new().exchanging(|| Ok(claims(None, false, None)));
    fx.identities.expect_find_account().returning(|_| Ok(None));
    fx.pending
        .expect_save_registration()
        .withf(|r| r.expires_at == t0() + chrono::Duration::minutes(30))
        .times(1)
        .returning(|_| Ok(()));
    let outcome = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(
        outcome,
        Ok(SignInOutcome::NeedsRegistration { missing, .. })
            if missing == [SignUpField::Name, SignUpField::Email]
    ));
}

fn pending_registration(claims: ProviderClaims) -> PendingRegistration {
    PendingRegistration {
        token_digest: "digest:reg".into(),
        claims,
        created_at: t0(),
        expires_at: t0() + chrono::Duration::minutes(30),
    }
}

#[tokio::test]
async fn a_signed_in_caller_cannot_register_and_the_sign_up_stays() {
    let mut fx = Fixture::new();
    fx.pending.expect_find_registration().never();
    fx.pending.expect_remove_registration().never();
    let caller = principal(7, &[]);
    let result = fx
        .service()
        .complete_registration(
            Some(&caller),
            "reg",
            RegistrationInput::default(),
            &client(),
        )
        .await;
    assert!(matches!(
        result,
        Err(CompleteRegistrationError::AlreadySignedIn)
    ));
}

#[tokio::test]
async fn registration_needs_a_pending_sign_up() {
    let mut fx = Fixture::new();
    fx.pending
        .expect_find_registration()
        .returning(|_, _| Ok(None));
    let result = fx
        .service()
        .complete_registration(None, "reg", RegistrationInput::default(), &client())
        .await;
    assert!(matches!(
        result,
        Err(CompleteRegistrationError::NoPendingRegistration)
    ));
}

#[tokio::test]
async fn registration_still_short_names_the_fields_and_keeps_the_sign_up() {
    let mut fx = Fixture::new();
    fx.pending
        .expect_find_registration()
        .returning(|_, _| Ok(Some(pending_registration(claims(None, false, None)))));
    fx.pending.expect_remove_registration().never();
    let input = RegistrationInput {
        name: Some("Kim".into()),
        ..Default::default()
    };
    let result = fx
        .service()
        .complete_registration(None, "reg", input, &client())
        .await;
    assert!(matches!(
        result,
        Err(CompleteRegistrationError::Insufficient(f)) if f == [SignUpField::Email]
    ));
}

#[tokio::test]
async fn registration_completes_creates_and_signs_in() {
    let mut fx = Fixture::new().opening_session(12);
    fx.pending
        .expect_find_registration()
        .with(eq("digest:reg"), eq(t0()))
        .returning(|_, _| Ok(Some(pending_registration(claims(None, false, None)))));
    fx.identities.expect_find_account().returning(|_| Ok(None));
    fx.accounts.expect_find_by_email().returning(|_| Ok(None));
    fx.identities
        .expect_create_account_with_identity()
        .withf(|new, verified, _| new.email.as_str() == "typed@example.com" && !*verified)
        .times(1)
        .returning(|_, _, _| Ok(google_account(12, "typed@example.com")));
    fx.pending
        .expect_remove_registration()
        .with(eq("digest:reg"))
        .times(1)
        .returning(|_| Ok(()));
    let input = RegistrationInput {
        name: Some("Kim Minji".into()),
        email: Some("typed@example.com".into()),
        ..Default::default()
    };
    let login = fx
        .service()
        .complete_registration(None, "reg", input, &client())
        .await;
    assert!(login.is_ok_and(|l| l.account.id == AccountId(12)));
}

#[tokio::test]
async fn a_typed_address_held_by_an_account_is_refused_not_linked() {
    let mut fx = Fixture::new();
    fx.pending
        .expect_find_registration()
        .returning(|_, _| Ok(Some(pending_registration(claims(None, true, Some("Kim"))))));
    fx.identities.expect_find_account().returning(|_| Ok(None));
    fx.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(3, "held@example.com"))));
    fx.identities.expect_link().never();
    let input = RegistrationInput {
        email: Some("held@example.com".into()),
        ..Default::default()
    };
    let result = fx
        .service()
        .complete_registration(None, "reg", input, &client())
        .await;
    assert!(matches!(
        result,
        Err(CompleteRegistrationError::Insufficient(f)) if f == [SignUpField::Email]
    ));
}

#[tokio::test]
async fn a_link_lost_to_a_race_asks_for_another_address() {
    let mut fx = Fixture::new().exchanging(|| Ok(claims(Some("a@example.com"), true, Some("Kim"))));
    fx.identities.expect_find_account().returning(|_| Ok(None));
    fx.accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(3, "a@example.com"))));
    fx.identities
        .expect_link()
        .returning(|_, _, _, _| Err(LinkIdentityError::IdentityTaken));
    fx.pending.expect_save_registration().returning(|_| Ok(()));
    let outcome = fx.service().complete("google", callback(), &client()).await;
    assert!(matches!(
        outcome,
        Ok(SignInOutcome::NeedsRegistration { .. })
    ));
}

#[tokio::test]
async fn a_browser_cookie_authenticates_only_an_active_session_of_a_live_account() {
    let mut fx = Fixture::new();
    fx.browser_sessions
        .expect_find_with_account()
        .with(eq("digest:good"))
        .returning(|_| Ok(Some((session(9, 7), account(7, "a@example.com")))));
    fx.browser_sessions
        .expect_find_with_account()
        .with(eq("digest:ended"))
        .returning(|_| {
            let mut ended = session(9, 7);
            ended.revoked_at = Some(t0());
            Ok(Some((ended, account(7, "a@example.com"))))
        });
    fx.browser_sessions
        .expect_find_with_account()
        .with(eq("digest:deleted"))
        .returning(|_| {
            let mut deleted = account(7, "a@example.com");
            deleted.deleted_at = Some(t0());
            Ok(Some((session(9, 7), deleted)))
        });
    fx.browser_sessions
        .expect_find_with_account()
        .returning(|_| Ok(None));
    let service = fx.service();
    let principal = service.authenticate_cookie("good").await;
    assert!(principal.is_ok_and(|p| p.account_id == AccountId(7)));
    assert!(matches!(
        service.authenticate_cookie("ended").await,
        Err(AuthenticateError::SessionEnded)
    ));
    assert!(matches!(
        service.authenticate_cookie("deleted").await,
        Err(AuthenticateError::AccountDeleted)
    ));
    assert!(matches!(
        service.authenticate_cookie("unknown").await,
        Err(AuthenticateError::InvalidToken)
    ));
}
