use std::fmt;

/// The identifier a device reports about itself (the Lux seed's `unique_id`, usually a UUID):
/// trimmed, 1..=128 printable ASCII characters without spaces. Compared exactly.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DeviceUniqueId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unique id must be 1 to 128 printable ASCII characters without spaces")]
pub struct DeviceUniqueIdError;

impl DeviceUniqueId {
    pub const MAX_LEN: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, DeviceUniqueIdError> {
        let value = raw.trim();
        let valid = (1..=Self::MAX_LEN).contains(&value.len())
            && value.bytes().all(|b| b.is_ascii_graphic());
        if valid {
            Ok(Self(value.to_owned()))
        } else {
            Err(DeviceUniqueIdError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DeviceUniqueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for DeviceUniqueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeviceUniqueId({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_uuids_and_plain_identifiers() {
        let uuid = "3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b";
        assert_eq!(DeviceUniqueId::parse(uuid).unwrap().as_str(), uuid);
        assert_eq!(
            DeviceUniqueId::parse(" unique ").unwrap().as_str(),
            "unique"
        );
        assert!(DeviceUniqueId::parse(&"x".repeat(128)).is_ok());
    }

    #[test]
    fn rejects_empty_long_spaced_and_non_ascii_values() {
        for bad in [
            "",
            "   ",
            "two words",
            "tab\there",
            "기기",
            &"x".repeat(129),
        ] {
            assert_eq!(
                DeviceUniqueId::parse(bad),
                Err(DeviceUniqueIdError),
                "{bad}"
            );
        }
    }
}
