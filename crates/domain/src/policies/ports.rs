use async_trait::async_trait;

use super::model::{ConsentRecord, Policy};
use crate::UnexpectedError;
use crate::accounts::AccountId;

/// Reads each account's consents and the history of their changes (changes go through a unit
/// of work: [`change_consents`](super::change_consents)).
///
/// The history is append-only: records are never updated or deleted, not even when the account
/// is soft-deleted (it is the proof of what the user agreed to, and when).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PolicyRepository: Send + Sync {
    /// The stored policy of the account; `None` when it never stored one (then
    /// [`Policy::default_for`] applies) or there is no such account.
    async fn find(&self, account: AccountId) -> Result<Option<Policy>, UnexpectedError>;

    /// The account's consent history, oldest first (ties by id).
    async fn history(&self, account: AccountId) -> Result<Vec<ConsentRecord>, UnexpectedError>;
}
