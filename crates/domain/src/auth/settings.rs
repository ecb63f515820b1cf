use chrono::Duration;

use super::session_token_rules::SessionTokenLifetime;
use crate::throttle::ThrottleRule;

/// Lifetimes and limits of the authentication use cases.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    pub access_token_ttl: Duration,
    /// Lifetime of one refresh token; each rotation starts a new one.
    pub refresh_token_ttl: Duration,
    /// A session (refresh-token family) ends this long after log-in, whatever the rotations.
    pub session_max_age: Duration,
    /// How long a rotated refresh token still yields the same successor (lost answers).
    pub refresh_grace: Duration,
    /// Idle timeout and absolute lifetime of header-token sessions (SG-Finder).
    pub session_token: SessionTokenLifetime,
    /// Failed log-ins per account identifier.
    pub login_per_account: ThrottleRule,
    /// Failed log-ins per client IP.
    pub login_per_ip: ThrottleRule,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            access_token_ttl: Duration::minutes(15),
            refresh_token_ttl: Duration::days(14),
            session_max_age: Duration::days(90),
            refresh_grace: Duration::seconds(10),
            session_token: SessionTokenLifetime::default(),
            login_per_account: ThrottleRule {
                limit: 5,
                window: Duration::minutes(15),
                lockout: Duration::minutes(15),
            },
            login_per_ip: ThrottleRule {
                limit: 50,
                window: Duration::minutes(15),
                lockout: Duration::minutes(15),
            },
        }
    }
}
