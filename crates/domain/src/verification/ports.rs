use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use super::model::{IssueOutcome, NewVerificationCode};
use crate::UnexpectedError;
use crate::outbox::QueuedMessage;

#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait VerificationCodeRepository: Send + Sync {
    /// In one transaction: if the newest code for (purpose, target) was created less than
    /// `cooldown` before `code.created_at`, returns `CoolingDown` and changes nothing;
    /// otherwise supersedes earlier codes for (purpose, target), stores this one, and adds
    /// `message` to the outbox (a suppressed one too, exactly as a sent one: the same
    /// statements either way).
    async fn issue(
        &self,
        code: &NewVerificationCode,
        cooldown: Duration,
        message: QueuedMessage,
    ) -> Result<IssueOutcome, UnexpectedError>;

    /// Deletes up to `limit` codes (of every purpose, used or not) that expired before
    /// `before`, and returns how many.
    async fn purge_expired(
        &self,
        before: DateTime<Utc>,
        limit: u32,
    ) -> Result<u64, UnexpectedError>;
}
