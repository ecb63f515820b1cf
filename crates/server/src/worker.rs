//! The background loops: delivering outbox messages, anonymising deleted accounts whose
//! retention is over, and purging what ended longer ago than its retention, until shutdown.

use std::sync::Arc;
use std::time::Duration;

use account_domain::admin::{ANONYMIZE_BATCH, AnonymizationJob};
use account_domain::outbox::{OutboxDispatcher, OutboxRepository};
use account_domain::purge::PurgeJob;
use tokio::sync::watch;

use crate::failure_log::FailureLog;

/// Runs `dispatcher` every `poll` (sooner while there is a backlog) until `stop` turns true.
pub async fn run_outbox(
    dispatcher: Arc<OutboxDispatcher>,
    poll: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut failures = FailureLog::new("outbox dispatch");
    while !*stop.borrow() {
        let delivered = failures.outcome(dispatcher.run_once().await).unwrap_or(0);
        if delivered > 0 {
            continue;
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Runs the anonymisation `job` every `poll` (at once again while a full batch was done) until
/// `stop` turns true. Every instance may run it: each account is anonymised in a transaction
/// that locks it and checks it is still due, so two instances never erase one twice.
pub async fn run_anonymizer(
    job: Arc<AnonymizationJob>,
    poll: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut failures = FailureLog::new("anonymising deleted accounts");
    while !*stop.borrow() {
        let anonymized = failures.outcome(job.run_once().await).unwrap_or(0);
        if anonymized >= ANONYMIZE_BATCH {
            continue;
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Keeps the metrics current until `stop` turns true: every `every` the recorded latencies are
/// folded into their buckets (the recorder holds them until then), and every third time the
/// outbox's depth per channel is read from the store.
pub async fn run_metrics_upkeep(
    outbox: Arc<dyn OutboxRepository>,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut ticks: u64 = 0;
    let mut failures = FailureLog::new("reading the outbox depth");
    while !*stop.borrow() {
        crate::metrics::upkeep();
        if ticks.is_multiple_of(3)
            && let Some(depth) = failures.outcome(outbox.depth().await)
        {
            crate::metrics::record_outbox_depth(&depth);
        }
        ticks += 1;
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Runs the purge `job` every `poll` (at once again while a kind had a full batch) until `stop`
/// turns true. Every instance may run it: it deletes only rows no request can use any more.
pub async fn run_purger(job: Arc<PurgeJob>, poll: Duration, mut stop: watch::Receiver<bool>) {
    let mut failures = FailureLog::new("purging ended records");
    while !*stop.borrow() {
        let backlog = failures
            .outcome(job.run_once().await)
            .is_some_and(|report| report.has_backlog());
        if backlog {
            continue;
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = stop.changed() => {}
        }
    }
}
