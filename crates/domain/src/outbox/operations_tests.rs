use std::sync::Arc;

use super::*;
use crate::delivery::TemplateId;
use crate::outbox::{Channel, MockOutboxRepository};
use crate::security_events::capture::capture;
use crate::testing::{clock_at, principal, t0};

fn operations(outbox: MockOutboxRepository) -> OutboxOperations {
    OutboxOperations::new(Arc::new(outbox), Arc::new(clock_at(t0())))
}

fn dead_message() -> DeadMessage {
    DeadMessage {
        id: 17,
        channel: Channel::Email,
        template: TemplateId::VerificationCode,
        attempts: 8,
        last_error: Some("permanent delivery failure: mailbox unknown".into()),
        created_at: t0(),
        dead_at: t0(),
    }
}

fn reading(outbox: &mut MockOutboxRepository) {
    outbox.expect_depth().times(1).returning(|| {
        Ok(vec![ChannelDepth {
            channel: Channel::Email,
            pending: 2,
            dead: 1,
        }])
    });
    outbox
        .expect_dead()
        .withf(|limit| *limit == DEAD_LISTED)
        .times(1)
        .returning(|_| Ok(vec![dead_message()]));
}

#[tokio::test]
async fn an_admin_and_the_command_line_see_depth_and_dead_messages() {
    let admin = principal(1, &[Role::Admin, Role::User]);
    for operator in [Operator::Caller(&admin), Operator::CommandLine] {
        let mut outbox = MockOutboxRepository::new();
        reading(&mut outbox);
        let overview = operations(outbox).overview(operator).await.unwrap();
        assert_eq!(overview.depth[0].pending, 2);
        assert_eq!(overview.dead, [dead_message()]);
    }
}

#[tokio::test]
async fn other_roles_neither_read_nor_requeue_and_the_refusal_is_an_event() {
    for roles in [
        &[Role::User][..],
        &[Role::Staff, Role::User],
        &[Role::Server, Role::User],
    ] {
        let caller = principal(3, roles);
        let mut outbox = MockOutboxRepository::new();
        outbox.expect_depth().never();
        outbox.expect_dead().never();
        outbox.expect_requeue().never();
        let operations = operations(outbox);
        let (result, log) = capture(operations.overview(Operator::Caller(&caller))).await;
        assert!(
            matches!(result, Err(OutboxOverviewError::Forbidden)),
            "{result:?}"
        );
        log.only("role_denied");
        let result = operations.requeue(Operator::Caller(&caller), 17).await;
        assert!(matches!(result, Err(RequeueError::Forbidden)), "{result:?}");
    }
}

#[tokio::test]
async fn a_dead_message_is_queued_again_now() {
    let admin = principal(1, &[Role::Admin]);
    let mut outbox = MockOutboxRepository::new();
    outbox
        .expect_requeue()
        .withf(|id, now| *id == 17 && *now == t0())
        .times(1)
        .returning(|_, _| Ok(true));
    operations(outbox)
        .requeue(Operator::Caller(&admin), 17)
        .await
        .unwrap();
}

#[tokio::test]
async fn requeueing_what_is_not_dead_is_not_found() {
    let mut outbox = MockOutboxRepository::new();
    outbox.expect_requeue().returning(|_, _| Ok(false));
    let result = operations(outbox).requeue(Operator::CommandLine, 99).await;
    assert!(matches!(result, Err(RequeueError::NotDead)), "{result:?}");
}

#[tokio::test]
async fn store_failures_pass_on() {
    let mut outbox = MockOutboxRepository::new();
    outbox
        .expect_depth()
        .returning(|| Err(UnexpectedError::new("db down")));
    outbox
        .expect_requeue()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    let operations = operations(outbox);
    let result = operations.overview(Operator::CommandLine).await;
    assert!(
        matches!(result, Err(OutboxOverviewError::Unexpected(_))),
        "{result:?}"
    );
    let result = operations.requeue(Operator::CommandLine, 1).await;
    assert!(
        matches!(result, Err(RequeueError::Unexpected(_))),
        "{result:?}"
    );
}
