use account_domain::UnexpectedError;
use account_domain::outbox::{Channel, OutboxMessage, OutgoingMessage};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::{UnknownCode, stored_count};
use crate::schema::outbox;
use crate::time::StoredTime;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OutboxRow {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: StoredTime,
    pub attempts: i32,
}

impl OutboxRow {
    pub fn into_domain(self) -> Result<OutboxMessage, UnexpectedError> {
        let channel = Channel::parse(&self.channel).ok_or_else(|| {
            let id = self.id;
            UnexpectedError::with_source(
                format!("outbox message {id} has an invalid stored channel"),
                UnknownCode(self.channel.clone()),
            )
        })?;
        Ok(OutboxMessage {
            id: self.id,
            message: OutgoingMessage {
                channel,
                recipient: self.recipient,
                subject: self.subject,
                body: self.body,
            },
            attempts: stored_count(self.attempts, "outbox attempts")?,
            created_at: self.created_at.into(),
        })
    }
}

/// A message to deliver as soon as possible.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = outbox)]
pub struct NewOutboxRow {
    pub channel: &'static str,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: StoredTime,
    pub attempts: i32,
    pub next_attempt_at: StoredTime,
}

impl NewOutboxRow {
    pub fn new(message: &OutgoingMessage, now: DateTime<Utc>) -> Self {
        Self {
            channel: message.channel.as_str(),
            recipient: message.recipient.clone(),
            subject: message.subject.clone(),
            body: message.body.clone(),
            created_at: StoredTime(now),
            attempts: 0,
            next_attempt_at: StoredTime(now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_times::t0;

    fn row(channel: &str) -> OutboxRow {
        OutboxRow {
            id: 3,
            channel: channel.into(),
            recipient: "a@example.com".into(),
            subject: "s".into(),
            body: "b".into(),
            created_at: StoredTime(t0()),
            attempts: 2,
        }
    }

    #[test]
    fn rows_convert_and_an_unknown_channel_is_an_error() {
        let message = row("sms")
            .into_domain()
            .ok()
            .map(|m| (m.message.channel, m.attempts));
        assert_eq!(message, Some((Channel::Sms, 2)));
        let err = row("pigeon").into_domain().err().map(|e| format!("{e:?}"));
        assert_eq!(
            err.as_deref(),
            Some("outbox message 3 has an invalid stored channel: unknown code \"pigeon\"")
        );
    }
}
