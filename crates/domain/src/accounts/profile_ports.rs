use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{Account, AccountId, ProfilePatch};
use crate::UnexpectedError;

/// Writes the own-profile fields of root user accounts.
///
/// A port of its own beside `AccountRepository` (which creates, finds and deletes accounts):
/// the use cases that edit a profile need nothing else of the accounts table. Adapters
/// implement it over the same table, usually on the same type.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait AccountProfileRepository: Send + Sync {
    /// Sets the fields given in `patch`, and `updated_at = now`, on the live (not deleted)
    /// account with this id, and returns the account as updated; `None`, writing nothing, when
    /// no live account has this id.
    async fn update_profile(
        &self,
        id: AccountId,
        patch: &ProfilePatch,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>, UnexpectedError>;
}
