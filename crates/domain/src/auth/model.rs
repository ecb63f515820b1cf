use chrono::{DateTime, Utc};

use crate::accounts::{Account, AccountId};
use crate::values::Roles;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId(pub i64);

/// Where a request came from; recorded on sessions and used as the per-IP throttle key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// One log-in: the family of refresh tokens rotated from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: SessionId,
    pub account_id: AccountId,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    /// The family ends here whatever the rotations.
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Session {
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub account_id: AccountId,
    pub client: ClientInfo,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A refresh token as stored: only its keyed digest.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRefreshToken {
    pub token_digest: String,
    pub expires_at: DateTime<Utc>,
}

/// What happened when a refresh token was presented (see [`rotate_refresh_token`](super::rotate_refresh_token)).
#[derive(Debug, Clone, PartialEq)]
pub enum RotateOutcome {
    /// The token was current: it is now rotated and the successor stored.
    Rotated(Session),
    /// The token was rotated less than the grace window ago and its successor is still
    /// unused: the client lost the answer, hand it the same successor again.
    GraceReplay(Session),
    /// A rotated token came back outside the grace window: the whole family is now revoked.
    ReuseDetected,
    /// Unknown, expired, or of a revoked family.
    Invalid,
}

/// The claims of an access token (a JWT).
#[derive(Debug, Clone, PartialEq)]
pub struct AccessClaims {
    pub account_id: AccountId,
    pub session_id: SessionId,
    pub roles: Roles,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The authenticated caller of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Principal {
    pub account_id: AccountId,
    pub session_id: SessionId,
    /// The account's roles as stored now (not as the token says).
    pub roles: Roles,
    /// The caller's account as loaded by authentication, live: handed on to the use cases so
    /// that a request reads it once.
    pub account: Account,
}

impl Principal {
    /// A user may act on their own resources; ADMIN and STAFF on anyone's.
    pub fn may_act_on(&self, owner: AccountId) -> bool {
        self.account_id == owner || self.roles.is_staff()
    }
}

/// What a successful log-in or refresh hands the client. Its `Debug` hides the tokens.
#[derive(Clone, PartialEq)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: i64,
    pub account_id: AccountId,
    pub session_id: SessionId,
}

impl std::fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenPair")
            .field("access_token", &"..")
            .field("refresh_token", &"..")
            .field("expires_in", &self.expires_in)
            .field("account_id", &self.account_id)
            .field("session_id", &self.session_id)
            .finish()
    }
}
