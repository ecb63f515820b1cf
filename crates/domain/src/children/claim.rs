use chrono::{DateTime, Utc};

use super::model::{ChildId, ChildWithDevice, DeviceClaim, NewChild};
use crate::UnexpectedError;
use crate::store::StoreTransaction;
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

/// Creating a child user claims its device, in the caller's transaction: the device with the
/// claimed serial code is locked and must answer to the claimed MAC id and unique id
/// (`DeviceNotFound` otherwise, whichever of the three differs) and be free (`DeviceTaken`);
/// then the child user is created and the device bound to it. Of concurrent claims of one
/// device exactly one binds it; the others end with `DeviceTaken`. Any error must roll the
/// transaction back: no child user without its device.
pub async fn create_with_device(
    tx: &mut dyn StoreTransaction,
    child: &NewChild,
    claim: &DeviceClaim,
) -> Result<ChildWithDevice, CreateWithDeviceError> {
    let device = match tx.lock_device_by_serial(&claim.serial_code).await? {
        Some(device) if device.answers(&claim.mac_id, &claim.unique_id) => device,
        _ => return Err(CreateWithDeviceError::DeviceNotFound),
    };
    if device.real_user_id.is_some() {
        return Err(CreateWithDeviceError::DeviceTaken);
    }
    let created = tx.insert_child(child).await?;
    let bound = tx
        .bind_device(device.id, created.id, child.now)
        .await?
        .ok_or(CreateWithDeviceError::DeviceTaken)?;
    Ok(ChildWithDevice {
        child: created,
        device: bound,
    })
}

/// Deleting a child user releases its devices, in the caller's transaction: the live child user
/// is locked (`ChildNotFound` otherwise), the named device must be bound to it
/// (`DeviceNotBound`), then every device bound to it is released (free to be claimed again) and
/// the child user soft-deleted. Any error must roll the transaction back.
pub async fn delete_and_release(
    tx: &mut dyn StoreTransaction,
    id: ChildId,
    unique_id: &DeviceUniqueId,
    now: DateTime<Utc>,
) -> Result<(), DeleteAndReleaseError> {
    if !tx.lock_live_child(id).await? {
        return Err(DeleteAndReleaseError::ChildNotFound);
    }
    if !tx.device_bound_to(unique_id, id).await? {
        return Err(DeleteAndReleaseError::DeviceNotBound);
    }
    tx.release_devices_of_child(id, now).await?;
    tx.delete_child(id, now).await?;
    Ok(())
}
