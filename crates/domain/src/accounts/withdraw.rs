use chrono::{DateTime, Utc};

use super::live::LiveAccountError;
use super::model::AccountId;
use super::root_user::RootUserService;
use crate::UnexpectedError;
use crate::auth::{SessionEnding, end_sessions};
use crate::store::{StoreTransaction, transact};

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
    /// history) are kept.
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
        tracing::info!(account = id.0, "account withdrawn");
        Ok(())
    }
}

/// What withdrawing an account does, in the caller's transaction: the account is marked
/// deleted (its access tokens stop working, its email, login id and phone become free), all
/// its sessions end (and with them its push tokens), its child users are deleted and their
/// devices released so that a next owner can claim them. False, changing nothing, when the
/// account is not live.
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
    Ok(true)
}
