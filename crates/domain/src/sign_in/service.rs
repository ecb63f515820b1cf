//! The sign-in-with-provider use cases: start (redirect to the provider), the provider's
//! callback, completing a sign-up the provider gave too little for, and authenticating the
//! browser session the flow ends with.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::fields::SignUpDetails;
use super::model::{BrowserLogin, PendingAuthorization, StartedSignIn};
use super::ports::{BrowserSessionRepository, IdentityProvider, PendingAuthorizationRepository};
use crate::UnexpectedError;
use crate::accounts::{Account, AccountRepository, NewAccount, PublicAccountId};
use crate::auth::{ClientInfo, NewSession};
use crate::clock::Clock;
use crate::identities::{
    CreateLinkedAccountError, ExternalIdentity, LinkIdentityError, LinkedIdentityRepository,
    Provider,
};
use crate::secrets::{SecretDigester, SecretGenerator};
use crate::security_events::{self, SecurityEvent};
use crate::throttle::{Budget, ThrottleRepository, ThrottleRule, reserve};
use crate::values::Roles;

/// Lifetimes and limits of the sign-in flow.
#[derive(Debug, Clone)]
pub struct SignInSettings {
    /// How long the provider may take to send the browser back.
    pub pending_ttl: Duration,
    /// How long a sign-up waits for the user's missing fields.
    pub registration_ttl: Duration,
    /// Absolute lifetime of a browser session (its cookie).
    pub browser_session_ttl: Duration,
    /// Sign-ins started per client IP (each stores a pending row).
    pub start_per_ip: ThrottleRule,
}

impl Default for SignInSettings {
    fn default() -> Self {
        Self {
            pending_ttl: Duration::minutes(10),
            registration_ttl: Duration::minutes(30),
            browser_session_ttl: Duration::hours(12),
            start_per_ip: ThrottleRule {
                limit: 60,
                window: Duration::minutes(5),
                lockout: Duration::minutes(5),
            },
        }
    }
}

/// The ports the sign-in use cases need.
#[derive(Clone)]
pub struct SignInPorts {
    /// The configured providers; a provider without one here is unknown.
    pub providers: Vec<Arc<dyn IdentityProvider>>,
    pub pending: Arc<dyn PendingAuthorizationRepository>,
    pub identities: Arc<dyn LinkedIdentityRepository>,
    pub accounts: Arc<dyn AccountRepository>,
    pub browser_sessions: Arc<dyn BrowserSessionRepository>,
    pub throttle: Arc<dyn ThrottleRepository>,
    pub secrets: Arc<dyn SecretGenerator>,
    pub digester: Arc<dyn SecretDigester>,
    pub clock: Arc<dyn Clock>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartSignInError {
    /// No provider of that name is configured.
    #[error("unknown provider")]
    UnknownProvider,
    #[error("too many sign-ins started")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Signs users in through an outside identity provider.
pub struct SignInService {
    pub(super) ports: SignInPorts,
    pub(super) settings: SignInSettings,
}

impl SignInService {
    pub fn new(ports: SignInPorts, settings: SignInSettings) -> Self {
        Self { ports, settings }
    }

    pub fn settings(&self) -> &SignInSettings {
        &self.settings
    }

    /// Starts a sign-in: a fresh `state`, `nonce` and PKCE verifier kept server-side (the
    /// state as a digest), and the provider's authorization URL carrying them.
    pub async fn start(
        &self,
        provider_name: &str,
        client: &ClientInfo,
    ) -> Result<StartedSignIn, StartSignInError> {
        let provider = self
            .provider(provider_name)
            .ok_or(StartSignInError::UnknownProvider)?;
        let now = self.ports.clock.now();
        let budget = Budget::per_ip(
            "oauth_start:ip",
            client.ip.as_deref(),
            self.settings.start_per_ip,
        );
        if let Some(retry_at) = reserve(&*self.ports.throttle, budget.as_slice(), now).await? {
            return Err(StartSignInError::Throttled { retry_at });
        }
        self.ports.pending.purge_expired(now).await?;
        let state = self.ports.secrets.random_token();
        let pending = PendingAuthorization {
            state_digest: self.ports.digester.digest(&state),
            provider: provider.provider(),
            nonce: self.ports.secrets.random_token(),
            pkce_verifier: self.ports.secrets.random_token(),
            created_at: now,
            expires_at: now + self.settings.pending_ttl,
        };
        self.ports.pending.save(&pending).await?;
        let redirect_url =
            provider.authorization_url(&state, &pending.nonce, &pending.pkce_verifier);
        Ok(StartedSignIn {
            redirect_url,
            state,
        })
    }

    pub(super) fn provider(&self, name: &str) -> Option<&Arc<dyn IdentityProvider>> {
        let wanted = Provider::parse(name)?;
        self.ports
            .providers
            .iter()
            .find(|provider| provider.provider() == wanted)
    }

    /// Signs the account in: a browser session, its cookie secret stored as a digest.
    pub(super) async fn open_browser_session(
        &self,
        account: Account,
        provider_picture: Option<String>,
        client: &ClientInfo,
        now: DateTime<Utc>,
    ) -> Result<BrowserLogin, UnexpectedError> {
        let cookie_secret = self.ports.secrets.random_token();
        let new_session = NewSession {
            account_id: account.id,
            client: client.clone(),
            created_at: now,
            expires_at: now + self.settings.browser_session_ttl,
        };
        let session = self
            .ports
            .browser_sessions
            .create(&new_session, &self.ports.digester.digest(&cookie_secret))
            .await?;
        security_events::record(&SecurityEvent::LoginSucceeded {
            account: account.id,
            session: session.id,
            ip: client.ip.as_deref(),
        });
        Ok(BrowserLogin {
            account,
            session,
            cookie_secret,
            provider_picture,
        })
    }

    /// The live account `identity` signs in to, linking it first to the account holding the
    /// address when the provider vouched for the address; `None` when there is neither.
    /// `Err(Deleted)` when the identity's account is deleted.
    pub(super) async fn account_for(
        &self,
        identity: &ExternalIdentity,
        details: Option<&SignUpDetails>,
        now: DateTime<Utc>,
    ) -> Result<AccountLookup, UnexpectedError> {
        if let Some(id) = self.ports.identities.find_account(identity).await? {
            return Ok(match self.ports.accounts.find_by_id(id).await? {
                Some(account) if account.is_deleted() => AccountLookup::Deleted,
                Some(account) => AccountLookup::Found(Box::new(account)),
                None => AccountLookup::Deleted,
            });
        }
        let Some(details) = details else {
            return Ok(AccountLookup::None);
        };
        let Some(holder) = self.ports.accounts.find_by_email(&details.email).await? else {
            return Ok(AccountLookup::None);
        };
        // Only an address the provider vouched for links to the account holding it; an
        // unverified claim of someone's address must not open their account.
        if !details.email_verified {
            return Ok(AccountLookup::EmailHeldElsewhere);
        }
        match self
            .ports
            .identities
            .link(identity, holder.id, true, now)
            .await
        {
            Ok(()) => {}
            // Another identity of this provider raced us to it, or the holder was deleted
            // meanwhile: not this identity's account.
            Err(LinkIdentityError::IdentityTaken | LinkIdentityError::AccountNotFound) => {
                return Ok(AccountLookup::EmailHeldElsewhere);
            }
            Err(LinkIdentityError::Unexpected(e)) => return Err(e),
        }
        let linked = self.ports.accounts.find_by_id(holder.id).await?;
        Ok(linked.map_or(AccountLookup::Deleted, |a| {
            AccountLookup::Found(Box::new(a))
        }))
    }

    /// Creates the account (`register_type` of the provider, no password) linked to the
    /// identity. `Ok(None)` when a live account holds the address meanwhile.
    pub(super) async fn create_account(
        &self,
        identity: &ExternalIdentity,
        details: SignUpDetails,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>, UnexpectedError> {
        let new_account = NewAccount {
            public_id: PublicAccountId::random(&*self.ports.secrets),
            email: details.email,
            login_id: None,
            nickname: None,
            password_hash: None,
            name: Some(details.name),
            first_name: None,
            last_name: None,
            birthdate: details.birthdate,
            gender: details.gender,
            phone: None,
            introduce: None,
            register_type: identity.provider.register_type(),
            roles: Roles::user(),
            now,
        };
        match self
            .ports
            .identities
            .create_account_with_identity(&new_account, details.email_verified, identity)
            .await
        {
            Ok(account) => Ok(Some(account)),
            Err(CreateLinkedAccountError::EmailTaken) => Ok(None),
            // A concurrent callback of the same identity created it first: sign in to it.
            Err(CreateLinkedAccountError::IdentityTaken) => {
                match self.account_for(identity, None, now).await? {
                    AccountLookup::Found(account) => Ok(Some(*account)),
                    _ => Ok(None),
                }
            }
            Err(CreateLinkedAccountError::Unexpected(e)) => Err(e),
        }
    }
}

/// Which account an identity signs in to.
#[derive(Debug)]
pub(super) enum AccountLookup {
    Found(Box<Account>),
    /// Linked to an account that is deleted.
    Deleted,
    /// A live account holds the address and the provider did not vouch for it.
    EmailHeldElsewhere,
    None,
}

/// Equal strings, compared in time that depends on the length only.
pub(super) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}
