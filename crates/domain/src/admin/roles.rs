use super::errors::SetAccountRolesError;
use super::rules::leaves_an_admin;
use super::service::{AdminService, require};
use crate::accounts::{Account, AccountId};
use crate::audit::{AuditAction, AuditOrigin};
use crate::auth::{ClientInfo, Principal};
use crate::security_events::{self, SecurityEvent};
use crate::store::{StoreTransaction, transact};
use crate::values::{Role, Roles};

impl AdminService {
    /// Replaces the roles of account `id`, as ADMIN ([`change_roles`]).
    pub async fn set_roles(
        &self,
        caller: &Principal,
        client: &ClientInfo,
        id: AccountId,
        roles: Roles,
    ) -> Result<Account, SetAccountRolesError> {
        require(caller, &[Role::Admin], "set_roles")
            .map_err(|()| SetAccountRolesError::Forbidden)?;
        let origin = AuditOrigin::caller(caller, client);
        let now = self.clock.now();
        let updated = transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move { change_roles(tx, id, &roles, &origin, now).await })
        })
        .await?;
        security_events::record(&SecurityEvent::RolesChanged {
            account: updated.id,
            by: Some(caller.account_id),
            roles: &updated.roles.to_csv(),
        });
        Ok(updated)
    }
}

/// Replaces the roles of the live account `id` with `roles` in the caller's transaction and
/// records it in the audit log (the new roles as detail), unless they are the same already.
/// Every account keeps USER; the last ADMIN who can sign in keeps ADMIN (the ADMIN accounts are
/// locked first, so two demotions cannot each leave the other as the last).
pub async fn change_roles(
    tx: &mut dyn StoreTransaction,
    id: AccountId,
    roles: &Roles,
    origin: &AuditOrigin,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Account, SetAccountRolesError> {
    if !roles.contains(Role::User) {
        return Err(SetAccountRolesError::MissingUserRole);
    }
    let admins = tx.lock_admins().await?;
    let account = tx
        .lock_account(id)
        .await?
        .ok_or(SetAccountRolesError::NotFound)?;
    if account.is_deleted() {
        return Err(SetAccountRolesError::Deleted);
    }
    if account.roles == *roles {
        return Ok(account);
    }
    if account.roles.contains(Role::Admin)
        && !leaves_an_admin(&admins, id, roles.contains(Role::Admin))
    {
        return Err(SetAccountRolesError::LastAdmin);
    }
    if !tx.set_account_roles(id, roles, now).await? {
        return Err(SetAccountRolesError::Deleted);
    }
    let detail = Some(roles.to_csv());
    tx.append_audit(&origin.entry(AuditAction::RolesChanged, id, detail, now))
        .await?;
    Ok(Account {
        roles: roles.clone(),
        updated_at: now,
        ..account
    })
}
