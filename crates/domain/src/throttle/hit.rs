//! One event counted at an instant, with the rule's bounds worked out for that instant, so that a
//! store can apply it to a counter as it is when written (as with [`super::Settlement`]), and
//! concurrent hits of one counter all count without a read first.

use chrono::{DateTime, Utc};

use super::counter::CounterState;
use super::rule::ThrottleRule;
use crate::UnexpectedError;
use crate::time::later;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub at: DateTime<Utc>,
    /// A window that started at or before this instant has passed: the count restarts.
    pub restarts_windows_started_by: DateTime<Utc>,
    /// The count that blocks.
    pub limit: u32,
    /// When a block this hit starts ends.
    pub lockout_ends: DateTime<Utc>,
}

impl Hit {
    pub fn new(rule: &ThrottleRule, at: DateTime<Utc>) -> Result<Self, UnexpectedError> {
        let window = rule.window;
        let restarts_windows_started_by = at
            .checked_sub_signed(window)
            .ok_or_else(|| UnexpectedError::new(format!("{at} - {window} is out of range")))?;
        Ok(Self {
            at,
            restarts_windows_started_by,
            limit: rule.limit,
            lockout_ends: later(at, rule.lockout)?,
        })
    }

    /// The counter after this hit: the count restarts when the window has passed; reaching
    /// the limit blocks until `lockout_ends` (never shortening a longer block) and starts a
    /// new window with nothing counted.
    pub fn applied_to(&self, stored: CounterState) -> CounterState {
        let (window_started_at, count) =
            if stored.window_started_at <= self.restarts_windows_started_by {
                (self.at, 1)
            } else {
                (stored.window_started_at, stored.count.saturating_add(1))
            };
        if count < self.limit {
            return CounterState {
                window_started_at,
                count,
                blocked_until: stored.blocked_until,
            };
        }
        let blocked_until = stored
            .blocked_until
            .map_or(self.lockout_ends, |earlier| earlier.max(self.lockout_ends));
        CounterState {
            window_started_at: self.at,
            count: 0,
            blocked_until: Some(blocked_until),
        }
    }

    /// The counter this hit leaves where there was none.
    pub fn applied_to_nothing(&self) -> CounterState {
        self.applied_to(CounterState::fresh(self.at))
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::testing::{THROTTLE_RULE as RULE, t0};

    #[test]
    fn the_bounds_are_the_rules_from_the_hits_instant() {
        let hit = Hit::new(&RULE, t0()).unwrap();
        assert_eq!(hit.restarts_windows_started_by, t0() - RULE.window);
        assert_eq!(hit.lockout_ends, t0() + RULE.lockout);
        assert_eq!(hit.limit, RULE.limit);
    }

    #[test]
    fn a_window_ends_exactly_one_window_after_it_started() {
        let counted = CounterState {
            window_started_at: t0(),
            count: 1,
            blocked_until: None,
        };
        let just_inside = Hit::new(&RULE, t0() + RULE.window - Duration::microseconds(1)).unwrap();
        assert_eq!(just_inside.applied_to(counted).count, 2);
        let at_the_end = Hit::new(&RULE, t0() + RULE.window).unwrap();
        assert_eq!(at_the_end.applied_to(counted).count, 1);
    }

    #[test]
    fn a_limit_of_one_blocks_a_missing_counter_at_once() {
        let rule = ThrottleRule { limit: 1, ..RULE };
        let state = Hit::new(&rule, t0()).unwrap().applied_to_nothing();
        assert_eq!(state.blocked_at(t0()), Some(t0() + RULE.lockout));
        assert_eq!(state.count, 0);
    }

    #[test]
    fn bounds_out_of_range_are_an_error_not_a_panic() {
        assert!(Hit::new(&RULE, DateTime::<Utc>::MIN_UTC).is_err());
        assert!(Hit::new(&RULE, DateTime::<Utc>::MAX_UTC).is_err());
    }
}
