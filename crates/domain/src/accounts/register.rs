//! Sign-up with email and password, throttled per client IP and per address.

use chrono::Duration;

use super::model::{Account, NewAccount, RegisterType};
use super::ports::CreateAccountError;
use super::public_id::PublicAccountId;
use super::service::AccountService;
use crate::UnexpectedError;
use crate::auth::ClientInfo;
use crate::throttle::{Budget, ThrottleKey, ThrottleRule, reserve};
use crate::values::{
    Birthdate, Email, Gender, Introduce, LoginId, Password, PasswordError, PersonName, Phone, Roles,
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
    pub introduce: Option<Introduce>,
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
            introduce: None,
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
    /// Too many sign-ups from this IP or for this address.
    #[error("too many sign-ups")]
    Throttled {
        retry_at: chrono::DateTime<chrono::Utc>,
    },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Limits of every sign-up route: each attempt counts (a created account too), reserved before
/// the password is hashed.
#[derive(Debug, Clone)]
pub struct RegistrationSettings {
    pub per_ip: ThrottleRule,
    pub per_email: ThrottleRule,
    /// Login id availability checks (`checkDup`) from one client IP.
    pub login_id_checks_per_ip: ThrottleRule,
}

impl Default for RegistrationSettings {
    fn default() -> Self {
        Self {
            per_ip: ThrottleRule {
                limit: 30,
                window: Duration::minutes(5),
                lockout: Duration::minutes(5),
            },
            per_email: ThrottleRule {
                limit: 5,
                window: Duration::minutes(15),
                lockout: Duration::minutes(15),
            },
            login_id_checks_per_ip: ThrottleRule {
                limit: 30,
                window: Duration::minutes(1),
                lockout: Duration::minutes(5),
            },
        }
    }
}

impl AccountService {
    /// Creates a USER account with an unverified email. A taken login id is answered before
    /// the email is looked at, so that the answer about one tells nothing about the other.
    pub async fn register(
        &self,
        command: RegisterCommand,
        client: &ClientInfo,
    ) -> Result<Account, RegisterError> {
        let identifiers = std::iter::once(command.email.as_str())
            .chain(command.login_id.as_ref().map(LoginId::as_str));
        command
            .password
            .ensure_differs_from(identifiers)
            .map_err(RegisterError::WeakPassword)?;
        let now = self.clock.now();
        let budgets: Vec<Budget> = Budget::per_ip(
            "register:ip",
            client.ip.as_deref(),
            self.registration.per_ip,
        )
        .into_iter()
        .chain([Budget::new(
            ThrottleKey::new("register:email", &command.email.normalized()),
            self.registration.per_email,
        )])
        .collect();
        if let Some(retry_at) = reserve(&*self.throttle, &budgets, now).await? {
            return Err(RegisterError::Throttled { retry_at });
        }
        // Cheap early answers for the common duplicates; `create` still settles races.
        if let Some(login_id) = &command.login_id
            && self.accounts.find_by_login_id(login_id).await?.is_some()
        {
            return Err(RegisterError::LoginIdTaken);
        }
        if self.accounts.find_by_email(&command.email).await?.is_some() {
            return Err(RegisterError::EmailTaken);
        }
        let password_hash = self.hasher.hash(&command.password).await?;
        let new_account = NewAccount {
            public_id: PublicAccountId::random(&*self.secrets),
            email: command.email,
            login_id: command.login_id,
            nickname: None,
            password_hash: Some(password_hash),
            name: command.name.map(|n| n.as_str().to_owned()),
            first_name: command.first_name.map(|n| n.as_str().to_owned()),
            last_name: command.last_name.map(|n| n.as_str().to_owned()),
            birthdate: command.birthdate,
            gender: command.gender,
            phone: command.phone,
            introduce: command.introduce,
            register_type: RegisterType::Email,
            roles: Roles::user(),
            now,
        };
        self.accounts
            .create(&new_account)
            .await
            .map_err(|e| match e {
                CreateAccountError::EmailTaken => RegisterError::EmailTaken,
                CreateAccountError::LoginIdTaken => RegisterError::LoginIdTaken,
                // Registration sets no nickname.
                CreateAccountError::NicknameTaken => RegisterError::Unexpected(
                    UnexpectedError::new("a registration without a nickname found it taken"),
                ),
                CreateAccountError::Unexpected(e) => RegisterError::Unexpected(e),
            })
    }
}

#[cfg(test)]
#[path = "register_tests.rs"]
mod tests;
