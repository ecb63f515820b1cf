//! Crypto adapters: argon2id password hashing on a bounded thread pool, HS256 access tokens,
//! OS-random secrets with keyed digests, and the sealer of secrets kept at rest.
//!
//! Secrets given to the constructors never appear in `Debug` output or logs.

mod jitter;
mod key;
mod password;
mod random;
mod sealer;
mod secrets;
mod token;

pub use jitter::OsJitter;
pub use key::KeyTooShort;
pub use password::{Argon2PasswordHasher, Argon2Settings, Argon2SetupError};
pub use sealer::{SealerKeyError, XChaChaSealer};
pub use secrets::OsSecretGenerator;
pub use token::{JwtSettings, JwtSetupError, JwtTokenIssuer};
