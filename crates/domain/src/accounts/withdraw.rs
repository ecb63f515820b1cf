use chrono::{DateTime, Utc};

use super::live::LiveAccountError;
use super::model::AccountId;
use super::root_user::RootUserService;
use crate::UnexpectedError;
use crate::auth::{SessionEnding, end_sessions};
use crate::delivery::{Locale, MessageParams, TemplateId};
use crate::outbox::OutgoingMessage;
use crate::security_events::{self, SecurityEvent, notice_channels};
use crate::store::{StoreTransaction, transact};
use crate::values::Email;

#[derive(Debug, thiserror::Error)]
pub enum WithdrawError {
    #[error("account does not exist")]
    AccountNotFound,
    /// Deleted before the request, or by a concurrent one.
    #[error("account is deleted")]
    AccountDeleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl RootUserService {
    /// Withdrawal: soft-deletes the caller's account and everything that cascades from it
    /// ([`withdrawal`]), in one transaction. The row and its history (child users, consent
    /// history) are kept. Once committed, it is a security event (`account_withdrawn`).
    pub async fn withdraw(&self, id: AccountId) -> Result<(), WithdrawError> {
        self.live_account(id).await.map_err(|e| match e {
            LiveAccountError::NotFound => WithdrawError::AccountNotFound,
            LiveAccountError::Deleted => WithdrawError::AccountDeleted,
            LiveAccountError::Unexpected(e) => WithdrawError::Unexpected(e),
        })?;
        let now = self.clock.now();
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                if withdrawal(tx, id, now).await? {
                    Ok(())
                } else {
                    Err(WithdrawError::AccountDeleted)
                }
            })
        })
        .await?;
        security_events::record(&SecurityEvent::AccountWithdrawn {
            account: id,
            notices: notice_channels(true, false),
        });
        Ok(())
    }
}

/// What withdrawing an account does, in the caller's transaction: the account is marked
/// deleted (its access tokens stop working, its email, login id and phone become free), all
/// its sessions end (and with them its push tokens), its child users are deleted and their
/// devices released so that a next owner can claim them, and a notice goes to its email
/// address ([`withdrawal_notice`], through the outbox: sent only if all this commits). False,
/// changing nothing, when the account is not live.
pub async fn withdrawal(
    tx: &mut dyn StoreTransaction,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, UnexpectedError> {
    if !tx.mark_account_deleted(account, now).await? {
        return Ok(false);
    }
    end_sessions(tx, account, SessionEnding::AllBut(None), now).await?;
    tx.release_devices_of_children(account, now).await?;
    tx.delete_children(account, now).await?;
    let withdrawn = tx
        .lock_account(account)
        .await?
        .ok_or_else(|| UnexpectedError::new("the account vanished while it was withdrawn"))?;
    let locale = Locale::of_account(withdrawn.locale.as_deref());
    tx.enqueue_message(&withdrawal_notice(&withdrawn.email, now, locale), now)
        .await?;
    Ok(true)
}

/// The email telling an account's address that the account was withdrawn at `at`, so that a
/// withdrawal by someone holding a stolen token does not go unnoticed. In `locale`, the
/// account's.
pub fn withdrawal_notice(to: &Email, at: DateTime<Utc>, locale: Locale) -> OutgoingMessage {
    OutgoingMessage::email(
        to.as_str(),
        TemplateId::AccountWithdrawn,
        locale,
        MessageParams::new().plain("at", at.format("%Y-%m-%d %H:%M UTC").to_string()),
    )
}

#[cfg(test)]
#[path = "withdraw_tests.rs"]
mod tests;
