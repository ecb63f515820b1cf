//! An account acted on by id (the `/accounts/{id}` paths): read, changed or deleted by its
//! owner, or by ADMIN or STAFF for anyone ([`Principal::may_act_on`]); another caller's attempt
//! is refused and is a security event (`ownership_denied`). A public profile
//! (`/users/{id}/profile`) is readable by any signed-in caller.
//!
//! The use cases reuse the own-profile ones: the live-account check
//! ([`AccountRepository::find_live`](super::AccountRepository)), the profile update port and
//! the withdrawal unit of work ([`RootUserService::withdraw`]).

use chrono::NaiveDate;

use super::live::LiveAccountError;
use super::model::{Account, AccountId, ProfilePatch};
use super::root_user::RootUserService;
use super::update_profile::UpdateProfileError;
use super::withdraw::{WithdrawError, withdrawal};
use crate::UnexpectedError;
use crate::audit::{AuditAction, AuditOrigin};
use crate::auth::{ClientInfo, Principal};
use crate::security_events::{self, SecurityEvent, notice_channels};
use crate::store::transact;
use crate::values::{Birthdate, Gender};

/// What went wrong acting on an account by id.
#[derive(Debug, thiserror::Error)]
pub enum AdministrationError {
    #[error("account does not exist")]
    NotFound,
    /// The caller is neither the account's owner nor ADMIN or STAFF.
    #[error("the caller may not act on this account")]
    Forbidden,
    /// Deleted before the request, or while it ran.
    #[error("account is deleted")]
    Deleted,
    /// Fields of a change that break their rules, in the order of [`AccountField`].
    #[error("invalid fields: {0:?}")]
    InvalidFields(Vec<AccountField>),
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl From<LiveAccountError> for AdministrationError {
    fn from(error: LiveAccountError) -> Self {
        match error {
            LiveAccountError::NotFound => Self::NotFound,
            LiveAccountError::Deleted => Self::Deleted,
            LiveAccountError::Unexpected(e) => Self::Unexpected(e),
        }
    }
}

/// A field of an account change ([`AccountPatch`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccountField {
    Name,
    Gender,
    BirthDate,
}

/// A display name as the `/accounts` paths set it: trimmed, 2 to 20 characters, no control
/// characters. It is the display name (`name`), never split into first and last names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountName(String);

impl AccountName {
    pub const MIN_CHARS: usize = 2;
    pub const MAX_CHARS: usize = 20;

    pub fn parse(raw: &str) -> Option<Self> {
        let value = raw.trim();
        let chars = value.chars().count();
        let fits = (Self::MIN_CHARS..=Self::MAX_CHARS).contains(&chars);
        (fits && !value.chars().any(char::is_control)).then(|| Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A change of an account by id; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountPatch {
    pub name: Option<AccountName>,
    pub gender: Option<Gender>,
    pub birthdate: Option<Birthdate>,
}

impl AccountPatch {
    /// Parses the given fields by the `/accounts` rules: a name of 2 to 20 characters, gender
    /// `MALE` or `FEMALE` only, a birthdate written `yyyy-MM-dd` (not after `today`, not before
    /// 1900). Every field at fault is named, not just the first.
    pub fn parse(
        name: Option<&str>,
        gender: Option<&str>,
        birthdate: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, AdministrationError> {
        let mut invalid = Vec::new();
        let name = name.and_then(|raw| {
            let parsed = AccountName::parse(raw);
            if parsed.is_none() {
                invalid.push(AccountField::Name);
            }
            parsed
        });
        let gender = gender.and_then(|raw| {
            let parsed = match raw {
                "MALE" => Some(Gender::Male),
                "FEMALE" => Some(Gender::Female),
                _ => None,
            };
            if parsed.is_none() {
                invalid.push(AccountField::Gender);
            }
            parsed
        });
        let birthdate = birthdate.and_then(|raw| {
            let parsed = iso_birthdate(raw, today);
            if parsed.is_none() {
                invalid.push(AccountField::BirthDate);
            }
            parsed
        });
        if invalid.is_empty() {
            Ok(Self {
                name,
                gender,
                birthdate,
            })
        } else {
            Err(AdministrationError::InvalidFields(invalid))
        }
    }

    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.gender.is_none() && self.birthdate.is_none()
    }

    /// The names of the fields it changes, as the `/accounts` paths write them
    /// (`name,gender,birthDate`): what the audit log keeps of a change.
    pub fn field_names(&self) -> String {
        [
            (self.name.is_some(), "name"),
            (self.gender.is_some(), "gender"),
            (self.birthdate.is_some(), "birthDate"),
        ]
        .into_iter()
        .filter_map(|(given, field)| given.then_some(field))
        .collect::<Vec<_>>()
        .join(",")
    }
}

/// `yyyy-MM-dd` only (the Lux `yyyymmdd` form is not this path's).
fn iso_birthdate(raw: &str, today: NaiveDate) -> Option<Birthdate> {
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
    if raw.len() != 10 {
        return None;
    }
    Birthdate::from_date(date, today).ok()
}

/// Whether `caller` may act on account `target`: the owner, or ADMIN or STAFF. A refusal is a
/// security event (`ownership_denied`, resource `account`).
pub fn authorize(caller: &Principal, target: AccountId) -> Result<(), AdministrationError> {
    if caller.may_act_on(target) {
        return Ok(());
    }
    security_events::record(&SecurityEvent::OwnershipDenied {
        account: caller.account_id,
        session: caller.session_id,
        resource: "account",
        resource_id: target.0,
    });
    Err(AdministrationError::Forbidden)
}

impl RootUserService {
    /// Account `id`, for its owner (as authentication loaded it: not read again) or for ADMIN
    /// and STAFF. A caller who may not see it is refused before anything is read, so that
    /// whether an id exists is not told to them.
    pub async fn account_for(
        &self,
        caller: &Principal,
        id: AccountId,
    ) -> Result<Account, AdministrationError> {
        authorize(caller, id)?;
        if id == caller.account_id {
            return Ok(caller.account.clone());
        }
        Ok(self.live_account(id).await?)
    }

    /// Changes the fields given in `patch` on account `id` (see [`account_for`](Self::account_for)
    /// for who may) and returns it as updated; an empty patch changes nothing. ADMIN or STAFF
    /// changing another's account is an administrative action: the change and its audit entry
    /// (the names of the fields, never their values) are written in one transaction.
    pub async fn update_account(
        &self,
        caller: &Principal,
        client: &ClientInfo,
        id: AccountId,
        patch: AccountPatch,
    ) -> Result<Account, AdministrationError> {
        authorize(caller, id)?;
        let detail = patch.field_names();
        let profile = ProfilePatch {
            name: patch.name.map(|name| name.as_str().to_owned()),
            birthdate: patch.birthdate,
            gender: patch.gender,
            ..ProfilePatch::default()
        };
        if id == caller.account_id || profile.is_empty() {
            return self.update_profile(id, profile).await.map_err(|e| match e {
                UpdateProfileError::AccountNotFound => AdministrationError::NotFound,
                UpdateProfileError::AccountDeleted => AdministrationError::Deleted,
                UpdateProfileError::Unexpected(e) => AdministrationError::Unexpected(e),
            });
        }
        let origin = AuditOrigin::caller(caller, client);
        let now = self.clock.now();
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                let account = tx
                    .lock_account(id)
                    .await?
                    .ok_or(AdministrationError::NotFound)?;
                if account.is_deleted() {
                    return Err(AdministrationError::Deleted);
                }
                let updated = tx
                    .update_profile(id, &profile, now)
                    .await?
                    .ok_or(AdministrationError::Deleted)?;
                tx.append_audit(&origin.entry(AuditAction::AccountUpdated, id, Some(detail), now))
                    .await?;
                Ok(updated)
            })
        })
        .await
    }

    /// Deletes account `id` softly, as its withdrawal does ([`withdraw`](Self::withdraw): its
    /// sessions end, its child users are deleted, a notice goes to its address). See
    /// [`account_for`](Self::account_for) for who may. ADMIN or STAFF deleting another's
    /// account is an administrative action: the audit entry is written in the withdrawal's
    /// transaction.
    pub async fn delete_account(
        &self,
        caller: &Principal,
        client: &ClientInfo,
        id: AccountId,
    ) -> Result<(), AdministrationError> {
        authorize(caller, id)?;
        if id == caller.account_id {
            return self.withdraw(id).await.map_err(|e| match e {
                WithdrawError::AccountNotFound => AdministrationError::NotFound,
                WithdrawError::AccountDeleted => AdministrationError::Deleted,
                WithdrawError::Unexpected(e) => AdministrationError::Unexpected(e),
            });
        }
        self.live_account(id).await?;
        let origin = AuditOrigin::caller(caller, client);
        let now = self.clock.now();
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                if !withdrawal(tx, id, now).await? {
                    return Err(AdministrationError::Deleted);
                }
                tx.append_audit(&origin.entry(AuditAction::AccountDeleted, id, None, now))
                    .await?;
                Ok(())
            })
        })
        .await?;
        security_events::record(&SecurityEvent::AccountWithdrawn {
            account: id,
            notices: notice_channels(true, false),
        });
        Ok(())
    }

    /// The public profile of account `id` (name and image), for any signed-in caller; a deleted
    /// account has none.
    pub async fn public_profile(&self, id: AccountId) -> Result<Account, AdministrationError> {
        Ok(self.live_account(id).await?)
    }
}

#[cfg(test)]
#[path = "administration_tests.rs"]
mod tests;
