//! Signing in with an outside identity provider (Google): OAuth 2.0 authorization code with
//! PKCE, `state` and `nonce` kept server-side and used once, the ID token's claims deciding
//! the account (linked identity, provider-verified address, or a new account), a sign-up the
//! provider gave too little for completed by the user, and the browser session cookie the
//! flow ends with.

mod browser;
mod callback;
mod fields;
mod model;
mod ports;
mod registration;
mod service;

pub use callback::CompleteSignInError;
pub use fields::{SignUpDetails, judge, sign_up_name};
pub use model::{
    BrowserLogin, Callback, PendingAuthorization, PendingRegistration, ProviderClaims,
    RegistrationInput, SignInOutcome, SignUpField, StartedSignIn,
};
pub use ports::{
    BrowserSessionRepository, ExchangeError, IdentityProvider, PendingAuthorizationRepository,
};
#[cfg(any(test, feature = "mock"))]
pub use ports::{
    MockBrowserSessionRepository, MockIdentityProvider, MockPendingAuthorizationRepository,
};
pub use registration::CompleteRegistrationError;
pub use service::{SignInPorts, SignInService, SignInSettings, StartSignInError};

#[cfg(test)]
mod tests;
