use chrono::Duration;

/// `limit` failures within `window` block the key for `lockout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRule {
    pub limit: u32,
    pub window: Duration,
    pub lockout: Duration,
}

impl ThrottleRule {
    /// The rule for counting an attempt *before* doing it (so that concurrent attempts cannot
    /// all slip past a check made earlier): the `limit`-th attempt still passes, the next one
    /// is refused.
    pub fn counting_attempts(&self) -> ThrottleRule {
        ThrottleRule {
            limit: self.limit.saturating_add(1),
            ..*self
        }
    }
}

/// The name of a counter: what is counted and for whom, e.g. `login:id:alice@example.com`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThrottleKey(String);

impl ThrottleKey {
    /// Subjects longer than [`ThrottleKey::MAX_SUBJECT_CHARS`] are cut there: keys stay
    /// indexable however long the input.
    pub fn new(scope: &str, subject: &str) -> Self {
        let subject: String = subject.chars().take(Self::MAX_SUBJECT_CHARS).collect();
        Self(format!("{scope}:{subject}"))
    }

    pub const MAX_SUBJECT_CHARS: usize = 256;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_short_whatever_the_subject() {
        let key = ThrottleKey::new("login:id", &"가".repeat(10_000));
        assert_eq!(
            key.as_str().chars().count(),
            "login:id:".len() + ThrottleKey::MAX_SUBJECT_CHARS
        );
    }

    #[test]
    fn counting_attempts_lets_the_limit_through() {
        let rule = ThrottleRule {
            limit: 5,
            window: Duration::minutes(1),
            lockout: Duration::minutes(1),
        };
        assert_eq!(rule.counting_attempts().limit, 6);
    }
}
