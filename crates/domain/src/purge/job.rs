use std::sync::Arc;

use super::policy::PurgePolicy;
use crate::UnexpectedError;
use crate::auth::SessionRepository;
use crate::clock::Clock;
use crate::outbox::OutboxRepository;
use crate::sign_in::PendingAuthorizationRepository;
use crate::throttle::ThrottleRepository;
use crate::verification::VerificationCodeRepository;

/// Rows deleted per kind and run at most, so that one run never holds the store (SQLite's
/// single writer) for long; the worker runs again at once while a kind had a full batch.
pub const PURGE_BATCH: u32 = 1000;

/// The stores the purge deletes from.
pub struct PurgePorts {
    pub outbox: Arc<dyn OutboxRepository>,
    pub codes: Arc<dyn VerificationCodeRepository>,
    pub sessions: Arc<dyn SessionRepository>,
    pub throttle: Arc<dyn ThrottleRepository>,
    pub pending_sign_ins: Arc<dyn PendingAuthorizationRepository>,
    pub clock: Arc<dyn Clock>,
}

/// What one run deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PurgeReport {
    pub sent_messages: u64,
    pub codes: u64,
    pub sessions: u64,
    pub refresh_tokens: u64,
    pub throttle_counters: u64,
    pub pending_sign_ins: u64,
}

impl PurgeReport {
    /// Whether some kind filled its batch: more may be due, run again at once.
    pub fn has_backlog(&self) -> bool {
        [
            self.sent_messages,
            self.codes,
            self.sessions,
            self.refresh_tokens,
            self.throttle_counters,
        ]
        .into_iter()
        .any(|deleted| deleted >= u64::from(PURGE_BATCH))
    }

    pub fn total(&self) -> u64 {
        self.sent_messages
            + self.codes
            + self.sessions
            + self.refresh_tokens
            + self.throttle_counters
            + self.pending_sign_ins
    }
}

/// The background job that deletes what ended more than the retention ago ([`PurgePolicy`]):
/// outbox messages sent (never dead ones), verification codes expired, sessions revoked or
/// expired (with their refresh and push tokens), refresh tokens expired, throttle counters
/// whose window and block are over, and pending sign-ins expired. Each kind is one statement
/// of its own store; any instance may run it at any time, as it deletes only what no request
/// can use any more.
pub struct PurgeJob {
    ports: PurgePorts,
    policy: PurgePolicy,
}

impl PurgeJob {
    pub fn new(ports: PurgePorts, policy: PurgePolicy) -> Self {
        Self { ports, policy }
    }

    pub fn policy(&self) -> PurgePolicy {
        self.policy
    }

    /// Deletes up to [`PURGE_BATCH`] rows of each kind that ended before the cutoff; says how
    /// many of each. Sessions go before refresh tokens: theirs go with them.
    pub async fn run_once(&self) -> Result<PurgeReport, UnexpectedError> {
        let before = self.policy.cutoff(self.ports.clock.now());
        let ports = &self.ports;
        let report = PurgeReport {
            sent_messages: ports.outbox.purge_sent(before, PURGE_BATCH).await?,
            codes: ports.codes.purge_expired(before, PURGE_BATCH).await?,
            sessions: ports.sessions.purge_ended(before, PURGE_BATCH).await?,
            refresh_tokens: ports
                .sessions
                .purge_expired_refresh_tokens(before, PURGE_BATCH)
                .await?,
            throttle_counters: ports.throttle.purge_stale(before, PURGE_BATCH).await?,
            pending_sign_ins: ports.pending_sign_ins.purge_expired(before).await?,
        };
        if report.total() > 0 {
            tracing::info!(
                sent_messages = report.sent_messages,
                codes = report.codes,
                sessions = report.sessions,
                refresh_tokens = report.refresh_tokens,
                throttle_counters = report.throttle_counters,
                pending_sign_ins = report.pending_sign_ins,
                "retention: ended records purged"
            );
        }
        Ok(report)
    }
}
