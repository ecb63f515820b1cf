use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{NewDevice, ProvisionReport};
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::children::ChildWithDevice;

/// The device inventory. Claiming and releasing devices go through `ChildRepository`, in the
/// transaction that creates or deletes the child user.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait DeviceRepository: Send + Sync {
    /// Inserts a batch in one transaction, row by row in batch order: a row whose serial code or
    /// unique id is already in the inventory, or in an earlier row of the batch, is skipped and
    /// reported in `duplicates` (with the colliding key, serial code checked first); every other
    /// row is inserted unbound, with `created_at = now`, and reported in `created`. Running the
    /// same batch twice creates nothing the second time. A row that a concurrent batch inserted
    /// first is reported as a duplicate, never as an error (unique violations are caught per
    /// row, e.g. `ON CONFLICT DO NOTHING`).
    async fn provision(
        &self,
        devices: &[NewDevice],
        now: DateTime<Utc>,
    ) -> Result<ProvisionReport, UnexpectedError>;

    /// The devices bound to the live (not deleted) child users of `root_user`, each with its
    /// child, ordered by device id.
    async fn list_for_root_user(
        &self,
        root_user: AccountId,
    ) -> Result<Vec<ChildWithDevice>, UnexpectedError>;
}
