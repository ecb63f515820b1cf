use std::collections::BTreeMap;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use account_domain::delivery::{
    EmailMessage, EmailSender, IdempotencyKey, PushError, PushMessage, PushSender, SmsKind,
    SmsMessage, SmsSender,
};
use account_domain::outbox::{DeliveryError, OutgoingMessage};
use account_templates::TemplateError;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Delivers email, SMS and push messages to a JSON-lines file, for development and tests: each
/// message is rendered by `account-templates` and written whole, one line per message:
/// `{"channel","recipient","template","locale","subject","body","params","key","at"}` (`body`
/// is the text rendering; `params` all the template's values, the secret ones included).
///
/// The file is the only place the rendering goes: it carries the verification codes and links
/// a developer needs, so it is created readable by its owner only (`0600`). The log says only
/// that a message went, on which channel, to whom and with which template: never a code or a
/// body. Never use this sender in production.
///
/// Several instances may share one file.
#[derive(Debug, Clone)]
pub struct DevOutbox {
    path: Arc<PathBuf>,
}

/// Keeps the lines of concurrent sends whole, whichever sender and file they are for.
static APPEND_LOCK: Mutex<()> = Mutex::new(());

#[derive(Serialize)]
struct Line<'a> {
    channel: &'static str,
    recipient: &'a str,
    template: &'static str,
    locale: &'static str,
    subject: String,
    body: String,
    params: BTreeMap<&'a str, &'a str>,
    key: &'a str,
    at: DateTime<Utc>,
}

/// What a rendering says, whatever its channel.
struct Rendering {
    subject: String,
    body: String,
}

impl DevOutbox {
    /// Appends to `path`, creating it (readable by this user only) and its parent directories
    /// on the first message. An existing file keeps its mode, with a warning in the log if
    /// others may read it.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        account_private_files::warn_if_exposed(&path, "dev outbox file");
        Self {
            path: Arc::new(path),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    async fn deliver(
        &self,
        message: OutgoingMessage,
        rendering: Result<Rendering, TemplateError>,
        key: &IdempotencyKey,
    ) -> Result<(), DeliveryError> {
        let (channel, recipient, template) =
            (message.channel(), message.recipient(), message.template());
        let params = message.params();
        let rendering = rendering.map_err(|e| DeliveryError::Permanent(e.to_string()))?;
        let line = Line {
            channel: channel.as_str(),
            recipient,
            template: template.as_str(),
            locale: message.locale().as_str(),
            subject: rendering.subject,
            body: rendering.body,
            params: params
                .plain
                .iter()
                .chain(&params.secret)
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            key: key.as_str(),
            at: Utc::now(),
        };
        let mut bytes =
            serde_json::to_vec(&line).map_err(|e| DeliveryError::Permanent(e.to_string()))?;
        bytes.push(b'\n');

        let path = Arc::clone(&self.path);
        tokio::task::spawn_blocking(move || {
            let _guard = APPEND_LOCK.lock().unwrap_or_else(PoisonError::into_inner);
            append_line(&path, &bytes)
        })
        .await
        .map_err(|e| DeliveryError::Transient(format!("dev outbox writer stopped: {e}")))?
        .map_err(|e| DeliveryError::Transient(format!("writing {}: {e}", self.path.display())))?;
        tracing::info!(
            channel = channel.as_str(),
            recipient,
            template = template.as_str(),
            "dev outbox message"
        );
        Ok(())
    }
}

/// Creates the file (`0600`) and its directories (`0700`) if missing: the lines carry codes.
fn append_line(path: &Path, line: &[u8]) -> io::Result<()> {
    account_private_files::create_parent_dir(path)?;
    account_private_files::file_options()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(line)
}

#[async_trait]
impl EmailSender for DevOutbox {
    async fn send_email(
        &self,
        message: &EmailMessage,
        key: &IdempotencyKey,
    ) -> Result<(), DeliveryError> {
        let rendering = account_templates::render_email(message).map(|email| Rendering {
            subject: email.subject,
            body: email.text,
        });
        self.deliver(OutgoingMessage::Email(message.clone()), rendering, key)
            .await
    }
}

#[async_trait]
impl SmsSender for DevOutbox {
    async fn send_sms(
        &self,
        message: &SmsMessage,
        key: &IdempotencyKey,
    ) -> Result<(), DeliveryError> {
        let rendering = match message.kind {
            SmsKind::Sms => account_templates::render_sms(message).map(|body| Rendering {
                subject: String::new(),
                body,
            }),
            SmsKind::AlimTalk => account_templates::alim_talk(message).map(|talk| Rendering {
                subject: talk.template_code.to_owned(),
                body: talk.fallback_text,
            }),
        };
        self.deliver(OutgoingMessage::Sms(message.clone()), rendering, key)
            .await
    }
}

#[async_trait]
impl PushSender for DevOutbox {
    async fn send_push(
        &self,
        message: &PushMessage,
        key: &IdempotencyKey,
    ) -> Result<(), PushError> {
        let rendering = account_templates::render_push(message).map(|push| Rendering {
            subject: push.title,
            body: push.body,
        });
        Ok(self
            .deliver(OutgoingMessage::Push(message.clone()), rendering, key)
            .await?)
    }
}

#[cfg(test)]
#[path = "outbox_sender_tests.rs"]
mod tests;
