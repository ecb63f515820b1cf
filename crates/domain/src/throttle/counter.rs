use chrono::{DateTime, Utc};

use super::hit::Hit;
use super::rule::ThrottleRule;
use crate::UnexpectedError;

/// A throttle counter as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CounterState {
    pub window_started_at: DateTime<Utc>,
    pub count: u32,
    pub blocked_until: Option<DateTime<Utc>>,
}

impl CounterState {
    /// A counter that has counted nothing yet.
    pub fn fresh(now: DateTime<Utc>) -> Self {
        Self {
            window_started_at: now,
            count: 0,
            blocked_until: None,
        }
    }

    /// The counter after one more event at `now` ([`Hit::applied_to`]): the count restarts
    /// when the window has passed; reaching `rule.limit` blocks until `now + rule.lockout` and
    /// starts a new window.
    pub fn hit(self, rule: &ThrottleRule, now: DateTime<Utc>) -> Result<Self, UnexpectedError> {
        Ok(Hit::new(rule, now)?.applied_to(self))
    }

    /// When the block ends, if it is still on at `now`.
    pub fn blocked_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.blocked_until.filter(|until| *until > now)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::testing::{THROTTLE_RULE as RULE, t0};

    fn hits(times: &[DateTime<Utc>]) -> CounterState {
        times.iter().fold(CounterState::fresh(t0()), |state, at| {
            state.hit(&RULE, *at).unwrap_or(state)
        })
    }

    #[test]
    fn counts_within_the_window() {
        let state = hits(&[t0(), t0() + Duration::minutes(1)]);
        assert_eq!(state.count, 2);
        assert_eq!(state.window_started_at, t0());
        assert_eq!(state.blocked_at(t0()), None);
    }

    #[test]
    fn reaching_the_limit_blocks_and_starts_a_new_window() {
        let third = t0() + Duration::minutes(2);
        let state = hits(&[t0(), t0(), third]);
        assert_eq!(state.blocked_at(third), Some(third + Duration::minutes(15)));
        assert_eq!((state.count, state.window_started_at), (0, third));
        assert_eq!(state.blocked_at(third + Duration::minutes(15)), None);
    }

    #[test]
    fn a_passed_window_restarts_the_count() {
        let later_on = t0() + Duration::minutes(10);
        let state = hits(&[t0(), t0(), later_on]);
        assert_eq!((state.count, state.window_started_at), (1, later_on));
        assert_eq!(state.blocked_until, None);
    }

    #[test]
    fn a_new_block_never_shortens_a_longer_one() {
        let long_block = t0() + Duration::days(1);
        let state = CounterState {
            window_started_at: t0(),
            count: 2,
            blocked_until: Some(long_block),
        };
        assert_eq!(
            state.hit(&RULE, t0()).ok().and_then(|s| s.blocked_until),
            Some(long_block)
        );
    }
}
