//! Outgoing email, SMS and push messages. They are written to an outbox in the same
//! transaction as the change that caused them, then delivered by [`OutboxDispatcher`] through
//! the sender port of their channel (`crate::delivery`), with retries, so that a provider
//! outage loses nothing.

mod dispatcher;
mod model;
mod operations;
mod ports;
mod retry;

pub use dispatcher::{DispatchPorts, DispatchSettings, OutboxDispatcher, Senders};
pub use model::{
    Channel, ChannelDepth, DeadMessage, OutboxMessage, OutgoingMessage, QueuedMessage,
};
pub use operations::{
    DEAD_LISTED, Operator, OutboxOperations, OutboxOverview, OutboxOverviewError, RequeueError,
};
#[cfg(any(test, feature = "mock"))]
pub use ports::MockOutboxRepository;
pub use ports::{DeliveryError, OutboxRepository};
#[cfg(any(test, feature = "mock"))]
pub use retry::MockJitter;
pub use retry::{Jitter, RetryPolicy};
