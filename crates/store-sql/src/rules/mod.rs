//! The decisions the repositories take inside their transactions, as plain functions over
//! stored state, so they are tested without a database and written once for both backends.

mod code_attempt;
mod cooldown;
mod rotation;
mod throttle;

pub use code_attempt::{AttemptStep, CurrentCode, attempt_step};
pub use cooldown::cooling_down_until;
pub use rotation::{PresentedToken, RotationStep, rotation_step};
pub use throttle::CounterState;

use account_domain::UnexpectedError;
use chrono::{DateTime, Duration, Utc};

/// `instant + by`, as an error instead of a panic when it leaves chrono's range.
pub fn later(instant: DateTime<Utc>, by: Duration) -> Result<DateTime<Utc>, UnexpectedError> {
    instant
        .checked_add_signed(by)
        .ok_or_else(|| UnexpectedError::new(format!("{instant} + {by} is out of range")))
}

#[cfg(test)]
pub(crate) mod test_times {
    use chrono::{DateTime, TimeZone, Utc};

    pub fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
            .single()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_refuses_to_overflow() {
        assert_eq!(
            later(test_times::t0(), Duration::seconds(5)).ok(),
            Some(test_times::t0() + Duration::seconds(5))
        );
        assert!(later(DateTime::<Utc>::MAX_UTC, Duration::seconds(1)).is_err());
    }
}
