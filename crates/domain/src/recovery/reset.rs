//! A reset with the emailed token: the password set, the email verified, every session ended,
//! in one transaction.

use chrono::{DateTime, Utc};

use super::link_check::judge_token;
use super::service::PasswordResetService;
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::auth::{ClientInfo, SessionEnding, end_sessions};
use crate::security_events::{self, SecurityEvent};
use crate::store::{StoreTransaction, transact};
use crate::throttle::{refund, reserve};
use crate::values::{Email, LoginId, Password, PasswordError};

#[derive(Debug, thiserror::Error)]
pub enum ResetPasswordError {
    /// No token was sent to this address, or it is wrong, expired, used or out of attempts,
    /// or its account is gone: one answer for all.
    #[error("invalid token")]
    InvalidToken,
    #[error(transparent)]
    WeakPassword(PasswordError),
    /// Too many wrong tokens from this IP.
    #[error("too many wrong tokens")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// What presenting a token did ([`reset_with_token`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResetOutcome {
    /// The token was right and is spent: the password is set, the email verified and
    /// `revoked` sessions ended.
    Reset { account: AccountId, revoked: u64 },
    /// Refused. `guessed` when the token was wrong (an attempt used) or none was current: only
    /// those count against the client.
    Refused { guessed: bool },
    /// The token was right but the new password equals the account's login id: nothing
    /// changed, the token still works.
    SameAsLoginId,
}

/// What presenting a token for `target` does, in the caller's transaction: the current reset
/// token of the address is locked and judged; a wrong one uses an attempt; the right one, if
/// its account is still live and still holds the address, sets the password (every access
/// token issued before `now` stops working), marks the email verified (the reset proved it),
/// ends every session, and is consumed. A right token whose account is gone is consumed and
/// refused.
pub async fn reset_with_token(
    tx: &mut dyn StoreTransaction,
    target: &str,
    token_digest: &str,
    new_password: &Password,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<ResetOutcome, UnexpectedError> {
    let token = match judge_token(tx, target, token_digest, now).await? {
        Ok(token) => token,
        Err(guessed) => return Ok(ResetOutcome::Refused { guessed }),
    };
    let account = match token.account_id {
        Some(id) => tx.lock_account(id).await?,
        None => None,
    };
    let Some(account) =
        account.filter(|a| a.deleted_at.is_none() && a.email.normalized() == target)
    else {
        tx.consume_code(token.id, now).await?;
        return Ok(ResetOutcome::Refused { guessed: false });
    };
    if new_password
        .ensure_differs_from(account.login_id.as_ref().map(LoginId::as_str))
        .is_err()
    {
        return Ok(ResetOutcome::SameAsLoginId);
    }
    if !tx.set_password(account.id, password_hash, now).await? {
        tx.consume_code(token.id, now).await?;
        return Ok(ResetOutcome::Refused { guessed: false });
    }
    tx.mark_email_verified(account.id, now).await?;
    let revoked = end_sessions(tx, account.id, SessionEnding::AllBut(None), now).await?;
    tx.consume_code(token.id, now).await?;
    Ok(ResetOutcome::Reset {
        account: account.id,
        revoked,
    })
}

impl PasswordResetService {
    /// Sets a new password with the token emailed for `email` ([`reset_with_token`]). The new
    /// password is checked and hashed first; each attempt is reserved against the client's IP
    /// and given back unless the token was wrong.
    pub async fn reset_password(
        &self,
        email: &Email,
        token: &str,
        new_password: Password,
        client: &ClientInfo,
    ) -> Result<(), ResetPasswordError> {
        new_password
            .ensure_differs_from([email.as_str()])
            .map_err(ResetPasswordError::WeakPassword)?;
        let now = self.ports.clock.now();
        let ip_budget = self.token_budget(client);
        if let Some(retry_at) = reserve(&*self.ports.throttle, ip_budget.as_slice(), now).await? {
            return Err(ResetPasswordError::Throttled { retry_at });
        }
        let password_hash = self.ports.hasher.hash(&new_password).await?;
        let digest = self.ports.digester.digest(&typed_token(token));
        let target = email.normalized();
        let outcome = transact(&*self.ports.unit_of_work, move |tx| {
            Box::pin(async move {
                reset_with_token(tx, &target, &digest, &new_password, &password_hash, now).await
            })
        })
        .await?;
        if !matches!(outcome, ResetOutcome::Refused { guessed: true }) {
            refund(&*self.ports.throttle, ip_budget.as_slice(), now).await?;
        }
        match outcome {
            ResetOutcome::Reset { account, revoked } => {
                security_events::record(&SecurityEvent::PasswordReset {
                    account,
                    ip: client.ip.as_deref(),
                    revoked,
                });
                Ok(())
            }
            ResetOutcome::Refused { .. } => Err(ResetPasswordError::InvalidToken),
            ResetOutcome::SameAsLoginId => Err(ResetPasswordError::WeakPassword(
                PasswordError::SameAsIdentifier,
            )),
        }
    }
}

/// A token as typed back: spaces and dashes dropped, upper case, and the letters Crockford's
/// alphabet leaves out read as the digits they look like (`O` → `0`, `I` and `L` → `1`).
pub(crate) fn typed_token(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

#[cfg(test)]
#[path = "reset_tests.rs"]
mod tests;
