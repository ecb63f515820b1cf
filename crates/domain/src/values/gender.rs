/// M (male), F (female), N (non-binary), P (prefers not to say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    NonBinary,
    PreferNotToSay,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("gender must be one of M, F, N, P")]
pub struct GenderError;

impl Gender {
    /// Accepts the one-letter codes and the `MALE`/`FEMALE` words of the `/accounts` paths.
    pub fn parse(raw: &str) -> Result<Self, GenderError> {
        match raw.trim() {
            "M" | "MALE" => Ok(Self::Male),
            "F" | "FEMALE" => Ok(Self::Female),
            "N" => Ok(Self::NonBinary),
            "P" => Ok(Self::PreferNotToSay),
            _ => Err(GenderError),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Male => "M",
            Self::Female => "F",
            Self::NonBinary => "N",
            Self::PreferNotToSay => "P",
        }
    }

    /// The `/accounts` paths know only `MALE` and `FEMALE`.
    pub fn word(&self) -> Option<&'static str> {
        match self {
            Self::Male => Some("MALE"),
            Self::Female => Some("FEMALE"),
            Self::NonBinary | Self::PreferNotToSay => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_words_round_trip() {
        for code in ["M", "F", "N", "P"] {
            assert_eq!(Gender::parse(code).unwrap().code(), code);
        }
        assert_eq!(Gender::parse("MALE").unwrap(), Gender::Male);
        assert_eq!(Gender::Female.word(), Some("FEMALE"));
        assert_eq!(Gender::NonBinary.word(), None);
        assert_eq!(Gender::parse("m"), Err(GenderError));
        assert_eq!(Gender::parse("X"), Err(GenderError));
    }
}
