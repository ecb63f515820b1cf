use std::collections::HashMap;
use std::sync::Arc;

use chrono::Duration;

use super::model::{Channel, OutboxMessage};
use super::ports::{DeliveryError, MessageSender, OutboxRepository};
use crate::UnexpectedError;
use crate::clock::Clock;

#[derive(Debug, Clone)]
pub struct DispatchSettings {
    pub batch: u32,
    /// How long a claimed message is reserved for this instance.
    pub lease: Duration,
    /// Attempts before a message is given up (dead).
    pub max_attempts: u32,
    /// Delay before the first retry; doubled at each further attempt.
    pub first_retry: Duration,
}

impl Default for DispatchSettings {
    fn default() -> Self {
        Self {
            batch: 20,
            lease: Duration::seconds(60),
            max_attempts: 8,
            first_retry: Duration::seconds(5),
        }
    }
}

/// Delivers due outbox messages through the sender of their channel, with retries.
pub struct OutboxDispatcher {
    outbox: Arc<dyn OutboxRepository>,
    senders: HashMap<Channel, Arc<dyn MessageSender>>,
    clock: Arc<dyn Clock>,
    settings: DispatchSettings,
}

impl OutboxDispatcher {
    pub fn new(
        outbox: Arc<dyn OutboxRepository>,
        senders: impl IntoIterator<Item = Arc<dyn MessageSender>>,
        clock: Arc<dyn Clock>,
        settings: DispatchSettings,
    ) -> Self {
        let senders = senders.into_iter().map(|s| (s.channel(), s)).collect();
        Self {
            outbox,
            senders,
            clock,
            settings,
        }
    }

    /// Delivers one batch of due messages. Returns how many were delivered.
    pub async fn run_once(&self) -> Result<usize, UnexpectedError> {
        let now = self.clock.now();
        let due = self
            .outbox
            .claim_due(now, self.settings.batch, self.settings.lease)
            .await?;
        let mut delivered = 0;
        for message in due {
            match self.deliver(&message).await {
                Ok(()) => {
                    self.outbox.mark_sent(message.id, self.clock.now()).await?;
                    delivered += 1;
                }
                Err(error) => {
                    let retry_at = self.retry_at(&message, &error);
                    tracing::warn!(id = message.id, channel = message.message.channel.as_str(), %error, "outbox delivery failed");
                    self.outbox
                        .mark_failed(message.id, &error.to_string(), retry_at)
                        .await?;
                }
            }
        }
        Ok(delivered)
    }

    async fn deliver(&self, message: &OutboxMessage) -> Result<(), DeliveryError> {
        let channel = message.message.channel;
        let sender = self.senders.get(&channel).ok_or_else(|| {
            DeliveryError::Transient(format!("no sender for channel {}", channel.as_str()))
        })?;
        sender.send(&message.message).await
    }

    fn retry_at(
        &self,
        message: &OutboxMessage,
        error: &DeliveryError,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        let attempts = message.attempts + 1;
        match error {
            DeliveryError::Permanent(_) => None,
            DeliveryError::Transient(_) if attempts >= self.settings.max_attempts => None,
            DeliveryError::Transient(_) => {
                let backoff = self.settings.first_retry
                    * 2_i32.saturating_pow(attempts.saturating_sub(1).min(16));
                Some(self.clock.now() + backoff)
            }
        }
    }
}

#[cfg(test)]
#[path = "dispatcher_tests.rs"]
mod tests;
