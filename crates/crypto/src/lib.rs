//! Crypto adapters: argon2id password hashing on a bounded thread pool, HS256 access tokens,
//! and OS-random secrets with keyed digests.
//!
//! Secrets given to the constructors never appear in `Debug` output or logs.

mod key;
mod password;
mod random;
mod secrets;
mod token;

pub use key::KeyTooShort;
pub use password::{Argon2PasswordHasher, Argon2Settings, Argon2SetupError};
pub use secrets::OsSecretGenerator;
pub use token::{JwtSettings, JwtSetupError, JwtTokenIssuer};
