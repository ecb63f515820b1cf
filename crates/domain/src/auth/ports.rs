use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{AccessClaims, NewRefreshToken, NewSession, Session, SessionId};
use crate::UnexpectedError;
use crate::accounts::{Account, AccountId};
use crate::values::Password;

/// Hashes and verifies passwords (argon2id). Implementations run the work off the async
/// workers with bounded concurrency.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// A PHC string.
    async fn hash(&self, password: &Password) -> Result<String, UnexpectedError>;
    /// True when `password` matches `phc`. A malformed `phc` is an error, not `false`.
    async fn verify(&self, password: &str, phc: &str) -> Result<bool, UnexpectedError>;
    /// A valid hash of a random secret, with the same parameters as `hash`: verifying against
    /// it costs what a real verification costs (for logins to unknown accounts).
    fn dummy_hash(&self) -> String;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("token is expired")]
    Expired,
    #[error("token is invalid")]
    Invalid,
}

/// Issues access tokens (signed JWTs) that a [`TokenVerifier`] of the same key accepts.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
pub trait TokenIssuer: Send + Sync {
    fn issue(&self, claims: &AccessClaims) -> Result<String, UnexpectedError>;
}

/// Checks access tokens (signed JWTs) made by a [`TokenIssuer`] of the same key.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
pub trait TokenVerifier: Send + Sync {
    /// MUST reject a token with another algorithm, type, issuer or audience, a bad signature,
    /// or one not yet valid (`Invalid`), and an expired one (`Expired`).
    fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<AccessClaims, TokenError>;
}

/// Stores sessions (refresh-token families) and their refresh tokens, by digest.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait SessionRepository: Send + Sync {
    /// Creates a session and its first refresh token in one transaction.
    async fn create(
        &self,
        session: &NewSession,
        token: &NewRefreshToken,
    ) -> Result<Session, UnexpectedError>;

    /// The session with this id, active or not.
    async fn find(&self, session: SessionId) -> Result<Option<Session>, UnexpectedError>;

    /// The session with this id, active or not, and its account, deleted or not, read
    /// together in one query: what authenticating a request needs.
    async fn find_with_account(
        &self,
        session: SessionId,
    ) -> Result<Option<(Session, Account)>, UnexpectedError>;

    /// Active (not revoked, not expired) sessions of the account, newest first.
    async fn list_active(
        &self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, UnexpectedError>;

    /// Deletes up to `limit` sessions that ended (were revoked or expired) before `before`,
    /// with everything that hangs on them: refresh tokens, push tokens, browser cookies. Returns
    /// how many sessions. The consent history keeps their ids (it has no link to them).
    async fn purge_ended(&self, before: DateTime<Utc>, limit: u32) -> Result<u64, UnexpectedError>;

    /// Deletes up to `limit` refresh tokens of sessions still on record that expired before
    /// `before` (rotated ones, and a last one nobody came back with), and returns how many. A
    /// token that is the successor of one kept stays, so that a chain is never cut in the
    /// middle.
    async fn purge_expired_refresh_tokens(
        &self,
        before: DateTime<Utc>,
        limit: u32,
    ) -> Result<u64, UnexpectedError>;
}
