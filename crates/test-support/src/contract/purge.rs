//! The purge methods of the ports (`account_domain::purge`): each deletes what ended before the
//! cutoff and nothing else; dead outbox messages, live sessions, current codes, counting
//! counters, accounts and the audit log stay. The job itself runs over the real store last.

use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::audit::{AuditAction, AuditOrigin, AuditQuery};
use account_domain::clock::Clock;
use account_domain::delivery::{Locale, MessageParams, TemplateId};
use account_domain::outbox::{Channel, ChannelDepth, OutgoingMessage};
use account_domain::purge::{PurgeJob, PurgePolicy, PurgePorts};
use account_domain::store::{Repositories, transact};
use account_domain::throttle::{self, ThrottleKey, ThrottleRule};
use account_domain::verification::CodePurpose;
use chrono::{DateTime, Duration, Utc};

use super::fixtures::{
    logged_in, new_code, new_session, refresh_token, registered, revoke_session, rotated, secs,
    suppressed_code_email, t0,
};
use super::lux_fixtures::fcm;

const LIMIT: u32 = 100;

fn message(n: u32) -> OutgoingMessage {
    OutgoingMessage::email(
        format!("user{n}@example.com"),
        TemplateId::Welcome,
        Locale::En,
        MessageParams::new().plain("name", "Kim"),
    )
}

async fn enqueued(repos: &Repositories, n: u32, at: DateTime<Utc>) -> i64 {
    repos
        .outbox
        .enqueue(&message(n), at)
        .await
        .expect("enqueue")
}

pub async fn sent_messages_are_purged_after_the_cutoff_and_dead_ones_never(repos: &Repositories) {
    let sent_early = enqueued(repos, 1, t0()).await;
    let sent_late = enqueued(repos, 2, t0() + secs(1)).await;
    let dead = enqueued(repos, 3, t0() + secs(2)).await;
    let waiting = enqueued(repos, 4, t0() + secs(3)).await;
    let claimed = repos
        .outbox
        .claim_due(t0() + secs(3), 10, Duration::seconds(60))
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 4);
    repos
        .outbox
        .mark_sent(sent_early, t0())
        .await
        .expect("sent");
    let late = t0() + Duration::hours(2);
    repos.outbox.mark_sent(sent_late, late).await.expect("sent");
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

    let purge =
        |before| async move { repos.outbox.purge_sent(before, LIMIT).await.expect("purge") };
    assert_eq!(purge(t0()).await, 0, "sent at the cutoff: kept");
    assert_eq!(purge(t0() + Duration::hours(1)).await, 1);
    assert_eq!(purge(t0() + Duration::hours(1)).await, 0, "once");
    assert_eq!(purge(late + Duration::days(3650)).await, 1);
    assert_eq!(
        repos.outbox.depth().await.expect("depth"),
        vec![ChannelDepth {
            channel: Channel::Email,
            pending: 1,
            dead: 1
        }],
        "the waiting and the dead message stay"
    );
    let listed = repos.outbox.dead(10).await.expect("dead");
    assert_eq!(listed.iter().map(|m| m.id).collect::<Vec<_>>(), [dead]);
    assert!(repos.outbox.requeue(dead, late).await.expect("requeue"));
}

pub async fn a_purge_takes_at_most_its_limit_oldest_first(repos: &Repositories) {
    for n in 0..5 {
        let id = enqueued(repos, n, t0()).await;
        repos
            .outbox
            .claim_due(t0(), 10, Duration::seconds(60))
            .await
            .expect("claim");
        repos.outbox.mark_sent(id, t0()).await.expect("sent");
    }
    let before = t0() + Duration::days(1);
    assert_eq!(repos.outbox.purge_sent(before, 3).await.expect("purge"), 3);
    assert_eq!(repos.outbox.purge_sent(before, 3).await.expect("purge"), 2);
    assert_eq!(repos.outbox.purge_sent(before, 3).await.expect("purge"), 0);
}

/// The current code for (`purpose`, `target`), by its digest.
async fn current_code(repos: &Repositories, purpose: CodePurpose, target: &str) -> Option<String> {
    let target = target.to_owned();
    transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            let code = tx.lock_current_code(purpose, &target).await?;
            Ok(code.map(|c| c.current.code_digest))
        })
    })
    .await
    .expect("read")
}

pub async fn expired_codes_are_purged_after_the_cutoff(repos: &Repositories) {
    let purpose = CodePurpose::EmailVerification;
    let target = "codes@example.com";
    for (digest, at) in [("old", t0()), ("new", t0() + secs(120))] {
        repos
            .codes
            .issue(
                &new_code(purpose, target, None, digest, at),
                Duration::seconds(60),
                suppressed_code_email(target),
            )
            .await
            .expect("issue");
    }
    // "old" expires at t0 + 10 min, "new" at t0 + 12 min.
    let purge = |before| async move {
        repos
            .codes
            .purge_expired(before, LIMIT)
            .await
            .expect("purge")
    };
    assert_eq!(
        purge(t0() + Duration::minutes(10)).await,
        0,
        "at the cutoff: kept"
    );
    assert_eq!(purge(t0() + Duration::minutes(11)).await, 1);
    assert_eq!(
        current_code(repos, purpose, target).await.as_deref(),
        Some("new"),
        "the current code stays until it expired before the cutoff"
    );
    assert_eq!(purge(t0() + Duration::days(30)).await, 1);
    assert_eq!(current_code(repos, purpose, target).await, None);
}

pub async fn ended_sessions_go_with_their_tokens_and_live_ones_stay(repos: &Repositories) {
    let live = logged_in(repos, "sessions@example.com", "live-1").await;
    let account = live.account_id;
    let revoked = repos
        .sessions
        .create(
            &new_session(account, t0()),
            &refresh_token("revoked-1", t0() + Duration::days(1)),
        )
        .await
        .expect("create");
    let expired = repos
        .sessions
        .create(
            &new_session(account, t0() - Duration::days(91)),
            &refresh_token("expired-1", t0() - Duration::days(90)),
        )
        .await
        .expect("create");
    repos
        .push_tokens
        .register(account, expired.id, &fcm("expired-install"), t0())
        .await
        .expect("register");
    assert!(revoke_session(repos, account, revoked.id, t0() + Duration::hours(1)).await);

    let purge = |before| async move {
        repos
            .sessions
            .purge_ended(before, LIMIT)
            .await
            .expect("purge")
    };
    assert_eq!(
        purge(t0() - Duration::days(1)).await,
        0,
        "expired on the cutoff: kept"
    );
    assert_eq!(
        purge(t0()).await,
        1,
        "the session that expired a day before"
    );
    assert!(
        repos
            .sessions
            .find(expired.id)
            .await
            .expect("find")
            .is_none()
    );
    assert_eq!(
        repos
            .push_tokens
            .remove_token(&fcm("expired-install"))
            .await
            .expect("remove"),
        0,
        "its push token went with it"
    );
    assert!(
        repos
            .sessions
            .find(revoked.id)
            .await
            .expect("find")
            .is_some()
    );
    assert_eq!(purge(t0() + Duration::hours(2)).await, 1, "the revoked one");
    assert!(
        repos
            .sessions
            .find(revoked.id)
            .await
            .expect("find")
            .is_none()
    );
    assert!(repos.sessions.find(live.id).await.expect("find").is_some());
    let outcome = rotated(
        repos,
        "live-1",
        &refresh_token("live-2", t0() + Duration::days(2)),
        t0() + Duration::hours(3),
        Duration::seconds(10),
    )
    .await
    .expect("rotate");
    assert!(
        matches!(outcome, account_domain::auth::RotateOutcome::Rotated(_)),
        "the live session still refreshes: {outcome:?}"
    );
}

pub async fn expired_refresh_tokens_are_purged_but_a_chain_is_never_cut(repos: &Repositories) {
    let grace = Duration::seconds(10);
    // rt-1 (expires t0 + 1 day) → rt-2 (t0 + 2 days) → rt-3 (t0 + 30 days).
    logged_in(repos, "chain@example.com", "rt-1").await;
    for (presented, next, expires, at) in [
        ("rt-1", "rt-2", Duration::days(2), secs(60)),
        ("rt-2", "rt-3", Duration::days(30), secs(120)),
    ] {
        rotated(
            repos,
            presented,
            &refresh_token(next, t0() + expires),
            t0() + at,
            grace,
        )
        .await
        .expect("rotate");
    }
    // long-1 (t0 + 30 days) → short-2 (t0 + 1 day): short-2 expires first, named by long-1.
    let other = registered(repos, "shortened@example.com").await;
    repos
        .sessions
        .create(
            &new_session(other.id, t0()),
            &refresh_token("long-1", t0() + Duration::days(30)),
        )
        .await
        .expect("session");
    rotated(
        repos,
        "long-1",
        &refresh_token("short-2", t0() + Duration::days(1)),
        t0() + secs(60),
        grace,
    )
    .await
    .expect("rotate");

    let purge = |before| async move {
        repos
            .sessions
            .purge_expired_refresh_tokens(before, LIMIT)
            .await
            .expect("purge")
    };
    assert_eq!(
        purge(t0() + Duration::days(1)).await,
        0,
        "at the cutoff: kept"
    );
    assert_eq!(
        purge(t0() + Duration::days(1) + secs(1)).await,
        1,
        "rt-1 only: short-2 is named by long-1, which stays"
    );
    assert_eq!(purge(t0() + Duration::days(3)).await, 1, "rt-2");
    let outcome = rotated(
        repos,
        "rt-3",
        &refresh_token("rt-4", t0() + Duration::days(40)),
        t0() + Duration::days(3),
        grace,
    )
    .await
    .expect("rotate");
    assert!(
        matches!(outcome, account_domain::auth::RotateOutcome::Rotated(_)),
        "the current token still rotates: {outcome:?}"
    );
}

const RULE: ThrottleRule = ThrottleRule {
    limit: 3,
    window: Duration::minutes(10),
    lockout: Duration::minutes(15),
};

pub async fn stale_throttle_counters_are_purged_and_counting_ones_stay(repos: &Repositories) {
    let quiet = ThrottleKey::new("login:id", "quiet");
    let blocked = ThrottleKey::new("login:id", "blocked");
    let busy = ThrottleKey::new("login:id", "busy");
    let hit = |key: ThrottleKey, at| async move {
        throttle::count(&*repos.throttle, &key, &RULE, at)
            .await
            .expect("hit")
    };
    hit(quiet.clone(), t0()).await;
    for _ in 0..3 {
        hit(blocked.clone(), t0()).await;
    }
    hit(busy.clone(), t0() + Duration::days(1)).await;

    let purge = |before| async move {
        repos
            .throttle
            .purge_stale(before, LIMIT)
            .await
            .expect("purge")
    };
    assert_eq!(purge(t0()).await, 0, "started at the cutoff: kept");
    assert_eq!(
        purge(t0() + Duration::minutes(10)).await,
        1,
        "the quiet one"
    );
    assert_eq!(
        throttle::blocked_until(
            &*repos.throttle,
            std::slice::from_ref(&blocked),
            t0() + Duration::minutes(10)
        )
        .await
        .expect("read"),
        Some(t0() + Duration::minutes(15)),
        "a block in force stays"
    );
    assert_eq!(
        hit(quiet.clone(), t0() + Duration::minutes(10)).await,
        None,
        "a purged counter counts afresh"
    );
    assert_eq!(
        purge(t0() + Duration::hours(1)).await,
        2,
        "quiet again and blocked"
    );
    assert_eq!(purge(t0() + Duration::hours(1)).await, 0);
    for _ in 0..2 {
        hit(busy.clone(), t0() + Duration::days(1) + secs(1)).await;
    }
    assert!(
        throttle::blocked_until(
            &*repos.throttle,
            std::slice::from_ref(&busy),
            t0() + Duration::days(1) + secs(1)
        )
        .await
        .expect("read")
        .is_some(),
        "a counter inside its window kept counting"
    );
}

/// A clock that stays at one instant.
struct Fixed(DateTime<Utc>);

impl Clock for Fixed {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

pub async fn the_purge_job_keeps_accounts_the_audit_log_and_dead_messages(repos: &Repositories) {
    let account = registered(repos, "kept@example.com").await;
    let origin = AuditOrigin::service("cli");
    let entry = origin.entry(AuditAction::RolesChanged, account.id, None, t0());
    transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { tx.append_audit(&entry).await })
    })
    .await
    .expect("audit");
    let session = repos
        .sessions
        .create(
            &new_session(account.id, t0()),
            &refresh_token("job-1", t0() + Duration::days(1)),
        )
        .await
        .expect("session");
    assert!(revoke_session(repos, account.id, session.id, t0()).await);
    let dead = enqueued(repos, 1, t0()).await;
    repos
        .outbox
        .claim_due(t0(), 10, Duration::seconds(60))
        .await
        .expect("claim");
    repos
        .outbox
        .mark_failed(dead, "refused", None)
        .await
        .expect("dead");

    let job = PurgeJob::new(
        PurgePorts {
            outbox: repos.outbox.clone(),
            codes: repos.codes.clone(),
            sessions: repos.sessions.clone(),
            throttle: repos.throttle.clone(),
            pending_sign_ins: repos.pending_sign_ins.clone(),
            clock: Arc::new(Fixed(t0() + Duration::days(3650))),
        },
        PurgePolicy::new(Duration::days(7)),
    );
    let report = job.run_once().await.expect("purge");
    assert_eq!(report.sessions, 1);
    assert_eq!(report.sent_messages, 0);
    assert!(!report.has_backlog());

    assert!(
        repos
            .accounts
            .find_by_id(account.id)
            .await
            .expect("read")
            .is_some()
    );
    let audit = repos
        .audit
        .find(&AuditQuery::default())
        .await
        .expect("audit");
    assert_eq!(audit.total, 1);
    assert_eq!(repos.outbox.dead(10).await.expect("dead").len(), 1);
}
