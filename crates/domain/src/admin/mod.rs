//! Administration of accounts: ADMIN and STAFF list and search them; ADMIN changes roles,
//! bans and un-bans, and restores a deleted account within the retention period, after which
//! the anonymisation job erases its personal fields. Every change is written to the audit log
//! in its own transaction ([`crate::audit`]).

mod anonymize;
mod ban;
mod errors;
mod model;
mod ports;
mod restore;
mod roles;
mod rules;
mod service;

pub use anonymize::{ANONYMIZE_BATCH, AnonymizationJob, anonymized_email};
pub use errors::{AccountAdminError, BanError, RestoreError, SetAccountRolesError};
pub use model::{AccountPage, AccountQuery, AccountState, QueryField, SearchText, Undelete};
pub use ports::AccountDirectory;
#[cfg(any(test, feature = "mock"))]
pub use ports::MockAccountDirectory;
pub use roles::change_roles;
pub use rules::{ANONYMOUS_BIRTHDATE, RetentionPolicy, leaves_an_admin};
pub use service::AdminService;

#[cfg(test)]
mod tests;
