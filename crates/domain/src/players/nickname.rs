use std::fmt;

/// A player's game nickname: trimmed, 1 to 50 bytes (SG-Finder's `string(50byte)`), no control
/// characters. Unique among players case-insensitively ([`GameNickname::normalized`]); a
/// namespace of its own, apart from the account nickname.
#[derive(Clone, PartialEq, Eq)]
pub struct GameNickname(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a game nickname is 1 to 50 bytes without control characters")]
pub struct GameNicknameError;

impl GameNickname {
    pub const MAX_BYTES: usize = 50;

    pub fn parse(raw: &str) -> Result<Self, GameNicknameError> {
        let value = raw.trim();
        let valid = !value.is_empty()
            && value.len() <= Self::MAX_BYTES
            && !value.chars().any(char::is_control);
        valid
            .then(|| Self(value.to_owned()))
            .ok_or(GameNicknameError)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for GameNickname {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for GameNickname {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GameNickname({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_are_bounded_in_bytes() {
        assert_eq!(
            GameNickname::parse(" Zookeeper ").unwrap().as_str(),
            "Zookeeper"
        );
        assert_eq!(
            GameNickname::parse("Zookeeper").unwrap().normalized(),
            "zookeeper"
        );
        assert!(GameNickname::parse(&"a".repeat(50)).is_ok());
        assert!(GameNickname::parse(&"가".repeat(16)).is_ok(), "48 bytes");
        for bad in ["", "   ", "a\u{7}b"] {
            assert_eq!(GameNickname::parse(bad), Err(GameNicknameError), "{bad:?}");
        }
        assert_eq!(GameNickname::parse(&"a".repeat(51)), Err(GameNicknameError));
        assert_eq!(
            GameNickname::parse(&"가".repeat(17)),
            Err(GameNicknameError)
        );
    }
}
