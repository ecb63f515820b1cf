use std::fmt;

/// A device serial code: exactly 2 upper-case ASCII letters (the product line) followed by 8
/// ASCII digits, e.g. `SL20401000` (the Lux seed's example). Surrounding whitespace is dropped;
/// nothing else is normalised, so `sl20401000` is rejected rather than guessed at.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SerialCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("serial code must be 2 upper-case letters and 8 digits, for example SL20401000")]
pub struct SerialCodeError;

impl SerialCode {
    pub const LEN: usize = 10;

    pub fn parse(raw: &str) -> Result<Self, SerialCodeError> {
        let value = raw.trim();
        let bytes = value.as_bytes();
        let valid = bytes.len() == Self::LEN
            && bytes[..2].iter().all(u8::is_ascii_uppercase)
            && bytes[2..].iter().all(u8::is_ascii_digit);
        if valid {
            Ok(Self(value.to_owned()))
        } else {
            Err(SerialCodeError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SerialCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for SerialCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SerialCode({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_two_letters_and_eight_digits() {
        assert_eq!(
            SerialCode::parse("SL20401000").unwrap().as_str(),
            "SL20401000"
        );
        assert_eq!(
            SerialCode::parse(" AB00000000 ").unwrap().as_str(),
            "AB00000000"
        );
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "sl20401000",
            "Sl20401000",
            "S120401000",
            "SL2040100",
            "SL204010000",
            "SL2040100A",
            "SL 20401000",
            "SL-20401000",
            "ＳＬ20401000",
            "SL２0401000",
        ] {
            assert_eq!(SerialCode::parse(bad), Err(SerialCodeError), "{bad}");
        }
    }
}
