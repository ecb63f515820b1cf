use std::collections::BTreeMap;

use account_domain::UnexpectedError;
use account_domain::delivery::{
    EmailMessage, Locale, MessageParams, PushMessage, SmsKind, SmsMessage, TemplateId,
};
use account_domain::outbox::{Channel, OutboxMessage, OutgoingMessage, QueuedMessage};
use account_domain::secrets::SecretSealer;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::{UnknownCode, stored_count};
use crate::schema::outbox;
use crate::time::StoredTime;

/// An outbox row as read: the typed message's columns, its secret parameters sealed.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OutboxRow {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub template: String,
    pub locale: String,
    pub sms_kind: Option<String>,
    pub params: String,
    pub secret_params: Option<Vec<u8>>,
    pub suppressed: bool,
    pub created_at: StoredTime,
    pub attempts: i32,
}

impl OutboxRow {
    /// The message, its secret parameters opened with `sealer`.
    pub fn into_domain(self, sealer: &dyn SecretSealer) -> Result<OutboxMessage, UnexpectedError> {
        let id = self.id;
        let invalid = |field: &str, value: &str| {
            UnexpectedError::with_source(
                format!("outbox message {id} has an invalid stored {field}"),
                UnknownCode(value.to_owned()),
            )
        };
        let channel =
            Channel::parse(&self.channel).ok_or_else(|| invalid("channel", &self.channel))?;
        let template =
            TemplateId::parse(&self.template).ok_or_else(|| invalid("template", &self.template))?;
        let locale = Locale::parse(&self.locale);
        let params = MessageParams {
            plain: serde_json::from_str(&self.params).map_err(|e| {
                UnexpectedError::with_source(
                    format!("outbox message {id} has invalid stored parameters"),
                    e,
                )
            })?,
            secret: match &self.secret_params {
                None => BTreeMap::new(),
                Some(sealed) => serde_json::from_slice(&sealer.open(sealed).map_err(|e| {
                    UnexpectedError::with_source(
                        format!("outbox message {id} has secret parameters that cannot be opened"),
                        e,
                    )
                })?)
                .map_err(|e| {
                    UnexpectedError::with_source(
                        format!("outbox message {id} has invalid stored secret parameters"),
                        e,
                    )
                })?,
            },
        };
        let to = self.recipient;
        let message = match channel {
            Channel::Email => OutgoingMessage::Email(EmailMessage {
                to,
                template,
                locale,
                params,
            }),
            Channel::Sms => {
                let kind = match self.sms_kind.as_deref() {
                    None | Some("sms") => SmsKind::Sms,
                    Some("alim_talk") => SmsKind::AlimTalk,
                    Some(other) => return Err(invalid("SMS kind", other)),
                };
                OutgoingMessage::Sms(SmsMessage {
                    to,
                    kind,
                    template,
                    locale,
                    params,
                })
            }
            Channel::Push => OutgoingMessage::Push(PushMessage {
                token: to,
                template,
                locale,
                params,
            }),
        };
        Ok(OutboxMessage {
            id,
            message,
            suppressed: self.suppressed,
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
    pub template: &'static str,
    pub locale: &'static str,
    pub sms_kind: Option<&'static str>,
    pub params: String,
    pub secret_params: Option<Vec<u8>>,
    pub suppressed: bool,
    pub created_at: StoredTime,
    pub attempts: i32,
    pub next_attempt_at: StoredTime,
}

impl NewOutboxRow {
    /// The row of `message`, its secret parameters (if any) sealed with `sealer`: only the
    /// plain ones are stored readable.
    pub fn new(
        message: &OutgoingMessage,
        now: DateTime<Utc>,
        sealer: &dyn SecretSealer,
    ) -> Result<Self, UnexpectedError> {
        let params = message.params();
        let encoding = |e| UnexpectedError::with_source("encoding message parameters", e);
        let secret_params = if params.secret.is_empty() {
            None
        } else {
            let secret = serde_json::to_vec(&params.secret).map_err(encoding)?;
            let sealed = sealer.seal(&secret).map_err(|e| {
                UnexpectedError::with_source("sealing the secret parameters of a message", e)
            })?;
            Some(sealed)
        };
        Ok(Self {
            channel: message.channel().as_str(),
            recipient: message.recipient().to_owned(),
            template: message.template().as_str(),
            locale: message.locale().as_str(),
            sms_kind: match message {
                OutgoingMessage::Sms(sms) => Some(match sms.kind {
                    SmsKind::Sms => "sms",
                    SmsKind::AlimTalk => "alim_talk",
                }),
                _ => None,
            },
            params: serde_json::to_string(&params.plain).map_err(encoding)?,
            secret_params,
            suppressed: false,
            created_at: StoredTime(now),
            attempts: 0,
            next_attempt_at: StoredTime(now),
        })
    }

    /// [`new`](Self::new), suppressed when `queued` is.
    pub fn queued(
        queued: &QueuedMessage,
        now: DateTime<Utc>,
        sealer: &dyn SecretSealer,
    ) -> Result<Self, UnexpectedError> {
        Ok(Self {
            suppressed: queued.suppressed,
            ..Self::new(&queued.message, now, sealer)?
        })
    }
}

#[cfg(test)]
mod tests {
    use account_domain::secrets::SealError;

    use super::*;
    use crate::test_times::t0;

    /// Reverses the bytes: enough to tell sealed from clear in a unit test.
    struct Reversing;

    impl SecretSealer for Reversing {
        fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
            Ok(plaintext.iter().rev().copied().collect())
        }
        fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
            self.seal(sealed)
        }
    }

    fn row(channel: &str) -> OutboxRow {
        let message = OutgoingMessage::sms(
            "+821012345678",
            TemplateId::PhoneCode,
            Locale::En,
            MessageParams::new()
                .secret("code", "123456")
                .plain("minutes", "10"),
        );
        let new = NewOutboxRow::new(&message, t0(), &Reversing).unwrap();
        OutboxRow {
            id: 3,
            channel: channel.into(),
            recipient: new.recipient,
            template: new.template.into(),
            locale: new.locale.into(),
            sms_kind: new.sms_kind.map(Into::into),
            params: new.params,
            secret_params: new.secret_params,
            suppressed: new.suppressed,
            created_at: StoredTime(t0()),
            attempts: 2,
        }
    }

    #[test]
    fn rows_convert_and_an_unknown_channel_is_an_error() {
        let message = row("sms").into_domain(&Reversing).unwrap();
        assert_eq!(message.attempts, 2);
        assert_eq!(message.message.channel(), Channel::Sms);
        assert_eq!(message.message.locale(), Locale::En);
        assert_eq!(message.message.params().get("code"), Some("123456"));
        assert_eq!(message.message.params().get("minutes"), Some("10"));
        let err = row("pigeon")
            .into_domain(&Reversing)
            .err()
            .map(|e| format!("{e:?}"));
        assert_eq!(
            err.as_deref(),
            Some("outbox message 3 has an invalid stored channel: unknown code \"pigeon\"")
        );
    }

    #[test]
    fn only_plain_parameters_are_stored_readable_and_the_secret_ones_sealed() {
        let new = row("sms");
        assert!(!new.params.contains("123456"), "{}", new.params);
        let sealed = String::from_utf8(new.secret_params.clone().unwrap()).unwrap();
        assert!(!sealed.contains("123456"), "{sealed}");
        assert!(
            sealed.contains("654321"),
            "sealed with the given sealer: {sealed}"
        );
    }
}
