use std::fmt;

/// An account's nickname (the service user account document's `Info.Nickname`): trimmed,
/// 1..=30 characters, no control characters; unique among live accounts, compared as written.
/// Its own namespace: the SG-Finder game nickname is another
/// ([`GameNickname`](crate::players::GameNickname)).
#[derive(Clone, PartialEq, Eq)]
pub struct Nickname(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NicknameError {
    #[error("nickname is empty")]
    Empty,
    #[error("nickname is longer than 30 characters")]
    TooLong,
    #[error("nickname contains control characters")]
    ControlCharacters,
}

impl Nickname {
    pub const MAX_CHARS: usize = 30;

    pub fn parse(raw: &str) -> Result<Self, NicknameError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(NicknameError::Empty);
        }
        if value.chars().count() > Self::MAX_CHARS {
            return Err(NicknameError::TooLong);
        }
        if value.chars().any(char::is_control) {
            return Err(NicknameError::ControlCharacters);
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Nickname {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Nickname {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nickname({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds_nicknames() {
        assert_eq!(
            Nickname::parse("  mireu ").map(|n| n.to_string()),
            Ok("mireu".into())
        );
        assert_eq!(Nickname::parse(" "), Err(NicknameError::Empty));
        assert!(Nickname::parse(&"가".repeat(30)).is_ok());
        assert_eq!(
            Nickname::parse(&"가".repeat(31)),
            Err(NicknameError::TooLong)
        );
        assert_eq!(
            Nickname::parse("a\tb"),
            Err(NicknameError::ControlCharacters)
        );
    }
}
