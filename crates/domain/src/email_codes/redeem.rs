//! Presenting a code, inside the caller's transaction.

use chrono::{DateTime, Utc};

use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::store::StoreTransaction;
use crate::verification::{AttemptStep, CodePurpose, attempt_step};

/// What presenting a code did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redemption {
    /// The code was right and is now spent.
    Accepted {
        /// The address it was sent to (normalized).
        target: String,
        /// The account it was sent for, if the address had one then.
        account_id: Option<AccountId>,
    },
    /// Refused: `guessed` when the code was wrong or no such code was current (those count
    /// against the client); not when it was right but expired or out of attempts.
    Refused { guessed: bool },
}

/// A code presented alone (naming no address): the current account code stored under
/// `code_digest` is locked and, if it has not expired, spent.
pub async fn redeem_standalone_code(
    tx: &mut dyn StoreTransaction,
    code_digest: &str,
    now: DateTime<Utc>,
) -> Result<Redemption, UnexpectedError> {
    let Some(found) = tx
        .lock_current_code_by_digest(CodePurpose::AccountAccess, code_digest)
        .await?
    else {
        return Ok(Redemption::Refused { guessed: true });
    };
    judge(tx, found.code, found.target, code_digest, now).await
}

/// A code presented for `target` (the signed-in caller's address): its current account code
/// is locked and judged; a wrong one uses an attempt, the right one is spent.
pub async fn redeem_code_of(
    tx: &mut dyn StoreTransaction,
    target: &str,
    code_digest: &str,
    now: DateTime<Utc>,
) -> Result<Redemption, UnexpectedError> {
    let Some(code) = tx
        .lock_current_code(CodePurpose::AccountAccess, target)
        .await?
    else {
        return Ok(Redemption::Refused { guessed: true });
    };
    judge(tx, code, target.to_owned(), code_digest, now).await
}

async fn judge(
    tx: &mut dyn StoreTransaction,
    code: crate::verification::StoredCode,
    target: String,
    code_digest: &str,
    now: DateTime<Utc>,
) -> Result<Redemption, UnexpectedError> {
    match attempt_step(&code.current, code_digest, now) {
        AttemptStep::Expired | AttemptStep::Exhausted => Ok(Redemption::Refused { guessed: false }),
        AttemptStep::Mismatch { .. } => {
            tx.use_code_attempt(code.id).await?;
            Ok(Redemption::Refused { guessed: true })
        }
        AttemptStep::Accept => {
            tx.consume_code(code.id, now).await?;
            Ok(Redemption::Accepted {
                target,
                account_id: code.account_id,
            })
        }
    }
}
