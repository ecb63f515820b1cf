use chrono::Duration;

use crate::throttle::ThrottleRule;

#[derive(Debug, Clone)]
pub struct VerificationSettings {
    pub code_ttl: Duration,
    pub attempts: u32,
    pub resend_cooldown: Duration,
    /// Codes sent to one target.
    pub sends_per_target: ThrottleRule,
    /// Codes requested from one IP.
    pub sends_per_ip: ThrottleRule,
    /// Codes one signed-in account asks for (SMS costs money: phone changes).
    pub sends_per_account: ThrottleRule,
    /// Wrong codes entered from one IP.
    pub checks_per_ip: ThrottleRule,
    /// The page that confirms an email verification code with one click; the email links to
    /// it with `email` and `code` added to its query.
    pub email_link_base: String,
}

impl Default for VerificationSettings {
    fn default() -> Self {
        Self {
            code_ttl: Duration::minutes(10),
            attempts: 5,
            resend_cooldown: Duration::seconds(60),
            sends_per_target: ThrottleRule {
                limit: 5,
                window: Duration::hours(1),
                lockout: Duration::hours(1),
            },
            sends_per_ip: ThrottleRule {
                limit: 30,
                window: Duration::hours(1),
                lockout: Duration::hours(1),
            },
            sends_per_account: ThrottleRule {
                limit: 10,
                window: Duration::hours(1),
                lockout: Duration::hours(1),
            },
            checks_per_ip: ThrottleRule {
                limit: 30,
                window: Duration::minutes(15),
                lockout: Duration::minutes(15),
            },
            email_link_base: "http://127.0.0.1:8080/verify-email".into(),
        }
    }
}
