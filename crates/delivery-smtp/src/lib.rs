//! Email over SMTP: `SmtpEmailSender` implements the domain's `EmailSender` port with lettre
//! (implicit TLS, STARTTLS or plain loopback, AUTH from the URL, pooled connections, rustls with
//! ring). The templates render the message; this crate turns the rendering into a
//! multipart/alternative email whose `Message-ID` is derived from the idempotency key, sends it,
//! and classifies what went wrong as retryable or not.

mod classify;
mod message;
mod sender;
mod settings;

pub use sender::SmtpEmailSender;
pub use settings::{SmtpSettings, SmtpSetupError, TlsMode};
