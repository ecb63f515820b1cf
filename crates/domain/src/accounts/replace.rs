//! An account's whole profile replaced at once (SG-Finder's `PUT /user/{userId}`, whose every
//! field is required): display name, birthdate, introduction, email and password. A password
//! other than the current one is the new password: every other session ends. A new email is
//! unverified, and a verification code goes to it.

use std::sync::Arc;

use super::administration::{AdministrationError, authorize};
use super::live::LiveAccountError;
use super::model::{Account, AccountId, ProfilePatch};
use super::ports::AccountRepository;
use crate::UnexpectedError;
use crate::auth::{ClientInfo, PasswordHasher, Principal, SessionEnding, end_sessions};
use crate::clock::Clock;
use crate::security_events::{self, SecurityEvent};
use crate::store::{UnitOfWork, transact};
use crate::values::{Birthdate, Email, Introduce, LoginId, Password, PasswordError};
use crate::verification::{SendCodeError, VerificationService};

/// Every field of the profile, as the caller wants it.
#[derive(Clone)]
pub struct AccountReplacement {
    /// The display name.
    pub name: String,
    pub email: Email,
    /// As typed: the current password (nothing changes) or a new one.
    pub password: String,
    pub birthdate: Birthdate,
    pub introduce: Introduce,
}

impl std::fmt::Debug for AccountReplacement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountReplacement")
            .field("email", &self.email)
            .field("password", &"..")
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReplaceAccountError {
    #[error("the caller may not act on this account")]
    Forbidden,
    #[error("account does not exist")]
    NotFound,
    #[error("account is deleted")]
    Deleted,
    /// Another live account holds the new email.
    #[error("email already exists")]
    EmailTaken,
    /// The new password breaks the password rules.
    #[error(transparent)]
    WeakPassword(PasswordError),
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl From<AdministrationError> for ReplaceAccountError {
    fn from(error: AdministrationError) -> Self {
        match error {
            AdministrationError::Forbidden => Self::Forbidden,
            AdministrationError::NotFound => Self::NotFound,
            AdministrationError::Deleted => Self::Deleted,
            AdministrationError::InvalidFields(_) => {
                Self::Unexpected(UnexpectedError::new("no fields are judged here"))
            }
            AdministrationError::Unexpected(e) => Self::Unexpected(e),
        }
    }
}

/// What [`AccountEditor::replace`] changes besides the plain fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replaced {
    pub email_changed: bool,
    pub password_changed: bool,
}

/// Replaces a profile whole.
pub struct AccountEditor {
    accounts: Arc<dyn AccountRepository>,
    hasher: Arc<dyn PasswordHasher>,
    unit_of_work: Arc<dyn UnitOfWork>,
    verification: Arc<VerificationService>,
    clock: Arc<dyn Clock>,
}

impl AccountEditor {
    pub fn new(
        accounts: Arc<dyn AccountRepository>,
        hasher: Arc<dyn PasswordHasher>,
        unit_of_work: Arc<dyn UnitOfWork>,
        verification: Arc<VerificationService>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            accounts,
            hasher,
            unit_of_work,
            verification,
            clock,
        }
    }

    /// Replaces account `target`'s profile (its owner, or ADMIN and STAFF: see
    /// [`authorize`]) and returns the account as stored, with what changed. Name, birthdate,
    /// introduction, email and password change in one transaction; a new password ends every
    /// session but the caller's; a new email is unverified and then gets a code (a code sent
    /// to it recently, or too many, hold the code back: the change stays).
    pub async fn replace(
        &self,
        caller: &Principal,
        target: AccountId,
        replacement: AccountReplacement,
        client: &ClientInfo,
    ) -> Result<(Account, Replaced), ReplaceAccountError> {
        authorize(caller, target)?;
        let account = if target == caller.account_id {
            caller.account.clone()
        } else {
            self.accounts.find_live(target).await.map_err(|e| match e {
                LiveAccountError::NotFound => ReplaceAccountError::NotFound,
                LiveAccountError::Deleted => ReplaceAccountError::Deleted,
                LiveAccountError::Unexpected(e) => ReplaceAccountError::Unexpected(e),
            })?
        };
        let new_hash = self.new_password_hash(&account, &replacement).await?;
        let email_changed = replacement.email.normalized() != account.email.normalized();
        let replaced = Replaced {
            email_changed,
            password_changed: new_hash.is_some(),
        };
        let keep = (target == caller.account_id).then_some(caller.session_id);
        let now = self.clock.now();
        let patch = ProfilePatch {
            name: Some(replacement.name.clone()),
            birthdate: Some(replacement.birthdate),
            introduce: Some(replacement.introduce.clone()),
            ..ProfilePatch::default()
        };
        let email = replacement.email.clone();
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                if tx.update_profile(target, &patch, now).await?.is_none() {
                    return Err(ReplaceAccountError::Deleted);
                }
                if email_changed {
                    if tx.email_held_elsewhere(target, &email).await? {
                        return Err(ReplaceAccountError::EmailTaken);
                    }
                    tx.set_unverified_email(target, &email, now).await?;
                }
                if let Some(hash) = new_hash {
                    tx.set_password(target, &hash, now).await?;
                    end_sessions(tx, target, SessionEnding::AllBut(keep), now).await?;
                }
                Ok(())
            })
        })
        .await?;
        if replaced.password_changed {
            security_events::record(&SecurityEvent::PasswordChanged {
                account: target,
                session: caller.session_id,
            });
        }
        if email_changed {
            self.send_code(&replacement.email, client).await;
        }
        let stored = self
            .accounts
            .find_by_id(target)
            .await?
            .ok_or(ReplaceAccountError::NotFound)?;
        Ok((stored, replaced))
    }

    /// The hash of the new password, or `None` when the one given is the current password.
    async fn new_password_hash(
        &self,
        account: &Account,
        replacement: &AccountReplacement,
    ) -> Result<Option<String>, ReplaceAccountError> {
        if let Some(current) = &account.password_hash
            && self.hasher.verify(&replacement.password, current).await?
        {
            return Ok(None);
        }
        let password =
            Password::parse(&replacement.password).map_err(ReplaceAccountError::WeakPassword)?;
        let identifiers = std::iter::once(replacement.email.as_str())
            .chain(account.login_id.as_ref().map(LoginId::as_str));
        password
            .ensure_differs_from(identifiers)
            .map_err(ReplaceAccountError::WeakPassword)?;
        Ok(Some(self.hasher.hash(&password).await?))
    }

    async fn send_code(&self, email: &Email, client: &ClientInfo) {
        match self.verification.send_email_code(email, client).await {
            Ok(()) => {}
            Err(SendCodeError::CoolingDown { .. } | SendCodeError::Throttled { .. }) => {
                tracing::info!("the changed email's code is held back by its limits");
            }
            Err(SendCodeError::Unexpected(cause)) => {
                tracing::error!(cause = ?cause, "the changed email's code was not sent");
            }
        }
    }
}

#[cfg(test)]
#[path = "replace_tests.rs"]
mod tests;
