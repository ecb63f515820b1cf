use account_domain::UnexpectedError;
use account_domain::children::ChildId;
use account_domain::devices::{Device, DeviceId, NewDevice};
use account_domain::values::{DeviceUniqueId, MacId, SerialCode};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::invalid_field;
use crate::schema::devices;
use crate::time::StoredTime;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = devices)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct DeviceRow {
    pub id: i64,
    pub serial_code: String,
    pub mac_id: String,
    pub unique_id: String,
    pub device_alias: Option<String>,
    pub now_firmware_id: Option<i64>,
    pub last_log_file_id: Option<i64>,
    pub real_user_id: Option<i64>,
    pub created_at: StoredTime,
}

impl DeviceRow {
    pub fn into_domain(self) -> Result<Device, UnexpectedError> {
        let id = self.id;
        Ok(Device {
            id: DeviceId(id),
            serial_code: SerialCode::parse(&self.serial_code).map_err(invalid_field(
                "device",
                id,
                "serial code",
            ))?,
            mac_id: MacId::parse(&self.mac_id).map_err(invalid_field("device", id, "mac id"))?,
            unique_id: DeviceUniqueId::parse(&self.unique_id).map_err(invalid_field(
                "device",
                id,
                "unique id",
            ))?,
            alias: self.device_alias,
            now_firmware_id: self.now_firmware_id,
            last_log_file_id: self.last_log_file_id,
            real_user_id: self.real_user_id.map(ChildId),
            created_at: self.created_at.into(),
        })
    }
}

/// A provisioned device: unbound.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = devices)]
pub struct NewDeviceRow<'a> {
    pub serial_code: &'a str,
    pub mac_id: &'a str,
    pub unique_id: &'a str,
    pub device_alias: Option<&'a str>,
    pub now_firmware_id: Option<i64>,
    pub created_at: StoredTime,
    pub updated_at: StoredTime,
}

impl<'a> NewDeviceRow<'a> {
    pub fn new(device: &'a NewDevice, now: DateTime<Utc>) -> Self {
        Self {
            serial_code: device.serial_code.as_str(),
            mac_id: device.mac_id.as_str(),
            unique_id: device.unique_id.as_str(),
            device_alias: device.alias.as_deref(),
            now_firmware_id: device.now_firmware_id,
            created_at: StoredTime(now),
            updated_at: StoredTime(now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_times::t0;

    fn stored() -> DeviceRow {
        DeviceRow {
            id: 9,
            serial_code: "SL20401000".into(),
            mac_id: "41AD".into(),
            unique_id: "unique".into(),
            device_alias: None,
            now_firmware_id: Some(1),
            last_log_file_id: None,
            real_user_id: Some(3),
            created_at: StoredTime(t0()),
        }
    }

    #[test]
    fn a_stored_row_becomes_a_device() {
        let device = stored()
            .into_domain()
            .ok()
            .map(|d| (d.id, d.serial_code.to_string(), d.real_user_id));
        assert_eq!(
            device,
            Some((DeviceId(9), "SL20401000".into(), Some(ChildId(3))))
        );
    }

    #[test]
    fn a_stored_value_that_no_longer_parses_is_an_error_naming_the_field() {
        for (field, row) in [
            (
                "serial code",
                DeviceRow {
                    serial_code: "bad".into(),
                    ..stored()
                },
            ),
            (
                "mac id",
                DeviceRow {
                    mac_id: "41AG".into(),
                    ..stored()
                },
            ),
            (
                "unique id",
                DeviceRow {
                    unique_id: "two words".into(),
                    ..stored()
                },
            ),
        ] {
            let err = row.into_domain().err().map(|e| e.to_string());
            assert_eq!(err, Some(format!("device 9 has an invalid stored {field}")));
        }
    }
}
