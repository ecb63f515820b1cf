use std::fmt;

/// The short MAC id printed on a device: the last 4 hex digits of its MAC address, without
/// the `:`, in upper case (`41AD`). Surrounding whitespace is dropped; lower case is rejected,
/// as the Lux seed asks clients to send upper case.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MacId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("mac id must be 4 upper-case hex characters, for example 41AD")]
pub struct MacIdError;

impl MacId {
    pub fn parse(raw: &str) -> Result<Self, MacIdError> {
        let value = raw.trim();
        let valid = value.len() == 4
            && value
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b));
        if valid {
            Ok(Self(value.to_owned()))
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
    fn rejects_other_shapes() {
        for bad in [
            "", "41ad", "41A", "41ADE", "41:A", "41AG", "AD:41", "４1AD", "é1A",
        ] {
            assert_eq!(MacId::parse(bad), Err(MacIdError), "{bad}");
        }
    }
}
