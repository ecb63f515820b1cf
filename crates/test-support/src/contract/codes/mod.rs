//! `VerificationCodeRepository`: issuing (cooldown, supersession, the queued message),
//! checking (attempts, expiry, consumption) and the effects an accepted code applies.

mod checking;
mod effects;
mod issuing;

pub use checking::*;
pub use effects::*;
pub use issuing::*;

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::store::{Repositories, transact};
use account_domain::verification::{
    AttemptOutcome, CodeEffect, CodePurpose, CodeRefusal, IssueOutcome, attempt_code,
};
use chrono::{DateTime, Duration, Utc};

use super::fixtures::{new_code, suppressed_code_email};

const COOLDOWN: Duration = Duration::seconds(60);
const EMAIL: CodePurpose = CodePurpose::EmailVerification;

async fn issue(
    repos: &Repositories,
    purpose: CodePurpose,
    target: &str,
    account: Option<AccountId>,
    digest: &str,
    at: DateTime<Utc>,
) -> IssueOutcome {
    repos
        .codes
        .issue(
            &new_code(purpose, target, account, digest, at),
            COOLDOWN,
            suppressed_code_email(target),
        )
        .await
        .expect("issue")
}

async fn attempt(
    repos: &Repositories,
    purpose: CodePurpose,
    target: &str,
    digest: &str,
    effect: &CodeEffect,
    at: DateTime<Utc>,
) -> AttemptOutcome {
    attempted(repos, purpose, target, digest, effect, at)
        .await
        .expect("attempt")
}

/// Presents a code as the domain does (`verification::attempt_code`, in one unit of work); a
/// refusal for a taken phone number rolls it back and reads as `PhoneTaken`.
async fn attempted(
    repos: &Repositories,
    purpose: CodePurpose,
    target: &str,
    digest: &str,
    effect: &CodeEffect,
    at: DateTime<Utc>,
) -> Result<AttemptOutcome, UnexpectedError> {
    let (target, digest, effect) = (target.to_owned(), digest.to_owned(), effect.clone());
    let attempt = transact(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { attempt_code(tx, purpose, &target, &digest, &effect, at).await })
    });
    match attempt.await {
        Ok(outcome) => Ok(outcome),
        Err(CodeRefusal::PhoneTaken) => Ok(AttemptOutcome::PhoneTaken),
        Err(CodeRefusal::Unexpected(err)) => Err(err),
    }
}
