//! `VerificationCodeRepository`: issuing (cooldown, supersession, the queued message),
//! checking (attempts, expiry, consumption) and the effects an accepted code applies.

mod checking;
mod effects;
mod issuing;

pub use checking::*;
pub use effects::*;
pub use issuing::*;

use account_domain::accounts::AccountId;
use account_domain::store::Repositories;
use account_domain::verification::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome};
use chrono::{DateTime, Duration, Utc};

use super::fixtures::new_code;

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
            None,
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
    repos
        .codes
        .attempt(purpose, target, digest, effect, at)
        .await
        .expect("attempt")
}
