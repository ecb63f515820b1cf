//! Counts of what the service did, for operators' dashboards: log-ins by outcome, tokens
//! issued and refreshed, refresh-token reuse, codes sent, verified and refused. The use cases
//! [`count`] as they decide; where the counts go is the application's choice, installed once
//! at start-up ([`install`]), the way a `tracing` subscriber is. Without one, counting does
//! nothing, so tests and other users of the crate need not care.

use std::sync::OnceLock;

/// One thing worth counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Usage {
    /// A password log-in that opened a session.
    LoginSucceeded,
    /// A password log-in refused for its credentials (unknown, wrong, no password, banned).
    LoginInvalid,
    /// A password log-in refused by a limit before its password was checked.
    LoginThrottled,
    /// A new session with its first tokens (a log-in of any kind).
    TokensIssued,
    /// A refresh token exchanged for its successor.
    TokensRefreshed,
    /// A refresh token presented again after it was rotated: its session was ended.
    RefreshReuseDetected,
    /// A code or link token sent (email verification, phone, password reset).
    CodeSent,
    /// A code accepted.
    CodeVerified,
    /// A code refused (wrong, expired, used up).
    CodeRefused,
}

impl Usage {
    pub const ALL: [Usage; 9] = [
        Self::LoginSucceeded,
        Self::LoginInvalid,
        Self::LoginThrottled,
        Self::TokensIssued,
        Self::TokensRefreshed,
        Self::RefreshReuseDetected,
        Self::CodeSent,
        Self::CodeVerified,
        Self::CodeRefused,
    ];
}

/// Where the counts go.
pub trait UsageSink: Send + Sync {
    fn count(&self, usage: Usage);
}

static SINK: OnceLock<Box<dyn UsageSink>> = OnceLock::new();

/// Sends every later [`count`] to `sink`. Only the first call installs; false for later ones.
pub fn install(sink: Box<dyn UsageSink>) -> bool {
    SINK.set(sink).is_ok()
}

/// Counts one `usage` in the installed sink, if any.
pub fn count(usage: Usage) {
    if let Some(sink) = SINK.get() {
        sink.count(usage);
    }
}
