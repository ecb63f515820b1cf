use std::sync::Arc;

use chrono::Duration;

use super::*;
use crate::outbox::{MockMessageSender, MockOutboxRepository, OutgoingMessage};
use crate::testing::{clock_at, t0};

fn queued(id: i64, attempts: u32) -> OutboxMessage {
    OutboxMessage {
        id,
        message: OutgoingMessage::email("a@example.com", "s", "b"),
        attempts,
        created_at: t0(),
    }
}

fn sender(result: Result<(), DeliveryError>) -> Arc<dyn MessageSender> {
    let mut sender = MockMessageSender::new();
    sender.expect_channel().return_const(Channel::Email);
    sender.expect_send().returning(move |_| result.clone());
    Arc::new(sender)
}

fn dispatcher(outbox: MockOutboxRepository, sender: Arc<dyn MessageSender>) -> OutboxDispatcher {
    OutboxDispatcher::new(
        Arc::new(outbox),
        [sender],
        Arc::new(clock_at(t0())),
        DispatchSettings::default(),
    )
}

#[tokio::test]
async fn delivered_messages_are_marked_sent() {
    let mut outbox = MockOutboxRepository::new();
    outbox
        .expect_claim_due()
        .returning(|_, _, _| Ok(vec![queued(1, 0), queued(2, 0)]));
    outbox.expect_mark_sent().times(2).returning(|_, _| Ok(()));
    assert_eq!(
        dispatcher(outbox, sender(Ok(()))).run_once().await.unwrap(),
        2
    );
}

#[tokio::test]
async fn transient_failures_are_retried_with_backoff() {
    let mut outbox = MockOutboxRepository::new();
    outbox
        .expect_claim_due()
        .returning(|_, _, _| Ok(vec![queued(1, 2)]));
    outbox
        .expect_mark_failed()
        .withf(|id, error, retry_at| {
            *id == 1 && error.contains("timeout") && *retry_at == Some(t0() + Duration::seconds(20))
        })
        .times(1)
        .returning(|_, _, _| Ok(()));
    let delivered = dispatcher(
        outbox,
        sender(Err(DeliveryError::Transient("timeout".into()))),
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
        sender(Err(DeliveryError::Permanent("bad address".into()))),
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
        sender(Err(DeliveryError::Transient("timeout".into()))),
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
        sms.message = OutgoingMessage::sms("+821012345678", "code");
        Ok(vec![sms])
    });
    outbox
        .expect_mark_failed()
        .withf(|_, error, retry_at| error.contains("no sender") && retry_at.is_some())
        .times(1)
        .returning(|_, _, _| Ok(()));
    dispatcher(outbox, sender(Ok(()))).run_once().await.unwrap();
}
