//! Deleting one's account, confirmed by an emailed code.

use chrono::{DateTime, Utc};

use super::redeem::{Redemption, redeem_code_of};
use super::service::EmailCodeService;
use crate::UnexpectedError;
use crate::accounts::withdrawal;
use crate::auth::{ClientInfo, Principal};
use crate::security_events::{self, SecurityEvent, notice_channels};
use crate::store::transact;

#[derive(Debug, thiserror::Error)]
pub enum DeleteWithCodeError {
    /// Not the current code of the caller's address, or it expired or ran out of attempts.
    #[error("invalid or expired code")]
    InvalidCode,
    /// The account was deleted meanwhile.
    #[error("account is deleted")]
    AccountNotFound,
    #[error("too many wrong codes")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// What the unit of work of a deletion did.
enum Deletion {
    Done,
    Refused { guessed: bool },
    Gone,
}

impl EmailCodeService {
    /// Withdraws the caller's account ([`withdrawal`]: soft delete, sessions ended, child users
    /// deleted, a notice emailed) when `code` is the current code of its address, spending
    /// the code, in one transaction. A wrong code uses one of the code's attempts and counts
    /// against the client's IP. The user cannot undo it; an ADMIN can restore the account
    /// within the retention period.
    pub async fn delete_account(
        &self,
        caller: &Principal,
        code: &str,
        client: &ClientInfo,
    ) -> Result<(), DeleteWithCodeError> {
        let now = self.ports.clock.now();
        let budget = self.check_budget(client);
        if let Some(retry_at) = self.reserve_check(&budget, now).await? {
            return Err(DeleteWithCodeError::Throttled { retry_at });
        }
        let digest = self.digest_of(code);
        let target = caller.account.email.normalized();
        let id = caller.account_id;
        let deletion = transact(&*self.ports.unit_of_work, move |tx| {
            Box::pin(async move {
                let deletion = match redeem_code_of(tx, &target, &digest, now).await? {
                    Redemption::Refused { guessed } => Deletion::Refused { guessed },
                    Redemption::Accepted { .. } => {
                        if withdrawal(tx, id, now).await? {
                            Deletion::Done
                        } else {
                            Deletion::Gone
                        }
                    }
                };
                Ok::<_, UnexpectedError>(deletion)
            })
        })
        .await?;
        let guessed = matches!(deletion, Deletion::Refused { guessed: true });
        self.settle_check(&budget, guessed, now).await?;
        match deletion {
            Deletion::Done => {
                security_events::record(&SecurityEvent::AccountWithdrawn {
                    account: id,
                    notices: notice_channels(true, false),
                });
                Ok(())
            }
            Deletion::Refused { .. } => Err(DeleteWithCodeError::InvalidCode),
            Deletion::Gone => Err(DeleteWithCodeError::AccountNotFound),
        }
    }
}
