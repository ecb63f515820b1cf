use chrono::{DateTime, Utc};

use crate::delivery::{
    EmailMessage, IdempotencyKey, Locale, MessageParams, PushMessage, SmsKind, SmsMessage,
    TemplateId,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Email,
    Sms,
    Push,
}

impl Channel {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Push => "push",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            "push" => Some(Self::Push),
            _ => None,
        }
    }
}

/// A message to deliver, typed: one channel's message (recipient, template, locale,
/// parameters). It is rendered only when sent, by the sender of its channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutgoingMessage {
    Email(EmailMessage),
    Sms(SmsMessage),
    Push(PushMessage),
}

impl OutgoingMessage {
    /// An email of `template` to `to`.
    pub fn email(
        to: impl Into<String>,
        template: TemplateId,
        locale: Locale,
        params: MessageParams,
    ) -> Self {
        Self::Email(EmailMessage {
            to: to.into(),
            template,
            locale,
            params,
        })
    }

    /// A plain text message (not an alim talk) of `template` to `to`.
    pub fn sms(
        to: impl Into<String>,
        template: TemplateId,
        locale: Locale,
        params: MessageParams,
    ) -> Self {
        Self::Sms(SmsMessage {
            to: to.into(),
            kind: SmsKind::Sms,
            template,
            locale,
            params,
        })
    }

    pub fn channel(&self) -> Channel {
        match self {
            Self::Email(_) => Channel::Email,
            Self::Sms(_) => Channel::Sms,
            Self::Push(_) => Channel::Push,
        }
    }

    /// The email address, phone number or push token it goes to.
    pub fn recipient(&self) -> &str {
        match self {
            Self::Email(m) => &m.to,
            Self::Sms(m) => &m.to,
            Self::Push(m) => &m.token,
        }
    }

    pub fn template(&self) -> TemplateId {
        match self {
            Self::Email(m) => m.template,
            Self::Sms(m) => m.template,
            Self::Push(m) => m.template,
        }
    }

    pub fn locale(&self) -> Locale {
        match self {
            Self::Email(m) => m.locale,
            Self::Sms(m) => m.locale,
            Self::Push(m) => m.locale,
        }
    }

    pub fn params(&self) -> &MessageParams {
        match self {
            Self::Email(m) => &m.params,
            Self::Sms(m) => &m.params,
            Self::Push(m) => &m.params,
        }
    }
}

impl From<EmailMessage> for OutgoingMessage {
    fn from(message: EmailMessage) -> Self {
        Self::Email(message)
    }
}

impl From<SmsMessage> for OutgoingMessage {
    fn from(message: SmsMessage) -> Self {
        Self::Sms(message)
    }
}

impl From<PushMessage> for OutgoingMessage {
    fn from(message: PushMessage) -> Self {
        Self::Push(message)
    }
}

/// A message as a use case queues it: to be sent, or written like any other and then dropped
/// unsent (`suppressed`), so that a request whose answer must not tell whether an account
/// exists costs the store the same work either way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMessage {
    pub message: OutgoingMessage,
    pub suppressed: bool,
}

impl QueuedMessage {
    pub fn send(message: OutgoingMessage) -> Self {
        Self {
            message,
            suppressed: false,
        }
    }

    pub fn suppressed(message: OutgoingMessage) -> Self {
        Self {
            message,
            suppressed: true,
        }
    }
}

/// A message as kept in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMessage {
    pub id: i64,
    pub message: OutgoingMessage,
    /// Dropped unsent when its turn comes ([`QueuedMessage::suppressed`]).
    pub suppressed: bool,
    /// Delivery attempts made so far.
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
}

impl OutboxMessage {
    /// The key every attempt at this message carries (`outbox-<id>`), so that a provider that
    /// honours idempotency keys delivers it once however often it is retried.
    pub fn idempotency_key(&self) -> IdempotencyKey {
        IdempotencyKey(format!("outbox-{}", self.id))
    }
}

/// How many messages of one channel wait, and how many are dead (for operators).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelDepth {
    pub channel: Channel,
    pub pending: u64,
    pub dead: u64,
}

/// A message given up, as operators see it: no recipient, no parameter, no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadMessage {
    pub id: i64,
    pub channel: Channel,
    pub template: TemplateId,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub dead_at: DateTime<Utc>,
}
