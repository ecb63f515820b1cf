use account_domain::outbox::DeliveryError;

use super::certs::TestCa;
use super::send_code;
use super::sender;
use super::server::{Options, SmtpServer};

const PASSWORD: &str = "s3cret pass";

#[tokio::test]
async fn implicit_tls_with_auth_trusting_the_test_ca() {
    let ca = TestCa::generate();
    let server = SmtpServer::start(Options::tls_and_auth(&ca, true, PASSWORD));
    let url = format!("smtps://mailer:s3cret%20pass@127.0.0.1:{}", server.port);

    send_code(&sender(url, Some(&ca)), "user@example.com")
        .await
        .expect("sent over implicit TLS");

    let received = server.only_message();
    assert_eq!(received["authenticated"], true, "{received:#?}");
    assert_eq!(
        received["rcpt_tos"],
        serde_json::json!(["user@example.com"])
    );
}

#[tokio::test]
async fn starttls_required_with_the_test_ca() {
    let ca = TestCa::generate();
    let server = SmtpServer::start(Options::tls_and_auth(&ca, false, PASSWORD));
    let url = format!(
        "smtp://mailer:s3cret%20pass@localhost:{}?tls=required",
        server.port
    );

    send_code(&sender(url, Some(&ca)), "user@example.com")
        .await
        .expect("sent after STARTTLS");

    let received = server.only_message();
    assert_eq!(received["tls"], true, "{received:#?}");
    assert_eq!(received["authenticated"], true, "{received:#?}");
}

#[tokio::test]
async fn a_certificate_from_an_untrusted_ca_is_refused_and_nothing_is_sent() {
    let ca = TestCa::generate();
    let server = SmtpServer::start(Options::tls_and_auth(&ca, true, PASSWORD));
    let url = format!("smtps://mailer:s3cret%20pass@127.0.0.1:{}", server.port);

    let result = send_code(&sender(url, None), "user@example.com").await;

    assert!(
        matches!(&result, Err(DeliveryError::Transient(detail)) if detail.contains("certificate")),
        "{result:?}"
    );
    assert!(server.messages().is_empty());
}
