//! Reads a device inventory file (CSV or JSON) for `account-service provision-devices`.
//!
//! CSV: a header row naming the columns `serial_code`, `mac_id`, `unique_id` and optionally
//! `device_alias` and `now_firmware_id`, in any order; fields may be double-quoted.
//! JSON: an array of objects with those keys (the body of `POST /admin/devices`).
//! Every row is checked before anything is stored; all problems are reported at once.

use account_domain::devices::NewDevice;
use account_domain::values::{DeviceUniqueId, MacId, SerialCode};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeviceRow {
    serial_code: String,
    mac_id: String,
    unique_id: String,
    #[serde(default)]
    device_alias: Option<String>,
    #[serde(default)]
    now_firmware_id: Option<i64>,
}

/// Parses the file by its content: JSON when it starts with `[`, CSV otherwise.
pub fn parse(text: &str) -> Result<Vec<NewDevice>, Vec<String>> {
    let rows = if text.trim_start().starts_with('[') {
        json_rows(text)?
    } else {
        csv_rows(text)?
    };
    let mut devices = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    for (line, row) in rows {
        match to_device(row) {
            Ok(device) => devices.push(device),
            Err(fields) => problems.push(format!("row {line}: invalid {}", fields.join(", "))),
        }
    }
    if problems.is_empty() {
        Ok(devices)
    } else {
        Err(problems)
    }
}

fn to_device(row: DeviceRow) -> Result<NewDevice, Vec<&'static str>> {
    let serial_code = SerialCode::parse(&row.serial_code);
    let mac_id = MacId::parse(&row.mac_id);
    let unique_id = DeviceUniqueId::parse(&row.unique_id);
    match (serial_code, mac_id, unique_id) {
        (Ok(serial_code), Ok(mac_id), Ok(unique_id)) => Ok(NewDevice {
            serial_code,
            mac_id,
            unique_id,
            alias: row.device_alias.filter(|a| !a.trim().is_empty()),
            now_firmware_id: row.now_firmware_id,
        }),
        (s, m, u) => Err([
            ("serial_code", s.is_err()),
            ("mac_id", m.is_err()),
            ("unique_id", u.is_err()),
        ]
        .into_iter()
        .filter_map(|(name, bad)| bad.then_some(name))
        .collect()),
    }
}

fn json_rows(text: &str) -> Result<Vec<(usize, DeviceRow)>, Vec<String>> {
    let rows: Vec<DeviceRow> = serde_json::from_str(text)
        .map_err(|e| vec![format!("not a JSON array of devices: {e}")])?;
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| (i + 1, row))
        .collect())
}

fn csv_rows(text: &str) -> Result<Vec<(usize, DeviceRow)>, Vec<String>> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Ok(Vec::new());
    };
    let columns: Vec<String> = split_csv(header)
        .into_iter()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let position = |name: &str| columns.iter().position(|c| c == name);
    let (Some(serial), Some(mac), Some(unique)) = (
        position("serial_code"),
        position("mac_id"),
        position("unique_id"),
    ) else {
        return Err(vec![
            "the CSV header must name serial_code, mac_id and unique_id".into(),
        ]);
    };
    let (alias, firmware) = (position("device_alias"), position("now_firmware_id"));
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in lines {
        let fields = split_csv(line);
        let field = |i: Option<usize>| {
            i.and_then(|i| fields.get(i))
                .map(|f| f.trim().to_owned())
                .filter(|f| !f.is_empty())
        };
        let firmware_id = match field(firmware).map(|f| f.parse::<i64>()) {
            Some(Err(_)) => {
                problems.push(format!(
                    "line {}: now_firmware_id must be a number",
                    index + 1
                ));
                continue;
            }
            Some(Ok(id)) => Some(id),
            None => None,
        };
        rows.push((
            index + 1,
            DeviceRow {
                serial_code: field(Some(serial)).unwrap_or_default(),
                mac_id: field(Some(mac)).unwrap_or_default(),
                unique_id: field(Some(unique)).unwrap_or_default(),
                device_alias: field(alias),
                now_firmware_id: firmware_id,
            },
        ));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Splits one CSV line; a field in double quotes may hold commas and `""` for a quote.
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_any_column_order_and_quotes() {
        let text = "mac_id,serial_code,unique_id,device_alias,now_firmware_id\n41AD,SL20401000,unique-1,\"Kid's, room\",3\n\n41AE,SL20401001,unique-2,,\n";
        let devices = parse(text).unwrap();
        assert_eq!(devices.len(), 2);
        assert_eq!(devices[0].serial_code.as_str(), "SL20401000");
        assert_eq!(devices[0].alias.as_deref(), Some("Kid's, room"));
        assert_eq!(devices[0].now_firmware_id, Some(3));
        assert_eq!(devices[1].alias, None);
        assert_eq!(devices[1].now_firmware_id, None);
    }

    #[test]
    fn json_array_like_the_admin_endpoint() {
        let text = r#"[{"serial_code":"SL20401000","mac_id":"41AD","unique_id":"u1","device_alias":"desk"}]"#;
        let devices = parse(text).unwrap();
        assert_eq!(devices[0].mac_id.as_str(), "41AD");
        assert_eq!(devices[0].alias.as_deref(), Some("desk"));
    }

    #[test]
    fn every_bad_row_is_reported_and_nothing_is_returned() {
        let text =
            "serial_code,mac_id,unique_id\nbad,41AD,u1\nSL20401000,zz,u2\nSL20401001,41AD,u3\n";
        let problems = parse(text).unwrap_err();
        assert_eq!(
            problems,
            vec!["row 2: invalid serial_code", "row 3: invalid mac_id"]
        );
    }

    #[test]
    fn a_header_without_the_required_columns_is_refused() {
        assert!(parse("serial,mac\nSL20401000,41AD\n").is_err());
        assert!(parse("[{\"serial_code\":1}]").is_err());
    }
}
