use std::time::{Duration, Instant};

use account_delivery_smtp::{SmtpEmailSender, SmtpSettings};
use account_domain::outbox::DeliveryError;

use super::certs::TestCa;
use super::server::{Options, SmtpServer};
use super::{send_code, sender};

#[tokio::test]
async fn a_wrong_password_is_permanent() {
    let ca = TestCa::generate();
    let server = SmtpServer::start(Options::tls_and_auth(&ca, true, "right"));
    let url = format!("smtps://mailer:wrong@127.0.0.1:{}", server.port);

    let result = send_code(&sender(url, Some(&ca)), "user@example.com").await;

    assert!(
        matches!(&result, Err(DeliveryError::Permanent(detail)) if detail.contains("535")),
        "{result:?}"
    );
    assert!(server.messages().is_empty());
}

#[tokio::test]
async fn a_stopped_server_is_transient() {
    let mut server = SmtpServer::start(Options::default());
    let sender = sender(format!("smtp://127.0.0.1:{}", server.port), None);
    send_code(&sender, "user@example.com").await.expect("sent");

    server.stop();
    let result = send_code(&sender, "user@example.com").await;

    assert!(
        matches!(result, Err(DeliveryError::Transient(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_4xx_reply_is_transient_and_a_5xx_reply_permanent() {
    let server = SmtpServer::start(Options::default());
    let sender = sender(format!("smtp://127.0.0.1:{}", server.port), None);

    let later = send_code(&sender, "tempfail@example.com").await;
    let never = send_code(&sender, "reject@example.com").await;

    assert!(
        matches!(&later, Err(DeliveryError::Transient(d)) if d.contains("451")),
        "{later:?}"
    );
    assert!(
        matches!(&never, Err(DeliveryError::Permanent(d)) if d.contains("550")),
        "{never:?}"
    );
    assert!(server.messages().is_empty());
}

#[tokio::test]
async fn an_invalid_recipient_address_is_permanent() {
    let sender = sender("smtp://127.0.0.1:9".to_owned(), None);

    let result = send_code(&sender, "not an address").await;

    assert!(
        matches!(result, Err(DeliveryError::Permanent(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_as_transient() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let mut settings = SmtpSettings::new(format!("smtp://127.0.0.1:{port}"), super::FROM);
    settings.timeout = Duration::from_millis(500);
    let sender = SmtpEmailSender::new(settings).unwrap();

    let started = Instant::now();
    let result = send_code(&sender, "user@example.com").await;

    assert!(
        matches!(&result, Err(DeliveryError::Transient(_))),
        "{result:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    drop(silent);
}
