use super::errors::BanError;
use super::rules::leaves_an_admin;
use super::service::{AdminService, require};
use crate::accounts::{Account, AccountId};
use crate::audit::{AuditAction, AuditOrigin};
use crate::auth::{ClientInfo, Principal, SessionEnding, end_sessions};
use crate::store::transact;
use crate::values::Role;

impl AdminService {
    /// Bans account `id`, as ADMIN: it can no longer sign in or use its tokens, every session
    /// ends (and with them its push tokens), and the audit log records it, all in one
    /// transaction. An ADMIN cannot ban their own account, nor the last ADMIN who can sign in.
    /// Banning a banned account changes nothing.
    pub async fn ban(
        &self,
        caller: &Principal,
        client: &ClientInfo,
        id: AccountId,
    ) -> Result<Account, BanError> {
        require(caller, &[Role::Admin], "ban").map_err(|()| BanError::Forbidden)?;
        if id == caller.account_id {
            return Err(BanError::OwnAccount);
        }
        let origin = AuditOrigin::caller(caller, client);
        let now = self.clock.now();
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                let admins = tx.lock_admins().await?;
                let account = tx.lock_account(id).await?.ok_or(BanError::NotFound)?;
                if account.is_deleted() {
                    return Err(BanError::Deleted);
                }
                if account.is_banned() {
                    return Ok(account);
                }
                if account.roles.contains(Role::Admin) && !leaves_an_admin(&admins, id, false) {
                    return Err(BanError::LastAdmin);
                }
                if !tx.set_account_ban(id, true, now).await? {
                    return Err(BanError::Deleted);
                }
                end_sessions(tx, id, SessionEnding::AllBut(None), now).await?;
                tx.append_audit(&origin.entry(AuditAction::Banned, id, None, now))
                    .await?;
                Ok(Account {
                    banned_at: Some(now),
                    tokens_valid_after: now,
                    updated_at: now,
                    ..account
                })
            })
        })
        .await
    }

    /// Lifts the ban of account `id`, as ADMIN, and records it in the audit log; the account
    /// signs in again (its old sessions stay ended). Lifting no ban changes nothing.
    pub async fn unban(
        &self,
        caller: &Principal,
        client: &ClientInfo,
        id: AccountId,
    ) -> Result<Account, BanError> {
        require(caller, &[Role::Admin], "unban").map_err(|()| BanError::Forbidden)?;
        let origin = AuditOrigin::caller(caller, client);
        let now = self.clock.now();
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                let account = tx.lock_account(id).await?.ok_or(BanError::NotFound)?;
                if account.is_deleted() {
                    return Err(BanError::Deleted);
                }
                if !account.is_banned() {
                    return Ok(account);
                }
                if !tx.set_account_ban(id, false, now).await? {
                    return Err(BanError::Deleted);
                }
                tx.append_audit(&origin.entry(AuditAction::Unbanned, id, None, now))
                    .await?;
                Ok(Account {
                    banned_at: None,
                    updated_at: now,
                    ..account
                })
            })
        })
        .await
    }
}
