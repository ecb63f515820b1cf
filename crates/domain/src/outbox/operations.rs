//! What operators do with the outbox: see how many messages wait and how many were given up
//! per channel, read the newest dead ones (never a recipient or a parameter), and put one back
//! in the queue. ADMIN over HTTP (`/admin/outbox`), or the service's own command line
//! (`account-service outbox list|retry`): both go through [`OutboxOperations`].

use std::sync::Arc;

use super::model::{ChannelDepth, DeadMessage};
use super::ports::OutboxRepository;
use crate::UnexpectedError;
use crate::auth::Principal;
use crate::clock::Clock;
use crate::security_events::{self, SecurityEvent};
use crate::values::Role;

/// How many dead messages an overview lists, newest first.
pub const DEAD_LISTED: u32 = 50;

/// Who operates the outbox.
#[derive(Debug, Clone, Copy)]
pub enum Operator<'a> {
    /// A signed-in caller: only ADMIN may.
    Caller(&'a Principal),
    /// The service's command line, run by whoever holds the store's credentials (as
    /// `set-roles`, which makes the first ADMIN).
    CommandLine,
}

/// The state of the outbox as operators see it: nothing secret in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxOverview {
    /// Per channel that has any: waiting and dead messages, by channel name.
    pub depth: Vec<ChannelDepth>,
    /// The newest [`DEAD_LISTED`] dead messages, newest first.
    pub dead: Vec<DeadMessage>,
}

#[derive(Debug, thiserror::Error)]
pub enum OutboxOverviewError {
    /// Only ADMIN reads the outbox.
    #[error("only ADMIN operates the outbox")]
    Forbidden,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum RequeueError {
    /// Only ADMIN re-queues.
    #[error("only ADMIN operates the outbox")]
    Forbidden,
    /// No dead message has this id (unknown, sent, or still waiting).
    #[error("no dead outbox message has this id")]
    NotDead,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// The operators' use cases on the outbox.
pub struct OutboxOperations {
    outbox: Arc<dyn OutboxRepository>,
    clock: Arc<dyn Clock>,
}

impl OutboxOperations {
    pub fn new(outbox: Arc<dyn OutboxRepository>, clock: Arc<dyn Clock>) -> Self {
        Self { outbox, clock }
    }

    /// Per channel, how many messages wait and how many are dead, and the newest dead ones
    /// with their last error.
    pub async fn overview(
        &self,
        operator: Operator<'_>,
    ) -> Result<OutboxOverview, OutboxOverviewError> {
        may_operate(operator, "read_outbox").map_err(|()| OutboxOverviewError::Forbidden)?;
        Ok(OutboxOverview {
            depth: self.outbox.depth().await?,
            dead: self.outbox.dead(DEAD_LISTED).await?,
        })
    }

    /// Puts the dead message `id` back in the queue, due now, with its attempts reset. Fix
    /// the cause first; a code message older than its code's lifetime is better asked again.
    pub async fn requeue(&self, operator: Operator<'_>, id: i64) -> Result<(), RequeueError> {
        may_operate(operator, "requeue_outbox_message").map_err(|()| RequeueError::Forbidden)?;
        if !self.outbox.requeue(id, self.clock.now()).await? {
            return Err(RequeueError::NotDead);
        }
        tracing::info!(message = id, "outbox: a dead message was queued again");
        Ok(())
    }
}

/// Whether `operator` may operate the outbox: the command line, or an ADMIN; a refusal is a
/// security event (`role_denied`).
fn may_operate(operator: Operator<'_>, action: &'static str) -> Result<(), ()> {
    match operator {
        Operator::CommandLine => Ok(()),
        Operator::Caller(caller) if caller.roles.contains(Role::Admin) => Ok(()),
        Operator::Caller(caller) => {
            security_events::record(&SecurityEvent::RoleDenied {
                account: caller.account_id,
                session: Some(caller.session_id),
                action,
                required: "ADMIN",
            });
            Err(())
        }
    }
}

#[cfg(test)]
#[path = "operations_tests.rs"]
mod tests;
