use std::net::{IpAddr, Ipv6Addr};

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
pub struct ThrottleKey {
    name: String,
    scope: &'static str,
}

impl ThrottleKey {
    /// Subjects longer than [`ThrottleKey::MAX_SUBJECT_CHARS`] are cut there: keys stay
    /// indexable however long the input. Control characters, which no identifier has, become
    /// U+FFFD: keys stay storable whatever was typed (PostgreSQL's text holds no NUL).
    pub fn new(scope: &'static str, subject: &str) -> Self {
        let subject: String = subject
            .chars()
            .take(Self::MAX_SUBJECT_CHARS)
            .map(|c| {
                if c.is_control() {
                    char::REPLACEMENT_CHARACTER
                } else {
                    c
                }
            })
            .collect();
        Self {
            name: format!("{scope}:{subject}"),
            scope,
        }
    }

    pub const MAX_SUBJECT_CHARS: usize = 256;

    /// The counter of a client address. An IPv6 client counts by its /64 network (one host
    /// usually holds the whole /64, so counting single addresses would be no limit at all);
    /// an IPv4-mapped IPv6 address counts as the IPv4 address.
    pub fn per_ip(scope: &'static str, ip: &str) -> Self {
        let subject = match ip.parse::<IpAddr>() {
            Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let network = u128::from(v6) & !((1u128 << 64) - 1);
                    format!("{}/64", Ipv6Addr::from(network))
                }
            },
            Ok(IpAddr::V4(v4)) => v4.to_string(),
            Err(_) => ip.to_owned(),
        };
        Self::new(scope, &subject)
    }

    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// What is counted (`login:id`), without whom: safe to log.
    pub fn scope(&self) -> &'static str {
        self.scope
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

    /// Found by schemathesis: a log-in as `p\u{0}x` was a 500 on PostgreSQL.
    #[test]
    fn keys_hold_no_control_characters_whatever_the_subject() {
        let key = ThrottleKey::new("login:id", "p\u{0}x\u{1b}\n");
        assert_eq!(key.as_str(), "login:id:p\u{fffd}x\u{fffd}\u{fffd}");
        assert_ne!(key, ThrottleKey::new("login:id", "px"));
    }

    #[test]
    fn the_scope_names_what_is_counted_without_whom() {
        let key = ThrottleKey::per_ip("login:ip", "10.0.0.1");
        assert_eq!(key.scope(), "login:ip");
        assert_eq!(
            ThrottleKey::new("register:email", "a:b@c").scope(),
            "register:email"
        );
    }

    #[test]
    fn ipv6_clients_count_by_their_64_network() {
        let a = ThrottleKey::per_ip("login:ip", "2001:db8:1:2:aaaa::1");
        let b = ThrottleKey::per_ip("login:ip", "2001:db8:1:2:ffff:ffff:ffff:ffff");
        let other = ThrottleKey::per_ip("login:ip", "2001:db8:1:3::1");
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(a.as_str(), "login:ip:2001:db8:1:2::/64");
        assert_eq!(
            ThrottleKey::per_ip("login:ip", "::ffff:10.0.0.1").as_str(),
            "login:ip:10.0.0.1"
        );
        assert_eq!(
            ThrottleKey::per_ip("login:ip", "10.0.0.1").as_str(),
            "login:ip:10.0.0.1"
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
