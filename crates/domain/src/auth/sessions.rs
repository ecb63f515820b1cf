use chrono::{DateTime, Utc};

use super::ending::{SessionEnding, end_sessions};
use super::model::{Principal, Session, SessionId};
use super::service::AuthService;
use crate::UnexpectedError;
use crate::security_events::{self, RevocationScope, SecurityEvent};
use crate::store::{UnitOfWork, transact};

#[derive(Debug, thiserror::Error)]
pub enum RevokeSessionError {
    /// Not one of the caller's active sessions.
    #[error("session not found")]
    NotFound,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl AuthService {
    /// Ends the caller's current session (its refresh tokens and access tokens).
    pub async fn logout(&self, principal: &Principal) -> Result<(), UnexpectedError> {
        self.revoke(principal, Revocation::Logout).await?;
        Ok(())
    }

    pub async fn list_sessions(
        &self,
        principal: &Principal,
    ) -> Result<Vec<Session>, UnexpectedError> {
        self.ports
            .sessions
            .list_active(principal.account_id, self.ports.clock.now())
            .await
    }

    pub async fn revoke_session(
        &self,
        principal: &Principal,
        session: SessionId,
    ) -> Result<(), RevokeSessionError> {
        if self.revoke(principal, Revocation::One(session)).await? > 0 {
            Ok(())
        } else {
            Err(RevokeSessionError::NotFound)
        }
    }

    /// Ends every session of the caller but the current one. Returns how many ended.
    pub async fn revoke_other_sessions(
        &self,
        principal: &Principal,
    ) -> Result<u64, UnexpectedError> {
        self.revoke(principal, Revocation::AllOthers).await
    }

    async fn revoke(
        &self,
        principal: &Principal,
        revocation: Revocation,
    ) -> Result<u64, UnexpectedError> {
        let now = self.ports.clock.now();
        revoke(&*self.ports.unit_of_work, principal, revocation, now).await
    }
}

/// Which of the caller's sessions to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Revocation {
    /// The current one.
    Logout,
    /// This one, if it is the caller's and active.
    One(SessionId),
    /// All but the current one.
    AllOthers,
}

/// Ends the caller's sessions that `revocation` names ([`end_sessions`], in one transaction)
/// and returns how many were active; when any were, the revocation is a security event
/// (`sessions_revoked`), logged once it is committed.
async fn revoke(
    unit_of_work: &dyn UnitOfWork,
    principal: &Principal,
    revocation: Revocation,
    now: DateTime<Utc>,
) -> Result<u64, UnexpectedError> {
    let (ending, scope) = match revocation {
        Revocation::Logout => (
            SessionEnding::One(principal.session_id),
            RevocationScope::Logout,
        ),
        Revocation::One(session) => (SessionEnding::One(session), RevocationScope::One),
        Revocation::AllOthers => (
            SessionEnding::AllBut(Some(principal.session_id)),
            RevocationScope::AllOthers,
        ),
    };
    let account = principal.account_id;
    let revoked = transact(unit_of_work, move |tx| {
        Box::pin(async move { end_sessions(tx, account, ending, now).await })
    })
    .await?;
    if revoked > 0 {
        security_events::record(&SecurityEvent::SessionsRevoked {
            account,
            session: principal.session_id,
            scope,
            revoked,
        });
    }
    Ok(revoked)
}

#[cfg(test)]
#[path = "sessions_tests.rs"]
mod tests;
