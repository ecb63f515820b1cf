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
}
