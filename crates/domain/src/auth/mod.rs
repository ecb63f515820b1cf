//! Log-in, access tokens, refresh-token sessions and their revocation.

mod authenticate;
mod login;
mod model;
mod ports;
mod refresh;
mod service;
mod sessions;
mod settings;

pub use model::{
    AccessClaims, ClientInfo, NewRefreshToken, NewSession, Principal, RotateOutcome, Session,
    SessionId, TokenPair,
};
pub use ports::{PasswordHasher, SessionRepository, TokenError, TokenIssuer};
#[cfg(any(test, feature = "mock"))]
pub use ports::{MockPasswordHasher, MockSessionRepository, MockTokenIssuer};
pub use settings::AuthSettings;
