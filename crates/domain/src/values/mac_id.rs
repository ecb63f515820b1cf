use std::fmt;

/// The short MAC id printed on a device: the last 4 hex digits of its MAC address, without
/// the `:`, in upper case (`41AD`). Surrounding whitespace is dropped and lower-case digits
/// are upper-cased (`41ad` is `41AD`): the Lux document asks clients to send upper case, but
/// a client that does not still means the same device.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MacId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("mac id must be 4 hex characters, for example 41AD")]
pub struct MacIdError;

impl MacId {
    pub fn parse(raw: &str) -> Result<Self, MacIdError> {
        let value = raw.trim();
        let valid = value.len() == 4 && value.bytes().all(|b| b.is_ascii_hexdigit());
        if valid {
            Ok(Self(value.to_ascii_uppercase()))
        } else {
            Err(MacIdError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MacId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for MacId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MacId({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_four_upper_case_hex_characters() {
        assert_eq!(MacId::parse("41AD").unwrap().as_str(), "41AD");
        assert_eq!(MacId::parse(" 0F9E ").unwrap().to_string(), "0F9E");
    }

    #[test]
    fn upper_cases_lower_case_hex() {
        assert_eq!(MacId::parse("41ad").unwrap().as_str(), "41AD");
        assert_eq!(MacId::parse(" 0f9E ").unwrap().as_str(), "0F9E");
        assert_eq!(MacId::parse("41ad"), MacId::parse("41AD"));
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "", "41A", "41ADE", "41:A", "41AG", "41ag", "AD:41", "４1AD", "é1A",
        ] {
            assert_eq!(MacId::parse(bad), Err(MacIdError), "{bad}");
        }
    }
}
