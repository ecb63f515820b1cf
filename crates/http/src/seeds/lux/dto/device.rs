use account_domain::children::ChildWithDevice;
use serde::Serialize;
use utoipa::ToSchema;

use super::RealUserResponse;

/// One of the caller's devices with the child user it is bound to (`get-all-device`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "device_id": 1, "serial_code": "SL20401000", "mac_id": "41AD", "unique_id": "unique",
    "device_alias": "string", "now_firmware_id": 1, "last_log_file_id": 0, "real_user_id": 1,
    "real_user": {
        "id": 1, "root_user_id": 1, "first_name": "test", "last_name": "",
        "birthdate": "19970101", "gender": "F"
    }
}))]
pub struct DeviceResponse {
    pub device_id: i64,
    pub serial_code: String,
    pub mac_id: String,
    pub unique_id: String,
    /// `null` when the device has no alias.
    pub device_alias: Option<String>,
    /// 0 until the device reports a firmware (an integer, as the document shows).
    pub now_firmware_id: i64,
    /// 0 until the device uploads a log file, as in the document's example.
    pub last_log_file_id: i64,
    /// The child user's id (the `real_user_id` of `real-user/{real_user_id}`).
    pub real_user_id: i64,
    pub real_user: RealUserResponse,
}

impl From<ChildWithDevice> for DeviceResponse {
    fn from(ChildWithDevice { child, device }: ChildWithDevice) -> Self {
        Self {
            device_id: device.id.0,
            serial_code: device.serial_code.as_str().to_owned(),
            mac_id: device.mac_id.as_str().to_owned(),
            unique_id: device.unique_id.as_str().to_owned(),
            device_alias: device.alias,
            now_firmware_id: device.now_firmware_id.unwrap_or(0),
            last_log_file_id: device.last_log_file_id.unwrap_or(0),
            real_user_id: child.id.0,
            real_user: RealUserResponse::from(child),
        }
    }
}
