use std::sync::Arc;

use super::model::Account;
use super::ports::AccountRepository;
use super::role_ports::AccountRoleRepository;
use crate::UnexpectedError;
use crate::auth::Principal;
use crate::clock::Clock;
use crate::security_events::{self, SecurityEvent};
use crate::values::{Email, Role, Roles};

#[derive(Debug, thiserror::Error)]
pub enum SetRolesError {
    #[error("account not found")]
    AccountNotFound,
    /// Only ADMIN changes roles.
    #[error("not allowed to change roles")]
    Forbidden,
    /// An account keeps USER: every account is a user first.
    #[error("roles must include USER")]
    MissingUserRole,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Grants and withdraws roles: by an ADMIN over HTTP, or by the operator at the console
/// (`account-service set-roles`), which is how the first ADMIN or SERVER account comes to be.
pub struct RoleService {
    accounts: Arc<dyn AccountRepository>,
    roles: Arc<dyn AccountRoleRepository>,
    clock: Arc<dyn Clock>,
}

impl RoleService {
    pub fn new(
        accounts: Arc<dyn AccountRepository>,
        roles: Arc<dyn AccountRoleRepository>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            accounts,
            roles,
            clock,
        }
    }

    /// Sets the roles of the account holding `email`, as ADMIN `actor`, or as the operator when
    /// `actor` is `None`. A refusal for want of ADMIN (`role_denied`) and the change
    /// (`roles_changed`) are security events.
    pub async fn set_roles(
        &self,
        actor: Option<&Principal>,
        email: &Email,
        roles: Roles,
    ) -> Result<Account, SetRolesError> {
        if let Some(actor) = actor
            && !actor.roles.contains(Role::Admin)
        {
            security_events::record(&SecurityEvent::RoleDenied {
                account: actor.account_id,
                session: Some(actor.session_id),
                action: "set_roles",
                required: "ADMIN",
            });
            return Err(SetRolesError::Forbidden);
        }
        if !roles.contains(Role::User) {
            return Err(SetRolesError::MissingUserRole);
        }
        let account = self
            .accounts
            .find_by_email(email)
            .await?
            .ok_or(SetRolesError::AccountNotFound)?;
        let updated = self
            .roles
            .set_roles(account.id, &roles, self.clock.now())
            .await?
            .ok_or(SetRolesError::AccountNotFound)?;
        security_events::record(&SecurityEvent::RolesChanged {
            account: updated.id,
            by: actor.map(|p| p.account_id),
            roles: &updated.roles.to_csv(),
        });
        Ok(updated)
    }
}

#[cfg(test)]
#[path = "roles_tests.rs"]
mod tests;
