//! Identities proven by an outside provider (Google's `sub`) and the accounts they are linked
//! to: what signs a user in through the provider, and what a later "link a social login"
//! (service user account, security update) stores once the OAuth flow has proven the identity.

mod model;
mod ports;

pub use model::{ExternalIdentity, LinkedIdentity, Provider};
#[cfg(any(test, feature = "mock"))]
pub use ports::MockLinkedIdentityRepository;
pub use ports::{CreateLinkedAccountError, LinkIdentityError, LinkedIdentityRepository};
