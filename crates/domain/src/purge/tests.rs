use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::UnexpectedError;
use crate::auth::MockSessionRepository;
use crate::outbox::MockOutboxRepository;
use crate::sign_in::MockPendingAuthorizationRepository;
use crate::testing::{clock_at, t0};
use crate::throttle::MockThrottleRepository;
use crate::verification::MockVerificationCodeRepository;

#[derive(Default)]
struct Mocks {
    outbox: MockOutboxRepository,
    codes: MockVerificationCodeRepository,
    sessions: MockSessionRepository,
    throttle: MockThrottleRepository,
    pending: MockPendingAuthorizationRepository,
}

impl Mocks {
    /// Every kind is purged once, before `cutoff`, and deletes `deleted` rows.
    fn deleting(cutoff: DateTime<Utc>, deleted: u64) -> Self {
        let mut m = Self::default();
        let batch =
            move |before: &DateTime<Utc>, limit: &u32| *before == cutoff && *limit == PURGE_BATCH;
        m.outbox
            .expect_purge_sent()
            .withf(batch)
            .times(1)
            .returning(move |_, _| Ok(deleted));
        m.codes
            .expect_purge_expired()
            .withf(batch)
            .times(1)
            .returning(move |_, _| Ok(deleted));
        m.sessions
            .expect_purge_ended()
            .withf(batch)
            .times(1)
            .returning(move |_, _| Ok(deleted));
        m.sessions
            .expect_purge_expired_refresh_tokens()
            .withf(batch)
            .times(1)
            .returning(move |_, _| Ok(deleted));
        m.throttle
            .expect_purge_stale()
            .withf(batch)
            .times(1)
            .returning(move |_, _| Ok(deleted));
        m.pending
            .expect_purge_expired()
            .withf(move |before| *before == cutoff)
            .times(1)
            .returning(move |_| Ok(deleted));
        m
    }

    fn job(self, policy: PurgePolicy) -> PurgeJob {
        PurgeJob::new(
            PurgePorts {
                outbox: Arc::new(self.outbox),
                codes: Arc::new(self.codes),
                sessions: Arc::new(self.sessions),
                throttle: Arc::new(self.throttle),
                pending_sign_ins: Arc::new(self.pending),
                clock: Arc::new(clock_at(t0())),
            },
            policy,
        )
    }
}

#[tokio::test]
async fn every_kind_is_purged_of_what_ended_a_retention_ago() {
    let policy = PurgePolicy::new(Duration::days(7));
    let report = Mocks::deleting(t0() - Duration::days(7), 3)
        .job(policy)
        .run_once()
        .await
        .unwrap();
    assert_eq!(
        report,
        PurgeReport {
            sent_messages: 3,
            codes: 3,
            sessions: 3,
            refresh_tokens: 3,
            throttle_counters: 3,
            pending_sign_ins: 3,
        }
    );
    assert_eq!(report.total(), 18);
    assert!(!report.has_backlog());
}

#[tokio::test]
async fn a_full_batch_of_any_kind_asks_for_another_run() {
    let report = Mocks::deleting(t0() - Duration::days(7), u64::from(PURGE_BATCH))
        .job(PurgePolicy::default())
        .run_once()
        .await
        .unwrap();
    assert!(report.has_backlog());
    let one_kind = PurgeReport {
        throttle_counters: u64::from(PURGE_BATCH),
        ..PurgeReport::default()
    };
    assert!(one_kind.has_backlog());
    assert!(!PurgeReport::default().has_backlog());
}

#[tokio::test]
async fn a_store_failure_stops_the_run_and_passes_on() {
    let mut m = Mocks::default();
    m.outbox
        .expect_purge_sent()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    m.codes.expect_purge_expired().never();
    m.sessions.expect_purge_ended().never();
    let result = m.job(PurgePolicy::default()).run_once().await;
    assert!(result.is_err());
}

#[test]
fn the_retention_is_at_least_a_day_and_the_cutoff_that_long_ago() {
    assert_eq!(PurgePolicy::default().retention, Duration::days(7));
    assert_eq!(
        PurgePolicy::new(Duration::hours(1)).retention,
        PurgePolicy::MIN_RETENTION
    );
    let policy = PurgePolicy::new(Duration::days(30));
    assert_eq!(policy.cutoff(t0()), t0() - Duration::days(30));
    let far_past = DateTime::<Utc>::MIN_UTC + Duration::days(1);
    assert_eq!(policy.cutoff(far_past), DateTime::<Utc>::MIN_UTC);
}
