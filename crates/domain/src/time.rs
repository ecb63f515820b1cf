//! Arithmetic on instants that fails instead of panicking.

use chrono::{DateTime, Duration, Utc};

use crate::UnexpectedError;

/// `instant + by`, as an error instead of a panic when it leaves chrono's range.
pub fn later(instant: DateTime<Utc>, by: Duration) -> Result<DateTime<Utc>, UnexpectedError> {
    instant
        .checked_add_signed(by)
        .ok_or_else(|| UnexpectedError::new(format!("{instant} + {by} is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::t0;

    #[test]
    fn later_refuses_to_overflow() {
        assert_eq!(
            later(t0(), Duration::seconds(5)).ok(),
            Some(t0() + Duration::seconds(5))
        );
        assert!(later(DateTime::<Utc>::MAX_UTC, Duration::seconds(1)).is_err());
    }
}
