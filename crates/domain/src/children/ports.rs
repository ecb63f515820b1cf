use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{ChildId, ChildPatch, ChildUser};
use crate::UnexpectedError;

/// Reads and edits child users. Creating one together with the claim of its device, and
/// deleting one together with the release of its devices, are units of work of the domain
/// ([`create_with_device`](super::create_with_device), [`delete_and_release`](super::delete_and_release)).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ChildRepository: Send + Sync {
    /// The live (not deleted) child user with this id.
    async fn find(&self, id: ChildId) -> Result<Option<ChildUser>, UnexpectedError>;

    /// Sets the fields given in `patch` (and `updated_at = now`) on the live child user with this
    /// id and returns it as updated; `None`, writing nothing, when there is no such live child.
    async fn update(
        &self,
        id: ChildId,
        patch: &ChildPatch,
        now: DateTime<Utc>,
    ) -> Result<Option<ChildUser>, UnexpectedError>;
}
