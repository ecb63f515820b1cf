//! Requests authenticated by the browser session cookie the sign-in flow ends with.

use super::service::SignInService;
use crate::auth::{AuthenticateError, Principal};

impl SignInService {
    /// The caller of a browser session cookie: its session must be active and its account
    /// live. An unknown cookie is `InvalidToken`.
    pub async fn authenticate_cookie(&self, secret: &str) -> Result<Principal, AuthenticateError> {
        let now = self.ports.clock.now();
        let digest = self.ports.digester.digest(secret);
        let (session, account) = self
            .ports
            .browser_sessions
            .find_with_account(&digest)
            .await?
            .ok_or(AuthenticateError::InvalidToken)?;
        if account.is_deleted() {
            return Err(AuthenticateError::AccountDeleted);
        }
        if !session.is_active(now) {
            return Err(AuthenticateError::SessionEnded);
        }
        Ok(Principal {
            account_id: account.id,
            session_id: session.id,
            roles: account.roles.clone(),
            account,
        })
    }
}
