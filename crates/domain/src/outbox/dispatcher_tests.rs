use std::sync::Arc;

use chrono::Duration;

use super::*;
use crate::delivery::{
    Locale, MessageParams, MockEmailSender, MockPushSender, MockSmsSender, PushMessage, TemplateId,
};
use crate::outbox::{MockJitter, MockOutboxRepository};
use crate::push::MockPushTokenRepository;
use crate::testing::{clock_at, t0};

fn code_email() -> OutgoingMessage {
    OutgoingMessage::email(
        "a@example.com",
        TemplateId::VerificationCode,
        Locale::Ko,
        MessageParams::new().secret("code", "123456"),
    )
}

fn queued(id: i64, attempts: u32) -> OutboxMessage {
    OutboxMessage {
        id,
        message: code_email(),
        suppressed: false,
        attempts,
        created_at: t0(),
    }
}

fn email_sender(result: Result<(), DeliveryError>) -> Senders {
    let mut sender = MockEmailSender::new();
    sender
        .expect_send_email()
        .returning(move |_, _| result.clone());
    Senders {
        email: Some(Arc::new(sender)),
        ..Senders::default()
    }
}

fn dispatcher(outbox: MockOutboxRepository, senders: Senders) -> OutboxDispatcher {
    dispatcher_with(outbox, MockPushTokenRepository::new(), senders)
}

fn dispatcher_with(
    outbox: MockOutboxRepository,
    push_tokens: MockPushTokenRepository,
    senders: Senders,
) -> OutboxDispatcher {
    let mut jitter = MockJitter::new();
    jitter.expect_fraction().return_const(0.5);
    let ports = DispatchPorts {
        outbox: Arc::new(outbox),
        push_tokens: Arc::new(push_tokens),
        clock: Arc::new(clock_at(t0())),
        jitter: Arc::new(jitter),
    };
    OutboxDispatcher::new(ports, senders, DispatchSettings::default())
}

#[tokio::test]
async fn delivered_messages_are_marked_sent() {
    let mut outbox = MockOutboxRepository::new();
    outbox
        .expect_claim_due()
        .returning(|_, _, _| Ok(vec![queued(1, 0), queued(2, 0)]));
    outbox.expect_mark_sent().times(2).returning(|_, _| Ok(()));
    assert_eq!(
        dispatcher(outbox, email_sender(Ok(())))
            .run_once()
            .await
            .unwrap(),
        2
    );
}

#[tokio::test]
async fn each_message_goes_to_the_port_of_its_channel_with_a_key_from_its_row() {
    let mut outbox = MockOutboxRepository::new();
    outbox.expect_claim_due().returning(|_, _, _| {
        let mut sms = queued(7, 0);
        sms.message = OutgoingMessage::sms(
            "+821012345678",
            TemplateId::PhoneCode,
            Locale::En,
            MessageParams::new().secret("code", "654321"),
        );
        Ok(vec![queued(6, 0), sms])
    });
    outbox.expect_mark_sent().times(2).returning(|_, _| Ok(()));
    let mut email = MockEmailSender::new();
    email
        .expect_send_email()
        .withf(|m, key| {
            m.to == "a@example.com"
                && m.params.get("code") == Some("123456")
                && key.as_str() == "outbox-6"
        })
        .times(1)
        .returning(|_, _| Ok(()));
    let mut sms = MockSmsSender::new();
    sms.expect_send_sms()
        .withf(|m, key| {
            m.to == "+821012345678" && m.locale == Locale::En && key.as_str() == "outbox-7"
        })
        .times(1)
        .returning(|_, _| Ok(()));
    let senders = Senders {
        email: Some(Arc::new(email)),
        sms: Some(Arc::new(sms)),
        push: None,
    };
    assert_eq!(dispatcher(outbox, senders).run_once().await.unwrap(), 2);
}

#[tokio::test]
async fn a_push_token_the_provider_no_longer_knows_is_deleted_and_the_message_dropped() {
    let mut outbox = MockOutboxRepository::new();
    outbox.expect_claim_due().returning(|_, _, _| {
        let mut push = queued(3, 0);
        push.message = OutgoingMessage::Push(PushMessage {
            token: "fcm-token-1".into(),
            template: TemplateId::DeviceClaimed,
            locale: Locale::Ko,
            params: MessageParams::new(),
        });
        Ok(vec![push])
    });
    outbox
        .expect_mark_failed()
        .withf(|id, error, retry_at| *id == 3 && error.contains("no longer") && retry_at.is_none())
        .times(1)
        .returning(|_, _, _| Ok(()));
    let mut push = MockPushSender::new();
    push.expect_send_push()
        .returning(|_, _| Err(PushError::TokenGone));
    let mut tokens = MockPushTokenRepository::new();
    tokens
        .expect_remove_token()
        .withf(|token| token.as_str() == "fcm-token-1")
        .times(1)
        .returning(|_| Ok(1));
    let senders = Senders {
        push: Some(Arc::new(push)),
        ..Senders::default()
    };
    let delivered = dispatcher_with(outbox, tokens, senders)
        .run_once()
        .await
        .unwrap();
    assert_eq!(delivered, 0);
}

#[tokio::test]
async fn transient_failures_are_retried_with_backoff_and_jitter() {
    let mut outbox = MockOutboxRepository::new();
    outbox
        .expect_claim_due()
        .returning(|_, _, _| Ok(vec![queued(1, 2)]));
    outbox
        .expect_mark_failed()
        .withf(|id, error, retry_at| {
            // Third failure: a backoff of 20 s, of which the jitter (0.5) takes 5 s off.
            *id == 1 && error.contains("timeout") && *retry_at == Some(t0() + Duration::seconds(15))
        })
        .times(1)
        .returning(|_, _, _| Ok(()));
    let delivered = dispatcher(
        outbox,
        email_sender(Err(DeliveryError::Transient("timeout".into()))),
    )
    .run_once()
    .await
    .unwrap();
    assert_eq!(delivered, 0);
}

#[tokio::test]
async fn permanent_failures_and_the_last_attempt_give_up() {
    let mut outbox = MockOutboxRepository::new();
    outbox
        .expect_claim_due()
        .returning(|_, _, _| Ok(vec![queued(1, 0)]));
    outbox
        .expect_mark_failed()
        .withf(|_, _, retry_at| retry_at.is_none())
        .times(1)
        .returning(|_, _, _| Ok(()));
    dispatcher(
        outbox,
        email_sender(Err(DeliveryError::Permanent("bad address".into()))),
    )
    .run_once()
    .await
    .unwrap();

    let mut outbox = MockOutboxRepository::new();
    outbox
        .expect_claim_due()
        .returning(|_, _, _| Ok(vec![queued(1, 7)]));
    outbox
        .expect_mark_failed()
        .withf(|_, _, retry_at| retry_at.is_none())
        .times(1)
        .returning(|_, _, _| Ok(()));
    dispatcher(
        outbox,
        email_sender(Err(DeliveryError::Transient("timeout".into()))),
    )
    .run_once()
    .await
    .unwrap();
}

#[tokio::test]
async fn a_message_without_a_sender_waits_for_one() {
    let mut outbox = MockOutboxRepository::new();
    outbox.expect_claim_due().returning(|_, _, _| {
        let mut sms = queued(1, 0);
        sms.message = OutgoingMessage::sms(
            "+821012345678",
            TemplateId::PhoneCode,
            Locale::Ko,
            MessageParams::new().secret("code", "123456"),
        );
        Ok(vec![sms])
    });
    outbox
        .expect_mark_failed()
        .withf(|_, error, retry_at| error.contains("no sender") && retry_at.is_some())
        .times(1)
        .returning(|_, _, _| Ok(()));
    dispatcher(outbox, email_sender(Ok(())))
        .run_once()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_suppressed_message_is_done_without_being_sent() {
    let mut outbox = MockOutboxRepository::new();
    outbox.expect_claim_due().returning(|_, _, _| {
        let mut suppressed = queued(4, 0);
        suppressed.suppressed = true;
        Ok(vec![suppressed])
    });
    outbox
        .expect_mark_sent()
        .withf(|id, _| *id == 4)
        .times(1)
        .returning(|_, _| Ok(()));
    let mut email = MockEmailSender::new();
    email.expect_send_email().never();
    let senders = Senders {
        email: Some(Arc::new(email)),
        ..Senders::default()
    };
    assert_eq!(dispatcher(outbox, senders).run_once().await.unwrap(), 0);
}

#[tokio::test]
async fn a_providers_retry_after_sets_the_next_attempt() {
    let mut outbox = MockOutboxRepository::new();
    outbox
        .expect_claim_due()
        .returning(|_, _, _| Ok(vec![queued(3, 0)]));
    outbox
        .expect_mark_failed()
        .withf(|id, error, retry_at| {
            *id == 3
                && error.contains("HTTP 429")
                && *retry_at == Some(t0() + Duration::seconds(90))
        })
        .times(1)
        .returning(|_, _, _| Ok(()));
    let throttled = DeliveryError::RetryAfter {
        reason: "HTTP 429".into(),
        retry_after: std::time::Duration::from_secs(90),
    };
    let delivered = dispatcher(outbox, email_sender(Err(throttled)))
        .run_once()
        .await
        .unwrap();
    assert_eq!(delivered, 0);
}
