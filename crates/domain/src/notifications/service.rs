use std::sync::Arc;

use super::model::NotificationSettings;
use super::ports::NotificationSettingsRepository;
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::clock::Clock;

#[derive(Debug, thiserror::Error)]
pub enum UpdateNotificationsError {
    /// No live account has this id (it was deleted after the caller authenticated).
    #[error("account does not exist")]
    AccountNotFound,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Reads and replaces a root user's notification settings.
pub struct NotificationService {
    notifications: Arc<dyn NotificationSettingsRepository>,
    clock: Arc<dyn Clock>,
}

impl NotificationService {
    pub fn new(
        notifications: Arc<dyn NotificationSettingsRepository>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            notifications,
            clock,
        }
    }

    /// The account's settings, the defaults (all off) when it never saved any.
    pub async fn settings(
        &self,
        account: AccountId,
    ) -> Result<NotificationSettings, UnexpectedError> {
        Ok(self.notifications.find(account).await?.unwrap_or_default())
    }

    /// Replaces all three switches at once (the Lux request carries every one of them).
    pub async fn update(
        &self,
        account: AccountId,
        settings: NotificationSettings,
    ) -> Result<NotificationSettings, UpdateNotificationsError> {
        if self
            .notifications
            .save(account, &settings, self.clock.now())
            .await?
        {
            Ok(settings)
        } else {
            Err(UpdateNotificationsError::AccountNotFound)
        }
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
