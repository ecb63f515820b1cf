use std::fmt;

/// A self-introduction: trimmed, at most 128 bytes (SPEC: `introduce <= 128 bytes`), no
/// control characters but line breaks. May be empty.
#[derive(Clone, PartialEq, Eq)]
pub struct Introduce(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an introduction is at most 128 bytes without control characters")]
pub struct IntroduceError;

impl Introduce {
    pub const MAX_BYTES: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, IntroduceError> {
        let value = raw.trim();
        let valid =
            value.len() <= Self::MAX_BYTES && !value.chars().any(|c| c.is_control() && c != '\n');
        valid.then(|| Self(value.to_owned())).ok_or(IntroduceError)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Introduce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Introduce({} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn introductions_are_bounded_in_bytes() {
        let sentence = "안녕 나는 코딩하는 오징어야";
        assert_eq!(Introduce::parse(sentence).unwrap().as_str(), sentence);
        assert!(Introduce::parse("").is_ok());
        assert!(Introduce::parse("line\nbreak").is_ok());
        assert!(Introduce::parse(&"a".repeat(128)).is_ok());
        assert_eq!(Introduce::parse(&"a".repeat(129)), Err(IntroduceError));
        assert_eq!(
            Introduce::parse(&"가".repeat(43)),
            Err(IntroduceError),
            "129 bytes"
        );
        assert_eq!(Introduce::parse("a\u{0}"), Err(IntroduceError));
    }
}
