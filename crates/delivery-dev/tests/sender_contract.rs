//! The sender ports' contract (`account_test_support::senders`) against the dev outbox: its
//! receiving end is the `outbox.jsonl` file.

use std::path::PathBuf;

use account_delivery_dev::DevOutbox;
use account_test_support::senders::{self, Inbox};
use async_trait::async_trait;

struct OutboxFile(PathBuf);

#[async_trait]
impl Inbox for OutboxFile {
    async fn received(&self) -> Vec<String> {
        std::fs::read_to_string(&self.0)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

fn dev_outbox() -> (tempfile::TempDir, DevOutbox, OutboxFile) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("outbox.jsonl");
    (dir, DevOutbox::new(&path), OutboxFile(path))
}

#[tokio::test]
async fn email_contract() {
    let (_dir, outbox, inbox) = dev_outbox();
    senders::email_a_code_email_arrives_with_its_code(&outbox, &inbox).await;
    senders::email_a_message_missing_a_parameter_is_refused_for_good(&outbox, &inbox).await;
}

#[tokio::test]
async fn sms_contract() {
    let (_dir, outbox, inbox) = dev_outbox();
    senders::sms_a_phone_code_arrives_with_its_code(&outbox, &inbox, "+821012345678").await;
    senders::sms_a_message_missing_a_parameter_is_refused_for_good(&outbox, &inbox).await;
}

#[tokio::test]
async fn push_contract() {
    let (_dir, outbox, inbox) = dev_outbox();
    senders::push_a_notification_arrives_at_its_token(&outbox, &inbox).await;
    senders::push_a_message_missing_a_parameter_is_refused_for_good(&outbox, &inbox).await;
}
