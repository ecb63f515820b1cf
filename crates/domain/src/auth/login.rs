use chrono::{DateTime, Utc};

use super::model::{ClientInfo, NewRefreshToken, NewSession, TokenPair};
use super::service::AuthService;
use crate::UnexpectedError;
use crate::accounts::Account;
use crate::security_events::{self, SecurityEvent};
use crate::throttle::{Budget, ThrottleKey, reserve, settle};
use crate::usage::{self, Usage};
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
    /// Unknown account, deleted account, banned account and wrong password alike.
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
    /// no account). Each attempt is reserved before the password is checked, so concurrent
    /// guesses cannot all pass: per identifier as typed, per client IP, and per account, so
    /// that an account's email and login id share one budget (an identifier without an account
    /// counts under its own name instead, which takes the same work). A success resets the
    /// identifier's and the account's counters and gives the IP its attempt back.
    pub async fn login(&self, command: LoginCommand) -> Result<TokenPair, LoginError> {
        let now = self.ports.clock.now();
        let account = self.check_credentials(&command, now).await?;
        let pair = self
            .open_session(&account, command.client.clone(), now)
            .await?;
        usage::count(Usage::LoginSucceeded);
        security_events::record(&SecurityEvent::LoginSucceeded {
            account: account.id,
            session: pair.session_id,
            ip: command.client.ip.as_deref(),
        });
        Ok(pair)
    }

    /// The account whose credentials `command` carries, with every attempt counted as
    /// [`login`](Self::login) describes; a success resets and refunds the counters. The
    /// account is looked up first so that its budget is reserved with the others, in one read
    /// and one write of the counters (a throttled attempt costs that lookup too, and its
    /// failure event names the account).
    pub(super) async fn check_credentials(
        &self,
        command: &LoginCommand,
        now: DateTime<Utc>,
    ) -> Result<Account, LoginError> {
        let subject = command.identifier.subject();
        let identifier_digest = self.ports.digester.digest(&subject);
        let ip = command.client.ip.as_deref();
        let account = self.find_login_account(&command.identifier).await?;
        let account_id = account.as_ref().map(|a| a.id);
        let account_subject = match &account {
            Some(account) => account.id.0.to_string(),
            None => format!("none:{subject}"),
        };
        let login_per_account = self.settings.login_per_account;
        let identifier_budget =
            Budget::new(ThrottleKey::new("login:id", &subject), login_per_account);
        let ip_budget = Budget::per_ip("login:ip", ip, self.settings.login_per_ip);
        let account_budget = Budget::new(account_budget_key(&account_subject), login_per_account);
        let budgets: Vec<Budget> = std::iter::once(identifier_budget.clone())
            .chain(ip_budget.clone())
            .chain(std::iter::once(account_budget.clone()))
            .collect();
        let failed = || {
            security_events::record(&SecurityEvent::LoginFailed {
                account: account_id,
                ip,
                identifier_digest: short_digest(&identifier_digest),
            });
        };
        if let Some(retry_at) = reserve(&*self.ports.throttle, &budgets, now).await? {
            usage::count(Usage::LoginThrottled);
            failed();
            return Err(LoginError::Throttled { retry_at });
        }

        let stored_hash = account.as_ref().and_then(|a| a.password_hash.clone());
        let hash = stored_hash
            .clone()
            .unwrap_or_else(|| self.ports.hasher.dummy_hash());
        let matches = self.ports.hasher.verify(&command.password, &hash).await?;
        let account = match account {
            // A banned account is refused only after its password was checked: the answer
            // and the time it takes are those of a wrong password.
            Some(account) if matches && stored_hash.is_some() && !account.is_banned() => account,
            _ => {
                usage::count(Usage::LoginInvalid);
                failed();
                return Err(LoginError::InvalidCredentials);
            }
        };

        settle(
            &*self.ports.throttle,
            &[identifier_budget.key, account_budget.key],
            ip_budget.as_slice(),
            now,
        )
        .await?;
        Ok(account)
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
        usage::count(Usage::TokensIssued);
        self.token_pair(account, &session, refresh_token, now)
    }
}

/// The budget every password check of one account spends from (log-ins by any of its
/// identifiers, and re-checks by a signed-in caller).
pub(super) fn account_budget_key(subject: &str) -> ThrottleKey {
    ThrottleKey::new("login:account", subject)
}

/// Enough of the identifier's keyed digest to correlate events, nothing to reverse.
fn short_digest(digest: &str) -> &str {
    digest.get(..16).unwrap_or(digest)
}
