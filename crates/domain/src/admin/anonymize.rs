use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::ports::AccountDirectory;
use super::rules::RetentionPolicy;
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::audit::{AuditAction, AuditOrigin};
use crate::clock::Clock;
use crate::store::{UnitOfWork, transact};
use crate::values::Email;

/// Accounts anonymised per run at most; the worker runs again soon while a backlog remains.
pub const ANONYMIZE_BATCH: u32 = 100;

/// The address an anonymised account keeps: unique per account, in the reserved `.invalid`
/// domain, so that nothing can ever be sent to it and the real address is free.
pub fn anonymized_email(id: AccountId) -> Email {
    Email::parse(&format!("deleted-{}@anonymized.invalid", id.0))
        .unwrap_or_else(|_| unreachable!("a digit string before a fixed domain is an email"))
}

/// The background job that ends the retention of deleted accounts: their personal fields are
/// erased ([`StoreTransaction::anonymize_account`], and the names and birth dates of their
/// child users), keeping the id, roles and times the audit log refers to; each account in its
/// own transaction with an `anonymized` audit entry by the service itself.
///
/// [`StoreTransaction::anonymize_account`]: crate::store::StoreTransaction::anonymize_account
pub struct AnonymizationJob {
    directory: Arc<dyn AccountDirectory>,
    unit_of_work: Arc<dyn UnitOfWork>,
    clock: Arc<dyn Clock>,
    retention: RetentionPolicy,
}

impl AnonymizationJob {
    pub fn new(
        directory: Arc<dyn AccountDirectory>,
        unit_of_work: Arc<dyn UnitOfWork>,
        clock: Arc<dyn Clock>,
        retention: RetentionPolicy,
    ) -> Self {
        Self {
            directory,
            unit_of_work,
            clock,
            retention,
        }
    }

    /// Anonymises up to [`ANONYMIZE_BATCH`] accounts whose retention is over; returns how many.
    pub async fn run_once(&self) -> Result<u32, UnexpectedError> {
        let now = self.clock.now();
        let due = self
            .directory
            .awaiting_anonymisation(self.retention.deleted_before(now), ANONYMIZE_BATCH)
            .await?;
        let mut anonymized = 0;
        for id in due {
            if self.anonymize(id, now).await? {
                anonymized += 1;
            }
        }
        if anonymized > 0 {
            tracing::info!(anonymized, "retention: deleted accounts anonymised");
        }
        Ok(anonymized)
    }

    /// Anonymises account `id` if it is still due (a restore may have come first).
    async fn anonymize(&self, id: AccountId, now: DateTime<Utc>) -> Result<bool, UnexpectedError> {
        let retention = self.retention;
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                let Some(account) = tx.lock_account(id).await? else {
                    return Ok(false);
                };
                if !retention.due_for_anonymisation(&account, now) {
                    return Ok(false);
                }
                if !tx.anonymize_account(id, &anonymized_email(id), now).await? {
                    return Ok(false);
                }
                tx.anonymize_children(id, now).await?;
                let origin = AuditOrigin::service("retention");
                tx.append_audit(&origin.entry(AuditAction::Anonymized, id, None, now))
                    .await?;
                Ok(true)
            })
        })
        .await
    }
}
