use std::fmt;

/// A login handle (`sg-finder`'s `userId`): 4..=45 ASCII letters, digits, `_`, `.` or `-`,
/// and none of the SG-Finder route words ([`LoginId::RESERVED`]), which share its path space
/// (`/user/signup`, `/user/{userId}`). Unique case-insensitively: compare and look up by
/// [`LoginId::normalized`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LoginId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("login id must be 4 to 45 letters, digits, '_', '.' or '-'")]
pub struct LoginIdError;

impl LoginId {
    /// Words of the SG-Finder paths beside `/user/{userId}`, compared case-insensitively.
    pub const RESERVED: [&'static str; 5] = ["signup", "signin", "signout", "checkdup", "register"];

    pub fn parse(raw: &str) -> Result<Self, LoginIdError> {
        let value = raw.trim();
        let valid = (4..=45).contains(&value.len())
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
            && !Self::RESERVED.contains(&value.to_ascii_lowercase().as_str());
        if valid {
            Ok(Self(value.to_owned()))
        } else {
            Err(LoginIdError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn normalized(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl fmt::Display for LoginId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for LoginId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LoginId({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_bounded_and_plain() {
        assert_eq!(LoginId::parse("GksXodnd").unwrap().normalized(), "gksxodnd");
        for bad in [
            "abc",
            "has space",
            "a@b.com",
            &"x".repeat(46),
            "signup",
            "checkDup",
        ] {
            assert_eq!(LoginId::parse(bad), Err(LoginIdError), "{bad}");
        }
    }
}
