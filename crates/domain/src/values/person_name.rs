use std::fmt;

/// A person's name or name part: trimmed, 1..=50 characters, no control characters.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("name is empty")]
    Empty,
    #[error("name is longer than 50 characters")]
    TooLong,
    #[error("name contains control characters")]
    ControlCharacters,
}

impl PersonName {
    pub const MAX_CHARS: usize = 50;

    pub fn parse(raw: &str) -> Result<Self, PersonNameError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if value.chars().count() > Self::MAX_CHARS {
            return Err(PersonNameError::TooLong);
        }
        if value.chars().any(char::is_control) {
            return Err(PersonNameError::ControlCharacters);
        }
        Ok(Self(value.to_owned()))
    }

    /// A family name, which some people do not have: blank is the answer "none" (`Ok(None)`),
    /// otherwise the rules of any name part. One rule for root users and child users alike:
    /// the Lux document requires `last_name` when creating a child user and its example sends
    /// `""`, so an empty last name is a valid answer wherever one is asked for.
    pub fn parse_last_name(raw: &str) -> Result<Option<Self>, PersonNameError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        Self::parse(raw).map(Some)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonName({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds_names() {
        assert_eq!(PersonName::parse("  김민준 ").unwrap().as_str(), "김민준");
        assert_eq!(PersonName::parse("   "), Err(PersonNameError::Empty));
        assert!(PersonName::parse(&"가".repeat(50)).is_ok());
        assert_eq!(
            PersonName::parse(&"가".repeat(51)),
            Err(PersonNameError::TooLong)
        );
        assert_eq!(
            PersonName::parse("a\u{0}b"),
            Err(PersonNameError::ControlCharacters)
        );
    }

    #[test]
    fn a_last_name_may_be_empty_but_not_invalid() {
        assert_eq!(PersonName::parse_last_name(""), Ok(None));
        assert_eq!(PersonName::parse_last_name("  "), Ok(None));
        assert_eq!(
            PersonName::parse_last_name(" kim ").map(|n| n.map(|n| n.as_str().to_owned())),
            Ok(Some("kim".into()))
        );
        assert_eq!(
            PersonName::parse_last_name(&"가".repeat(51)),
            Err(PersonNameError::TooLong)
        );
        assert_eq!(
            PersonName::parse_last_name("a\u{7}"),
            Err(PersonNameError::ControlCharacters)
        );
    }
}
