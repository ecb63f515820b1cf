use async_trait::async_trait;

use super::message::{EmailMessage, IdempotencyKey, PushMessage, SmsMessage};
use crate::outbox::DeliveryError;

/// Sends emails (SMTP, the dev outbox).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait EmailSender: Send + Sync {
    async fn send_email(
        &self,
        message: &EmailMessage,
        key: &IdempotencyKey,
    ) -> Result<(), DeliveryError>;
}

/// Sends text messages and KakaoTalk alim talks (an SMS provider's HTTP API, the dev outbox).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait SmsSender: Send + Sync {
    async fn send_sms(
        &self,
        message: &SmsMessage,
        key: &IdempotencyKey,
    ) -> Result<(), DeliveryError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    /// The installation's token is no longer valid (FCM `UNREGISTERED`): delete it.
    #[error("push token is no longer registered")]
    TokenGone,
    #[error(transparent)]
    Delivery(#[from] DeliveryError),
}

/// Sends push notifications (FCM HTTP v1, the dev outbox).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PushSender: Send + Sync {
    async fn send_push(&self, message: &PushMessage, key: &IdempotencyKey)
    -> Result<(), PushError>;
}
