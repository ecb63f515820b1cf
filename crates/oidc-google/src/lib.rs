//! Sign-in with Google (or any OpenID Connect provider of the same shape) for the domain's
//! `IdentityProvider` port: the authorization URL with PKCE S256, the code exchange at the
//! token endpoint, and the ID token checked against the provider's published keys (JWKS,
//! cached, fetched again when a token names a key the cache does not hold), its issuer,
//! audience, expiry and nonce. Every endpoint comes from [`OidcSettings`], so tests point it at
//! a stand-in provider on loopback.

mod claims;
mod jwks;
mod pkce;
mod provider;
mod settings;

pub use pkce::s256_challenge;
pub use provider::{OidcIdentityProvider, OidcSetupError};
pub use settings::OidcSettings;
