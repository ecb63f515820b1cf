use super::errors::RestoreError;
use super::model::Undelete;
use super::service::{AdminService, require};
use crate::accounts::{Account, AccountId};
use crate::audit::{AuditAction, AuditOrigin};
use crate::auth::{ClientInfo, Principal};
use crate::store::transact;
use crate::values::Role;

impl AdminService {
    /// Restores the deleted account `id`, as ADMIN, within the retention period: it is live
    /// again (its email, login id and phone back, unless a live account took one meanwhile),
    /// and the audit log records it. Its sessions stay ended and its child users deleted (their
    /// devices may have a new owner); a ban stays as it was.
    pub async fn restore(
        &self,
        caller: &Principal,
        client: &ClientInfo,
        id: AccountId,
    ) -> Result<Account, RestoreError> {
        require(caller, &[Role::Admin], "restore").map_err(|()| RestoreError::Forbidden)?;
        let origin = AuditOrigin::caller(caller, client);
        let now = self.clock.now();
        let retention = self.retention;
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                let account = tx.lock_account(id).await?.ok_or(RestoreError::NotFound)?;
                if !account.is_deleted() {
                    return Err(RestoreError::NotDeleted);
                }
                if !retention.may_restore(&account, now) {
                    return Err(RestoreError::RetentionOver);
                }
                match tx.undelete_account(id, now).await? {
                    Undelete::Restored => {}
                    Undelete::IdentifierTaken => return Err(RestoreError::IdentifierTaken),
                    Undelete::NotDeleted => return Err(RestoreError::NotDeleted),
                }
                tx.append_audit(&origin.entry(AuditAction::Restored, id, None, now))
                    .await?;
                Ok(Account {
                    deleted_at: None,
                    updated_at: now,
                    ..account
                })
            })
        })
        .await
    }
}
