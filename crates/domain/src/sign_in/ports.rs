use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{PendingAuthorization, PendingRegistration, ProviderClaims};
use crate::UnexpectedError;
use crate::accounts::Account;
use crate::auth::{NewSession, Session};
use crate::identities::Provider;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The provider refused the code: unknown, used, expired, or the PKCE verifier does not
    /// match its challenge.
    #[error("the provider refused the authorization code")]
    CodeRefused,
    /// The ID token is not one to trust: bad signature, unknown key, another issuer or
    /// audience, expired, or not the nonce of this sign-in.
    #[error("the ID token is invalid: {0}")]
    InvalidIdToken(String),
    /// The provider could not be reached or answered nonsense.
    #[error("the provider is unavailable")]
    Unavailable(#[source] UnexpectedError),
}

/// An OpenID Connect provider (authorization code flow with PKCE S256).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait IdentityProvider: Send + Sync {
    fn provider(&self) -> Provider;

    /// Where to send the browser: the authorization endpoint with this `state`, `nonce` and
    /// the S256 challenge of `pkce_verifier`.
    fn authorization_url(&self, state: &str, nonce: &str, pkce_verifier: &str) -> String;

    /// Exchanges `code` (with `pkce_verifier`) for an ID token and returns its claims. MUST
    /// check the token's signature against the provider's published keys, its issuer, its
    /// audience (this client), its expiry, and that its `nonce` equals `nonce`.
    async fn exchange_code(
        &self,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<ProviderClaims, ExchangeError>;
}

/// Sign-ins waiting for the provider's callback.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PendingAuthorizationRepository: Send + Sync {
    /// Stores a pending sign-in; its state digest is new (a random state).
    async fn save(&self, pending: &PendingAuthorization) -> Result<(), UnexpectedError>;

    /// Removes the pending sign-in with this state digest and returns it if it had not expired
    /// at `now`. Single use: of concurrent takes of one state, at most one gets it; an expired
    /// one is removed and `None`.
    async fn take(
        &self,
        state_digest: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingAuthorization>, UnexpectedError>;

    /// Removes the pending sign-ins and registrations that expired before `now`; how many.
    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, UnexpectedError>;

    /// Stores a sign-up waiting for the user's missing fields; its token digest is new.
    async fn save_registration(
        &self,
        registration: &PendingRegistration,
    ) -> Result<(), UnexpectedError>;

    /// The pending sign-up with this token digest, if it has not expired at `now`.
    async fn find_registration(
        &self,
        token_digest: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingRegistration>, UnexpectedError>;

    /// Removes the pending sign-up (once it is completed).
    async fn remove_registration(&self, token_digest: &str) -> Result<(), UnexpectedError>;
}

/// Sessions of browsers, authenticated by a cookie whose secret is stored as a digest.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait BrowserSessionRepository: Send + Sync {
    /// Creates a session (like any other: listed, revoked, ended by log-out everywhere) and
    /// stores the digest of its cookie secret, in one transaction.
    async fn create(
        &self,
        session: &NewSession,
        cookie_digest: &str,
    ) -> Result<Session, UnexpectedError>;

    /// The session whose cookie has this digest, active or not, and its account, deleted or
    /// not, read together in one query.
    async fn find_with_account(
        &self,
        cookie_digest: &str,
    ) -> Result<Option<(Session, Account)>, UnexpectedError>;
}
