use async_trait::async_trait;

use super::model::{ConsentOrigin, ConsentRecord, Policy, PolicyPatch};
use crate::UnexpectedError;
use crate::accounts::AccountId;

/// Stores each account's consents and the history of their changes.
///
/// The history is append-only: records are never updated or deleted, not even when the account
/// is soft-deleted (it is the proof of what the user agreed to, and when).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PolicyRepository: Send + Sync {
    /// The stored policy of the account; `None` when it never stored one (then
    /// [`Policy::default_for`] applies) or there is no such account.
    async fn find(&self, account: AccountId) -> Result<Option<Policy>, UnexpectedError>;

    /// In one transaction:
    /// - lock the account's policy row, creating it from [`Policy::default_for`] when there is
    ///   none (e.g. insert-if-absent, then `SELECT ... FOR UPDATE`);
    /// - compute `(next, changes) = current.apply(patch, origin.at)` (the domain's rule; the
    ///   adapter calls it, it does not re-implement it) and store `next`;
    /// - append one [`ConsentRecord`] per change, with `origin`'s session, ip and instant;
    /// - when push consent turned off, delete every push token of the account (no push may go
    ///   to a user who withdrew consent; see `PushTokenRepository`).
    ///
    /// Concurrent updates of one account serialise on the lock, so the history never records a
    /// change that did not happen. Returns `next`; `None`, writing nothing, when no live (not
    /// deleted) account has this id.
    async fn update(
        &self,
        account: AccountId,
        patch: &PolicyPatch,
        origin: &ConsentOrigin,
    ) -> Result<Option<Policy>, UnexpectedError>;

    /// The account's consent history, oldest first (ties by id).
    async fn history(&self, account: AccountId) -> Result<Vec<ConsentRecord>, UnexpectedError>;
}
