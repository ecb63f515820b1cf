use std::sync::Arc;

use chrono::Duration;

use super::model::{Channel, OutboxMessage, OutgoingMessage};
use super::ports::{DeliveryError, OutboxRepository};
use super::retry::{Jitter, RetryPolicy};
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
    /// When failed deliveries are tried again, and when given up.
    pub retry: RetryPolicy,
}

impl Default for DispatchSettings {
    fn default() -> Self {
        Self {
            batch: 20,
            lease: Duration::seconds(60),
            retry: RetryPolicy::default(),
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
    jitter: Arc<dyn Jitter>,
    settings: DispatchSettings,
}

/// What a dispatcher uses besides its senders.
pub struct DispatchPorts {
    pub outbox: Arc<dyn OutboxRepository>,
    /// Where a push token the provider no longer knows is deleted.
    pub push_tokens: Arc<dyn PushTokenRepository>,
    pub clock: Arc<dyn Clock>,
    pub jitter: Arc<dyn Jitter>,
}

impl OutboxDispatcher {
    pub fn new(ports: DispatchPorts, senders: Senders, settings: DispatchSettings) -> Self {
        let DispatchPorts {
            outbox,
            push_tokens,
            clock,
            jitter,
        } = ports;
        Self {
            outbox,
            push_tokens,
            senders,
            clock,
            jitter,
            settings,
        }
    }

    /// Delivers one batch of due messages (suppressed ones are marked done unsent). Returns
    /// how many were delivered.
    pub async fn run_once(&self) -> Result<usize, UnexpectedError> {
        let now = self.clock.now();
        let due = self
            .outbox
            .claim_due(now, self.settings.batch, self.settings.lease)
            .await?;
        let mut delivered = 0;
        for message in due {
            if message.suppressed {
                // Written only so that its request cost what a real send costs: done, unsent.
                self.outbox.mark_sent(message.id, self.clock.now()).await?;
                continue;
            }
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

    /// When to try `message` again after this failed attempt; `None`: it is dead.
    fn retry_at(
        &self,
        message: &OutboxMessage,
        error: &DeliveryError,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        self.settings.retry.next_attempt(
            error,
            message.attempts + 1,
            self.clock.now(),
            self.jitter.fraction(),
        )
    }
}

#[cfg(test)]
#[path = "dispatcher_tests.rs"]
mod tests;
