use chrono::{DateTime, Utc};

use crate::children::ChildId;
use crate::values::{DeviceUniqueId, MacId, SerialCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeviceId(pub i64);

/// A device of the inventory. Serial code and unique id are each unique across the inventory;
/// the MAC id (4 hex digits) is not, it only confirms a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: DeviceId,
    pub serial_code: SerialCode,
    pub mac_id: MacId,
    pub unique_id: DeviceUniqueId,
    pub alias: Option<String>,
    pub now_firmware_id: Option<i64>,
    pub last_log_file_id: Option<i64>,
    /// The child user the device is bound to; `None` while it is free to claim.
    pub real_user_id: Option<ChildId>,
    pub created_at: DateTime<Utc>,
}

impl Device {
    /// True when the device is the one a claim of this MAC id and unique id describes.
    pub fn answers(&self, mac_id: &MacId, unique_id: &DeviceUniqueId) -> bool {
        self.mac_id == *mac_id && self.unique_id == *unique_id
    }
}

/// One row of a provisioning batch; the store assigns the id and the device starts unbound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub serial_code: SerialCode,
    pub mac_id: MacId,
    pub unique_id: DeviceUniqueId,
    pub alias: Option<String>,
    pub now_firmware_id: Option<i64>,
}

/// A key that must be unique across the inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceKey {
    SerialCode,
    UniqueId,
}

/// A row of a provisioning batch that was not inserted because a device with the same key
/// exists already (or came earlier in the same batch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateDevice {
    /// Position of the row in the batch, from 0.
    pub index: usize,
    pub serial_code: SerialCode,
    /// The key that collided; the serial code is checked first.
    pub key: DeviceKey,
}

/// What a provisioning batch did, row by row: every row is either created or a duplicate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProvisionReport {
    /// The inserted devices, in batch order.
    pub created: Vec<Device>,
    /// The skipped rows, in batch order.
    pub duplicates: Vec<DuplicateDevice>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::device;

    #[test]
    fn a_claim_is_answered_only_by_both_mac_id_and_unique_id() {
        let stored = device(1, None);
        let (mac, other_mac) = (MacId::parse("41AD"), MacId::parse("41AE"));
        let (unique, other_unique) = (
            DeviceUniqueId::parse("unique-1"),
            DeviceUniqueId::parse("x"),
        );
        let (Ok(mac), Ok(other_mac), Ok(unique), Ok(other_unique)) =
            (mac, other_mac, unique, other_unique)
        else {
            panic!("valid values")
        };
        assert!(stored.answers(&mac, &unique));
        assert!(!stored.answers(&other_mac, &unique));
        assert!(!stored.answers(&mac, &other_unique));
    }
}
