//! Outgoing email, SMS and push messages. They are written to an outbox in the same
//! transaction as the change that caused them, then delivered by [`OutboxDispatcher`] with
//! retries, so that a provider outage loses nothing.

mod dispatcher;
mod model;
mod ports;

pub use dispatcher::{DispatchSettings, OutboxDispatcher};
pub use model::{Channel, OutboxMessage, OutgoingMessage};
pub use ports::{DeliveryError, MessageSender, OutboxRepository};
#[cfg(any(test, feature = "mock"))]
pub use ports::{MockMessageSender, MockOutboxRepository};
