//! Password reset by email: a single-use token (stored as a keyed digest, 30 minutes, a few
//! attempts) emailed on request, and the reset it allows. A completed reset proves the
//! address: the email becomes verified and every session ends, so the owner of an address
//! takes back an account that someone else registered with it and never verified.

#[cfg(test)]
mod fixture;
mod link;
mod link_check;
mod request;
mod reset;
mod service;
mod settings;

pub use link::reset_link;
pub use link_check::{CheckResetLinkError, LinkCheck, check_token};
pub use request::RequestResetError;
pub(crate) use reset::typed_token;
pub use reset::{ResetOutcome, ResetPasswordError, reset_with_token};
pub use service::{PasswordResetService, ResetPorts};
pub use settings::ResetSettings;
