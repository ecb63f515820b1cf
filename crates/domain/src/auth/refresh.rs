use super::model::{NewRefreshToken, RotateOutcome, TokenPair};
use super::rotation::rotate_refresh_token;
use super::service::AuthService;
use crate::UnexpectedError;
use crate::accounts::LiveAccountError;
use crate::store::transact;
use crate::usage::{self, Usage};

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    /// Unknown, expired, revoked, reused, or its account is gone or banned.
    #[error("invalid refresh token")]
    InvalidToken,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl AuthService {
    /// Rotates a refresh token: the presented one is spent and its successor returned with a
    /// new access token. Reuse of a spent token revokes the whole family, except within the
    /// grace window, where the same successor is handed out again.
    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenPair, RefreshError> {
        let now = self.ports.clock.now();
        let presented = self.ports.digester.digest(refresh_token);
        let successor_token = self.ports.digester.successor_token(refresh_token);
        let successor = NewRefreshToken {
            token_digest: self.ports.digester.digest(&successor_token),
            expires_at: now + self.settings.refresh_token_ttl,
        };
        let grace = self.settings.refresh_grace;
        let outcome = transact::<_, UnexpectedError, _>(&*self.ports.unit_of_work, move |tx| {
            Box::pin(
                async move { rotate_refresh_token(tx, &presented, &successor, now, grace).await },
            )
        })
        .await?;
        let session = match outcome {
            RotateOutcome::Rotated(session) | RotateOutcome::GraceReplay(session) => session,
            // Reuse is logged where it is detected (`rotate_refresh_token`).
            RotateOutcome::ReuseDetected => {
                usage::count(Usage::RefreshReuseDetected);
                return Err(RefreshError::InvalidToken);
            }
            RotateOutcome::Invalid => return Err(RefreshError::InvalidToken),
        };
        let account = match self.ports.accounts.find_live(session.account_id).await {
            Ok(account) if account.is_banned() => return Err(RefreshError::InvalidToken),
            Ok(account) => account,
            Err(LiveAccountError::Unexpected(e)) => return Err(e.into()),
            Err(LiveAccountError::NotFound | LiveAccountError::Deleted) => {
                return Err(RefreshError::InvalidToken);
            }
        };
        usage::count(Usage::TokensRefreshed);
        Ok(self.token_pair(&account, &session, successor_token, now)?)
    }
}
