use chrono::{DateTime, Utc};

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

/// A message to deliver: an email address, phone number or push token, and rendered text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

impl OutgoingMessage {
    pub fn email(
        to: impl Into<String>,
        subject: impl Into<String>,
        body: impl Into<String>,
    ) -> Self {
        Self {
            channel: Channel::Email,
            recipient: to.into(),
            subject: subject.into(),
            body: body.into(),
        }
    }

    pub fn sms(to: impl Into<String>, body: impl Into<String>) -> Self {
        Self {
            channel: Channel::Sms,
            recipient: to.into(),
            subject: String::new(),
            body: body.into(),
        }
    }
}

/// A message as kept in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMessage {
    pub id: i64,
    pub message: OutgoingMessage,
    /// Delivery attempts made so far.
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
}
