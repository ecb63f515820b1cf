use super::model::AccountId;
use super::root_user::{LiveAccountError, RootUserService};
use crate::UnexpectedError;

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
    /// Withdrawal: soft-deletes the caller's account (`AccountRepository::soft_delete`). In one
    /// transaction its sessions are revoked (and with them its push tokens), access tokens stop
    /// working, and its email, login id and phone number become free for a new account. The row
    /// and everything attached to it (child users, consent history) are kept.
    pub async fn withdraw(&self, id: AccountId) -> Result<(), WithdrawError> {
        self.live_account(id).await.map_err(|e| match e {
            LiveAccountError::NotFound => WithdrawError::AccountNotFound,
            LiveAccountError::Deleted => WithdrawError::AccountDeleted,
            LiveAccountError::Unexpected(e) => WithdrawError::Unexpected(e),
        })?;
        if !self.accounts.soft_delete(id, self.clock.now()).await? {
            return Err(WithdrawError::AccountDeleted);
        }
        tracing::info!(account = id.0, "account withdrawn");
        Ok(())
    }
}
