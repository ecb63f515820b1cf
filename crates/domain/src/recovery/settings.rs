use chrono::Duration;

use crate::throttle::ThrottleRule;

/// Lifetimes and limits of password resets.
#[derive(Debug, Clone)]
pub struct ResetSettings {
    /// How long an emailed token works.
    pub token_ttl: Duration,
    /// Characters of a token (Crockford base32, 5 bits each): 10 give 50 bits.
    pub token_chars: u32,
    /// Wrong tokens presented for one address before its token is spent.
    pub attempts: u32,
    /// Wait before another token goes to the same address.
    pub resend_cooldown: Duration,
    /// Reset emails requested for one address, from any IP.
    pub requests_per_address: ThrottleRule,
    /// Reset emails requested from one IP, for any address.
    pub requests_per_ip: ThrottleRule,
    /// Wrong tokens presented from one IP.
    pub resets_per_ip: ThrottleRule,
    /// The page that asks for the new password; the email links to it with `email` and
    /// `token` added to its query.
    pub link_base: String,
}

impl Default for ResetSettings {
    fn default() -> Self {
        Self {
            token_ttl: Duration::minutes(30),
            token_chars: 10,
            attempts: 5,
            resend_cooldown: Duration::seconds(60),
            requests_per_address: ThrottleRule {
                limit: 5,
                window: Duration::hours(1),
                lockout: Duration::hours(1),
            },
            requests_per_ip: ThrottleRule {
                limit: 30,
                window: Duration::hours(1),
                lockout: Duration::hours(1),
            },
            resets_per_ip: ThrottleRule {
                limit: 30,
                window: Duration::minutes(15),
                lockout: Duration::minutes(15),
            },
            link_base: "http://localhost:8080/reset-password".into(),
        }
    }
}
