use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::NotificationSettings;
use crate::UnexpectedError;
use crate::accounts::AccountId;

/// Stores each root user's notification settings (one row per account, created on first save).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait NotificationSettingsRepository: Send + Sync {
    /// The saved settings of the account; `None` when it never saved any (the defaults apply)
    /// or there is no such account.
    async fn find(
        &self,
        account: AccountId,
    ) -> Result<Option<NotificationSettings>, UnexpectedError>;

    /// Stores `settings` as the account's settings (insert or replace), with `updated_at = now`.
    /// Returns false, writing nothing, when no live (not deleted) account has this id.
    async fn save(
        &self,
        account: AccountId,
        settings: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError>;
}
