use serde::Deserialize;

use crate::key::KeyTooShort;

/// Who issues access tokens and for whom; checked on every token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct JwtSettings {
    /// The `iss` claim, for example the service's public URL.
    pub issuer: String,
    /// The `aud` claim: the API the tokens are for.
    pub audience: String,
    /// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. Keep it 0 when one service
    /// both issues and checks the tokens.
    #[serde(default)]
    pub leeway_seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtSetupError {
    #[error(transparent)]
    KeyTooShort(#[from] KeyTooShort),
    #[error("token issuer must not be empty")]
    MissingIssuer,
    #[error("token audience must not be empty")]
    MissingAudience,
}
