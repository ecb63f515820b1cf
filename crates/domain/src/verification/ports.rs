use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use super::model::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome, NewVerificationCode};
use crate::UnexpectedError;
use crate::outbox::OutgoingMessage;

#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait VerificationCodeRepository: Send + Sync {
    /// In one transaction: if the newest code for (purpose, target) was created less than
    /// `cooldown` before `code.created_at`, returns `CoolingDown` and changes nothing;
    /// otherwise supersedes earlier codes for (purpose, target), stores this one, and adds
    /// `message` (if any) to the outbox.
    async fn issue(
        &self,
        code: &NewVerificationCode,
        cooldown: Duration,
        message: Option<OutgoingMessage>,
    ) -> Result<IssueOutcome, UnexpectedError>;

    /// Checks `code_digest` against the current code for (purpose, target), atomically, so that
    /// concurrent wrong guesses each use one attempt:
    /// none → `NotFound`; expired → `Expired`; no attempts left → `Exhausted`; digest differs
    /// → one attempt used, `Mismatch`; digest matches → the code is consumed and `effect` is
    /// applied to its account in the same transaction, `Accepted` (or `PhoneTaken`, with
    /// nothing changed, when the new phone belongs to another live account).
    async fn attempt(
        &self,
        purpose: CodePurpose,
        target: &str,
        code_digest: &str,
        effect: &CodeEffect,
        now: DateTime<Utc>,
    ) -> Result<AttemptOutcome, UnexpectedError>;
}
