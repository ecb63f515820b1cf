use chrono::{DateTime, Utc};

use super::model::{ClientInfo, NewRefreshToken, NewSession, TokenPair};
use super::service::AuthService;
use crate::UnexpectedError;
use crate::accounts::Account;
use crate::throttle::ThrottleKey;
use crate::values::{Email, LoginId};

/// An email address or a login id, as typed on the log-in form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginIdentifier {
    Email(Email),
    LoginId(LoginId),
    /// Neither: no account can match, but the attempt costs and counts the same.
    Unknown(String),
}

impl LoginIdentifier {
    pub fn parse(raw: &str) -> Self {
        if raw.contains('@') {
            Email::parse(raw)
                .map(Self::Email)
                .unwrap_or_else(|_| Self::Unknown(raw.trim().to_lowercase()))
        } else {
            LoginId::parse(raw)
                .map(Self::LoginId)
                .unwrap_or_else(|_| Self::Unknown(raw.trim().to_lowercase()))
        }
    }

    /// The throttle subject: the same for every spelling of one identifier, whether or not an
    /// account exists, so that counting reveals nothing.
    fn subject(&self) -> String {
        match self {
            Self::Email(email) => email.normalized(),
            Self::LoginId(id) => id.normalized(),
            Self::Unknown(raw) => raw.clone(),
        }
    }
}

#[derive(Clone)]
pub struct LoginCommand {
    pub identifier: LoginIdentifier,
    /// As typed; the password policy applies to new passwords, not to log-ins.
    pub password: String,
    pub client: ClientInfo,
}

impl std::fmt::Debug for LoginCommand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginCommand")
            .field("identifier", &self.identifier)
            .field("password", &"..")
            .field("client", &self.client)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown account, deleted account and wrong password alike.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many failed log-ins")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl AuthService {
    /// Checks the password and opens a session. Failures look and take the same for unknown
    /// accounts, deleted accounts and wrong passwords (a dummy hash is verified when there is
    /// no account), and count per identifier and per IP.
    pub async fn login(&self, command: LoginCommand) -> Result<TokenPair, LoginError> {
        let now = self.ports.clock.now();
        let account_key = ThrottleKey::new("login:id", &command.identifier.subject());
        let ip_key = command
            .client
            .ip
            .as_deref()
            .map(|ip| ThrottleKey::per_ip("login:ip", ip));
        let keys: Vec<ThrottleKey> = std::iter::once(account_key.clone())
            .chain(ip_key.clone())
            .collect();
        if let Some(retry_at) = self.ports.throttle.blocked_until(&keys, now).await? {
            return Err(LoginError::Throttled { retry_at });
        }

        // Counted before the password is checked, so that concurrent guesses cannot all pass
        // the check above; a success resets it.
        let attempt_rule = self.settings.login_per_account.counting_attempts();
        if let Some(retry_at) = self
            .ports
            .throttle
            .hit(&account_key, &attempt_rule, now)
            .await?
        {
            return Err(LoginError::Throttled { retry_at });
        }

        let account = self.find_login_account(&command.identifier).await?;
        let stored_hash = account.as_ref().and_then(|a| a.password_hash.clone());
        let hash = stored_hash
            .clone()
            .unwrap_or_else(|| self.ports.hasher.dummy_hash());
        let matches = self.ports.hasher.verify(&command.password, &hash).await?;

        let account = match account {
            Some(account) if matches && stored_hash.is_some() => account,
            _ => {
                if let Some(ip_key) = &ip_key {
                    self.ports
                        .throttle
                        .hit(ip_key, &self.settings.login_per_ip, now)
                        .await?;
                }
                return Err(LoginError::InvalidCredentials);
            }
        };
        self.ports.throttle.reset(&account_key).await?;
        Ok(self.open_session(&account, command.client, now).await?)
    }

    async fn find_login_account(
        &self,
        identifier: &LoginIdentifier,
    ) -> Result<Option<Account>, UnexpectedError> {
        match identifier {
            LoginIdentifier::Email(email) => self.ports.accounts.find_by_email(email).await,
            LoginIdentifier::LoginId(id) => self.ports.accounts.find_by_login_id(id).await,
            LoginIdentifier::Unknown(_) => Ok(None),
        }
    }

    /// Starts a refresh-token family for an authenticated account.
    pub async fn open_session(
        &self,
        account: &Account,
        client: ClientInfo,
        now: DateTime<Utc>,
    ) -> Result<TokenPair, UnexpectedError> {
        let refresh_token = self.ports.secrets.random_token();
        let new_session = NewSession {
            account_id: account.id,
            client,
            created_at: now,
            expires_at: now + self.settings.session_max_age,
        };
        let token = NewRefreshToken {
            token_digest: self.ports.digester.digest(&refresh_token),
            expires_at: now + self.settings.refresh_token_ttl,
        };
        let session = self.ports.sessions.create(&new_session, &token).await?;
        self.token_pair(account, &session, refresh_token, now)
    }
}
