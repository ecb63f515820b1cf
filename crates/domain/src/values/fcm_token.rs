use std::fmt;

/// An FCM registration token, as the app got it from Firebase.
///
/// Firebase documents no format, so this is a plausibility check only: 1..=4096 characters of
/// `[A-Za-z0-9_:-]` (today's tokens are about 150 to 200 such characters, e.g.
/// `dQw4w9WgXcQ:APA91bH...`). Surrounding whitespace is dropped. Whether FCM still knows the
/// token shows only when a push is sent. `Debug` shows a short prefix only: a token addresses
/// one install and does not belong in logs.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FcmToken(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("push token must be 1 to 4096 letters, digits, '_', ':' or '-'")]
pub struct FcmTokenError;

impl FcmToken {
    pub const MAX_LEN: usize = 4096;

    pub fn parse(raw: &str) -> Result<Self, FcmTokenError> {
        let value = raw.trim();
        let valid = (1..=Self::MAX_LEN).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_:-".contains(&b));
        if valid {
            Ok(Self(value.to_owned()))
        } else {
            Err(FcmTokenError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for FcmToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix: String = self.0.chars().take(8).collect();
        write!(f, "FcmToken({prefix}..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_token_shaped_values() {
        let token = format!("dQw4w9WgXcQ:APA91b{}", "Hx_-9".repeat(30));
        assert_eq!(
            FcmToken::parse(&format!(" {token}\n")).unwrap().as_str(),
            token
        );
        assert!(FcmToken::parse("a").is_ok());
        assert!(FcmToken::parse(&"a".repeat(4096)).is_ok());
    }

    #[test]
    fn rejects_empty_long_and_foreign_characters() {
        for bad in [
            "",
            "  ",
            "has space",
            "slash/ed",
            "dot.ted",
            "equals=",
            "토큰",
            &"a".repeat(4097),
        ] {
            assert_eq!(FcmToken::parse(bad), Err(FcmTokenError), "{bad}");
        }
    }

    #[test]
    fn debug_shows_a_prefix_only() {
        let token = FcmToken::parse("abcdefghijklmnopqrstuvwxyz").unwrap();
        assert_eq!(format!("{token:?}"), "FcmToken(abcdefgh..)");
    }
}
