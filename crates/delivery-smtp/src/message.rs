use account_domain::delivery::IdempotencyKey;
use account_templates::RenderedEmail;
use lettre::Message;
use lettre::message::{Mailbox, MultiPart};

/// The `Message-ID` of every attempt at one outbox message: `<key@domain-of-from>`, so a
/// retried send (after a timeout that hid a success) is recognisable as the same message.
/// Bytes other than letters, digits, `-`, `_` and `+` are written as `=XX` (`=` and `.`
/// included), so the id is always valid and two keys never share one.
pub(crate) fn message_id(key: &IdempotencyKey, from: &Mailbox) -> String {
    let mut left = String::with_capacity(key.as_str().len());
    for byte in key.as_str().bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'+') {
            left.push(char::from(byte));
        } else {
            left.push_str(&format!("={byte:02X}"));
        }
    }
    if left.is_empty() {
        left.push('=');
    }
    format!("<{left}@{}>", from.email.domain())
}

/// The email as sent: text and HTML as alternatives of one multipart body.
pub(crate) fn build(
    from: &Mailbox,
    to: Mailbox,
    rendered: RenderedEmail,
    key: &IdempotencyKey,
) -> Result<Message, lettre::error::Error> {
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(rendered.subject)
        .message_id(Some(message_id(key, from)))
        .multipart(MultiPart::alternative_plain_html(
            rendered.text,
            rendered.html,
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from() -> Mailbox {
        "Accounts <noreply@mail.example.com>".parse().unwrap()
    }

    #[test]
    fn the_message_id_is_the_key_at_the_from_domain() {
        let key = IdempotencyKey("outbox-42".to_owned());
        assert_eq!(message_id(&key, &from()), "<outbox-42@mail.example.com>");
        assert_eq!(message_id(&key, &from()), message_id(&key.clone(), &from()));
    }

    #[test]
    fn keys_with_other_characters_are_escaped_without_collisions() {
        let id = |raw: &str| message_id(&IdempotencyKey(raw.to_owned()), &from());
        assert_eq!(id("a b@c>"), "<a=20b=40c=3E@mail.example.com>");
        assert_ne!(id("a b"), id("a=20b"));
        assert_eq!(id("a.b"), "<a=2Eb@mail.example.com>");
        assert_eq!(id(""), "<=@mail.example.com>");
    }

    #[test]
    fn text_and_html_travel_as_alternatives_with_the_derived_id() {
        let rendered = RenderedEmail {
            subject: "인증 코드".to_owned(),
            text: "코드: 482913".to_owned(),
            html: "<p>코드: <b>482913</b></p>".to_owned(),
        };
        let message = build(
            &from(),
            "user@example.com".parse().unwrap(),
            rendered,
            &IdempotencyKey("k1".to_owned()),
        )
        .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains("Message-ID: <k1@mail.example.com>"), "{raw}");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/plain; charset=utf-8"), "{raw}");
        assert!(raw.contains("text/html; charset=utf-8"), "{raw}");
    }
}
