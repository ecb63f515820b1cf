//! The account domain: entities, value objects, use cases and the ports they need.
//!
//! No web framework, database driver or crypto library appears here; adapters implement the
//! ports (traits) and the binary wires them together.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod children;
pub mod clock;
pub mod delivery;
pub mod devices;
pub mod email_codes;
pub mod error;
pub mod identities;
pub mod notifications;
pub mod outbox;
pub mod players;
pub mod policies;
pub mod profile_images;
pub mod purge;
pub mod push;
pub mod recovery;
pub mod secrets;
pub mod security_events;
pub mod sign_in;
pub mod store;
#[cfg(test)]
mod testing;
pub mod throttle;
pub mod time;
pub mod usage;
pub mod values;
pub mod verification;

pub use error::UnexpectedError;
