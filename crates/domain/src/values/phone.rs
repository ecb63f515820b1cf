use std::fmt;

/// A phone number in E.164 form: `+`, country code, subscriber number; 8 to 15 digits in all.
/// Spaces and hyphens in the input are dropped.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("phone must be in E.164 form, for example +821012345678")]
pub struct PhoneError;

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, PhoneError> {
        let compact: String = raw
            .trim()
            .chars()
            .filter(|c| *c != ' ' && *c != '-')
            .collect();
        let digits = compact.strip_prefix('+').ok_or(PhoneError)?;
        let valid = (8..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if valid {
            Ok(Self(compact))
        } else {
            Err(PhoneError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_e164_and_drops_separators() {
        assert_eq!(
            Phone::parse("+821012345678").unwrap().as_str(),
            "+821012345678"
        );
        assert_eq!(
            Phone::parse("+82 10-1234-5678").unwrap().as_str(),
            "+821012345678"
        );
    }

    #[test]
    fn rejects_other_forms() {
        for bad in [
            "01012345678",
            "+0101234567",
            "+82abc",
            "+1234567",
            "+1234567890123456",
            "+",
        ] {
            assert_eq!(Phone::parse(bad), Err(PhoneError), "{bad}");
        }
    }
}
