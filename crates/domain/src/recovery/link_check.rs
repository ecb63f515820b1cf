//! Whether a reset link still works, asked by the page it opens before the new password is
//! typed: the token judged as a reset judges it, at the same price for a wrong one (a try of
//! the token, an attempt against the client's IP), and nothing else changes.

use chrono::{DateTime, Utc};

use super::reset::typed_token;
use super::service::PasswordResetService;
use crate::UnexpectedError;
use crate::auth::ClientInfo;
use crate::store::{StoreTransaction, transact};
use crate::throttle::{refund, reserve};
use crate::values::Email;
use crate::verification::{AttemptStep, CodePurpose, StoredCode, attempt_step};

#[derive(Debug, thiserror::Error)]
pub enum CheckResetLinkError {
    /// No token was sent to this address, or it is wrong, expired, used or out of attempts:
    /// one answer for all, as a reset gives.
    #[error("invalid token")]
    InvalidToken,
    /// Too many wrong tokens from this IP.
    #[error("too many wrong tokens")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// What presenting a token without a new password found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkCheck {
    /// The address's current token, unexpired, with tries left: untouched.
    Usable,
    /// Refused; `guessed` when the token was wrong (a try used) or none was current.
    Refused { guessed: bool },
}

/// Judges `token_digest` against the current reset token of `target`, in the caller's
/// transaction: a wrong one uses a try; a right one is left as it was.
pub async fn check_token(
    tx: &mut dyn StoreTransaction,
    target: &str,
    token_digest: &str,
    now: DateTime<Utc>,
) -> Result<LinkCheck, UnexpectedError> {
    Ok(match judge_token(tx, target, token_digest, now).await? {
        Ok(_) => LinkCheck::Usable,
        Err(guessed) => LinkCheck::Refused { guessed },
    })
}

/// The current reset token of `target`, locked, if `token_digest` is it, unexpired and with
/// tries left; else whether the refusal counts as a guess (a wrong token, which uses a try, or
/// none current).
pub(super) async fn judge_token(
    tx: &mut dyn StoreTransaction,
    target: &str,
    token_digest: &str,
    now: DateTime<Utc>,
) -> Result<Result<StoredCode, bool>, UnexpectedError> {
    let Some(token) = tx
        .lock_current_code(CodePurpose::PasswordReset, target)
        .await?
    else {
        return Ok(Err(true));
    };
    match attempt_step(&token.current, token_digest, now) {
        AttemptStep::Accept => Ok(Ok(token)),
        AttemptStep::Expired | AttemptStep::Exhausted => Ok(Err(false)),
        AttemptStep::Mismatch { .. } => {
            tx.use_code_attempt(token.id).await?;
            Ok(Err(true))
        }
    }
}

impl PasswordResetService {
    /// Whether the link emailed for `email` with `token` can still reset the password
    /// ([`check_token`]). Counted against the client's IP in the same budget as resets, and
    /// given back unless the token was wrong.
    pub async fn check_reset_link(
        &self,
        email: &Email,
        token: &str,
        client: &ClientInfo,
    ) -> Result<(), CheckResetLinkError> {
        let now = self.ports.clock.now();
        let ip_budget = self.token_budget(client);
        if let Some(retry_at) = reserve(&*self.ports.throttle, ip_budget.as_slice(), now).await? {
            return Err(CheckResetLinkError::Throttled { retry_at });
        }
        let digest = self.ports.digester.digest(&typed_token(token));
        let target = email.normalized();
        let check = transact(&*self.ports.unit_of_work, move |tx| {
            Box::pin(async move { check_token(tx, &target, &digest, now).await })
        })
        .await?;
        if check != (LinkCheck::Refused { guessed: true }) {
            refund(&*self.ports.throttle, ip_budget.as_slice(), now).await?;
        }
        match check {
            LinkCheck::Usable => Ok(()),
            LinkCheck::Refused { .. } => Err(CheckResetLinkError::InvalidToken),
        }
    }
}

#[cfg(test)]
#[path = "link_check_tests.rs"]
mod tests;
