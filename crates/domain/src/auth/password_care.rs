//! Password care for a signed-in caller: the password asked again before a sensitive act
//! (verify, delete), and the password changed. Every check spends from the account's log-in
//! budget, so a stolen access token guesses no faster than the log-in form allows.

use super::login::account_budget_key;
use super::model::Principal;
use super::service::AuthService;
use super::{SessionEnding, end_sessions};
use crate::UnexpectedError;
use crate::accounts::Account;
use crate::security_events::{self, SecurityEvent};
use crate::store::transact;
use crate::throttle::{Budget, reserve, settle};
use crate::values::{LoginId, Password, PasswordError};

#[derive(Debug, thiserror::Error)]
pub enum PasswordCheckError {
    /// Wrong password, or an email that is not the caller's: one answer for both.
    #[error("invalid password")]
    Invalid,
    #[error("too many failed password checks")]
    Throttled {
        retry_at: chrono::DateTime<chrono::Utc>,
    },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum ChangePasswordError {
    /// The current password (or the email given with it) is wrong.
    #[error("invalid current password")]
    InvalidCurrentPassword,
    #[error(transparent)]
    WeakPassword(PasswordError),
    #[error("too many failed password checks")]
    Throttled {
        retry_at: chrono::DateTime<chrono::Utc>,
    },
    /// The account was deleted while the request ran.
    #[error("account is deleted")]
    AccountDeleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl From<PasswordCheckError> for ChangePasswordError {
    fn from(error: PasswordCheckError) -> Self {
        match error {
            PasswordCheckError::Invalid => Self::InvalidCurrentPassword,
            PasswordCheckError::Throttled { retry_at } => Self::Throttled { retry_at },
            PasswordCheckError::Unexpected(e) => Self::Unexpected(e),
        }
    }
}

impl AuthService {
    /// Checks that `email` is the caller's and `password` their password. The attempt is
    /// reserved against the account's log-in budget first; a success resets that budget. An
    /// account without a password (social sign-in only) never matches, after the same work.
    pub async fn check_password(
        &self,
        caller: &Principal,
        email: &str,
        password: &str,
    ) -> Result<(), PasswordCheckError> {
        let account = &caller.account;
        let now = self.ports.clock.now();
        let budget = Budget::new(
            account_budget_key(&account.id.0.to_string()),
            self.settings.login_per_account,
        );
        if let Some(retry_at) =
            reserve(&*self.ports.throttle, std::slice::from_ref(&budget), now).await?
        {
            return Err(PasswordCheckError::Throttled { retry_at });
        }
        let hash = account
            .password_hash
            .clone()
            .unwrap_or_else(|| self.ports.hasher.dummy_hash());
        let matches = self.ports.hasher.verify(password, &hash).await?;
        if !(matches && account.password_hash.is_some() && is_own_email(account, email)) {
            security_events::record(&SecurityEvent::PasswordCheckFailed {
                account: account.id,
                session: caller.session_id,
            });
            return Err(PasswordCheckError::Invalid);
        }
        settle(&*self.ports.throttle, &[budget.key], &[], now).await?;
        Ok(())
    }

    /// Changes the caller's password after checking the current one: every access token issued
    /// before stops working (the caller refreshes theirs) and every other session ends.
    pub async fn change_password(
        &self,
        caller: &Principal,
        email: &str,
        current: &str,
        new: Password,
    ) -> Result<(), ChangePasswordError> {
        let account = &caller.account;
        let identifiers = std::iter::once(account.email.as_str())
            .chain(account.login_id.as_ref().map(LoginId::as_str));
        new.ensure_differs_from(identifiers)
            .map_err(ChangePasswordError::WeakPassword)?;
        self.check_password(caller, email, current).await?;
        let password_hash = self.ports.hasher.hash(&new).await?;
        let (id, session, now) = (account.id, caller.session_id, self.ports.clock.now());
        transact(&*self.ports.unit_of_work, move |tx| {
            Box::pin(async move {
                if !tx.set_password(id, &password_hash, now).await? {
                    return Err(ChangePasswordError::AccountDeleted);
                }
                end_sessions(tx, id, SessionEnding::AllBut(Some(session)), now).await?;
                Ok(())
            })
        })
        .await?;
        security_events::record(&SecurityEvent::PasswordChanged {
            account: id,
            session,
        });
        Ok(())
    }
}

fn is_own_email(account: &Account, email: &str) -> bool {
    crate::values::Email::parse(email).is_ok_and(|e| e.normalized() == account.email.normalized())
}

#[cfg(test)]
#[path = "password_care_tests.rs"]
mod tests;
