//! Log-in, access tokens, refresh-token sessions and their revocation.

mod authenticate;
mod ending;
mod login;
#[cfg(any(test, feature = "mock"))]
pub mod mock_rotation;
mod model;
mod password_care;
mod ports;
mod refresh;
mod rotation;
mod service;
mod session_token;
mod session_token_ports;
mod session_token_rules;
mod sessions;
mod settings;

pub use authenticate::AuthenticateError;
pub use ending::{SessionEnding, end_sessions};
pub use login::{LoginCommand, LoginError, LoginIdentifier};
pub use model::{
    AccessClaims, ClientInfo, NewRefreshToken, NewSession, Principal, RotateOutcome, Session,
    SessionId, TokenPair,
};
pub use password_care::{ChangePasswordError, PasswordCheckError};
#[cfg(any(test, feature = "mock"))]
pub use ports::{MockPasswordHasher, MockSessionRepository, MockTokenIssuer, MockTokenVerifier};
pub use ports::{PasswordHasher, SessionRepository, TokenError, TokenIssuer, TokenVerifier};
pub use refresh::RefreshError;
pub use rotation::{
    PresentedToken, RefreshTokenId, RotationStep, StoredRefreshToken, rotate_refresh_token,
    rotation_step,
};
pub use service::{AuthPorts, AuthService};
pub use session_token::{SessionTokenError, SessionTokenGrant};
#[cfg(any(test, feature = "mock"))]
pub use session_token_ports::MockSessionTokenRepository;
pub use session_token_ports::SessionTokenRepository;
pub use session_token_rules::{SessionTokenLifetime, TOUCH_INTERVAL};
pub use sessions::RevokeSessionError;
pub use settings::AuthSettings;

#[cfg(test)]
mod tests;
