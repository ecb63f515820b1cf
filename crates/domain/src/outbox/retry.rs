//! When a failed delivery is tried again: exponential backoff with jitter, up to a number of
//! attempts, then never (the message is dead, with its last error).

use chrono::{DateTime, Duration, Utc};

use super::ports::DeliveryError;
use crate::time::later;

/// How failed deliveries are retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all (the first included) before a message is given up.
    pub max_attempts: u32,
    /// The delay after the first failure; it doubles after each further one.
    pub first_retry: Duration,
    /// The longest delay, however many failures; also the most a provider's `Retry-After`
    /// can hold a message back (a larger one is an error of the provider's).
    pub max_retry: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            first_retry: Duration::seconds(5),
            max_retry: Duration::hours(1),
        }
    }
}

/// A random fraction in `[0, 1)` for each retry, so that messages that failed together (a
/// provider outage) do not all come back at the same instant.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
pub trait Jitter: Send + Sync {
    fn fraction(&self) -> f64;
}

impl RetryPolicy {
    /// The backoff after `failures` failed attempts (1 = the first): `first_retry` doubled
    /// per further failure, capped at `max_retry`, of which a random half is taken off
    /// ("equal jitter": between half and all of the backoff; `fraction` in `[0, 1)`).
    pub fn delay(&self, failures: u32, fraction: f64) -> Duration {
        let doublings = failures.saturating_sub(1).min(30);
        let max_ms = self.max_retry.num_milliseconds().max(0);
        let backoff_ms = self
            .first_retry
            .num_milliseconds()
            .max(0)
            .saturating_mul(1_i64 << doublings)
            .min(max_ms);
        let half = backoff_ms / 2;
        let jitter = (half as f64 * fraction.clamp(0.0, 1.0)) as i64;
        Duration::milliseconds(backoff_ms - half + jitter.min(half))
    }

    /// When to try again a message that failed with `error` at `now`, having failed
    /// `failures` times in all (this one included); `None`: give up (a permanent error, or
    /// the last attempt). A provider's `Retry-After` is honoured: the next attempt is no
    /// sooner than it asked (and no later than `max_retry`), however short the backoff.
    pub fn next_attempt(
        &self,
        error: &DeliveryError,
        failures: u32,
        now: DateTime<Utc>,
        fraction: f64,
    ) -> Option<DateTime<Utc>> {
        let backoff = self.delay(failures, fraction);
        let delay = match error {
            DeliveryError::Permanent(_) => return None,
            _ if failures >= self.max_attempts => return None,
            DeliveryError::Transient(_) => backoff,
            DeliveryError::RetryAfter { retry_after, .. } => {
                let asked = Duration::from_std(*retry_after).unwrap_or(self.max_retry);
                backoff.max(asked.min(self.max_retry))
            }
        };
        later(now, delay).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::t0;

    fn transient() -> DeliveryError {
        DeliveryError::Transient("timeout".into())
    }

    #[test]
    fn the_backoff_doubles_per_failure_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let most = |failures| policy.delay(failures, 1.0);
        assert_eq!(most(1), Duration::seconds(5));
        assert_eq!(most(2), Duration::seconds(10));
        assert_eq!(most(3), Duration::seconds(20));
        assert_eq!(most(10), Duration::seconds(2560));
        assert_eq!(most(11), Duration::hours(1));
        assert_eq!(most(u32::MAX), Duration::hours(1));
    }

    #[test]
    fn jitter_takes_up_to_half_of_the_backoff_off() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(3, 0.0), Duration::seconds(10));
        assert_eq!(policy.delay(3, 0.5), Duration::seconds(15));
        assert_eq!(policy.delay(3, 1.0), Duration::seconds(20));
        // Out-of-range fractions stay within the bounds.
        assert_eq!(policy.delay(3, -1.0), Duration::seconds(10));
        assert_eq!(policy.delay(3, 7.0), Duration::seconds(20));
    }

    #[test]
    fn transient_failures_retry_until_the_last_attempt_then_give_up() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.next_attempt(&transient(), 1, t0(), 0.0),
            Some(t0() + Duration::milliseconds(2_500))
        );
        assert!(policy.next_attempt(&transient(), 7, t0(), 0.0).is_some());
        assert_eq!(policy.next_attempt(&transient(), 8, t0(), 0.0), None);
    }

    fn throttled(seconds: u64) -> DeliveryError {
        DeliveryError::RetryAfter {
            reason: "HTTP 429".into(),
            retry_after: std::time::Duration::from_secs(seconds),
        }
    }

    #[test]
    fn a_providers_retry_after_holds_the_next_attempt_back() {
        let policy = RetryPolicy::default();
        // The backoff after one failure is 2.5 to 5 s; the provider asked for 30.
        assert_eq!(
            policy.next_attempt(&throttled(30), 1, t0(), 0.0),
            Some(t0() + Duration::seconds(30))
        );
        // A Retry-After shorter than the backoff does not hurry the retry.
        assert_eq!(
            policy.next_attempt(&throttled(1), 3, t0(), 1.0),
            Some(t0() + Duration::seconds(20))
        );
        // No more than the longest delay, and the attempts still run out.
        assert_eq!(
            policy.next_attempt(&throttled(10 * 24 * 3600), 1, t0(), 0.0),
            Some(t0() + Duration::hours(1))
        );
        assert_eq!(policy.next_attempt(&throttled(30), 8, t0(), 0.0), None);
    }

    #[test]
    fn a_permanent_failure_gives_up_at_once() {
        let permanent = DeliveryError::Permanent("bad address".into());
        assert_eq!(
            RetryPolicy::default().next_attempt(&permanent, 1, t0(), 0.5),
            None
        );
    }
}
