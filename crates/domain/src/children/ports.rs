use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{ChildId, ChildPatch, ChildUser, ChildWithDevice, DeviceClaim, NewChild};
use crate::UnexpectedError;
use crate::values::DeviceUniqueId;

#[derive(Debug, thiserror::Error)]
pub enum CreateWithDeviceError {
    /// No device has the claimed serial code, or its MAC id or unique id differ from the claim.
    #[error("device not found")]
    DeviceNotFound,
    /// The device is bound to a child user already.
    #[error("device is already connected")]
    DeviceTaken,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum DeleteAndReleaseError {
    /// No live (not deleted) child user has this id.
    #[error("child user not found")]
    ChildNotFound,
    /// The device with this unique id is not bound to the child user (or does not exist).
    #[error("device is not connected to this child user")]
    DeviceNotBound,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Stores child users. Creating one claims a device and deleting one releases its devices, each
/// in a single transaction: both happen or neither does.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ChildRepository: Send + Sync {
    /// In one transaction: locks the device with `claim.serial_code`; if there is none, or its
    /// MAC id or unique id differ from the claim, returns `DeviceNotFound`; if it is bound to a
    /// child user, returns `DeviceTaken`; otherwise inserts the child user (`created_at` and
    /// `updated_at` = `child.now`) and binds the device to it. Nothing is written on an error.
    /// Of concurrent claims of one device exactly one succeeds; the others get `DeviceTaken`.
    /// Returns the child user and the device as bound.
    async fn create_with_device(
        &self,
        child: &NewChild,
        claim: &DeviceClaim,
    ) -> Result<ChildWithDevice, CreateWithDeviceError>;

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

    /// In one transaction: checks that the live child user `id` exists (else `ChildNotFound`) and
    /// that the device with `unique_id` is bound to it (else `DeviceNotBound`), then soft-deletes
    /// the child (`deleted_at = now`) and unbinds every device bound to it, so they can be claimed
    /// again. Nothing is written on an error. The child's row stays.
    async fn delete_and_release(
        &self,
        id: ChildId,
        unique_id: &DeviceUniqueId,
        now: DateTime<Utc>,
    ) -> Result<(), DeleteAndReleaseError>;
}
