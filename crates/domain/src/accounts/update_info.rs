//! The personal information of the service user account document (`Info`): names, the account
//! nickname, the phone.

use super::model::{Account, ProfilePatch};
use super::root_user::RootUserService;
use crate::UnexpectedError;
use crate::auth::Principal;
use crate::store::transact;
use crate::values::{Nickname, PersonName, Phone};

/// The fields to change; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InfoPatch {
    pub first_name: Option<PersonName>,
    pub last_name: Option<PersonName>,
    pub nickname: Option<Nickname>,
    pub phone: Option<Phone>,
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateInfoError {
    /// Another live account holds the nickname.
    #[error("nickname already exists")]
    NicknameTaken,
    /// Deleted while the request ran.
    #[error("account is deleted")]
    AccountDeleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl RootUserService {
    /// Changes the given fields of the caller's account, in one transaction: a nickname another
    /// live account holds is refused; a phone number other than the account's is stored
    /// unchecked, the account's own number given again stays as it is (checked or not).
    pub async fn update_info(
        &self,
        caller: &Principal,
        info: InfoPatch,
    ) -> Result<Account, UpdateInfoError> {
        let current = &caller.account;
        let patch = info_to_profile(current, info);
        if patch.is_empty() {
            return Ok(current.clone());
        }
        let (id, now) = (caller.account_id, self.clock.now());
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                if let Some(nickname) = &patch.nickname
                    && tx.nickname_held_elsewhere(Some(id), nickname).await?
                {
                    return Err(UpdateInfoError::NicknameTaken);
                }
                tx.update_profile(id, &patch, now)
                    .await?
                    .ok_or(UpdateInfoError::AccountDeleted)
            })
        })
        .await
    }
}

/// The profile change `info` makes to `current`: only what differs.
fn info_to_profile(current: &Account, info: InfoPatch) -> ProfilePatch {
    let differs = |new: &Option<String>, stored: &Option<String>| new.is_some() && new != stored;
    let as_string = |name: &Option<PersonName>| name.as_ref().map(|n| n.as_str().to_owned());
    ProfilePatch {
        first_name: info
            .first_name
            .clone()
            .filter(|_| differs(&as_string(&info.first_name), &current.first_name)),
        last_name: info
            .last_name
            .clone()
            .filter(|_| differs(&as_string(&info.last_name), &current.last_name))
            .map(Some),
        nickname: info
            .nickname
            .filter(|n| current.nickname.as_deref() != Some(n.as_str())),
        phone: info.phone.filter(|p| current.phone.as_ref() != Some(p)),
        ..ProfilePatch::default()
    }
}

#[cfg(test)]
#[path = "update_info_tests.rs"]
mod tests;
