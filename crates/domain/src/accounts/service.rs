use std::sync::Arc;

use super::live::LiveAccountError;
use super::model::{Account, AccountId, NewAccount, RegisterType};
use super::ports::{AccountRepository, CreateAccountError};
use crate::UnexpectedError;
use crate::auth::PasswordHasher;
use crate::clock::Clock;
use crate::values::{
    Birthdate, Email, Gender, LoginId, Password, PasswordError, PersonName, Phone, Roles,
};

/// Sign-up with email and password; the optional fields are those some seeds collect at
/// sign-up.
#[derive(Debug, Clone)]
pub struct RegisterCommand {
    pub email: Email,
    pub password: Password,
    pub name: Option<PersonName>,
    pub login_id: Option<LoginId>,
    pub first_name: Option<PersonName>,
    pub last_name: Option<PersonName>,
    pub birthdate: Option<Birthdate>,
    pub gender: Option<Gender>,
    pub phone: Option<Phone>,
}

impl RegisterCommand {
    pub fn new(email: Email, password: Password) -> Self {
        Self {
            email,
            password,
            name: None,
            login_id: None,
            first_name: None,
            last_name: None,
            birthdate: None,
            gender: None,
            phone: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("email already exists")]
    EmailTaken,
    #[error("login id already exists")]
    LoginIdTaken,
    #[error(transparent)]
    WeakPassword(PasswordError),
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("account does not exist")]
    NotFound,
    #[error("account is deleted")]
    Deleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

pub struct AccountService {
    accounts: Arc<dyn AccountRepository>,
    hasher: Arc<dyn PasswordHasher>,
    clock: Arc<dyn Clock>,
}

impl AccountService {
    pub fn new(
        accounts: Arc<dyn AccountRepository>,
        hasher: Arc<dyn PasswordHasher>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            accounts,
            hasher,
            clock,
        }
    }

    /// Creates a USER account with an unverified email.
    pub async fn register(&self, command: RegisterCommand) -> Result<Account, RegisterError> {
        let identifiers = std::iter::once(command.email.as_str())
            .chain(command.login_id.as_ref().map(LoginId::as_str));
        command
            .password
            .ensure_differs_from(identifiers)
            .map_err(RegisterError::WeakPassword)?;
        // Cheap early answer for the common duplicate; `create` still settles races.
        if self.accounts.find_by_email(&command.email).await?.is_some() {
            return Err(RegisterError::EmailTaken);
        }
        let password_hash = self.hasher.hash(&command.password).await?;
        let new_account = NewAccount {
            email: command.email,
            login_id: command.login_id,
            password_hash: Some(password_hash),
            name: command.name.map(|n| n.as_str().to_owned()),
            first_name: command.first_name.map(|n| n.as_str().to_owned()),
            last_name: command.last_name.map(|n| n.as_str().to_owned()),
            birthdate: command.birthdate,
            gender: command.gender,
            phone: command.phone,
            register_type: RegisterType::Email,
            roles: Roles::user(),
            now: self.clock.now(),
        };
        self.accounts
            .create(&new_account)
            .await
            .map_err(|e| match e {
                CreateAccountError::EmailTaken => RegisterError::EmailTaken,
                CreateAccountError::LoginIdTaken => RegisterError::LoginIdTaken,
                CreateAccountError::Unexpected(e) => RegisterError::Unexpected(e),
            })
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
