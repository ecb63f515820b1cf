use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use account_domain::outbox::{Channel, DeliveryError, MessageSender, OutgoingMessage};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Delivers the messages of one channel to the log and to a JSON-lines file, for
/// development and tests. Each message is one line:
/// `{"channel","recipient","subject","body","at"}`.
///
/// The body is logged and written in clear on purpose: it carries the verification code or
/// link the developer needs. Never use this sender in production.
///
/// Senders of several channels may share one file.
#[derive(Debug, Clone)]
pub struct DevOutboxSender {
    channel: Channel,
    path: Arc<PathBuf>,
}

/// Keeps the lines of concurrent sends whole, whichever sender and file they are for.
static APPEND_LOCK: Mutex<()> = Mutex::new(());

#[derive(Serialize)]
struct Line<'a> {
    channel: &'static str,
    recipient: &'a str,
    subject: &'a str,
    body: &'a str,
    at: DateTime<Utc>,
}

impl DevOutboxSender {
    /// Appends to `path`, creating it (readable by this user only) and its parent directories
    /// on the first message. An existing file keeps its mode, with a warning in the log if
    /// others may read it.
    pub fn new(channel: Channel, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        account_private_files::warn_if_exposed(&path, "dev outbox file");
        Self {
            channel,
            path: Arc::new(path),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
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
impl MessageSender for DevOutboxSender {
    fn channel(&self) -> Channel {
        self.channel
    }

    async fn send(&self, message: &OutgoingMessage) -> Result<(), DeliveryError> {
        if message.channel != self.channel {
            return Err(DeliveryError::Permanent(format!(
                "{} message given to the {} dev sender",
                message.channel.as_str(),
                self.channel.as_str()
            )));
        }
        tracing::info!(
            channel = message.channel.as_str(),
            recipient = %message.recipient,
            subject = %message.subject,
            body = %message.body,
            "dev outbox message"
        );
        let line = Line {
            channel: message.channel.as_str(),
            recipient: &message.recipient,
            subject: &message.subject,
            body: &message.body,
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
        .map_err(|e| DeliveryError::Transient(format!("writing {}: {e}", self.path.display())))
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use serde_json::Value;

    use super::*;

    fn lines(path: &Path) -> Vec<Value> {
        fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[tokio::test]
    async fn appends_one_json_line_per_message_creating_directories() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/outbox/email.jsonl");
        let sender = DevOutboxSender::new(Channel::Email, &path);
        assert_eq!(sender.channel(), Channel::Email);

        let before = Utc::now();
        sender
            .send(&OutgoingMessage::email(
                "a@example.com",
                "Your code",
                "Code: 012345",
            ))
            .await
            .unwrap();
        sender
            .send(&OutgoingMessage::email(
                "b@example.com",
                "Reset \"now\"",
                "line 1\nline 2",
            ))
            .await
            .unwrap();

        let lines = lines(&path);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["channel"], "email");
        assert_eq!(lines[0]["recipient"], "a@example.com");
        assert_eq!(lines[0]["subject"], "Your code");
        assert_eq!(lines[0]["body"], "Code: 012345");
        let at: DateTime<Utc> = lines[0]["at"].as_str().unwrap().parse().unwrap();
        assert!(at >= before && at <= Utc::now());
        assert_eq!(lines[1]["subject"], "Reset \"now\"");
        assert_eq!(lines[1]["body"], "line 1\nline 2");
        assert_eq!(lines[0].as_object().unwrap().len(), 5);
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn the_file_and_the_directories_it_creates_are_private() {
        let mode = |path: &Path| format!("{:o}", account_private_files::mode(path).unwrap());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/outbox.jsonl");
        DevOutboxSender::new(Channel::Email, &path)
            .send(&OutgoingMessage::email("a@example.com", "Code", "012345"))
            .await
            .unwrap();
        assert_eq!(mode(&dir.path().join("data")), "700");
        assert_eq!(mode(&path), "600");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_sends_of_senders_sharing_a_file_keep_lines_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.jsonl");
        let sms = DevOutboxSender::new(Channel::Sms, &path);
        let email = DevOutboxSender::new(Channel::Email, &path);
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..50 {
            let (sms, email) = (sms.clone(), email.clone());
            let body = format!("{i:06} {}", "x".repeat(4096));
            tasks.spawn(async move {
                sms.send(&OutgoingMessage::sms("+821012345678", body.clone()))
                    .await?;
                email
                    .send(&OutgoingMessage::email("a@example.com", "Code", body))
                    .await
            });
        }
        assert!(tasks.join_all().await.into_iter().all(|r| r.is_ok()));
        let lines = lines(&path);
        assert_eq!(lines.len(), 100);
        assert_eq!(
            lines
                .iter()
                .filter(|l| l["channel"] == "sms" && l["subject"] == "")
                .count(),
            50
        );
        assert_eq!(lines.iter().filter(|l| l["channel"] == "email").count(), 50);
    }

    #[tokio::test]
    async fn refuses_a_message_of_another_channel() {
        let dir = tempfile::tempdir().unwrap();
        let sender = DevOutboxSender::new(Channel::Push, dir.path().join("push.jsonl"));
        let result = sender
            .send(&OutgoingMessage::sms("+821012345678", "hi"))
            .await;
        assert!(matches!(result, Err(DeliveryError::Permanent(_))));
        assert!(!sender.path().exists());
    }

    #[tokio::test]
    async fn an_unwritable_path_is_a_transient_failure() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "").unwrap();
        let sender = DevOutboxSender::new(Channel::Email, blocker.join("outbox.jsonl"));
        let result = sender
            .send(&OutgoingMessage::email("a@example.com", "s", "b"))
            .await;
        assert!(matches!(result, Err(DeliveryError::Transient(_))));
    }
}
