use super::model::{Principal, Session, SessionId};
use super::service::AuthService;
use crate::UnexpectedError;

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
        let now = self.ports.clock.now();
        self.ports
            .sessions
            .revoke(principal.account_id, principal.session_id, now)
            .await?;
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
        let now = self.ports.clock.now();
        if self
            .ports
            .sessions
            .revoke(principal.account_id, session, now)
            .await?
        {
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
        let now = self.ports.clock.now();
        self.ports
            .sessions
            .revoke_all(principal.account_id, Some(principal.session_id), now)
            .await
    }
}
