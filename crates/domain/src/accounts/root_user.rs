use std::sync::Arc;

use super::live::LiveAccountError;
use super::model::{Account, AccountId};
use super::ports::AccountRepository;
use super::profile_ports::AccountProfileRepository;
use crate::clock::Clock;
use crate::notifications::NotificationSettingsRepository;
use crate::store::UnitOfWork;

/// The caller's own root user account: `me`, the profile update and withdrawal. The use cases
/// live in the sibling modules, one per file.
pub struct RootUserService {
    pub(super) accounts: Arc<dyn AccountRepository>,
    pub(super) profiles: Arc<dyn AccountProfileRepository>,
    pub(super) notifications: Arc<dyn NotificationSettingsRepository>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) unit_of_work: Arc<dyn UnitOfWork>,
}

impl RootUserService {
    pub fn new(
        accounts: Arc<dyn AccountRepository>,
        profiles: Arc<dyn AccountProfileRepository>,
        notifications: Arc<dyn NotificationSettingsRepository>,
        clock: Arc<dyn Clock>,
        unit_of_work: Arc<dyn UnitOfWork>,
    ) -> Self {
        Self {
            accounts,
            profiles,
            notifications,
            clock,
            unit_of_work,
        }
    }

    /// The account with this id if it exists and is not deleted.
    pub(super) async fn live_account(&self, id: AccountId) -> Result<Account, LiveAccountError> {
        self.accounts.find_live(id).await
    }
}

#[cfg(test)]
#[path = "root_user_tests.rs"]
mod tests;
