//! The SMTP adapter against a real SMTP server on loopback: Python's aiosmtpd
//! (`tests/smtp_server.py`), run as a child process with the interpreter named by
//! `ACCOUNT_TEST_PYTHON` (set by `scripts/test`), default `python3`.

mod certs;
mod contract;
mod delivery;
mod failures;
mod server;
mod tls;

use account_delivery_smtp::{SmtpEmailSender, SmtpSettings};
use account_domain::delivery::{
    EmailMessage, EmailSender, IdempotencyKey, Locale, MessageParams, TemplateId,
};
use account_domain::outbox::DeliveryError;
use std::time::Duration;

pub const FROM: &str = "Accounts <noreply@mail.test>";

/// A sender for `url` with a short timeout and, when given, the test CA trusted.
pub fn sender(url: String, ca: Option<&certs::TestCa>) -> SmtpEmailSender {
    sender_from(url, FROM, ca)
}

pub fn sender_from(url: String, from: &str, ca: Option<&certs::TestCa>) -> SmtpEmailSender {
    let mut settings = SmtpSettings::new(url, from);
    settings.timeout = Duration::from_secs(5);
    settings.pool_size = 2;
    settings.extra_root_ca = ca.map(|ca| ca.ca_pem.clone());
    SmtpEmailSender::new(settings).expect("the sender builds")
}

pub fn code_email(to: &str, locale: Locale, code: &str) -> EmailMessage {
    EmailMessage {
        to: to.to_owned(),
        template: TemplateId::VerificationCode,
        locale,
        params: MessageParams::new()
            .plain("minutes", "10")
            .secret("code", code),
    }
}

pub fn key(raw: &str) -> IdempotencyKey {
    IdempotencyKey(raw.to_owned())
}

/// Sends the English code email with `482913` to `to`.
pub async fn send_code(sender: &SmtpEmailSender, to: &str) -> Result<(), DeliveryError> {
    let email = code_email(to, Locale::En, "482913");
    sender.send_email(&email, &key("k")).await
}
