use super::model::{Account, AccountId};
use super::ports::AccountRepository;
use crate::UnexpectedError;

/// Why an account cannot be acted on; each use case maps it into its own error.
#[derive(Debug, thiserror::Error)]
pub enum LiveAccountError {
    #[error("account does not exist")]
    NotFound,
    #[error("account is deleted")]
    Deleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl dyn AccountRepository {
    /// The account with this id if it exists and is not deleted: the one check every use case
    /// that acts on an account makes first.
    pub async fn find_live(&self, id: AccountId) -> Result<Account, LiveAccountError> {
        let account = self
            .find_by_id(id)
            .await?
            .ok_or(LiveAccountError::NotFound)?;
        if account.is_deleted() {
            return Err(LiveAccountError::Deleted);
        }
        Ok(account)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::accounts::MockAccountRepository;
    use crate::testing::{account, t0};

    fn holding(found: Option<Account>) -> Arc<dyn AccountRepository> {
        let mut accounts = MockAccountRepository::new();
        accounts.expect_find_by_id().return_once(move |_| Ok(found));
        Arc::new(accounts)
    }

    #[tokio::test]
    async fn only_an_existing_account_that_is_not_deleted_is_live() {
        let live = account(1, "a@example.com");
        let found = holding(Some(live.clone())).find_live(AccountId(1)).await;
        assert_eq!(found.ok(), Some(live.clone()));

        let missing = holding(None).find_live(AccountId(1)).await;
        assert!(matches!(missing, Err(LiveAccountError::NotFound)));

        let mut gone = live;
        gone.deleted_at = Some(t0());
        let deleted = holding(Some(gone)).find_live(AccountId(1)).await;
        assert!(matches!(deleted, Err(LiveAccountError::Deleted)));
    }
}
