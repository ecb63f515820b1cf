use chrono::{DateTime, Utc};

use crate::accounts::Account;
use crate::auth::Session;
use crate::identities::{ExternalIdentity, Provider};

/// A sign-in the service sent to a provider and waits to hear back about: kept server-side,
/// found by the digest of its `state`, used once, until `expires_at`.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingAuthorization {
    pub state_digest: String,
    pub provider: Provider,
    /// What the ID token's `nonce` claim must say.
    pub nonce: String,
    /// The PKCE code verifier (RFC 7636) the token request proves the code with.
    pub pkce_verifier: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for PendingAuthorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingAuthorization")
            .field("provider", &self.provider)
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// What the provider vouches for about the user, from a verified ID token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderClaims {
    pub identity: ExternalIdentity,
    pub email: Option<String>,
    /// The provider says the user proved they hold `email`.
    pub email_verified: bool,
    pub name: Option<String>,
    pub picture: Option<String>,
    pub locale: Option<String>,
}

/// A sign-in that needs the user to complete what the provider did not give (the document's
/// `insufficient user info`): the provider's claims, kept server-side under the digest of a
/// token the browser holds, until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRegistration {
    pub token_digest: String,
    pub claims: ProviderClaims,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A field a sign-up through a provider needs, as the document names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignUpField {
    /// 2 to 50 characters.
    Name,
    /// An email address.
    Email,
    /// `MALE` or `FEMALE`, optional.
    Gender,
    /// `yyyy-MM-dd`, optional.
    BirthDate,
}

/// The redirect to the provider, and the state the browser is bound to.
#[derive(Clone, PartialEq, Eq)]
pub struct StartedSignIn {
    pub redirect_url: String,
    /// Also set in a cookie: the callback must come back from the browser that started it.
    pub state: String,
}

impl std::fmt::Debug for StartedSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StartedSignIn").finish_non_exhaustive()
    }
}

/// What the provider's redirect back to the service carried.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    /// The provider's `error` (the user declined, ...).
    pub error: Option<String>,
    /// The state the browser was given when it started (its cookie).
    pub browser_state: Option<String>,
}

/// A browser signed in: its session, and the secret of its session cookie (stored only as a
/// digest).
#[derive(Clone, PartialEq)]
pub struct BrowserLogin {
    pub account: Account,
    pub session: Session,
    pub cookie_secret: String,
    /// The picture the provider gave for the user, if any.
    pub provider_picture: Option<String>,
}

impl std::fmt::Debug for BrowserLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrowserLogin")
            .field("account", &self.account.id)
            .field("session", &self.session.id)
            .finish_non_exhaustive()
    }
}

/// How a provider's callback ends.
#[derive(Debug, Clone, PartialEq)]
pub enum SignInOutcome {
    SignedIn(Box<BrowserLogin>),
    /// The provider gave too little to create the account: these fields are missing or
    /// invalid; the browser completes them with the token (stored as a digest).
    NeedsRegistration {
        token: String,
        missing: Vec<SignUpField>,
    },
}

/// The fields a user sends to complete a sign-up, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistrationInput {
    pub name: Option<String>,
    pub email: Option<String>,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
}
