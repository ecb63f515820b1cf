use std::fmt;

/// A phone number in E.164 form (`+821012345678`), parsed, checked and normalised by
/// libphonenumber's rules (the `phonenumber` crate), never by hand: the input is written
/// internationally (a leading `+` and the country code), with spaces, hyphens, dots or
/// parentheses as the person typed them, and a national trunk prefix is dropped
/// (`+82 010-1234-5678` is `+821012345678`). The number must be a valid one for its region.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    e164: String,
    /// ISO 3166-1 alpha-2 of the number's region (`KR`); `None` for non-geographic numbers.
    region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("phone must be in E.164 form, for example +821012345678")]
pub struct PhoneError;

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, PhoneError> {
        let raw = raw.trim();
        // Letters would be read as a keypad word (`1-800-FLOWERS`); a person's number has none.
        let typed = raw.strip_prefix('+').is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
        });
        if !typed {
            return Err(PhoneError);
        }
        let number = phonenumber::parse(None, raw).map_err(|_| PhoneError)?;
        if !phonenumber::is_valid(&number) {
            return Err(PhoneError);
        }
        let region = number.country().id().map(|id| id.as_ref().to_owned());
        Ok(Self {
            e164: number.format().mode(phonenumber::Mode::E164).to_string(),
            region,
        })
    }

    /// A number as a store holds it: normalised as [`Phone::parse`] does. A number in E.164
    /// shape (`+` and 8 to 15 digits) that libphonenumber does not hold valid was let in by an
    /// earlier, laxer rule: it is kept as stored rather than making its account unreadable.
    /// Anything else is an error.
    pub fn from_stored(stored: &str) -> Result<Self, PhoneError> {
        if let Ok(phone) = Self::parse(stored) {
            return Ok(phone);
        }
        let e164_shaped = stored.strip_prefix('+').is_some_and(|digits| {
            (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
        });
        if !e164_shaped {
            return Err(PhoneError);
        }
        Ok(Self {
            e164: stored.to_owned(),
            region: phonenumber::parse(None, stored)
                .ok()
                .and_then(|number| number.country().id())
                .map(|id| id.as_ref().to_owned()),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.e164
    }

    /// The region the number belongs to, as ISO 3166-1 alpha-2 (`KR`, `US`).
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.e164)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.e164)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(raw: &str) -> Result<String, PhoneError> {
        Phone::parse(raw).map(|p| p.as_str().to_owned())
    }

    #[test]
    fn accepts_e164_and_drops_separators() {
        assert_eq!(e164("+821012345678").as_deref(), Ok("+821012345678"));
        assert_eq!(e164("+82 10-1234-5678").as_deref(), Ok("+821012345678"));
        assert_eq!(e164(" +1 (415) 555-0100 ").as_deref(), Ok("+14155550100"));
    }

    #[test]
    fn drops_the_korean_trunk_prefix() {
        assert_eq!(e164("+82 010-1234-5678").as_deref(), Ok("+821012345678"));
        assert_eq!(e164("+8201012345678").as_deref(), Ok("+821012345678"));
        assert_eq!(
            Phone::parse("+82 010-1234-5678"),
            Phone::parse("+821012345678")
        );
    }

    #[test]
    fn knows_the_numbers_region() {
        let region = |raw: &str| {
            Phone::parse(raw)
                .ok()
                .and_then(|p| p.region().map(str::to_owned))
        };
        assert_eq!(region("+821012345678").as_deref(), Some("KR"));
        assert_eq!(region("+14155550100").as_deref(), Some("US"));
        assert_eq!(region("+819012345678").as_deref(), Some("JP"));
    }

    #[test]
    fn a_stored_number_is_read_even_when_a_laxer_rule_let_it_in() {
        let stored = |raw: &str| Phone::from_stored(raw).map(|p| p.as_str().to_owned());
        assert_eq!(stored("+821012345678").as_deref(), Ok("+821012345678"));
        assert_eq!(stored("+8201012345678").as_deref(), Ok("+821012345678"));
        assert_eq!(stored("+99912345678").as_deref(), Ok("+99912345678"));
        assert_eq!(stored("0101234"), Err(PhoneError));
        assert_eq!(stored("+82 abc"), Err(PhoneError));
    }

    #[test]
    fn rejects_other_forms() {
        for bad in [
            "01012345678",
            "+0101234567",
            "+82abc",
            "+82 10-1234-ABCD",
            "+1234567",
            "+1234567890123456",
            "+8210",
            "+",
            "",
        ] {
            assert_eq!(Phone::parse(bad), Err(PhoneError), "{bad}");
        }
    }
}
