//! The `EmailSender` contract (`account_test_support::senders`) against the SMTP adapter and
//! a real SMTP server on loopback: the receiving end is what the server accepted (envelope,
//! headers and decoded parts).

use account_test_support::senders::{self, Inbox};
use async_trait::async_trait;

use super::sender;
use super::server::{Options, SmtpServer};

struct Mailbox(SmtpServer);

#[async_trait]
impl Inbox for Mailbox {
    async fn received(&self) -> Vec<String> {
        self.0.messages().iter().map(|m| m.to_string()).collect()
    }
}

#[tokio::test]
async fn email_contract() {
    let server = SmtpServer::start(Options::default());
    let sender = sender(format!("smtp://127.0.0.1:{}", server.port), None);
    let inbox = Mailbox(server);
    senders::email_a_code_email_arrives_with_its_code(&sender, &inbox).await;
    senders::email_a_message_missing_a_parameter_is_refused_for_good(&sender, &inbox).await;
}
