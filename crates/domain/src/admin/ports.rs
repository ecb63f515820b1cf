use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{AccountPage, AccountQuery};
use crate::UnexpectedError;
use crate::accounts::AccountId;

/// Finds accounts for the administration.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait AccountDirectory: Send + Sync {
    /// The accounts matching every filter of `query` (email and names by case-insensitive
    /// substring; role held; state as [`AccountState::of`] tells it), by id ascending, the page
    /// it asks for, and how many match in all. `%` and `_` in the text are matched literally.
    ///
    /// [`AccountState::of`]: super::AccountState::of
    async fn search(&self, query: &AccountQuery) -> Result<AccountPage, UnexpectedError>;

    /// The ids of accounts deleted at or before `deleted_before` and not anonymised yet, the
    /// earliest deleted first, at most `limit`.
    async fn awaiting_anonymisation(
        &self,
        deleted_before: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<AccountId>, UnexpectedError>;
}
