use chrono::Duration;

use crate::throttle::ThrottleRule;

/// Lifetimes and limits of emailed account codes.
#[derive(Debug, Clone)]
pub struct EmailCodeSettings {
    /// How long a code works.
    pub code_ttl: Duration,
    /// Characters of a code (Crockford base32, 5 bits each): 10 give 50 bits.
    pub code_chars: u32,
    /// Wrong codes presented by the signed-in owner of the address before its code is spent.
    pub attempts: u32,
    /// Wait before another code goes to the same address (the document: 10 minutes).
    pub resend_cooldown: Duration,
    /// Codes requested for one address, from any IP.
    pub sends_per_address: ThrottleRule,
    /// Codes requested from one IP, for any address.
    pub sends_per_ip: ThrottleRule,
    /// Wrong codes presented from one IP.
    pub checks_per_ip: ThrottleRule,
}

impl Default for EmailCodeSettings {
    fn default() -> Self {
        Self {
            code_ttl: Duration::minutes(10),
            code_chars: 10,
            attempts: 5,
            resend_cooldown: Duration::minutes(10),
            sends_per_address: ThrottleRule {
                limit: 10,
                window: Duration::hours(1),
                lockout: Duration::hours(1),
            },
            sends_per_ip: ThrottleRule {
                limit: 30,
                window: Duration::hours(1),
                lockout: Duration::hours(1),
            },
            checks_per_ip: ThrottleRule {
                limit: 30,
                window: Duration::minutes(15),
                lockout: Duration::minutes(15),
            },
        }
    }
}
