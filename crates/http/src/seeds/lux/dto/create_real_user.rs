use account_domain::children::{
    ChildWithDevice, CreateChildCommand, CreateChildError, DeviceClaim,
};
use account_domain::values::{DeviceUniqueId, MacId, SerialCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{LuxTimestamp, values};
use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `POST create-real-user`: a child user and the device it claims, created together.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "first_name": "test", "last_name": "", "birthdate": "19970101", "gender": "F",
    "serial_code": "SL20401000", "mac_id": "41AD", "unique_id": "unique"
}))]
pub struct CreateRealUserRequest {
    /// The child's name.
    #[schema(required = true, value_type = String)]
    pub first_name: Option<String>,
    /// May be `""`.
    #[schema(required = true, value_type = String)]
    pub last_name: Option<String>,
    /// `yyyymmdd`, e.g. `19970101`.
    #[schema(required = true, value_type = String)]
    pub birthdate: Option<String>,
    /// `M` male, `F` female, `N` non-binary, `P` prefers not to say.
    #[schema(required = true, value_type = String)]
    pub gender: Option<String>,
    /// The device's serial code: 2 upper-case letters and 8 digits, e.g. `SL20401000`.
    #[schema(required = true, value_type = String)]
    pub serial_code: Option<String>,
    /// The last 4 characters of the device's MAC address, without `:`, upper case: `41AD`.
    #[schema(required = true, value_type = String)]
    pub mac_id: Option<String>,
    /// The device's uuid.
    #[schema(required = true, value_type = String)]
    pub unique_id: Option<String>,
}

impl CreateRealUserRequest {
    /// Missing or invalid child fields are `400` with every field named. Then the claim: a
    /// serial code of the wrong shape is the document's `400 Serial code is not valid`; a MAC
    /// id or unique id no device can have is `404 Not Found Device`, as a mismatch would be.
    pub fn try_into_domain(self, today: NaiveDate) -> Result<CreateChildCommand, ApiError> {
        let mut errors = FieldErrors::new();
        let first_name = errors.parse(
            "first_name",
            self.first_name,
            values::person_name("first_name"),
        );
        let last_name = match self.last_name {
            None => {
                errors.add("last_name", "last_name is required");
                None
            }
            Some(raw) => errors.parse_present("last_name", Some(raw), values::last_name),
        };
        let birthdate = errors.parse("birthdate", self.birthdate, values::birthdate(today));
        let gender = errors.parse("gender", self.gender, values::gender);
        let serial_code = errors.required("serial_code", self.serial_code);
        let mac_id = errors.required("mac_id", self.mac_id);
        let unique_id = errors.required("unique_id", self.unique_id);
        let (
            Some(first_name),
            Some(Some(last_name)),
            Some(birthdate),
            Some(gender),
            Some(serial_code),
            Some(mac_id),
            Some(unique_id),
        ) = (
            first_name,
            last_name,
            birthdate,
            gender,
            serial_code,
            mac_id,
            unique_id,
        )
        else {
            return Err(errors.into());
        };
        let serial_code = SerialCode::parse(&serial_code)?;
        let device = DeviceClaim {
            serial_code,
            mac_id: MacId::parse(&mac_id).map_err(|_| CreateChildError::DeviceNotFound)?,
            unique_id: DeviceUniqueId::parse(&unique_id)
                .map_err(|_| CreateChildError::DeviceNotFound)?,
        };
        Ok(CreateChildCommand {
            first_name,
            last_name,
            birthdate,
            gender,
            device,
        })
    }
}

/// The created child user and the device now bound to it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "real_user_id": 1, "first_name": "test", "last_name": "", "birthdate": "19970101",
    "gender": "F", "device_id": 1, "now_firmware_id": 1, "unique_id": "unique",
    "serial_code": "SL20401000", "device_alias": "string", "last_log_file_id": 0,
    "created_at": "2024-10-28T08:09:47.889Z"
}))]
pub struct CreateRealUserResponse {
    pub real_user_id: i64,
    pub first_name: String,
    /// `""` when the child has none.
    pub last_name: String,
    /// `yyyymmdd`
    pub birthdate: String,
    /// `M`, `F`, `N` or `P`.
    pub gender: &'static str,
    pub device_id: i64,
    /// 0 until the device reports a firmware (an integer, as the document shows).
    pub now_firmware_id: i64,
    pub unique_id: String,
    pub serial_code: String,
    /// `null` when the device has no alias.
    pub device_alias: Option<String>,
    /// 0 until the device uploads a log file, as in the document's example.
    pub last_log_file_id: i64,
    /// When the child user was created.
    #[schema(value_type = String, format = DateTime, example = "2024-10-28T08:09:47.889Z")]
    pub created_at: LuxTimestamp,
}

impl From<ChildWithDevice> for CreateRealUserResponse {
    fn from(ChildWithDevice { child, device }: ChildWithDevice) -> Self {
        Self {
            real_user_id: child.id.0,
            first_name: child.first_name,
            last_name: child.last_name.unwrap_or_default(),
            birthdate: child.birthdate.compact(),
            gender: child.gender.code(),
            device_id: device.id.0,
            now_firmware_id: device.now_firmware_id.unwrap_or(0),
            unique_id: device.unique_id.as_str().to_owned(),
            serial_code: device.serial_code.as_str().to_owned(),
            device_alias: device.alias,
            last_log_file_id: device.last_log_file_id.unwrap_or(0),
            created_at: LuxTimestamp(child.created_at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    fn documented() -> CreateRealUserRequest {
        CreateRealUserRequest {
            first_name: Some("test".into()),
            last_name: Some(String::new()),
            birthdate: Some("19970101".into()),
            gender: Some("F".into()),
            serial_code: Some("SL20401000".into()),
            mac_id: Some("41AD".into()),
            unique_id: Some("unique".into()),
        }
    }

    fn error_of(request: CreateRealUserRequest) -> (u16, String, Vec<String>) {
        let error = request.try_into_domain(today()).unwrap_err();
        (
            error.status.as_u16(),
            error.message.into_owned(),
            error.invalid_fields,
        )
    }

    #[test]
    fn the_documented_request_converts_with_an_empty_last_name() {
        let command = documented().try_into_domain(today());
        assert!(command.is_ok_and(|c| c.last_name.is_none()
            && c.device.serial_code.as_str() == "SL20401000"
            && c.device.mac_id.as_str() == "41AD"));
    }

    #[test]
    fn a_missing_last_name_is_required_even_though_empty_is_fine() {
        let request = CreateRealUserRequest {
            last_name: None,
            ..documented()
        };
        assert_eq!(
            error_of(request),
            (
                400,
                "last_name is required".into(),
                vec!["last_name".into()]
            )
        );
    }

    #[test]
    fn a_malformed_serial_is_400_and_a_malformed_mac_id_404() {
        let serial = CreateRealUserRequest {
            serial_code: Some("sl20401000".into()),
            ..documented()
        };
        assert_eq!(error_of(serial).1, "Serial code is not valid");
        let mac = CreateRealUserRequest {
            mac_id: Some("41AG".into()),
            ..documented()
        };
        assert_eq!(error_of(mac).0, 404);
    }
}
