use std::fmt;

use crate::secrets::SecretGenerator;

/// An account's stable public id (the service user account document's `UserID`): 64 lower-case
/// hex characters, 256 random bits drawn when the account is created and stored with it. It is
/// never derived from the integer id or a key, so it tells nothing about either.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PublicAccountId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a public account id is 64 lower-case hex characters")]
pub struct PublicAccountIdError;

impl PublicAccountId {
    /// Random bytes in an id (two hex characters each).
    pub const BYTES: usize = 32;

    /// A new id from the CSPRNG behind `secrets`.
    pub fn random(secrets: &dyn SecretGenerator) -> Self {
        Self(secrets.random_hex(Self::BYTES))
    }

    pub fn parse(raw: &str) -> Result<Self, PublicAccountIdError> {
        let valid = raw.len() == Self::BYTES * 2
            && raw
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if valid {
            Ok(Self(raw.to_owned()))
        } else {
            Err(PublicAccountIdError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PublicAccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for PublicAccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicAccountId({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::MockSecretGenerator;

    #[test]
    fn only_64_lower_case_hex_characters_parse() {
        let id = "6f8ef70a36f013f3332ef65240fd86363751119c28661738e63b649a149a1c29";
        assert_eq!(
            PublicAccountId::parse(id).map(|i| i.to_string()),
            Ok(id.to_owned())
        );
        for bad in [&id[1..], &id.to_uppercase(), &format!("{}g", &id[1..]), ""] {
            assert_eq!(
                PublicAccountId::parse(bad),
                Err(PublicAccountIdError),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_random_id_takes_32_bytes_of_the_generator() {
        let mut secrets = MockSecretGenerator::new();
        secrets
            .expect_random_hex()
            .withf(|bytes| *bytes == 32)
            .return_const("ab".repeat(32));
        assert_eq!(PublicAccountId::random(&secrets).as_str(), "ab".repeat(32));
    }
}
