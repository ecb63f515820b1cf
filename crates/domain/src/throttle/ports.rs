use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[cfg(doc)]
use super::CounterState;
use super::rule::{ThrottleKey, ThrottleRule};
use crate::UnexpectedError;

/// Failure counters with lockouts.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ThrottleRepository: Send + Sync {
    /// The latest `blocked_until` among `keys` that is still in the future, if any.
    async fn blocked_until(
        &self,
        keys: &[ThrottleKey],
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, UnexpectedError>;

    /// Counts one event (a failure, a send) for `key` atomically (concurrent calls all count): the count restarts
    /// when the previous window has passed; reaching `rule.limit` sets `blocked_until` to
    /// `now + rule.lockout` and starts a new window. Returns `blocked_until` if now blocked.
    async fn hit(
        &self,
        key: &ThrottleKey,
        rule: &ThrottleRule,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, UnexpectedError>;

    /// Gives back one attempt reserved in the current window (see [`CounterState::refund`]),
    /// atomically like `hit`.
    async fn refund(
        &self,
        key: &ThrottleKey,
        rule: &ThrottleRule,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError>;

    /// Forgets the counter (after a success).
    async fn reset(&self, key: &ThrottleKey) -> Result<(), UnexpectedError>;

    /// Deletes up to `limit` counters whose window started before `before` and whose block,
    /// if any, ended before it, and returns how many. A counter hit meanwhile (a window
    /// started again) stays. The caller keeps `before` older than the longest window.
    async fn purge_stale(&self, before: DateTime<Utc>, limit: u32) -> Result<u64, UnexpectedError>;
}
