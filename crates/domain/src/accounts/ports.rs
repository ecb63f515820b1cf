use async_trait::async_trait;

use super::model::{Account, AccountId, NewAccount};
use crate::UnexpectedError;
use crate::values::{Email, LoginId};

#[derive(Debug, thiserror::Error)]
pub enum CreateAccountError {
    #[error("email already exists")]
    EmailTaken,
    #[error("login id already exists")]
    LoginIdTaken,
    #[error("nickname already exists")]
    NicknameTaken,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Stores root user accounts.
///
/// Email and login id are unique case-insensitively among accounts that are not deleted: a
/// soft-deleted account releases them for re-registration.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait AccountRepository: Send + Sync {
    /// Inserts the account with `email_verified = false`, `tokens_valid_after = now`,
    /// `password_changed_at = now` when a password hash is given.
    /// MUST return `EmailTaken` / `LoginIdTaken` / `NicknameTaken` when a live account holds
    /// that email / login id / nickname, also when two registrations race (exactly one wins).
    async fn create(&self, account: &NewAccount) -> Result<Account, CreateAccountError>;

    /// The account with this id, deleted or not; `None` if there never was one.
    async fn find_by_id(&self, id: AccountId) -> Result<Option<Account>, UnexpectedError>;

    /// The live (not deleted) account holding this email, compared case-insensitively.
    async fn find_by_email(&self, email: &Email) -> Result<Option<Account>, UnexpectedError>;

    /// The live (not deleted) account holding this login id, compared case-insensitively.
    async fn find_by_login_id(
        &self,
        login_id: &LoginId,
    ) -> Result<Option<Account>, UnexpectedError>;
}
