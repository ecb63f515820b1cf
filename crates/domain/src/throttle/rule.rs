use chrono::Duration;

/// `limit` failures within `window` block the key for `lockout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRule {
    pub limit: u32,
    pub window: Duration,
    pub lockout: Duration,
}

/// The name of a counter: what is counted and for whom, e.g. `login:id:alice@example.com`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThrottleKey(String);

impl ThrottleKey {
    pub fn new(scope: &str, subject: &str) -> Self {
        Self(format!("{scope}:{subject}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
