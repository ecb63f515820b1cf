use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

/// A password that meets the policy (ASVS 6.2): 8..=128 characters, no composition rules, not
/// one of the 10,000 most common passwords. Its `Debug` never shows the secret.
#[derive(Clone)]
pub struct Password(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("password must be at least 8 characters")]
    TooShort,
    #[error("password must be at most 128 characters")]
    TooLong,
    #[error("password is too common")]
    TooCommon,
    #[error("password must not be the same as the email or login id")]
    SameAsIdentifier,
}

static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .collect()
});

impl Password {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, PasswordError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        if COMMON_PASSWORDS.contains(raw.to_lowercase().as_str()) {
            return Err(PasswordError::TooCommon);
        }
        Ok(Self(raw.to_owned()))
    }

    /// Rejects a password that equals one of the account's identifiers (case-insensitive).
    pub fn ensure_differs_from<'a>(
        &self,
        identifiers: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), PasswordError> {
        let lowered = self.0.to_lowercase();
        let local_part = |id: &str| id.split('@').next().unwrap_or(id).to_lowercase();
        for id in identifiers {
            if lowered == id.to_lowercase() || (id.contains('@') && lowered == local_part(id)) {
                return Err(PasswordError::SameAsIdentifier);
            }
        }
        Ok(())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_counted_in_characters() {
        assert_eq!(
            Password::parse("short").unwrap_err(),
            PasswordError::TooShort
        );
        assert!(Password::parse("ééééééé").is_err());
        assert!(Password::parse("ééééééééx").is_ok());
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        assert_eq!(
            Password::parse(&"x".repeat(129)).unwrap_err(),
            PasswordError::TooLong
        );
    }

    #[test]
    fn common_passwords_are_rejected_whatever_their_case() {
        for common in ["password", "PASSWORD", "12345678", "baseball", "iloveyou"] {
            assert_eq!(
                Password::parse(common).unwrap_err(),
                PasswordError::TooCommon,
                "{common}"
            );
        }
        assert!(COMMON_PASSWORDS.len() >= 10_000 - 10);
        assert!(Password::parse("correct horse battery").is_ok());
    }

    #[test]
    fn no_composition_rules() {
        assert!(Password::parse("all lower case words").is_ok());
    }

    #[test]
    fn password_equal_to_an_identifier_is_rejected() {
        let p = Password::parse("John.Doe@example.com").unwrap();
        assert_eq!(
            p.ensure_differs_from(["john.doe@example.com"]),
            Err(PasswordError::SameAsIdentifier)
        );
        let p = Password::parse("johnnydoe").unwrap();
        assert_eq!(
            p.ensure_differs_from(["JohnnyDoe@example.com"]),
            Err(PasswordError::SameAsIdentifier)
        );
        assert_eq!(
            p.ensure_differs_from(["johnnydoe"]),
            Err(PasswordError::SameAsIdentifier)
        );
        assert!(
            p.ensure_differs_from(["other@example.com", "other"])
                .is_ok()
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let p = Password::parse("a secret phrase").unwrap();
        assert!(!format!("{p:?}").contains("secret"));
    }
}
