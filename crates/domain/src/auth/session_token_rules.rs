//! When a header-token session ends: after an idle time without use, and at the latest an
//! absolute lifetime after sign-in. The idle deadline is the session's `expires_at`, moved
//! forward on use, so that every reader of sessions (the sessions list, revocation) sees an
//! idle session as ended without knowing the rule.

use chrono::{DateTime, Duration, Utc};

/// How long a header-token session lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTokenLifetime {
    /// It ends this long after its last use.
    pub idle: Duration,
    /// It ends this long after sign-in, however much it is used.
    pub absolute: Duration,
}

/// Uses closer together than this do not move the deadline again: a request stream costs
/// one write a minute, not one per request.
pub const TOUCH_INTERVAL: Duration = Duration::seconds(60);

impl SessionTokenLifetime {
    /// The session's deadline when it was last used at `used_at`: idle time after that use,
    /// never past the absolute lifetime from `created_at`.
    pub fn deadline(&self, created_at: DateTime<Utc>, used_at: DateTime<Utc>) -> DateTime<Utc> {
        let idle_end = used_at.checked_add_signed(self.idle);
        let absolute_end = created_at.checked_add_signed(self.absolute);
        match (idle_end, absolute_end) {
            (Some(idle), Some(absolute)) => idle.min(absolute),
            (Some(end), None) | (None, Some(end)) => end,
            (None, None) => DateTime::<Utc>::MAX_UTC,
        }
    }

    /// Whether a use at `now` should move the deadline of a session last used at
    /// `last_used_at`.
    pub fn touch_due(&self, last_used_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - last_used_at >= TOUCH_INTERVAL.min(self.idle)
    }
}

impl Default for SessionTokenLifetime {
    fn default() -> Self {
        Self {
            idle: Duration::hours(1),
            absolute: Duration::days(7),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::t0;

    fn lifetime() -> SessionTokenLifetime {
        SessionTokenLifetime {
            idle: Duration::minutes(30),
            absolute: Duration::hours(2),
        }
    }

    #[test]
    fn each_use_moves_the_deadline_by_the_idle_time() {
        assert_eq!(
            lifetime().deadline(t0(), t0()),
            t0() + Duration::minutes(30)
        );
        let later = t0() + Duration::minutes(20);
        assert_eq!(
            lifetime().deadline(t0(), later),
            later + Duration::minutes(30)
        );
    }

    #[test]
    fn the_absolute_lifetime_caps_the_deadline() {
        let late = t0() + Duration::minutes(100);
        assert_eq!(lifetime().deadline(t0(), late), t0() + Duration::hours(2));
    }

    #[test]
    fn uses_within_a_minute_do_not_touch_again() {
        assert!(!lifetime().touch_due(t0(), t0() + Duration::seconds(59)));
        assert!(lifetime().touch_due(t0(), t0() + Duration::seconds(60)));
        let short = SessionTokenLifetime {
            idle: Duration::seconds(10),
            absolute: Duration::hours(1),
        };
        assert!(short.touch_due(t0(), t0() + Duration::seconds(10)));
    }
}
