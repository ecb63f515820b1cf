//! `OutboxRepository`: enqueue, leased claims, sent, retried and dead messages.

use std::collections::HashSet;

use account_domain::delivery::{Locale, MessageParams, TemplateId};
use account_domain::outbox::{OutboxMessage, OutgoingMessage};
use account_domain::store::Repositories;
use chrono::{DateTime, Duration, Utc};

use super::fixtures::{secs, t0};

const LEASE: Duration = Duration::seconds(60);

fn message(n: u32) -> OutgoingMessage {
    OutgoingMessage::email(
        format!("user{n}@example.com"),
        TemplateId::VerificationCode,
        Locale::En,
        MessageParams::new()
            .secret("code", format!("{n:06}"))
            .plain("minutes", "10"),
    )
}

async fn enqueue(repos: &Repositories, n: u32, at: DateTime<Utc>) -> i64 {
    repos
        .outbox
        .enqueue(&message(n), at)
        .await
        .expect("enqueue")
}

async fn claim(repos: &Repositories, at: DateTime<Utc>, limit: u32) -> Vec<i64> {
    ids(&repos
        .outbox
        .claim_due(at, limit, LEASE)
        .await
        .expect("claim"))
}

fn ids(messages: &[OutboxMessage]) -> Vec<i64> {
    messages.iter().map(|m| m.id).collect()
}

pub async fn enqueued_messages_are_pending_oldest_first(repos: &Repositories) {
    let newest = enqueue(repos, 1, t0() + secs(2)).await;
    let oldest = enqueue(repos, 2, t0()).await;
    let middle = enqueue(repos, 3, t0() + secs(1)).await;

    let pending = repos.outbox.pending().await.expect("pending");
    assert_eq!(ids(&pending), vec![oldest, middle, newest]);
    assert_eq!(
        pending[0],
        OutboxMessage {
            id: oldest,
            message: message(2),
            suppressed: false,
            attempts: 0,
            created_at: t0()
        }
    );
}

pub async fn a_claim_leases_due_messages_oldest_first(repos: &Repositories) {
    let first = enqueue(repos, 1, t0()).await;
    let second = enqueue(repos, 2, t0() + secs(1)).await;
    let not_due = enqueue(repos, 3, t0() + secs(100)).await;

    let at = t0() + secs(10);
    assert_eq!(
        claim(repos, at, 1).await,
        vec![first],
        "the limit holds, oldest first"
    );
    assert_eq!(
        claim(repos, at, 10).await,
        vec![second],
        "leased and not yet due messages stay out"
    );
    assert_eq!(
        claim(repos, at + secs(10), 10).await,
        Vec::<i64>::new(),
        "a second claim within the lease gets nothing"
    );

    let leases_end = at + LEASE;
    assert_eq!(
        claim(repos, leases_end, 10).await,
        vec![first, second],
        "an expired lease frees the message"
    );
    assert_eq!(
        claim(repos, leases_end + LEASE, 10).await,
        vec![first, second, not_due]
    );
}

pub async fn concurrent_claims_take_disjoint_messages(repos: &Repositories) {
    for n in 0..20 {
        enqueue(repos, n, t0()).await;
    }
    let claims: Vec<_> = (0..4)
        .map(|_| {
            let repos = repos.clone();
            tokio::spawn(async move { repos.outbox.claim_due(t0() + secs(1), 5, LEASE).await })
        })
        .collect();
    let mut claimed = Vec::new();
    for claim in claims {
        claimed.extend(ids(&claim
            .await
            .expect("the task completes")
            .expect("claim")));
    }
    let distinct: HashSet<i64> = claimed.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        claimed.len(),
        "no message was claimed twice: {claimed:?}"
    );
    assert_eq!(claimed.len(), 20, "together the claims took every message");
}

pub async fn a_sent_message_is_done(repos: &Repositories) {
    let sent = enqueue(repos, 1, t0()).await;
    let waiting = enqueue(repos, 2, t0()).await;
    assert_eq!(claim(repos, t0(), 1).await, vec![sent]);
    repos
        .outbox
        .mark_sent(sent, t0() + secs(5))
        .await
        .expect("mark sent");

    assert_eq!(
        ids(&repos.outbox.pending().await.expect("pending")),
        vec![waiting]
    );
    assert_eq!(
        claim(repos, t0() + Duration::days(1), 10).await,
        vec![waiting],
        "a sent message is never claimed again"
    );
    assert!(
        repos.outbox.mark_sent(987_654, t0()).await.is_err(),
        "an unknown message is an error"
    );
}

pub async fn a_failed_message_is_retried_at_the_given_time(repos: &Repositories) {
    let id = enqueue(repos, 1, t0()).await;
    assert_eq!(claim(repos, t0(), 10).await, vec![id]);
    let retry_at = t0() + secs(300);
    repos
        .outbox
        .mark_failed(id, "timeout", Some(retry_at))
        .await
        .expect("mark failed");

    let pending = repos.outbox.pending().await.expect("pending");
    assert_eq!(
        pending
            .iter()
            .map(|m| (m.id, m.attempts))
            .collect::<Vec<_>>(),
        vec![(id, 1)]
    );
    assert_eq!(
        claim(repos, retry_at - secs(1), 10).await,
        Vec::<i64>::new(),
        "not before the retry time"
    );
    let retried = repos
        .outbox
        .claim_due(retry_at, 10, LEASE)
        .await
        .expect("claim");
    assert_eq!(
        retried
            .iter()
            .map(|m| (m.id, m.attempts))
            .collect::<Vec<_>>(),
        vec![(id, 1)]
    );
}

pub async fn a_message_given_up_is_never_claimed_again(repos: &Repositories) {
    let dead = enqueue(repos, 1, t0()).await;
    let alive = enqueue(repos, 2, t0() + secs(1)).await;
    assert_eq!(claim(repos, t0(), 1).await, vec![dead]);
    repos
        .outbox
        .mark_failed(dead, "mailbox does not exist", None)
        .await
        .expect("mark failed");

    assert_eq!(
        ids(&repos.outbox.pending().await.expect("pending")),
        vec![alive]
    );
    assert_eq!(
        claim(repos, t0() + Duration::days(30), 10).await,
        vec![alive]
    );
    assert!(
        repos.outbox.mark_failed(987_654, "x", None).await.is_err(),
        "an unknown message is an error"
    );
}

pub async fn operators_see_depth_and_dead_messages_and_requeue_one(repos: &Repositories) {
    use account_domain::outbox::{Channel, ChannelDepth};
    let dead = enqueue(repos, 1, t0()).await;
    let waiting = enqueue(repos, 2, t0() + secs(1)).await;
    let sent = enqueue(repos, 3, t0() + secs(2)).await;
    assert_eq!(claim(repos, t0() + secs(2), 10).await.len(), 3);
    repos
        .outbox
        .mark_failed(dead, "mailbox does not exist", None)
        .await
        .expect("dead");
    repos
        .outbox
        .mark_failed(waiting, "timeout", Some(t0() + secs(60)))
        .await
        .expect("waiting");
    repos.outbox.mark_sent(sent, t0()).await.expect("sent");

    assert_eq!(
        repos.outbox.depth().await.expect("depth"),
        vec![ChannelDepth {
            channel: Channel::Email,
            pending: 1,
            dead: 1
        }]
    );
    let listed = repos.outbox.dead(10).await.expect("dead");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, dead);
    assert_eq!(listed[0].attempts, 1);
    assert_eq!(
        listed[0].last_error.as_deref(),
        Some("mailbox does not exist")
    );
    assert!(!format!("{listed:?}").contains("000001"), "no code shown");

    for not_dead in [waiting, sent, 987_654] {
        assert!(!repos.outbox.requeue(not_dead, t0()).await.expect("requeue"));
    }
    let now = t0() + secs(100);
    assert!(repos.outbox.requeue(dead, now).await.expect("requeue"));
    assert!(repos.outbox.dead(10).await.expect("dead").is_empty());
    let claimed = repos.outbox.claim_due(now, 10, LEASE).await.expect("claim");
    let requeued = claimed.iter().find(|m| m.id == dead).expect("due again");
    assert_eq!(requeued.attempts, 0, "its attempts start again");
}
