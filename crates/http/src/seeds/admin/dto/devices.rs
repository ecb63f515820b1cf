use account_domain::devices::{DeviceKey, DuplicateDevice, NewDevice, ProvisionReport};
use account_domain::values::{DeviceUniqueId, MacId, SerialCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// Longest accepted device alias, in characters.
pub const MAX_ALIAS_CHARS: usize = 64;

/// One device of a provisioning batch (`POST /admin/devices`), named as the Lux API names
/// device fields.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"serial_code": "SL20401000", "mac_id": "41AD", "unique_id": "unique", "device_alias": "Living room", "now_firmware_id": 1}))]
pub struct ProvisionDeviceRow {
    /// 2 upper-case letters and 8 digits, e.g. `SL20401000`.
    #[schema(required = true, value_type = String)]
    pub serial_code: Option<String>,
    /// 4 upper-case hex characters, e.g. `41AD`.
    #[schema(required = true, value_type = String)]
    pub mac_id: Option<String>,
    /// The identifier the device reports (usually a uuid); 1 to 128 printable ASCII characters.
    #[schema(required = true, value_type = String)]
    pub unique_id: Option<String>,
    /// At most 64 characters.
    #[schema(value_type = String, required = false)]
    pub device_alias: Option<String>,
    /// Not negative.
    #[schema(value_type = i64, required = false)]
    pub now_firmware_id: Option<i64>,
}

impl ProvisionDeviceRow {
    fn try_into_domain(self, errors: &mut FieldErrors) -> Option<NewDevice> {
        let serial_code = errors.parse("serial_code", self.serial_code, SerialCode::parse);
        let mac_id = errors.parse("mac_id", self.mac_id, MacId::parse);
        let unique_id = errors.parse("unique_id", self.unique_id, DeviceUniqueId::parse);
        let alias = errors.parse_optional("device_alias", self.device_alias, alias);
        if self.now_firmware_id.is_some_and(|id| id < 0) {
            errors.add("now_firmware_id", "now_firmware_id must not be negative");
        }
        Some(NewDevice {
            serial_code: serial_code?,
            mac_id: mac_id?,
            unique_id: unique_id?,
            alias: alias?,
            now_firmware_id: self.now_firmware_id,
        })
    }
}

fn alias(raw: &str) -> Result<String, String> {
    let alias = raw.trim();
    if alias.chars().count() > MAX_ALIAS_CHARS || alias.chars().any(char::is_control) {
        return Err(format!(
            "device_alias must be at most {MAX_ALIAS_CHARS} characters without control characters"
        ));
    }
    Ok(alias.to_owned())
}

/// The whole batch, or every invalid field of every row (`[3].serial_code`).
pub fn batch_into_domain(rows: Vec<ProvisionDeviceRow>) -> Result<Vec<NewDevice>, ApiError> {
    let mut errors = FieldErrors::new();
    let mut devices = Vec::with_capacity(rows.len());
    for (index, row) in rows.into_iter().enumerate() {
        let mut row_errors = FieldErrors::new();
        let device = row.try_into_domain(&mut row_errors);
        errors.absorb(&format!("[{index}]"), row_errors);
        devices.extend(device);
    }
    if errors.is_empty() {
        Ok(devices)
    } else {
        Err(errors.into())
    }
}

/// What a provisioning batch did.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"created": 1, "duplicates": [{"index": 1, "serial_code": "SL20401001", "reason": "serial_code_taken"}]}))]
pub struct ProvisionResponse {
    /// How many devices were added to the inventory.
    pub created: usize,
    /// The rows skipped because their serial code or unique id is in the inventory already
    /// (or in an earlier row), in batch order.
    pub duplicates: Vec<DuplicateRow>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateRow {
    /// Position of the row in the batch, from 0.
    pub index: usize,
    pub serial_code: String,
    /// `serial_code_taken` or `unique_id_taken` (the serial code is checked first).
    #[schema(example = "serial_code_taken")]
    pub reason: &'static str,
}

impl From<ProvisionReport> for ProvisionResponse {
    fn from(report: ProvisionReport) -> Self {
        Self {
            created: report.created.len(),
            duplicates: report
                .duplicates
                .into_iter()
                .map(DuplicateRow::from)
                .collect(),
        }
    }
}

impl From<DuplicateDevice> for DuplicateRow {
    fn from(duplicate: DuplicateDevice) -> Self {
        Self {
            index: duplicate.index,
            serial_code: duplicate.serial_code.as_str().to_owned(),
            reason: match duplicate.key {
                DeviceKey::SerialCode => "serial_code_taken",
                DeviceKey::UniqueId => "unique_id_taken",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(serial_code: &str, mac_id: &str) -> ProvisionDeviceRow {
        ProvisionDeviceRow {
            serial_code: Some(serial_code.into()),
            mac_id: Some(mac_id.into()),
            unique_id: Some("unique".into()),
            device_alias: Some(" Living room ".into()),
            now_firmware_id: None,
        }
    }

    #[test]
    fn converts_a_valid_batch() {
        let devices = batch_into_domain(vec![row("SL20401000", "41AD")]).unwrap_or_default();
        assert_eq!(devices.len(), 1);
        assert_eq!(devices[0].alias.as_deref(), Some("Living room"));
    }

    #[test]
    fn names_every_invalid_field_with_its_row() {
        let error =
            batch_into_domain(vec![row("SL20401000", "41AD"), row("bad", "41AG")]).unwrap_err();
        assert_eq!(error.invalid_fields, ["[1].serial_code", "[1].mac_id"]);
    }
}
