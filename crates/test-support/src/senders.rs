//! The contract of each sender port (`EmailSender`, `SmsSender`, `PushSender`), written once
//! and run against every adapter of that port: the dev outbox and the real adapter against its
//! local server. An adapter's test gives the sender and an [`Inbox`]: what its receiving end
//! (the dev outbox file, the SMTP server, the provider's stand-in) got, as text.

use account_domain::delivery::{
    EmailMessage, EmailSender, IdempotencyKey, Locale, MessageParams, PushError, PushMessage,
    PushSender, SmsKind, SmsMessage, SmsSender, TemplateId,
};
use account_domain::outbox::DeliveryError;
use async_trait::async_trait;

/// Everything the receiving end of a sender got so far, one text per message (a raw mail, a
/// request body, a line of the dev outbox file).
#[async_trait]
pub trait Inbox: Send + Sync {
    async fn received(&self) -> Vec<String>;
}

/// A code no template or address contains by chance.
const CODE: &str = "730419";

fn key(n: u32) -> IdempotencyKey {
    IdempotencyKey(format!("outbox-contract-{n}"))
}

fn code_params() -> MessageParams {
    MessageParams::new()
        .secret("code", CODE)
        .plain("minutes", "10")
}

async fn assert_one_new_message_with(inbox: &dyn Inbox, before: usize, needles: &[&str]) {
    let received = inbox.received().await;
    assert_eq!(
        received.len(),
        before + 1,
        "one message arrived: {received:?}"
    );
    let last = received.last().expect("a message");
    for needle in needles {
        assert!(last.contains(needle), "{needle:?} not in {last}");
    }
}

/// A code email arrives once, addressed to its recipient, with its code.
pub async fn email_a_code_email_arrives_with_its_code(sender: &dyn EmailSender, inbox: &dyn Inbox) {
    let before = inbox.received().await.len();
    let email = EmailMessage {
        to: "contract@example.com".into(),
        template: TemplateId::VerificationCode,
        locale: Locale::En,
        params: code_params(),
    };
    sender.send_email(&email, &key(1)).await.expect("sent");
    assert_one_new_message_with(inbox, before, &["contract@example.com", CODE]).await;
}

/// A message its template cannot be filled for is refused for good, and nothing goes out.
pub async fn email_a_message_missing_a_parameter_is_refused_for_good(
    sender: &dyn EmailSender,
    inbox: &dyn Inbox,
) {
    let before = inbox.received().await.len();
    let email = EmailMessage {
        to: "contract@example.com".into(),
        template: TemplateId::VerificationCode,
        locale: Locale::Ko,
        params: MessageParams::new().plain("minutes", "10"),
    };
    let refused = sender.send_email(&email, &key(2)).await;
    assert!(
        matches!(refused, Err(DeliveryError::Permanent(_))),
        "{refused:?}"
    );
    assert_eq!(inbox.received().await.len(), before, "nothing was sent");
}

/// A phone code SMS arrives once with its code; the number it went to is the recipient's
/// (the adapter may write it domestically: `needle` is how the receiver sees it).
pub async fn sms_a_phone_code_arrives_with_its_code(
    sender: &dyn SmsSender,
    inbox: &dyn Inbox,
    number_as_received: &str,
) {
    let before = inbox.received().await.len();
    let sms = SmsMessage {
        to: "+821012345678".into(),
        kind: SmsKind::Sms,
        template: TemplateId::PhoneCode,
        locale: Locale::Ko,
        params: code_params(),
    };
    sender.send_sms(&sms, &key(3)).await.expect("sent");
    assert_one_new_message_with(inbox, before, &[number_as_received, CODE]).await;
}

pub async fn sms_a_message_missing_a_parameter_is_refused_for_good(
    sender: &dyn SmsSender,
    inbox: &dyn Inbox,
) {
    let before = inbox.received().await.len();
    let sms = SmsMessage {
        to: "+821012345678".into(),
        kind: SmsKind::Sms,
        template: TemplateId::PhoneCode,
        locale: Locale::En,
        params: MessageParams::new().plain("minutes", "10"),
    };
    let refused = sender.send_sms(&sms, &key(4)).await;
    assert!(
        matches!(refused, Err(DeliveryError::Permanent(_))),
        "{refused:?}"
    );
    assert_eq!(inbox.received().await.len(), before, "nothing was sent");
}

fn device_claimed(params: MessageParams) -> PushMessage {
    PushMessage {
        token: "fcm-contract-token".into(),
        template: TemplateId::DeviceClaimed,
        locale: Locale::En,
        params,
    }
}

/// A push arrives once, to its install's token, with its words.
pub async fn push_a_notification_arrives_at_its_token(sender: &dyn PushSender, inbox: &dyn Inbox) {
    let before = inbox.received().await.len();
    let push = device_claimed(
        MessageParams::new()
            .plain("child_name", "Mina")
            .plain("device_alias", "living room"),
    );
    sender.send_push(&push, &key(5)).await.expect("sent");
    assert_one_new_message_with(inbox, before, &["fcm-contract-token", "Mina"]).await;
}

pub async fn push_a_message_missing_a_parameter_is_refused_for_good(
    sender: &dyn PushSender,
    inbox: &dyn Inbox,
) {
    let before = inbox.received().await.len();
    let push = device_claimed(MessageParams::new().plain("child_name", "Mina"));
    let refused = sender.send_push(&push, &key(6)).await;
    assert!(
        matches!(
            refused,
            Err(PushError::Delivery(DeliveryError::Permanent(_)))
        ),
        "{refused:?}"
    );
    assert_eq!(inbox.received().await.len(), before, "nothing was sent");
}
