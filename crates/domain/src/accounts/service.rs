use std::sync::Arc;

use super::live::LiveAccountError;
use super::model::{Account, AccountId};
use super::ports::AccountRepository;
use super::register::RegistrationSettings;
use crate::UnexpectedError;
use crate::auth::PasswordHasher;
use crate::clock::Clock;
use crate::secrets::SecretGenerator;
use crate::throttle::ThrottleRepository;

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("account does not exist")]
    NotFound,
    #[error("account is deleted")]
    Deleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Sign-up and the own profile.
pub struct AccountService {
    pub(super) accounts: Arc<dyn AccountRepository>,
    pub(super) hasher: Arc<dyn PasswordHasher>,
    pub(super) throttle: Arc<dyn ThrottleRepository>,
    /// Draws the public id of each new account.
    pub(super) secrets: Arc<dyn SecretGenerator>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) registration: RegistrationSettings,
}

impl AccountService {
    pub fn new(
        accounts: Arc<dyn AccountRepository>,
        hasher: Arc<dyn PasswordHasher>,
        throttle: Arc<dyn ThrottleRepository>,
        secrets: Arc<dyn SecretGenerator>,
        clock: Arc<dyn Clock>,
        registration: RegistrationSettings,
    ) -> Self {
        Self {
            accounts,
            hasher,
            throttle,
            secrets,
            clock,
            registration,
        }
    }

    /// The caller's own account.
    pub async fn profile(&self, id: AccountId) -> Result<Account, ProfileError> {
        self.accounts.find_live(id).await.map_err(|e| match e {
            LiveAccountError::NotFound => ProfileError::NotFound,
            LiveAccountError::Deleted => ProfileError::Deleted,
            LiveAccountError::Unexpected(e) => ProfileError::Unexpected(e),
        })
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
