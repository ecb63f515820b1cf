use std::sync::Arc;

use super::model::PushToken;
use super::ports::PushTokenRepository;
use crate::UnexpectedError;
use crate::auth::Principal;
use crate::clock::Clock;
use crate::policies::PolicyRepository;
use crate::values::FcmToken;

#[derive(Debug, thiserror::Error)]
pub enum SetPushTokenError {
    /// The account has not agreed to push notifications (or withdrew its consent).
    #[error("push notifications are not agreed to")]
    PushNotAgreed,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Registers and removes the push token of the caller's app install.
pub struct PushService {
    tokens: Arc<dyn PushTokenRepository>,
    policies: Arc<dyn PolicyRepository>,
    clock: Arc<dyn Clock>,
}

impl PushService {
    pub fn new(
        tokens: Arc<dyn PushTokenRepository>,
        policies: Arc<dyn PolicyRepository>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            tokens,
            policies,
            clock,
        }
    }

    /// Stores `token` for the caller's current session, replacing the token that session held.
    /// Requires push consent. (Withdrawing consent deletes the account's tokens, see
    /// [`change_consents`](crate::policies::change_consents); a sender should still check
    /// consent when it sends, as a consent withdrawn while this runs can leave a token behind.)
    pub async fn set_token(
        &self,
        principal: &Principal,
        token: FcmToken,
    ) -> Result<PushToken, SetPushTokenError> {
        let agreed = self
            .policies
            .find(principal.account_id)
            .await?
            .is_some_and(|p| p.is_push_agree);
        if !agreed {
            return Err(SetPushTokenError::PushNotAgreed);
        }
        let now = self.clock.now();
        Ok(self
            .tokens
            .register(principal.account_id, principal.session_id, &token, now)
            .await?)
    }

    /// Forgets the push token of the caller's current session (the app turned pushes off on
    /// this install). Returns whether there was one.
    pub async fn remove_token(&self, principal: &Principal) -> Result<bool, UnexpectedError> {
        Ok(self.tokens.remove_for_session(principal.session_id).await? > 0)
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
