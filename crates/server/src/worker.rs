//! The background loop that delivers outbox messages until shutdown.

use std::sync::Arc;
use std::time::Duration;

use account_domain::outbox::OutboxDispatcher;
use tokio::sync::watch;

/// Runs `dispatcher` every `poll` (sooner while there is a backlog) until `stop` turns true.
pub async fn run_outbox(
    dispatcher: Arc<OutboxDispatcher>,
    poll: Duration,
    mut stop: watch::Receiver<bool>,
) {
    while !*stop.borrow() {
        let delivered = match dispatcher.run_once().await {
            Ok(n) => n,
            Err(error) => {
                tracing::error!(?error, "outbox dispatch failed");
                0
            }
        };
        if delivered > 0 {
            continue;
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = stop.changed() => {}
        }
    }
}
