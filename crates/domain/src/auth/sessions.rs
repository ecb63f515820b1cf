use super::ending::{SessionEnding, end_sessions};
use super::model::{Principal, Session, SessionId};
use super::service::AuthService;
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::store::transact;

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
        let ending = SessionEnding::One(principal.session_id);
        self.end(principal.account_id, ending).await?;
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
        let ending = SessionEnding::One(session);
        if self.end(principal.account_id, ending).await? > 0 {
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
        let ending = SessionEnding::AllBut(Some(principal.session_id));
        self.end(principal.account_id, ending).await
    }

    /// Ends the account's sessions that `ending` names ([`end_sessions`], in one transaction);
    /// returns how many were active.
    async fn end(&self, account: AccountId, ending: SessionEnding) -> Result<u64, UnexpectedError> {
        let now = self.ports.clock.now();
        transact(&*self.ports.unit_of_work, move |tx| {
            Box::pin(async move { end_sessions(tx, account, ending, now).await })
        })
        .await
    }
}
