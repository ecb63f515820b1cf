use account_domain::delivery::{EmailMessage, EmailSender, Locale};
use account_templates::RenderedEmail;
use serde_json::Value;

use super::server::{Options, SmtpServer};
use super::{code_email, key, sender, sender_from};

/// A decoded part as the server's MIME parser saw it, line endings normalised.
fn part(message: &Value, name: &str) -> String {
    message[name]
        .as_str()
        .unwrap_or_else(|| panic!("no {name} part in {message:#?}"))
        .replace("\r\n", "\n")
        .trim_end()
        .to_owned()
}

/// Sends `email` from `from` through a fresh plain loopback server and checks that its subject,
/// text and HTML arrived exactly as the templates rendered them; what arrived, and the rendering.
async fn deliver(from: &str, email: &EmailMessage, outbox_key: &str) -> (Value, RenderedEmail) {
    let server = SmtpServer::start(Options::default());
    let sender = sender_from(format!("smtp://127.0.0.1:{}", server.port), from, None);
    sender
        .send_email(email, &key(outbox_key))
        .await
        .expect("sent");
    let received = server.only_message();
    let rendered = account_templates::render_email(email).expect("renders");
    assert_eq!(received["subject"], rendered.subject.as_str());
    assert_eq!(part(&received, "text"), rendered.text.trim_end());
    assert_eq!(part(&received, "html"), rendered.html.trim_end());
    (received, rendered)
}

#[tokio::test]
async fn a_verification_code_arrives_with_recipient_subject_and_the_code_in_both_parts() {
    let email = code_email("user@example.com", Locale::En, "482913");

    let (received, rendered) = deliver(super::FROM, &email, "outbox-1").await;

    assert_eq!(
        received["rcpt_tos"],
        serde_json::json!(["user@example.com"])
    );
    assert_eq!(received["mail_from"], "noreply@mail.test");
    assert_eq!(received["to"], "user@example.com");
    assert_eq!(received["from"], "Accounts <noreply@mail.test>");
    assert_eq!(received["content_type"], "multipart/alternative");
    assert_eq!(received["message_id"], "<outbox-1@mail.test>");
    assert!(part(&received, "text").contains("482913"), "{received:#?}");
    assert!(part(&received, "html").contains("482913"), "{received:#?}");
    assert!(rendered.text.contains("482913"));
}

#[tokio::test]
async fn a_korean_email_arrives_as_utf8_exactly_as_rendered() {
    let email = code_email("user@example.com", Locale::Ko, "771204");

    let (received, rendered) =
        deliver("계정 서비스 <noreply@mail.test>", &email, "outbox-ko").await;

    assert_eq!(received["from"], "계정 서비스 <noreply@mail.test>");
    assert_eq!(received["text_charset"], "utf-8");
    assert_eq!(received["html_charset"], "utf-8");
    assert!(part(&received, "text").contains("771204"));
    let hangul = |text: &str| text.chars().any(|c| ('가'..='힣').contains(&c));
    assert!(
        hangul(&rendered.subject) && hangul(&rendered.text),
        "{rendered:?}"
    );
}

#[tokio::test]
async fn a_retried_send_carries_the_same_message_id() {
    let server = SmtpServer::start(Options::default());
    let sender = sender(format!("smtp://127.0.0.1:{}", server.port), None);
    let email = code_email("user@example.com", Locale::En, "482913");

    for _ in 0..2 {
        sender.send_email(&email, &key("outbox-7")).await.unwrap();
    }
    sender.send_email(&email, &key("outbox-8")).await.unwrap();

    let ids: Vec<Value> = server
        .messages()
        .into_iter()
        .map(|m| m["message_id"].clone())
        .collect();
    assert_eq!(
        ids,
        [
            "<outbox-7@mail.test>",
            "<outbox-7@mail.test>",
            "<outbox-8@mail.test>"
        ]
    );
}
