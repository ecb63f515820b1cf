//! Codes emailed on request that act for their address (the service user account document's
//! `?Token=`). One code, of purpose [`AccountAccess`](crate::verification::CodePurpose), serves
//! every step the document asks a code for: on its own it creates the account of the address
//! it went to, or names that account when its password is given too; presented by the
//! signed-in owner of the address it confirms a deletion or a password change.
//!
//! A code that alone names an account must be unguessable: 10 Crockford base32 characters
//! (50 bits) from the CSPRNG, as password-reset tokens, stored as keyed digests, single-use,
//! expiring after 10 minutes, with wrong codes counted per client IP. The document's own
//! resend wait (10 minutes, with the time left) replaces the 60 s of other purposes.

mod delete;
mod find;
#[cfg(test)]
mod fixture;
mod redeem;
mod security;
mod send;
mod service;
mod settings;
mod sign_up;
#[cfg(test)]
mod tests;

pub use delete::DeleteWithCodeError;
pub use find::FindAccountError;
pub use redeem::{Redemption, redeem_code_of, redeem_standalone_code};
pub use security::{SecurityUpdate, UpdateSecurityError};
pub use send::SendAccessCodeError;
pub use service::{EmailCodePorts, EmailCodeService};
pub use settings::EmailCodeSettings;
pub use sign_up::{SignUpDetails, SignUpWithCodeError, sign_up_with_code};
