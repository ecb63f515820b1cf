//! What settling work that succeeded does to a counter. Unlike a hit, a settlement holds for a
//! counter whatever the counter holds when it is written, so a store applies it to the stored
//! row as it is, without a read first, and concurrent hits and settlements all apply.

use chrono::{DateTime, Utc};

use super::budget::Budget;
use super::counter::CounterState;
use super::rule::ThrottleKey;
use crate::UnexpectedError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    /// Forgets the count and any block; the window stays.
    Forget(ThrottleKey),
    /// Gives back one attempt when the counter's window started after `counted_after`: the
    /// attempts of an older window have expired already. Never below zero; a block stays.
    GiveBack {
        key: ThrottleKey,
        counted_after: DateTime<Utc>,
    },
}

impl Settlement {
    /// Gives back one of the attempts that `budget` counts at `now`.
    pub fn give_back(budget: &Budget, now: DateTime<Utc>) -> Result<Self, UnexpectedError> {
        let window = budget.rule.window;
        let counted_after = now
            .checked_sub_signed(window)
            .ok_or_else(|| UnexpectedError::new(format!("{now} - {window} is out of range")))?;
        Ok(Self::GiveBack {
            key: budget.key.clone(),
            counted_after,
        })
    }

    pub fn key(&self) -> &ThrottleKey {
        match self {
            Self::Forget(key) | Self::GiveBack { key, .. } => key,
        }
    }

    /// The counter after this settlement, or `None` when it stays as `stored`. A missing
    /// counter stays missing.
    pub fn settled(&self, stored: CounterState) -> Option<CounterState> {
        let after = match self {
            Self::Forget(_) => CounterState {
                count: 0,
                blocked_until: None,
                ..stored
            },
            Self::GiveBack { counted_after, .. } if stored.window_started_at > *counted_after => {
                CounterState {
                    count: stored.count.saturating_sub(1),
                    ..stored
                }
            }
            Self::GiveBack { .. } => stored,
        };
        (after != stored).then_some(after)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::testing::{THROTTLE_RULE as RULE, t0};

    fn key() -> ThrottleKey {
        ThrottleKey::new("login:ip", "10.0.0.1")
    }

    fn counted(count: u32, blocked_until: Option<DateTime<Utc>>) -> CounterState {
        CounterState {
            window_started_at: t0(),
            count,
            blocked_until,
        }
    }

    fn give_back_at(now: DateTime<Utc>) -> Settlement {
        Settlement::give_back(&Budget::new(key(), RULE), now).unwrap()
    }

    #[test]
    fn giving_back_takes_one_attempt_off_the_current_window() {
        let settled = give_back_at(t0() + Duration::minutes(1)).settled(counted(2, None));
        assert_eq!(settled, Some(counted(1, None)));
    }

    #[test]
    fn giving_back_leaves_a_passed_window_an_empty_count_and_a_block_as_they_are() {
        assert_eq!(
            give_back_at(t0() + RULE.window).settled(counted(2, None)),
            None
        );
        assert_eq!(give_back_at(t0()).settled(counted(0, None)), None);
        let until = Some(t0() + RULE.lockout);
        assert_eq!(
            give_back_at(t0()).settled(counted(1, until)),
            Some(counted(0, until)),
            "the block stays"
        );
    }

    #[test]
    fn the_window_given_back_in_is_the_rules_window() {
        let just_inside = t0() + RULE.window - Duration::milliseconds(1);
        assert!(
            give_back_at(just_inside)
                .settled(counted(1, None))
                .is_some()
        );
        let Settlement::GiveBack { counted_after, .. } = give_back_at(t0()) else {
            panic!("a give-back");
        };
        assert_eq!(counted_after, t0() - RULE.window);
    }

    #[test]
    fn forgetting_clears_count_and_block_and_keeps_the_window() {
        let forget = Settlement::Forget(key());
        let until = Some(t0() + Duration::minutes(5));
        assert_eq!(forget.settled(counted(2, until)), Some(counted(0, None)));
        assert_eq!(forget.settled(counted(0, None)), None, "already forgotten");
    }

    #[test]
    fn giving_back_out_of_range_is_an_error_not_a_panic() {
        let far = DateTime::<Utc>::MIN_UTC;
        assert!(Settlement::give_back(&Budget::new(key(), RULE), far).is_err());
    }
}
