use super::live::LiveAccountError;
use super::model::{Account, AccountId};
use super::profile_view::ProfileView;
use super::root_user::RootUserService;
use crate::UnexpectedError;

#[derive(Debug, thiserror::Error)]
pub enum MeError {
    #[error("account does not exist")]
    AccountNotFound,
    #[error("account is deleted")]
    AccountDeleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl RootUserService {
    /// The caller's account with its notification settings (the defaults when never saved) and
    /// the `need_to_pwd_change` / `need_personal_info_update` hints, computed at the clock's now.
    pub async fn me(&self, id: AccountId) -> Result<ProfileView, MeError> {
        let account = self.live_account(id).await.map_err(|e| match e {
            LiveAccountError::NotFound => MeError::AccountNotFound,
            LiveAccountError::Deleted => MeError::AccountDeleted,
            LiveAccountError::Unexpected(e) => MeError::Unexpected(e),
        })?;
        Ok(self.me_of(account).await?)
    }

    /// [`me`](Self::me) for an account already loaded (by authentication): reads only its
    /// notification settings.
    pub async fn me_of(&self, account: Account) -> Result<ProfileView, UnexpectedError> {
        let notifications = self
            .notifications
            .find(account.id)
            .await?
            .unwrap_or_default();
        Ok(ProfileView::new(account, notifications, self.clock.now()))
    }
}
