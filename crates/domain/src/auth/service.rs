use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::model::{AccessClaims, Session, TokenPair};
use super::ports::{PasswordHasher, SessionRepository, TokenIssuer, TokenVerifier};
use super::session_token_ports::SessionTokenRepository;
use super::settings::AuthSettings;
use crate::UnexpectedError;
use crate::accounts::{Account, AccountRepository};
use crate::clock::Clock;
use crate::secrets::{SecretDigester, SecretGenerator};
use crate::store::UnitOfWork;
use crate::throttle::ThrottleRepository;

/// The ports the authentication use cases need.
#[derive(Clone)]
pub struct AuthPorts {
    pub accounts: Arc<dyn AccountRepository>,
    pub sessions: Arc<dyn SessionRepository>,
    /// Header-token sessions (SG-Finder's `session-token`), on the same session rows.
    pub session_tokens: Arc<dyn SessionTokenRepository>,
    pub throttle: Arc<dyn ThrottleRepository>,
    pub hasher: Arc<dyn PasswordHasher>,
    pub tokens: Arc<dyn TokenIssuer>,
    pub verifier: Arc<dyn TokenVerifier>,
    pub secrets: Arc<dyn SecretGenerator>,
    pub digester: Arc<dyn SecretDigester>,
    pub unit_of_work: Arc<dyn UnitOfWork>,
    pub clock: Arc<dyn Clock>,
}

/// Log-in, refresh, log-out, sessions and access-token checks. The use cases live in the
/// sibling modules, one per file.
pub struct AuthService {
    pub(super) ports: AuthPorts,
    pub(super) settings: AuthSettings,
}

impl AuthService {
    pub fn new(ports: AuthPorts, settings: AuthSettings) -> Self {
        Self { ports, settings }
    }

    pub fn settings(&self) -> &AuthSettings {
        &self.settings
    }

    /// Signs an access token for `account` in `session` and pairs it with `refresh_token`.
    pub(super) fn token_pair(
        &self,
        account: &Account,
        session: &Session,
        refresh_token: String,
        now: DateTime<Utc>,
    ) -> Result<TokenPair, UnexpectedError> {
        let claims = AccessClaims {
            account_id: account.id,
            session_id: session.id,
            roles: account.roles.clone(),
            issued_at: now,
            expires_at: now + self.settings.access_token_ttl,
        };
        Ok(TokenPair {
            access_token: self.ports.tokens.issue(&claims)?,
            refresh_token,
            expires_in: self.settings.access_token_ttl.num_seconds(),
            account_id: account.id,
            session_id: session.id,
        })
    }
}
