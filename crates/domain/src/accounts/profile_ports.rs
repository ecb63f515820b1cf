use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{Account, AccountId, ProfilePatch};
use crate::UnexpectedError;

/// Writes the own-profile fields of root user accounts.
///
/// Kept apart from `AccountRepository` only so that the adapters already written against that
/// trait keep compiling; it may be merged into it later. Adapters implement it over the same
/// accounts table (usually on the same type).
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
