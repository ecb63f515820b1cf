use std::sync::Arc;

use chrono::Duration;

use super::model::{Channel, OutboxMessage, OutgoingMessage};
use super::ports::{DeliveryError, OutboxRepository};
use crate::UnexpectedError;
use crate::clock::Clock;
use crate::delivery::{EmailSender, PushError, PushSender, SmsSender};
use crate::push::PushTokenRepository;
use crate::values::FcmToken;

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

/// The sender of each channel; a channel without one (disabled) keeps its messages waiting.
#[derive(Clone, Default)]
pub struct Senders {
    pub email: Option<Arc<dyn EmailSender>>,
    pub sms: Option<Arc<dyn SmsSender>>,
    pub push: Option<Arc<dyn PushSender>>,
}

/// Why one attempt at a message failed.
#[derive(Debug)]
enum AttemptError {
    Delivery(DeliveryError),
    /// The push token is gone (and deleted): the message can never be delivered.
    TokenGone,
}

/// Delivers due outbox messages through the sender of their channel, with retries.
pub struct OutboxDispatcher {
    outbox: Arc<dyn OutboxRepository>,
    push_tokens: Arc<dyn PushTokenRepository>,
    senders: Senders,
    clock: Arc<dyn Clock>,
    settings: DispatchSettings,
}

impl OutboxDispatcher {
    pub fn new(
        outbox: Arc<dyn OutboxRepository>,
        push_tokens: Arc<dyn PushTokenRepository>,
        senders: Senders,
        clock: Arc<dyn Clock>,
        settings: DispatchSettings,
    ) -> Self {
        Self {
            outbox,
            push_tokens,
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
            match self.deliver(&message).await? {
                Ok(()) => {
                    self.outbox.mark_sent(message.id, self.clock.now()).await?;
                    delivered += 1;
                }
                Err(AttemptError::TokenGone) => {
                    let error = PushError::TokenGone.to_string();
                    tracing::info!(id = message.id, "push token gone: deleted, message dropped");
                    self.outbox.mark_failed(message.id, &error, None).await?;
                }
                Err(AttemptError::Delivery(error)) => {
                    let retry_at = self.retry_at(&message, &error);
                    tracing::warn!(
                        id = message.id,
                        channel = message.message.channel().as_str(),
                        template = message.message.template().as_str(),
                        %error,
                        "outbox delivery failed"
                    );
                    self.outbox
                        .mark_failed(message.id, &error.to_string(), retry_at)
                        .await?;
                }
            }
        }
        Ok(delivered)
    }

    /// One attempt at `message` through the sender of its channel. A push token the provider
    /// no longer knows is deleted here.
    async fn deliver(
        &self,
        message: &OutboxMessage,
    ) -> Result<Result<(), AttemptError>, UnexpectedError> {
        let key = message.idempotency_key();
        let missing = |channel: Channel| {
            AttemptError::Delivery(DeliveryError::Transient(format!(
                "no sender for channel {}",
                channel.as_str()
            )))
        };
        let channel = message.message.channel();
        Ok(match &message.message {
            OutgoingMessage::Email(email) => match &self.senders.email {
                Some(sender) => sender
                    .send_email(email, &key)
                    .await
                    .map_err(AttemptError::Delivery),
                None => Err(missing(channel)),
            },
            OutgoingMessage::Sms(sms) => match &self.senders.sms {
                Some(sender) => sender
                    .send_sms(sms, &key)
                    .await
                    .map_err(AttemptError::Delivery),
                None => Err(missing(channel)),
            },
            OutgoingMessage::Push(push) => match &self.senders.push {
                Some(sender) => match sender.send_push(push, &key).await {
                    Ok(()) => Ok(()),
                    Err(PushError::Delivery(error)) => Err(AttemptError::Delivery(error)),
                    Err(PushError::TokenGone) => {
                        if let Ok(token) = FcmToken::parse(&push.token) {
                            self.push_tokens.remove_token(&token).await?;
                        }
                        Err(AttemptError::TokenGone)
                    }
                },
                None => Err(missing(channel)),
            },
        })
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
