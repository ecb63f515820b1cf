use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use super::model::{ChannelDepth, DeadMessage, OutboxMessage, OutgoingMessage};
use crate::UnexpectedError;

/// The outbox table. Messages are usually added by other repositories inside their own
/// transactions; this port is what the dispatcher needs.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait OutboxRepository: Send + Sync {
    /// Adds a message on its own.
    async fn enqueue(
        &self,
        message: &OutgoingMessage,
        now: DateTime<Utc>,
    ) -> Result<i64, UnexpectedError>;

    /// Takes up to `limit` messages due at `now` (not sent, not dead, next attempt reached,
    /// not leased) and leases them until `now + lease`, so that another instance does not take
    /// them too. Oldest first.
    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: Duration,
    ) -> Result<Vec<OutboxMessage>, UnexpectedError>;

    async fn mark_sent(&self, id: i64, now: DateTime<Utc>) -> Result<(), UnexpectedError>;

    /// Records a failed attempt: retry at `retry_at`, or give up for good when `None`.
    async fn mark_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), UnexpectedError>;

    /// Messages not yet delivered, oldest first (for operators and tests); suppressed ones
    /// are never to deliver and not listed.
    async fn pending(&self) -> Result<Vec<OutboxMessage>, UnexpectedError>;

    /// Per channel that has any: how many messages wait (not sent, not dead, not suppressed)
    /// and how many are dead. Ordered by channel name.
    async fn depth(&self) -> Result<Vec<ChannelDepth>, UnexpectedError>;

    /// The newest `limit` dead messages, newest first. Reads no parameter, plain or sealed,
    /// and no recipient: it works without the outbox key and shows no secret.
    async fn dead(&self, limit: u32) -> Result<Vec<DeadMessage>, UnexpectedError>;

    /// Puts the dead message `id` back in the queue, due at `now`, with its attempts reset
    /// (its last error is kept until the next attempt). `false` when no dead message has
    /// that id (unknown, sent, or still waiting).
    async fn requeue(&self, id: i64, now: DateTime<Utc>) -> Result<bool, UnexpectedError>;

    /// Deletes up to `limit` messages sent (or dropped unsent, suppressed) before `before`, and
    /// returns how many. Never a dead message (operators need it) or one still waiting.
    async fn purge_sent(&self, before: DateTime<Utc>, limit: u32) -> Result<u64, UnexpectedError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    /// Worth retrying later (timeout, 5xx, throttled by the provider).
    #[error("temporary delivery failure: {0}")]
    Transient(String),
    /// Retrying cannot help (malformed address, rejected by the provider).
    #[error("permanent delivery failure: {0}")]
    Permanent(String),
    /// Worth retrying, and the provider said when (`Retry-After` on a 429 or 503): the next
    /// attempt waits at least that long ([`crate::outbox::RetryPolicy::next_attempt`]).
    /// Adapters only report what the provider answered; the outbox decides.
    #[error("temporary delivery failure: {reason}; retry after {} s", retry_after.as_secs())]
    RetryAfter {
        reason: String,
        retry_after: std::time::Duration,
    },
}
