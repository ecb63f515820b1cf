use chrono::{DateTime, Utc};

use crate::accounts::AccountId;
use crate::devices::Device;
use crate::values::{Birthdate, DeviceUniqueId, Gender, MacId, PersonName, SerialCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChildId(pub i64);

/// A dependant of a root user. Deletion is soft: `deleted_at` is set and the row stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildUser {
    pub id: ChildId,
    pub root_user_id: AccountId,
    pub first_name: String,
    /// `None` when not given (the Lux seed sends and expects `""`).
    pub last_name: Option<String>,
    pub birthdate: Birthdate,
    pub gender: Gender,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A child user as created; the store assigns the id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChild {
    pub root_user_id: AccountId,
    pub first_name: PersonName,
    pub last_name: Option<PersonName>,
    pub birthdate: Birthdate,
    pub gender: Gender,
    pub now: DateTime<Utc>,
}

/// The device a new child user claims: found by serial code, confirmed by MAC id and unique id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceClaim {
    pub serial_code: SerialCode,
    pub mac_id: MacId,
    pub unique_id: DeviceUniqueId,
}

/// A partial update of a child user; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChildPatch {
    pub first_name: Option<PersonName>,
    /// `Some(None)` clears the last name (the Lux client sends `""`).
    pub last_name: Option<Option<PersonName>>,
    pub birthdate: Option<Birthdate>,
    pub gender: Option<Gender>,
}

impl ChildPatch {
    pub fn is_empty(&self) -> bool {
        self.first_name.is_none()
            && self.last_name.is_none()
            && self.birthdate.is_none()
            && self.gender.is_none()
    }
}

/// A child user and the device bound to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildWithDevice {
    pub child: ChildUser,
    pub device: Device,
}
