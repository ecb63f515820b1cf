use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::change::PlannedChange;
use super::counter::CounterState;
use super::rule::ThrottleKey;
use super::settlement::Settlement;
use crate::UnexpectedError;

/// Failure counters with lockouts. What a change does to a counter and which changes an
/// attempt makes are the domain's ([`super::CounterChange`], [`Settlement`], [`super::reserve`],
/// [`super::settle`]); the store reads and writes counters so that concurrent changes all apply.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ThrottleRepository: Send + Sync {
    /// The stored counters of `keys`, in the same order; `None` where there is none.
    async fn counters(
        &self,
        keys: &[ThrottleKey],
    ) -> Result<Vec<Option<CounterState>>, UnexpectedError>;

    /// Applies each change to its counter as stored when it is written (one change per key):
    /// [`CounterChange::at`](super::CounterChange::at) gives the [`Hit`](super::Hit) to apply,
    /// [`Hit::applied_to_nothing`](super::Hit::applied_to_nothing) where there is no counter,
    /// so that concurrent changes all apply, each as if it ran alone, in some order. What a
    /// change's `read` says is what the domain planned from; the store needs no read of its own.
    /// Returns the state each change left, in order.
    async fn apply(
        &self,
        changes: &[PlannedChange],
        now: DateTime<Utc>,
    ) -> Result<Vec<CounterState>, UnexpectedError>;

    /// Applies each settlement to its counter as stored ([`Settlement::settled`]), without a
    /// read first: concurrent hits and settlements of one counter all apply, each as if it ran
    /// alone, in some order. A missing counter stays missing.
    async fn settle(&self, settlements: &[Settlement]) -> Result<(), UnexpectedError>;

    /// Deletes up to `limit` counters whose window started before `before` and whose block,
    /// if any, ended before it, and returns how many. A counter hit meanwhile (a window
    /// started again) stays. The caller keeps `before` older than the longest window.
    async fn purge_stale(&self, before: DateTime<Utc>, limit: u32) -> Result<u64, UnexpectedError>;
}
