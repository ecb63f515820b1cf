//! Argon2id password hashing on a small pool of dedicated threads.

mod hasher;
mod phc;
mod pool;
mod scratch;
mod settings;
#[cfg(test)]
mod tests;

pub use hasher::Argon2PasswordHasher;
pub use settings::{Argon2Settings, Argon2SetupError};
