use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{NewSession, Session, SessionId};
use crate::UnexpectedError;
use crate::accounts::Account;

/// Stores sessions whose credential is an opaque token sent in a header (SG-Finder's
/// `session-token`) instead of a refresh-token family: the same session rows (listed, revoked
/// and ended like any other), with the keyed digest of the token on the row.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait SessionTokenRepository: Send + Sync {
    /// Creates the session with `token_digest` as its credential; `session.expires_at` is its
    /// first idle deadline. Digests are unique (a random token of 256 bits never repeats).
    async fn create(
        &self,
        session: &NewSession,
        token_digest: &str,
    ) -> Result<Session, UnexpectedError>;

    /// The session whose credential has this digest, active or not, and its account, deleted
    /// or not, read together in one query.
    async fn find_with_account(
        &self,
        token_digest: &str,
    ) -> Result<Option<(Session, Account)>, UnexpectedError>;

    /// Sets `last_used_at = now` and `expires_at` on the session if it is still not revoked
    /// (a session revoked meanwhile stays revoked and keeps its times).
    async fn touch(
        &self,
        session: SessionId,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), UnexpectedError>;
}
