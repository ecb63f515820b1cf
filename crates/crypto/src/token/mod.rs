//! Access tokens: HS256-signed JWTs of type `at+jwt` (RFC 9068 shape, RFC 8725 checks).

mod claims;
mod issuer;
mod settings;
#[cfg(test)]
mod tests;

pub use issuer::JwtTokenIssuer;
pub use settings::{JwtSettings, JwtSetupError};
