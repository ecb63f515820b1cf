use super::live::LiveAccountError;
use super::model::{Account, AccountId, ProfilePatch};
use super::root_user::RootUserService;
use crate::UnexpectedError;

#[derive(Debug, thiserror::Error)]
pub enum UpdateProfileError {
    #[error("account does not exist")]
    AccountNotFound,
    /// Deleted before the request, or while it ran.
    #[error("account is deleted")]
    AccountDeleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl RootUserService {
    /// Changes the fields given in `patch` on the caller's account and returns it as updated;
    /// an empty patch changes nothing.
    pub async fn update_profile(
        &self,
        id: AccountId,
        patch: ProfilePatch,
    ) -> Result<Account, UpdateProfileError> {
        let account = self.live_account(id).await.map_err(|e| match e {
            LiveAccountError::NotFound => UpdateProfileError::AccountNotFound,
            LiveAccountError::Deleted => UpdateProfileError::AccountDeleted,
            LiveAccountError::Unexpected(e) => UpdateProfileError::Unexpected(e),
        })?;
        if patch.is_empty() {
            return Ok(account);
        }
        // `None`: deleted since it was read.
        self.profiles
            .update_profile(id, &patch, self.clock.now())
            .await?
            .ok_or(UpdateProfileError::AccountDeleted)
    }
}
