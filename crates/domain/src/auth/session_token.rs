//! Sessions whose credential is an opaque token sent in a header (SG-Finder's
//! `session-token` with its `userId` header): signed in with a login id and password like any
//! log-in, stored hashed on a session row, ended by idleness, by age, by sign-out and by
//! everything else that ends sessions.

use chrono::{DateTime, Utc};

use super::login::{LoginCommand, LoginError};
use super::model::{NewSession, Principal, SessionId};
use super::service::AuthService;
use crate::UnexpectedError;
use crate::accounts::Account;
use crate::security_events::{self, SecurityEvent};
use crate::values::LoginId;

/// A signed-in header-token session. Its `Debug` hides the token.
#[derive(Clone, PartialEq)]
pub struct SessionTokenGrant {
    /// The token, handed to the client once; only its digest is stored.
    pub token: String,
    pub session_id: SessionId,
    pub account: Account,
}

impl std::fmt::Debug for SessionTokenGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionTokenGrant")
            .field("token", &"..")
            .field("session_id", &self.session_id)
            .field("account", &self.account.id)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SessionTokenError {
    /// Unknown token, or its session ended (signed out, idle, too old, revoked), or its
    /// account is deleted.
    #[error("session token is invalid or ended")]
    Invalid,
    /// The token is valid but names another user than the `userId` sent with it.
    #[error("session token belongs to another user")]
    UserMismatch,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl AuthService {
    /// Checks the credentials as [`login`](Self::login) does (same throttling, same answer
    /// for unknown accounts and wrong passwords) and opens a header-token session.
    pub async fn sign_in_with_session_token(
        &self,
        command: LoginCommand,
    ) -> Result<SessionTokenGrant, LoginError> {
        let now = self.ports.clock.now();
        let account = self.check_credentials(&command, now).await?;
        let token = self.ports.secrets.random_token();
        let lifetime = self.settings.session_token;
        let session = NewSession {
            account_id: account.id,
            client: command.client.clone(),
            created_at: now,
            expires_at: lifetime.deadline(now, now),
        };
        let digest = self.ports.digester.digest(&token);
        let session = self.ports.session_tokens.create(&session, &digest).await?;
        security_events::record(&SecurityEvent::LoginSucceeded {
            account: account.id,
            session: session.id,
            ip: command.client.ip.as_deref(),
        });
        Ok(SessionTokenGrant {
            token,
            session_id: session.id,
            account,
        })
    }

    /// The caller of a header-token session: the token must name an active session of a live
    /// account, and `user_id`, when the route sends one, must be that account's login id
    /// (compared case-insensitively). A use moves the idle deadline forward.
    pub async fn authenticate_session_token(
        &self,
        token: &str,
        user_id: Option<&str>,
    ) -> Result<Principal, SessionTokenError> {
        let now = self.ports.clock.now();
        let digest = self.ports.digester.digest(token.trim());
        let found = self.ports.session_tokens.find_with_account(&digest).await?;
        let Some((session, account)) = found else {
            return Err(SessionTokenError::Invalid);
        };
        if account.is_deleted() || !session.is_active(now) {
            return Err(SessionTokenError::Invalid);
        }
        if let Some(claimed) = user_id
            && !names_account(claimed, &account)
        {
            security_events::record(&SecurityEvent::OwnershipDenied {
                account: account.id,
                session: session.id,
                resource: "session_token_user",
                resource_id: account.id.0,
            });
            return Err(SessionTokenError::UserMismatch);
        }
        self.touch_if_due(session.id, session.created_at, session.last_used_at, now)
            .await?;
        Ok(Principal {
            account_id: account.id,
            session_id: session.id,
            roles: account.roles.clone(),
            account,
        })
    }

    async fn touch_if_due(
        &self,
        session: SessionId,
        created_at: DateTime<Utc>,
        last_used_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        let lifetime = self.settings.session_token;
        if !lifetime.touch_due(last_used_at, now) {
            return Ok(());
        }
        self.ports
            .session_tokens
            .touch(session, now, lifetime.deadline(created_at, now))
            .await
    }
}

/// Whether the `userId` a client sent is the account's login id.
fn names_account(claimed: &str, account: &Account) -> bool {
    let Ok(claimed) = LoginId::parse(claimed) else {
        return false;
    };
    account
        .login_id
        .as_ref()
        .is_some_and(|own| own.normalized() == claimed.normalized())
}

#[cfg(test)]
#[path = "session_token_tests.rs"]
mod tests;
