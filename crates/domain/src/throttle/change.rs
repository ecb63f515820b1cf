//! One change to one counter, planned from the counter as read.

use chrono::{DateTime, Utc};

use super::counter::CounterState;
use super::hit::Hit;
use super::rule::{ThrottleKey, ThrottleRule};
use crate::UnexpectedError;

/// What an event does to a counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CounterChange {
    /// Counts one event (see [`CounterState::hit`]). What settles work that succeeded needs no
    /// read: [`super::Settlement`].
    Hit(ThrottleRule),
}

impl CounterChange {
    /// The counter after this change at `now`.
    pub fn apply(
        &self,
        state: CounterState,
        now: DateTime<Utc>,
    ) -> Result<CounterState, UnexpectedError> {
        match self {
            Self::Hit(rule) => state.hit(rule, now),
        }
    }

    /// This change as of `now`, for a store to apply to a counter as it is when written.
    pub fn at(&self, now: DateTime<Utc>) -> Result<Hit, UnexpectedError> {
        match self {
            Self::Hit(rule) => Hit::new(rule, now),
        }
    }
}

/// A change to the counter of `key`, with the counter as it was read before (`None`: there
/// was none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedChange {
    pub key: ThrottleKey,
    pub read: Option<CounterState>,
    pub change: CounterChange,
}

impl PlannedChange {
    /// The counter this change leaves when the counter is still as read (a missing counter
    /// counts from [`CounterState::fresh`]).
    pub fn planned_state(&self, now: DateTime<Utc>) -> Result<CounterState, UnexpectedError> {
        self.change
            .apply(self.read.unwrap_or_else(|| CounterState::fresh(now)), now)
    }

    /// The counter this change leaves when the counter holds `stored` instead, and whether
    /// that needs writing: a change that leaves a counter as it was, or leaves a missing
    /// counter with nothing counted, writes nothing.
    pub fn outcome(
        &self,
        stored: Option<CounterState>,
        now: DateTime<Utc>,
    ) -> Result<(CounterState, bool), UnexpectedError> {
        let before = stored.unwrap_or_else(|| CounterState::fresh(now));
        let after = self.change.apply(before, now)?;
        let needs_writing = match stored {
            Some(stored) => after != stored,
            None => after.count > 0 || after.blocked_until.is_some(),
        };
        Ok((after, needs_writing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{THROTTLE_RULE as RULE, t0};

    fn planned(read: Option<CounterState>, change: CounterChange) -> PlannedChange {
        PlannedChange {
            key: ThrottleKey::new("login:id", "a@example.com"),
            read,
            change,
        }
    }

    #[test]
    fn a_hit_on_a_missing_counter_starts_a_window_and_is_written() {
        let change = planned(None, CounterChange::Hit(RULE));
        let (after, write) = change.outcome(None, t0()).unwrap();
        assert_eq!((after.count, after.window_started_at), (1, t0()));
        assert!(write);
        assert_eq!(change.planned_state(t0()).unwrap(), after);
    }

    #[test]
    fn the_outcome_follows_the_counter_as_stored_not_as_read() {
        let read = CounterState {
            window_started_at: t0(),
            count: 1,
            blocked_until: None,
        };
        let stored = CounterState { count: 2, ..read };
        let change = planned(Some(read), CounterChange::Hit(RULE));
        assert_eq!(change.planned_state(t0()).unwrap().count, 2);
        let (after, _) = change.outcome(Some(stored), t0()).unwrap();
        assert!(after.blocked_at(t0()).is_some(), "the third hit blocks");
    }
}
